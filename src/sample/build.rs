//! Audits assembled from parts: a target, sources, links.

use crate::model::{
    AnchorKind, AnchorProfile, AnchorShare, AuditReport, DomainCount, Flag, Link, LinkType, Placement,
    SourceRecord, SourceStatus, Summary, TargetInfo, Tool, SCHEMA_VERSION,
};

pub(crate) fn target(input: &str, host: &str, path_prefix: &str) -> TargetInfo {
    TargetInfo {
        input: input.into(),
        host: host.into(),
        path_prefix: path_prefix.into(),
    }
}

/// A dofollow content link from `source` to `target` with `anchor`.
pub(crate) fn link(source: &str, target: &str, anchor: &str) -> Link {
    let host = source
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_string();
    Link {
        source_url: source.into(),
        source_host: host.clone(),
        source_domain: host,
        target_url: target.into(),
        anchor_text: anchor.into(),
        anchor_kind: AnchorKind::Other,
        rel: Vec::new(),
        link_type: LinkType::Dofollow,
        passes_equity: true,
        placement: Placement::Content,
        hidden: false,
        flags: Vec::new(),
        toxicity: 0,
        toxic: false,
        weak: false,
        target_status: None,
        target_final_url: None,
        target_http_status: None,
        rendered_only: false,
    }
}

/// A source with `status`, as fetched (`ok`/`no-link`) or failed.
pub(crate) fn source(url: &str, status: SourceStatus, links: usize) -> SourceRecord {
    let mut record = SourceRecord::unfetched(url.into(), url.into(), status, None);
    record.links = links;
    if status == SourceStatus::HttpError {
        record.http_status = Some(503);
        record.error = Some("HTTP 503 Service Unavailable".into());
    }
    if matches!(status, SourceStatus::Ok | SourceStatus::NoLink) {
        record.final_url = Some(url.into());
        record.http_status = Some(200);
        record.ip = Some("127.0.0.1".into());
    }
    record
}

/// A finished audit of `example.com` with these sources and links.
pub(crate) fn report(sources: Vec<SourceRecord>, links: Vec<Link>) -> AuditReport {
    AuditReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        target: target("example.com", "example.com", "/"),
        started_at: "2025-01-02T03:04:05Z".into(),
        finished_at: "2025-01-02T03:04:09Z".into(),
        partial: false,
        summary: Summary::default(),
        sources,
        links,
    }
}

/// An audit with everything that could get lost on the way through SQLite:
/// awkward floats, unicode and quotes, empty and null fields, every status.
pub(crate) fn rich_report() -> AuditReport {
    let mut sources = vec![
        source("https://blog.example.org/post", SourceStatus::Ok, 2),
        source("https://forum.example.net/t/1", SourceStatus::Ok, 1),
        source("https://gone.example.org/", SourceStatus::HttpError, 0),
        source("https://quiet.example.org/", SourceStatus::NoLink, 0),
        source("not a url", SourceStatus::Invalid, 0),
    ];
    sources[0].title = Some("Ünïcödé “quotes” \\ and \u{1F600}".into());
    sources[0].redirects = vec!["http://blog.example.org/post".into()];
    sources[1].page_nofollow = true;
    sources[1].truncated = true;
    sources[4].input = "list.txt:3: not a url".into();
    let mut first = link(
        "https://blog.example.org/post",
        "https://example.com/",
        "Bücher & “Tools” 😀",
    );
    first.rel = vec!["noopener".into(), "nofollow".into()];
    first.link_type = LinkType::Nofollow;
    first.passes_equity = false;
    let mut second = link(
        "https://blog.example.org/post",
        "https://example.com/shop?a=1&b=2",
        "",
    );
    second.anchor_kind = AnchorKind::Empty;
    second.flags = vec![Flag::EmptyAnchor, Flag::HiddenLink];
    second.hidden = true;
    second.toxicity = 53;
    second.toxic = true;
    let mut third = link("https://forum.example.net/t/1", "https://example.com/", "example");
    third.placement = Placement::Footer;
    third.anchor_kind = AnchorKind::Branded;
    let links = vec![first, second, third];
    let mut report = report(sources, links);
    report.target = target("https://www.Example.com", "example.com", "/");
    report.summary = Summary {
        backlinks: 3,
        referring_pages: 2,
        referring_domains: 2,
        passes_equity: 2,
        toxic: 1,
        anchors: AnchorProfile {
            unique: 3,
            diversity: Some(1.0),
            exact_share: 0.6667,
            keywords_given: true,
            over_optimized: true,
            top: vec![AnchorShare {
                text: "bücher & “tools” 😀".into(),
                count: 1,
                share: 0.3333,
            }],
            ..AnchorProfile::default()
        },
        top_domains: vec![DomainCount {
            domain: "example.org".into(),
            links: 2,
        }],
        ..Summary::default()
    };
    report.summary.sources.total = 5;
    report.summary.anchors.kinds.empty = 1;
    report
}
