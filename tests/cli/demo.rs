//! The README's offline first run: `fixtures/demo/sources.txt` lists saved pages.

use crate::run::{fixture, Audit};

fn line_of(list: &str, needle: &str) -> usize {
    list.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle} not in the demo list"))
}

#[test]
fn the_demo_runs_offline_from_any_directory() {
    let list_path = fixture("demo/sources.txt");
    let list = std::fs::read_to_string(&list_path).expect("demo list");
    // Run from a scratch directory: relative entries resolve against the list.
    let report = Audit::new("example.com").sources_file(&list_path).json();

    let statuses: Vec<(&str, &str)> = report
        .sources()
        .iter()
        .map(|s| {
            (
                s["input"].as_str().unwrap_or_default(),
                s["status"].as_str().unwrap_or_default(),
            )
        })
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
    let error = invalid["error"].as_str().unwrap_or_default();
    assert!(error.contains(&where_), "{error} should name {where_}");

    for source in report.sources() {
        assert_eq!(
            source["ip"],
            serde_json::Value::Null,
            "nothing fetched over a network"
        );
    }
    let types = &report.summary()["link_types"];
    for link_type in ["dofollow", "nofollow", "ugc", "sponsored"] {
        assert!(
            types[link_type].as_u64().unwrap_or(0) > 0,
            "{link_type} in {types}"
        );
    }
    let nofollow_page = report
        .sources()
        .iter()
        .find(|s| s["input"].as_str().unwrap_or_default().contains("news-nofollow"))
        .expect("the news page");
    assert_eq!(nofollow_page["page_nofollow"], true);
}

#[test]
fn the_demo_table_prints_without_error() {
    let outcome = Audit::new("example.com")
        .sources_file(fixture("demo/sources.txt"))
        .run()
        .expect_code(0);
    let text = outcome.stdout_text();
    assert!(text.contains("best garden tools"), "{text}");
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
}
