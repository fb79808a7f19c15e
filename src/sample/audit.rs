//! The sample audit for the writers' exact-output tests: one source with
//! two backlinks, one without a link, one that answered 404.

use crate::model::*;

/// A branded dofollow content link from the blog post to the target's home.
pub(crate) fn link(anchor_text: &str) -> Link {
    Link {
        source_domain: "example.org".to_string(),
        anchor_kind: AnchorKind::Branded,
        ..super::build::link(
            "https://blog.example.org/post/1",
            "https://example.com/",
            anchor_text,
        )
    }
}

/// The results in input order, as the fetchers would send them.
pub(crate) fn results() -> Vec<SourceResult> {
    let ok = SourceRecord {
        url: "https://blog.example.org/post/1".to_string(),
        input: "sources.txt:1".to_string(),
        final_url: Some("https://blog.example.org/post/1".to_string()),
        status: SourceStatus::Ok,
        http_status: Some(200),
        error: None,
        redirects: Vec::new(),
        truncated: false,
        page_nofollow: false,
        page_noindex: false,
        title: Some("Garden, tools & \"more\"".to_string()),
        ip: Some("127.0.0.1".to_string()),
        links: 2,
        rendered: false,
        render_note: None,
    };
    let toxic = Link {
        target_url: "https://example.com/shop?a=1|2".to_string(),
        anchor_kind: AnchorKind::Exact,
        rel: vec!["nofollow".to_string(), "noopener".to_string()],
        link_type: LinkType::Nofollow,
        passes_equity: false,
        placement: Placement::Footer,
        hidden: true,
        flags: vec![Flag::HiddenLink, Flag::ExactMatchAnchor],
        toxicity: 60,
        toxic: true,
        weak: false,
        target_status: None,
        target_final_url: None,
        target_http_status: None,
        ..link("=best garden tools")
    };
    let no_link = SourceRecord {
        http_status: Some(200),
        final_url: Some("https://news.example.net/a".to_string()),
        ip: Some("127.0.0.2".to_string()),
        ..SourceRecord::unfetched(
            "https://news.example.net/a".to_string(),
            "sources.txt:2".to_string(),
            SourceStatus::NoLink,
            None,
        )
    };
    let gone = SourceRecord {
        http_status: Some(404),
        final_url: Some("https://gone.test.org/x".to_string()),
        redirects: vec!["http://gone.test.org/x".to_string()],
        ..SourceRecord::unfetched(
            "https://gone.test.org/x".to_string(),
            "sources.txt:3".to_string(),
            SourceStatus::HttpError,
            Some("HTTP 404 Not Found".to_string()),
        )
    };
    vec![
        SourceResult {
            index: 0,
            source: ok,
            links: vec![link("Example"), toxic],
        },
        SourceResult {
            index: 1,
            source: no_link,
            links: Vec::new(),
        },
        SourceResult {
            index: 2,
            source: gone,
            links: Vec::new(),
        },
    ]
}

/// The finished audit of `results`, with sources and links filled in.
pub(crate) fn report(results: &[SourceResult]) -> AuditReport {
    AuditReport {
        sources: results.iter().map(|r| r.source.clone()).collect(),
        links: results.iter().flat_map(|r| r.links.clone()).collect(),
        ..empty_report()
    }
}

/// The summary of `results()`, without sources and links (as JSON Lines gets it).
pub(crate) fn empty_report() -> AuditReport {
    AuditReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "backlinks".to_string(),
            version: "0.1.0".to_string(),
        },
        target: TargetInfo {
            input: "example.com".to_string(),
            host: "example.com".to_string(),
            path_prefix: "/".to_string(),
        },
        started_at: "2025-01-02T03:04:05Z".to_string(),
        finished_at: "2025-01-02T03:04:09Z".to_string(),
        partial: false,
        summary: Summary {
            sources: SourceCounts {
                total: 3,
                by_status: StatusCounts {
                    ok: 1,
                    no_link: 1,
                    http_error: 1,
                    ..Default::default()
                },
            },
            backlinks: 2,
            referring_pages: 1,
            referring_domains: 1,
            link_types: LinkTypeCounts {
                dofollow: 1,
                nofollow: 1,
                ..Default::default()
            },
            passes_equity: 1,
            toxic: 1,
            weak: 0,
            risk: Risk::High,
            anchors: AnchorProfile {
                unique: 2,
                diversity: Some(1.0),
                exact_share: 0.5,
                keywords_given: true,
                over_optimized: true,
                kinds: KindCounts {
                    branded: 1,
                    exact: 1,
                    ..Default::default()
                },
                top: vec![
                    AnchorShare {
                        text: "=best garden tools".to_string(),
                        count: 1,
                        share: 0.5,
                    },
                    AnchorShare {
                        text: "example".to_string(),
                        count: 1,
                        share: 0.5,
                    },
                ],
            },
            top_domains: vec![DomainCount {
                domain: "example.org".to_string(),
                links: 2,
            }],
            broken_targets: None,
        },
        sources: Vec::new(),
        links: Vec::new(),
    }
}

/// An audit where no source links to the target.
pub(crate) fn report_without_links() -> AuditReport {
    let mut results = results();
    results.remove(0);
    let mut report = report(&results);
    report.summary = Summary {
        sources: SourceCounts {
            total: 2,
            by_status: StatusCounts {
                no_link: 1,
                http_error: 1,
                ..Default::default()
            },
        },
        anchors: AnchorProfile {
            diversity: None,
            ..Default::default()
        },
        ..Default::default()
    };
    report
}
