//! Link-quality analysis end to end: each flag from fixture pages that trigger
//! it and near-miss pages that do not (fixtures/analysis/), toxicity explained
//! by the flags alone, the profile-wide flags and the profile risk.

use crate::run::{fixture, Audit, Report};
use crate::server::{Page, Robots, TestServer};
use backlinks::analyze::Scoring;
use backlinks::model::Flag;
use serde_json::Value;

/// The fixtures of fixtures/analysis/ in one audit of example.com, with the
/// money keyword the anchor fixtures use.
fn audit_fixtures(names: &[&str]) -> Report {
    Audit::new("example.com")
        .sources(names.iter().map(|n| fixture(&format!("analysis/{n}"))))
        .args(["--keyword", "garden tools"])
        .json()
}

/// The one link found on the saved page `name`.
fn link_on<'r>(report: &'r Report, name: &str) -> &'r Value {
    let found: Vec<&Value> = report
        .links()
        .iter()
        .filter(|l| {
            l["source_url"]
                .as_str()
                .is_some_and(|u| u.ends_with(&format!("/{name}")))
        })
        .collect();
    assert_eq!(found.len(), 1, "links on {name}: {:#}", report.doc["links"]);
    found[0]
}

fn flags(link: &Value) -> Vec<&str> {
    link["flags"]
        .as_array()
        .expect("flags array")
        .iter()
        .map(|f| f.as_str().expect("flag word"))
        .collect()
}

/// (fixture, flag it raises). Each page is the clean editorial article with one change.
const TRIGGERS: &[(&str, &str)] = &[
    ("hidden-link.html", "hidden-link"),
    ("unmarked-sponsored.html", "unmarked-sponsored"),
    ("exact-match-anchor.html", "exact-match-anchor"),
    ("keyword-stuffed-anchor.html", "keyword-stuffed-anchor"),
    ("empty-anchor.html", "empty-anchor"),
    ("symbol-anchor.html", "symbol-anchor"),
    ("one-character-anchor.html", "one-character-anchor"),
    ("comment-or-forum.html", "comment-or-forum"),
    ("link-density.html", "link-density"),
    ("thin-content.html", "thin-content"),
    ("spam-keywords.html", "spam-keywords"),
    ("link-farm.html", "link-farm"),
    ("noindex.html", "noindex"),
    ("page-nofollow.html", "page-nofollow"),
];

/// (near-miss fixture, flag it must not raise).
const NEAR_MISSES: &[(&str, &str)] = &[
    ("near-miss-visible-link.html", "hidden-link"),
    ("near-miss-sponsored-qualified.html", "unmarked-sponsored"),
    ("near-miss-partial-anchor.html", "exact-match-anchor"),
    ("near-miss-footnote-anchor.html", "one-character-anchor"),
    ("near-miss-footnote-anchor.html", "symbol-anchor"),
    ("near-miss-ugc-comment.html", "comment-or-forum"),
    ("near-miss-link-density.html", "link-density"),
    ("near-miss-one-spam-term.html", "spam-keywords"),
    ("near-miss-resource-list.html", "link-farm"),
    ("clean-editorial.html", "thin-content"),
];

#[test]
fn a_clean_editorial_link_scores_under_20() {
    let report = audit_fixtures(&["clean-editorial.html"]);
    let link = link_on(&report, "clean-editorial.html");
    assert_eq!(link["passes_equity"], true);
    assert_eq!(link["anchor_kind"], "branded");
    assert!(link["toxicity"].as_u64().expect("toxicity") < 20, "{link:#}");
    assert_eq!(flags(link), Vec::<&str>::new(), "ideally nothing at all");
    assert_eq!(report.summary()["risk"], "low");
}

#[test]
fn each_fixture_raises_its_flag() {
    let names: Vec<&str> = TRIGGERS.iter().map(|(name, _)| *name).collect();
    let report = audit_fixtures(&names);
    for (name, flag) in TRIGGERS {
        let link = link_on(&report, name);
        assert!(flags(link).contains(flag), "{name} should raise {flag}: {link:#}");
    }
}

#[test]
fn near_misses_do_not_raise_the_flag() {
    let mut names: Vec<&str> = NEAR_MISSES.iter().map(|(name, _)| *name).collect();
    names.dedup();
    let report = audit_fixtures(&names);
    for (name, flag) in NEAR_MISSES {
        let link = link_on(&report, name);
        assert!(
            !flags(link).contains(flag),
            "{name} must not raise {flag}: {link:#}"
        );
    }
}

