//! The README's offline first run: `fixtures/demo/sources.txt` lists saved
//! pages from six sites. The audit must tell their story: every kind of link,
//! most of them clean, one toxic for the two risk flags it names, and a hidden
//! link with one risk flag shown for review but kept under the line.

use crate::run::{fixture, Audit, Report};
use serde_json::Value;

fn demo() -> Audit {
    Audit::new("example.com").sources_file(fixture("demo/sources.txt"))
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key].as_str().unwrap_or_default()
}

fn flags(link: &Value) -> Vec<&str> {
    link["flags"]
        .as_array()
        .expect("flags array")
        .iter()
        .map(|f| f.as_str().expect("flag word"))
        .collect()
}

/// The saved page a link was found on, by file name.
fn page_of(link: &Value) -> &str {
    text(link, "source_url").rsplit('/').next().unwrap_or_default()
}

/// The one link on page `page` with anchor text `anchor`.
fn link<'r>(report: &'r Report, page: &str, anchor: &str) -> &'r Value {
    let found: Vec<&Value> = report
        .links()
        .iter()
        .filter(|l| page_of(l) == page && text(l, "anchor_text") == anchor)
        .collect();
    assert_eq!(found.len(), 1, "{anchor:?} on {page}: {:#}", report.doc["links"]);
    found[0]
}

fn line_of(list: &str, needle: &str) -> usize {
    list.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle} not in the demo list"))
}

#[test]
fn every_entry_gets_its_status_offline() {
    let list_path = fixture("demo/sources.txt");
    let list = std::fs::read_to_string(&list_path).expect("demo list");
    // Run from a scratch directory: relative entries resolve against the list.
    let report = demo().json();

    let statuses: Vec<(&str, &str)> = report
        .sources()
        .iter()
        .map(|s| (text(s, "input"), text(s, "status")))
        .collect();
    let expected = [
        ("tech-blog.html", "ok"),
        ("forum-thread.html", "ok"),
        ("sponsored-review.html", "ok"),
        ("directory.html", "ok"),
        ("news-nofollow.html", "ok"),
        ("partners.html", "ok"),
        ("recipes-no-link.html", "no-link"),
        ("exa mple.com", "invalid"),
    ];
    assert_eq!(statuses.len(), expected.len(), "{statuses:#?}");
    for ((input, status), (name, want)) in statuses.iter().zip(expected) {
        assert!(input.contains(name), "{input} should be {name}");
        assert_eq!(*status, want, "{input}");
    }

    let invalid = &report.sources()[7];
    let where_ = format!("sources.txt:{}", line_of(&list, "exa mple.com"));
    let error = text(invalid, "error");
    assert!(error.contains(&where_), "{error} should name {where_}");

    for source in report.sources() {
        assert_eq!(source["ip"], Value::Null, "nothing fetched over a network");
        let nofollow = text(source, "input").contains("news-nofollow");
        assert_eq!(source["page_nofollow"], nofollow, "{source}");
    }
}

#[test]
fn saved_pages_are_known_by_the_url_they_state() {
    let report = demo().json();
    // (page, host, domain): canonical links, the news page's og:url and the
    // forum's "saved from" comment.
    let sites = [
        (
            "tech-blog.html",
            "www.weekendengineer.test",
            "weekendengineer.test",
        ),
        ("forum-thread.html", "forum.greenthumbs.test", "greenthumbs.test"),
        ("sponsored-review.html", "reviews.toolshed.test", "toolshed.test"),
        (
            "directory.html",
            "www.garden-directory.test",
            "garden-directory.test",
        ),
        (
            "news-nofollow.html",
            "news.riversidegazette.test",
            "riversidegazette.test",
        ),
        ("partners.html", "www.growers-guild.test", "growers-guild.test"),
    ];
    for link in report.links() {
        let (_, host, domain) = sites
            .iter()
            .find(|(page, _, _)| *page == page_of(link))
            .unwrap_or_else(|| panic!("a link from an unexpected page: {link}"));
        assert_eq!(text(link, "source_host"), *host, "{link}");
        assert_eq!(text(link, "source_domain"), *domain, "{link}");
    }

    let summary = report.summary();
    assert_eq!(summary["backlinks"], 16, "{summary}");
    assert_eq!(summary["referring_pages"], 6, "{summary}");
    assert_eq!(summary["referring_domains"], 6, "{summary}");
    let domains: Vec<&str> = summary["top_domains"]
        .as_array()
        .expect("top_domains array")
        .iter()
        .map(|d| text(d, "domain"))
        .collect();
    assert_eq!(domains.len(), 6, "{domains:?}");
    assert!(domains.iter().all(|d| d.ends_with(".test")), "{domains:?}");
}

#[test]
fn the_demo_shows_every_kind_of_link() {
    let report = demo().json();
    let summary = report.summary();
    let types = &summary["link_types"];
    for (link_type, count) in [("dofollow", 10), ("nofollow", 1), ("ugc", 3), ("sponsored", 2)] {
        assert_eq!(types[link_type], count, "{link_type} in {types}");
    }
    // The news page's followed link passes nothing: its page says nofollow.
    assert_eq!(summary["passes_equity"], 9, "{summary}");

    let placed = |page, anchor| text(link(&report, page, anchor), "placement").to_string();
    assert_eq!(placed("directory.html", "Example"), "navigation");
    assert_eq!(placed("directory.html", "Example Tools"), "content");
    assert_eq!(placed("directory.html", "garden tools"), "sidebar");
    assert_eq!(placed("directory.html", "example.com"), "footer");
    let logo = link(&report, "partners.html", "Example logo");
    assert_eq!(logo["anchor_kind"], "image", "{logo}");
    let hidden: Vec<&str> = report
        .links()
        .iter()
        .filter(|l| l["hidden"] == true)
        .map(|l| text(l, "anchor_text"))
        .collect();
    assert_eq!(hidden, ["cheap garden tools"]);
}

