//! What a page cannot do to the report, and what the report never asks of
//! the network.

use super::*;

const HOSTILE: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "a & b </td></tr></table><h1>x",
];

#[test]
fn page_text_is_escaped_wherever_it_goes() {
    let mut page = Page::new(HOSTILE[0], HOSTILE[1]);
    page.notice(HOSTILE[2]);
    page.heading(HOSTILE[3]);
    page.facts(&[(HOSTILE[0], HOSTILE[1])]);
    let mut table = Table::new(HOSTILE[2], &[("Anchor", false), ("Source", false)]);
    for text in HOSTILE {
        table.rows.push(vec![
            Cell::text(text),
            Cell::url(format!("https://x.test/{text}")),
        ]);
    }
    page.table(&table);
    page.charts(&[bars(HOSTILE[0], HOSTILE[1], &[Bar::count(HOSTILE[3], 1)])]);
    let html = page.finish(&Tool::current());
    for tag in ["<img", "<h1>x", "</table><h1>", "onmouseover='", "<script>alert"] {
        assert!(!html.contains(tag), "{tag} got through:\n{html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(html.matches("<script>").count(), 1, "only the sorting script");
}

#[test]
fn control_characters_and_escape_sequences_do_not_reach_the_page() {
    assert_eq!(escape("a\u{1b}[31mred\u{7}\u{0}b"), "aredb");
}

#[test]
fn only_http_urls_become_links() {
    for (url, linked) in [
        ("https://x.test/", true),
        ("http://x.test/", true),
        ("javascript:alert(1)", false),
        ("data:text/html,<b>", false),
        ("file:///etc/passwd", false),
    ] {
        let mut out = String::new();
        Cell::url(url).write(&mut out, false);
        assert_eq!(out.contains("<a href"), linked, "{url}: {out}");
    }
}

#[test]
fn the_page_loads_nothing_and_says_so_to_the_browser() {
    let html = Page::new("t", "m").finish(&Tool::current());
    assert!(html.contains("default-src 'none'"), "{html}");
    for load in [" src=", "<link", "url(", "@import", "srcset", "@font-face"] {
        assert!(!html.contains(load), "`{load}` in:\n{html}");
    }
}

#[test]
fn a_chart_says_in_words_what_it_draws() {
    let chart = bars(
        "Link types",
        "links",
        &[Bar::count("dofollow", 10), Bar::count("nofollow", 1)],
    );
    assert!(chart.contains("role=\"img\""));
    assert!(chart.contains("<title>Link types</title>"));
    assert!(
        chart.contains("<desc>links by bar. dofollow: 10; nofollow: 1.</desc>"),
        "{chart}"
    );
}