#[test]
fn one_flag_alone_is_not_toxic_and_an_advertorial_with_a_money_anchor_is() {
    let report = audit_fixtures(&[
        "hidden-link.html",
        "unmarked-sponsored.html",
        "toxic-advertorial.html",
    ]);
    for name in ["hidden-link.html", "unmarked-sponsored.html"] {
        let link = link_on(&report, name);
        assert_eq!(flags(link).len(), 1, "{name}: {link:#}");
        assert_eq!(link["toxic"], false, "{name}: {link:#}");
    }
    let advertorial = link_on(&report, "toxic-advertorial.html");
    assert_eq!(flags(advertorial), ["unmarked-sponsored", "exact-match-anchor"]);
    assert_eq!(advertorial["toxic"], true);
}

/// Every toxic link in a mixed set is explained by its flags alone: its
/// toxicity is the documented function of its flags' weights.
#[test]
fn every_toxic_link_in_the_mixed_set_is_explained_by_its_flags() {
    let mut names: Vec<&str> = TRIGGERS
        .iter()
        .chain(NEAR_MISSES)
        .map(|(name, _)| *name)
        .collect();
    names.extend(["clean-editorial.html", "toxic-advertorial.html"]);
    names.sort_unstable();
    names.dedup();
    let report = audit_fixtures(&names);
    let scoring = Scoring::default();
    let mut toxic = 0;
    for link in report.links() {
        let flags = flags(link);
        let toxicity = link["toxicity"].as_u64().expect("toxicity");
        let typed: Vec<Flag> = flags.iter().map(|f| f.parse().expect("a flag word")).collect();
        assert_eq!(toxicity, u64::from(scoring.toxicity(&typed)), "{link:#}");
        assert_eq!(link["toxic"], toxicity >= 50, "{link:#}");
        if link["toxic"] == true {
            toxic += 1;
            assert!(!flags.is_empty(), "{link:#}");
        }
    }
    assert!(toxic >= 2, "the set holds toxic links");
    let backlinks = report.links().len();
    let expected = if toxic * 100 < backlinks * 3 {
        "low"
    } else if toxic * 100 > backlinks * 10 {
        "high"
    } else {
        "medium"
    };
    assert_eq!(report.summary()["toxic"], toxic);
    assert_eq!(report.summary()["risk"], expected);
}

/// The clean article saved from another address: the site flags follow the
/// canonical URL the page states.
fn saved_from(audit: &Audit, canonical: &str) -> std::path::PathBuf {
    let html = std::fs::read_to_string(fixture("analysis/clean-editorial.html")).expect("fixture");
    let moved = html.replace("https://gardenjournal.org/composting-basics", canonical);
    assert_ne!(moved, html, "the fixture states its canonical URL");
    audit.file(&format!("saved-{}.html", canonical.len()), moved)
}

#[test]
fn site_flags_follow_the_address_of_the_page() {
    let cases: &[(&str, &[&str])] = &[
        ("https://gardenjournal.org/post", &[]),
        ("https://gardenbargains.xyz/post", &["suspicious-tld"]),
        ("https://203.0.113.9/post", &["ip-host"]),
        ("http://gardenjournal.org/post", &["non-https"]),
        ("https://garden247365.com/post", &["numeric-domain"]),
        (
            "https://thebestgardeningtoolsreviewsite.com/post",
            &["long-domain"],
        ),
        ("https://best-garden-tools.com/post", &["hyphenated-domain"]),
        ("https://coca-cola.com/post", &[]),
    ];
    for (canonical, expected) in cases {
        let audit = Audit::new("example.com");
        let page = saved_from(&audit, canonical);
        let report = audit.source(page).json();
        assert_eq!(flags(&report.links()[0]), *expected, "{canonical}");
    }
}

#[test]
fn suspicious_tlds_can_be_added() {
    let audit = Audit::new("example.com");
    let page = saved_from(&audit, "https://gardenshop.dev/post");
    let report = audit.source(page).args(["--suspicious-tld", ".dev"]).json();
    assert_eq!(flags(&report.links()[0]), ["suspicious-tld"]);
}

#[test]
fn toxic_links_show_their_flags_in_table_and_markdown() {
    for format in ["table", "markdown"] {
        let out = Audit::new("example.com")
            .source(fixture("analysis/toxic-advertorial.html"))
            .args(["--keyword", "garden tools", "--format", format])
            .run()
            .expect_code(0)
            .stdout_text();
        assert!(
            out.contains("unmarked-sponsored") && out.contains("exact-match-anchor"),
            "{format}:\n{out}"
        );
    }
}

