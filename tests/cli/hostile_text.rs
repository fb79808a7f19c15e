//! Text a page or an input controls, at sizes and with characters meant to
//! hurt: reports stay linear in it and fit their width, and no control
//! character reaches a terminal or a cell (README "Table and Markdown", "CSV").

use crate::run::{has_control_chars, Audit};
use crate::server::{Page, TestServer};
use serde_json::Value;
use std::fs;

/// Hostile in a title or an anchor: escape sequences, BEL, DEL, a bidi override.
const HOSTILE: &str = "Evil\u{1b}[31mRED\u{1b}]0;pwned\u{7} \u{7f}x\u{202e}moc.elpmaxe";

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(what: &str, text: &str) {
    assert!(!has_control_chars(text), "{what}: {text:?}");
    assert!(!text.chars().any(is_bidi_control), "{what}: {text:?}");
}

#[test]
fn a_one_megabyte_href_and_anchor_render_in_the_table_within_its_width() {
    // A table that laid out whole cells (more than linear in their length)
    // would run for hours here: the run's time-out fails the test.
    let long = "a".repeat(1 << 20);
    let body = format!(
        "<html><body><p>Text.</p><a href=\"https://example.com/{long}/the-end\">start {long} finish</a></body></html>"
    );
    let server = TestServer::with_pages(vec![("/long", Page::html(body))]);
    let audit = Audit::new("example.com").source(server.url("/long")).args([
        "--max-page-size",
        "8MiB",
        "--no-save",
        "-q",
        "-o",
        "report.txt",
        "-o",
        "report.md",
    ]);
    let outcome = audit.run().expect_code(0);
    assert!(outcome.stdout.is_empty());
    let table = fs::read_to_string(audit.dir().join("report.txt")).expect("the table");
    for line in table.lines() {
        assert!(line.chars().count() <= 120, "wider than 120: {line:?}");
    }
    let links = &table[table.find("Links, worst first (1)").expect("the link listed")..];
    // On the audited host, the target shows its path: its start is `/`.
    assert!(links.contains("/…aaa"), "the URL's start: {links}");
    assert!(links.contains("aaa/the-end"), "the URL's end: {links}");
    assert!(links.contains("start aaa"), "the anchor's start: {links}");
    assert!(links.contains('…'), "cut: {links}");
    let markdown = fs::read_to_string(audit.dir().join("report.md")).expect("the Markdown");
    assert!(markdown.contains("/the-end"), "Markdown has no width to fit");
}

#[test]
fn an_escape_sequence_on_a_sources_line_is_shown_escaped_in_the_error() {
    let audit = Audit::new("example.com");
    let list = audit.file("list.txt", "\u{1b}[2J\u{7}not a url\u{202e}lmth.x\u{9b}1m\n");
    let outcome = audit.sources_file(list).args(["--no-save"]).run().expect_code(2);
    assert_clean("stderr", &outcome.stderr);
    assert!(!outcome.stderr.contains('\u{1b}'), "{:?}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .contains(r"\u{1b}[2J\u{7}not a url\u{202e}lmth.x\u{9b}1m"),
        "the line as it is, escaped: {}",
        outcome.stderr
    );
    assert!(outcome.stderr.contains("list.txt:1"), "{}", outcome.stderr);
    // Read as an export, its header's cells are echoed: escaped alike.
    let audit = Audit::new("example.com");
    let export = audit.file("export.csv", "Page;\u{1b}]0;pwned\u{7}\nhttps://a.test/;x\n");
    let outcome = audit
        .sources_file(export)
        .args(["--no-save"])
        .run()
        .expect_code(2);
    assert_clean("stderr", &outcome.stderr);
    assert!(outcome.stderr.contains(r"\u{1b}]0"), "{}", outcome.stderr);
}

#[test]
fn page_text_with_controls_reaches_no_table_markdown_or_csv_and_json_keeps_it() {
    let body = format!(
        "<html><head><title>{HOSTILE}</title></head><body>\
         <a href=\"https://example.com/evil\">{HOSTILE}</a>\
         <a href=\"https://example.com/bad\u{7f}x\u{202e}y\">bad href</a></body></html>"
    );
    let server = TestServer::with_pages(vec![("/evil", Page::html(body))]);
    for format in ["table", "markdown", "csv"] {
        let outcome = Audit::new("example.com")
            .source(server.url("/evil"))
            .args(["--no-save", "--format", format])
            .run()
            .expect_code(0);
        let text = outcome.stdout_text();
        assert_clean(format, &text);
        assert_clean("stderr", &outcome.stderr);
        assert!(
            !text.contains("[31m") && !text.contains("]0;"),
            "{format}: {text}"
        );
        assert!(
            text.contains("EvilRED"),
            "{format}: the text around stays: {text}"
        );
    }
    let report = Audit::new("example.com")
        .source(server.url("/evil"))
        .args(["--no-save"])
        .json();
    let link = report.link_to("https://example.com/evil");
    assert_eq!(link["anchor_text"], Value::from(HOSTILE), "JSON keeps the text");
    assert_eq!(report.sources()[0]["title"], Value::from(HOSTILE));
}
