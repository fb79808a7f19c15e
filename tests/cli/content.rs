//! What counts as HTML, and how its bytes become text.

use crate::run::Audit;
use crate::server::TestServer;

#[test]
fn only_html_content_types_are_parsed() {
    let server = TestServer::start();
    let cases = [
        ("text-plain", "not-html"),
        ("json", "not-html"),
        ("pdf", "not-html"),
        ("octet-stream", "not-html"),
        ("none-binary", "not-html"),
        ("none-html", "ok"),
        ("xhtml", "ok"),
        ("upper-case", "ok"),
    ];
    let urls: Vec<String> = cases
        .iter()
        .map(|(kind, _)| server.url(&format!("/ctype/{kind}")))
        .collect();
    let report = Audit::new("example.com").sources(&urls).json();
    for ((kind, expected), url) in cases.iter().zip(&urls) {
        assert_eq!(report.status(url), *expected, "{kind}");
    }
    // Only the three HTML responses gave links.
    assert_eq!(report.links().len(), 3, "{:#}", report.doc["links"]);
}

fn anchor_and_title(kind: &str) -> (String, String) {
    let server = TestServer::start();
    let url = server.url(&format!("/charset/{kind}"));
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok", "{kind}");
    let anchor = report.links()[0]["anchor_text"]
        .as_str()
        .expect("anchor text")
        .to_string();
    let title = report.source(&url)["title"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (anchor, title)
}

#[test]
fn windows_1251_from_the_header() {
    assert_eq!(
        anchor_and_title("cp1251-header"),
        ("Купить".to_string(), "Магазин".to_string())
    );
}

#[test]
fn windows_1251_from_meta_charset() {
    assert_eq!(
        anchor_and_title("cp1251-meta"),
        ("Купить".to_string(), "Магазин".to_string())
    );
}

#[test]
fn latin_1_from_the_header() {
    assert_eq!(
        anchor_and_title("latin1-header"),
        ("Café".to_string(), "Menu du Café".to_string())
    );
}

#[test]
fn latin_1_from_meta_http_equiv() {
    assert_eq!(
        anchor_and_title("latin1-meta"),
        ("Café".to_string(), "Menu du Café".to_string())
    );
}

#[test]
fn the_header_charset_beats_a_contradicting_meta() {
    assert_eq!(anchor_and_title("header-beats-meta").0, "Купить");
}

#[test]
fn a_bom_beats_a_contradicting_meta() {
    assert_eq!(anchor_and_title("bom-beats-meta").0, "Купить");
}

#[test]
fn utf8_is_the_default() {
    assert_eq!(anchor_and_title("utf8-default").0, "Café");
}

#[test]
fn invalid_bytes_still_give_valid_utf8_output() {
    // `json()` parses standard output, so a stray byte would already fail there.
    let (anchor, _) = anchor_and_title("broken-utf8");
    assert!(anchor.starts_with("Caf"), "{anchor}");
    assert!(anchor.contains('\u{fffd}'), "{anchor:?}");
}

#[test]
fn csv_output_keeps_non_ascii_text_intact() {
    let server = TestServer::start();
    let url = server.url("/charset/cp1251-header");
    let outcome = Audit::new("example.com")
        .source(&url)
        .args(["--format", "csv"])
        .run()
        .expect_code(0);
    assert!(outcome.stdout_text().contains("Купить"));
}