/// A page served by the test server with one link to example.com.
fn page_linking(anchor: &str, placement: &str, extra_head: &str) -> Page {
    let link = format!(r#"<a href="https://example.com/">{anchor}</a>"#);
    let (content, footer) = if placement == "footer" {
        (String::new(), link)
    } else {
        (link, String::new())
    };
    Page::html(format!(
        "<!DOCTYPE html><html><head><title>Post</title>{extra_head}</head><body>\
         <article><p>A post about spades and forks. {content}</p></article>\
         <footer>{footer}</footer></body></html>"
    ))
}

#[test]
fn googlebot_blocked_when_robots_txt_shuts_out_googlebot_only() {
    let robots = "User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nAllow: /\n";
    let server = TestServer::with(
        Robots::Text(robots.into()),
        vec![("/p", page_linking("Example", "content", ""))],
    );
    let report = Audit::new("example.com").source(server.url("/p")).json();
    assert!(
        flags(&report.links()[0]).contains(&"googlebot-blocked"),
        "{:#}",
        report.doc["links"]
    );
    assert_eq!(report.links()[0]["toxic"], false);

    let other_bot = "User-agent: SomeOtherBot\nDisallow: /\n";
    let server = TestServer::with(
        Robots::Text(other_bot.into()),
        vec![("/p", page_linking("Example", "content", ""))],
    );
    let report = Audit::new("example.com").source(server.url("/p")).json();
    assert!(!flags(&report.links()[0]).contains(&"googlebot-blocked"));
}

/// The links of `pages` pages served by one server (one referring domain).
fn served(pages: Vec<(String, Page)>, args: &[&str]) -> Report {
    let paths: Vec<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    let server = TestServer::with_pages(pages.iter().map(|(p, page)| (p.as_str(), page.clone())).collect());
    Audit::new("example.com")
        .sources(paths.iter().map(|p| server.url(p)))
        .args(args)
        .json()
}

fn count_flagged(report: &Report, flag: &str) -> usize {
    report.links().iter().filter(|l| flags(l).contains(&flag)).count()
}

#[test]
fn sitewide_footer_link_on_three_pages_of_one_site() {
    let footer = |n: usize| -> Vec<(String, Page)> {
        (0..n)
            .map(|i| (format!("/post/{i}"), page_linking("Example", "footer", "")))
            .collect()
    };
    let report = served(footer(3), &[]);
    assert_eq!(count_flagged(&report, "sitewide"), 3, "{:#}", report.doc["links"]);
    let report = served(footer(2), &[]);
    assert_eq!(count_flagged(&report, "sitewide"), 0);
}

#[test]
fn frequent_anchor_at_a_quarter_of_ten_links() {
    let profile = |repeated: usize| -> Vec<(String, Page)> {
        (0..10)
            .map(|i| {
                let anchor = if i < repeated {
                    "spades that last".to_string()
                } else {
                    format!("a review number {i}")
                };
                (format!("/post/{i}"), page_linking(&anchor, "content", ""))
            })
            .collect()
    };
    let report = served(profile(3), &[]);
    assert_eq!(
        count_flagged(&report, "frequent-anchor"),
        3,
        "{:#}",
        report.doc["links"]
    );
    let report = served(profile(2), &[]);
    assert_eq!(count_flagged(&report, "frequent-anchor"), 0);
}

#[test]
fn shared_tracking_id_across_two_referring_domains_only() {
    let tag = r#"<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABCDE12345"></script>"#;
    let server = TestServer::with_pages(vec![
        ("/a", page_linking("Example", "content", tag)),
        ("/b", page_linking("Example", "content", tag)),
    ]);
    let port = server.host().rsplit(':').next().expect("port").to_string();
    // One site, two pages, one account: nothing shared.
    let one_site = Audit::new("example.com")
        .sources([server.url("/a"), server.url("/b")])
        .json();
    assert_eq!(count_flagged(&one_site, "shared-tracking-id"), 0);
    // Two names for the server are two referring domains.
    let two_sites = Audit::new("example.com")
        .sources([server.url("/a"), format!("http://localhost:{port}/b")])
        .json();
    assert_eq!(
        count_flagged(&two_sites, "shared-tracking-id"),
        2,
        "{:#}",
        two_sites.doc["links"]
    );
}

#[test]
fn configured_spam_terms_are_looked_for_on_the_page() {
    let page = fixture("analysis/clean-editorial.html");
    let plain = Audit::new("example.com").source(&page).json();
    assert!(!flags(link_on(&plain, "clean-editorial.html")).contains(&"spam-keywords"));
    // Two terms of the page's own text, declared spam for this audit.
    let report = Audit::new("example.com")
        .source(&page)
        .args(["--spam-term", "Composting", "--spam-term", "crumbly  soil"])
        .json();
    let link = link_on(&report, "clean-editorial.html");
    assert!(flags(link).contains(&"spam-keywords"), "{link:#}");
}
