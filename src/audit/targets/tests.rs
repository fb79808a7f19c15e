use super::*;
use crate::fetch::Failure;
use crate::sample::audit::link;

fn fetched(http_status: Option<u16>, redirects: &[&str], failure: Option<SourceStatus>) -> Fetched {
    Fetched {
        final_url: Some(Url::parse("https://example.com/end").unwrap()),
        http_status,
        redirects: redirects.iter().map(|r| r.to_string()).collect(),
        ip: None,
        truncated: false,
        googlebot_blocked: false,
        outcome: Err(Failure {
            status: failure.unwrap_or(SourceStatus::NotHtml),
            error: String::new(),
            cause: None,
        }),
    }
}

#[test]
fn answers_are_judged_by_their_final_status() {
    let start = ["https://example.com/start"];
    let judged = |f: Fetched| {
        let c = judge(&f);
        (c.status, c.final_url, c.http_status)
    };
    assert_eq!(
        judged(fetched(Some(200), &[], None)),
        (TargetStatus::Ok, None, Some(200))
    );
    assert_eq!(
        judged(fetched(Some(200), &start, None)),
        (
            TargetStatus::Redirect,
            Some("https://example.com/end".into()),
            Some(200)
        )
    );
    assert_eq!(
        judged(fetched(Some(404), &start, Some(SourceStatus::HttpError))),
        (
            TargetStatus::Broken,
            Some("https://example.com/end".into()),
            Some(404)
        )
    );
    assert_eq!(judged(fetched(Some(410), &[], None)).0, TargetStatus::Broken);
    assert_eq!(judged(fetched(Some(500), &[], None)).0, TargetStatus::Broken);
    assert_eq!(
        judged(fetched(None, &[], Some(SourceStatus::Unreachable))),
        (TargetStatus::Unreachable, None, None)
    );
    assert_eq!(
        judged(fetched(None, &[], Some(SourceStatus::RobotsBlocked))).0,
        TargetStatus::Unreachable,
        "a page robots.txt keeps us from is not judged"
    );
    assert_eq!(
        judged(fetched(Some(301), &start, Some(SourceStatus::Unreachable))).0,
        TargetStatus::Unreachable,
        "a redirect that cannot be followed leaves the page unjudged"
    );
}

fn pointing(source_domain: &str, target_url: &str, status: TargetStatus) -> Link {
    let mut l = link("x");
    l.source_domain = source_domain.into();
    l.target_url = target_url.into();
    l.set_target_check(&TargetCheck {
        status,
        final_url: None,
        http_status: Some(404),
    });
    l
}

#[test]
fn broken_pages_are_ranked_by_domains_then_links_then_url() {
    let links = [
        pointing("a.test", "https://example.com/few", TargetStatus::Broken),
        pointing("a.test", "https://example.com/many-links", TargetStatus::Broken),
        pointing("a.test", "https://example.com/many-links", TargetStatus::Broken),
        pointing("a.test", "https://example.com/b", TargetStatus::Broken),
        pointing("b.test", "https://example.com/b#part", TargetStatus::Broken),
        pointing("a.test", "https://example.com/a", TargetStatus::Broken),
        pointing("b.test", "https://example.com/a", TargetStatus::Broken),
        pointing("c.test", "https://example.com/live", TargetStatus::Ok),
    ];
    let ranked: Vec<(String, usize, usize)> = broken_targets(&links)
        .into_iter()
        .map(|b| (b.target_url, b.referring_domains, b.backlinks))
        .collect();
    assert_eq!(
        ranked,
        [
            ("https://example.com/a".to_string(), 2, 2),
            ("https://example.com/b".to_string(), 2, 2),
            ("https://example.com/many-links".to_string(), 1, 2),
            ("https://example.com/few".to_string(), 1, 1),
        ]
    );
}