#[test]
fn one_link_is_toxic_for_two_named_risk_flags() {
    let report = demo().json();
    let toxic: Vec<(&str, &str, Vec<&str>, &Value)> = report
        .links()
        .iter()
        .filter(|l| l["toxic"] == true)
        .map(|l| (page_of(l), text(l, "anchor_text"), flags(l), &l["toxicity"]))
        .collect();
    assert_eq!(
        toxic,
        // A paid guest post says it is sponsored, marks its two links in the
        // text, and leaves the money link in the author box followed.
        [(
            "sponsored-review.html",
            "best garden tools",
            vec!["unmarked-sponsored", "comment-or-forum"],
            &Value::from(62)
        )]
    );
    assert_eq!(report.summary()["toxic"], 1);
    // 1 of 16 is between 3 % and 10 %.
    assert_eq!(report.summary()["risk"], "medium");

    // A block of keyword links nobody can see, one of them to us: one risk
    // flag, shown near the top for review, under the line. The dense block is
    // a weakness: it adds nothing to toxicity.
    let hidden = link(&report, "partners.html", "cheap garden tools");
    assert_eq!(flags(hidden), ["hidden-link", "link-density"]);
    assert_eq!(hidden["toxicity"], 45, "{hidden}");
    assert_eq!(hidden["toxic"], false, "{hidden}");

    // The paid links marked rel="sponsored" on the same page are fine.
    for anchor in ["Example Pro Spade", "Buy it here"] {
        let paid = link(&report, "sponsored-review.html", anchor);
        assert_eq!(paid["link_type"], "sponsored", "{paid}");
        assert_eq!(paid["toxicity"], 0, "{paid}");
    }
}

#[test]
fn every_other_link_is_clean_and_no_page_is_thin() {
    let report = demo().json();
    let editorial = link(&report, "tech-blog.html", "Example");
    assert_eq!(editorial["target_url"], "https://example.com/");
    assert_eq!(editorial["link_type"], "dofollow");
    assert_eq!(editorial["placement"], "content");
    assert_eq!(flags(editorial), Vec::<&str>::new());
    assert_eq!(editorial["toxicity"], 0);

    for link in report.links() {
        assert!(!flags(link).contains(&"thin-content"), "{link}");
        assert_eq!(link["weak"], false, "{link}");
        if link["toxic"] == true || link["hidden"] == true {
            continue;
        }
        assert_eq!(link["toxicity"], 0, "{link}");
        // The only flag on a clean link is the weightless page-nofollow.
        let expected: &[&str] = match page_of(link) {
            "news-nofollow.html" => &["page-nofollow"],
            _ => &[],
        };
        assert_eq!(flags(link), expected, "{link}");
    }
}

#[test]
fn a_money_keyword_finds_one_exact_anchor_and_no_over_optimization() {
    let report = demo().args(["--keyword", "garden tools"]).json();
    let anchors = &report.summary()["anchors"];
    assert_eq!(anchors["kinds"]["exact"], 1, "{anchors}");
    // "best garden tools" twice and "cheap garden tools".
    assert_eq!(anchors["kinds"]["partial"], 3, "{anchors}");
    assert_eq!(anchors["exact_share"], 0.0625, "{anchors}");
    assert_eq!(anchors["over_optimized"], false, "{anchors}");

    // The exact anchor is a nofollow link: it passes nothing, so no flag.
    let exact = link(&report, "directory.html", "garden tools");
    assert_eq!(exact["anchor_kind"], "exact", "{exact}");
    assert_eq!(exact["link_type"], "nofollow", "{exact}");
    assert_eq!(flags(exact), Vec::<&str>::new());
    assert_eq!(report.summary()["toxic"], 1);
    assert_eq!(anchors["keywords_given"], true, "{anchors}");
}

#[test]
fn the_table_explains_the_toxic_link_by_its_risk_flags() {
    let outcome = demo().run().expect_code(0);
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    let table = outcome.stdout_text();
    let fact = |name: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .map(|l| l.trim_start()[name.len()..].trim().to_string())
            .unwrap_or_else(|| panic!("no {name} line in\n{table}"))
    };
    assert_eq!(fact("Backlinks"), "16");
    assert_eq!(fact("Referring domains"), "6");
    assert!(fact("Toxic").starts_with("1 of 16"), "{table}");
    assert!(fact("Weak").starts_with("0 of 16"), "{table}");
    assert_eq!(fact("Exact-match anchors"), "not judged (pass --keyword)");

    let why = table
        .find("Why 1 link is toxic (risk flags")
        .map(|at| &table[at..])
        .unwrap_or_else(|| panic!("no explanation of the toxic link in\n{table}"));
    assert!(why.contains("unmarked-sponsored, comment-or-forum"), "{why}");
    assert!(why.contains("best garden tools"), "{why}");
    assert!(!why.contains("cheap garden tools"), "{why}");
    assert!(!table.contains("thin-content"), "{table}");
}
