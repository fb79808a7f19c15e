use super::*;
use encoding_rs::{KOI8_R, SHIFT_JIS, UTF_16LE, WINDOWS_1251, WINDOWS_1252};

const RUSSIAN: &str = "Привет, мир";
const FRENCH: &str = "Café crème à l'été";

fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    encoding.encode(text).0.into_owned()
}

fn page(head: &str, encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let mut body = format!("<html><head>{head}</head><body><p>").into_bytes();
    body.extend(encoded(encoding, text));
    body.extend(b"</p></body></html>");
    body
}

#[test]
fn windows_1251_by_header() {
    let body = page("", WINDOWS_1251, RUSSIAN);
    let text = decode_html(&body, Some("text/html; charset=windows-1251"));
    assert!(text.contains(RUSSIAN), "{text}");
    let text = decode_html(&body, Some("text/html;Charset=\"CP1251\""));
    assert!(text.contains(RUSSIAN), "{text}");
}

#[test]
fn windows_1251_by_meta() {
    let body = page("<meta charset=\"windows-1251\">", WINDOWS_1251, RUSSIAN);
    assert!(decode_html(&body, None).contains(RUSSIAN));
    assert!(decode_html(&body, Some("text/html")).contains(RUSSIAN));
    let body = page(
        "<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>",
        WINDOWS_1251,
        RUSSIAN,
    );
    assert!(decode_html(&body, None).contains(RUSSIAN));
}

#[test]
fn latin1_labels_mean_windows_1252() {
    let body = page("", WINDOWS_1252, FRENCH);
    assert!(decode_html(&body, Some("text/html; charset=ISO-8859-1")).contains(FRENCH));
    assert!(decode_html(&body, Some("text/html; charset=latin1")).contains(FRENCH));
    let body = page("<meta charset=iso-8859-1>", WINDOWS_1252, FRENCH);
    assert!(decode_html(&body, None).contains(FRENCH));
    // 0x80 is the euro sign in windows-1252, a control in ISO-8859-1 proper.
    assert_eq!(decode_html(b"\x80", Some("text/html; charset=iso-8859-1")), "€");
}

#[test]
fn other_legacy_encodings() {
    let body = page("<meta charset=koi8-r>", KOI8_R, RUSSIAN);
    assert!(decode_html(&body, None).contains(RUSSIAN));
    let body = page("", SHIFT_JIS, "日本語のページ");
    assert!(decode_html(&body, Some("text/html; charset=shift_jis")).contains("日本語のページ"));
}

#[test]
fn header_wins_over_meta() {
    let body = page("<meta charset=koi8-r>", WINDOWS_1251, RUSSIAN);
    assert!(decode_html(&body, Some("text/html; charset=windows-1251")).contains(RUSSIAN));
    // An unknown header label falls through to the meta declaration.
    let body = page("<meta charset=windows-1251>", WINDOWS_1251, RUSSIAN);
    assert!(decode_html(&body, Some("text/html; charset=bogus")).contains(RUSSIAN));
}

#[test]
fn bom_wins_over_meta_and_is_dropped() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(page("<meta charset=windows-1251>", UTF_8, RUSSIAN));
    let text = decode_html(&body, None);
    assert!(text.starts_with("<html>"), "{text}");
    assert!(text.contains(RUSSIAN));
}

#[test]
fn header_wins_over_bom_as_the_contract_orders() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(page("", WINDOWS_1251, RUSSIAN));
    let text = decode_html(&body, Some("text/html; charset=windows-1251"));
    assert!(text.starts_with("<html>"), "the BOM is dropped: {text}");
    assert!(text.contains(RUSSIAN));
}

#[test]
fn utf16_with_bom() {
    let mut body = b"\xFF\xFE".to_vec();
    for unit in "<p>Привет</p>".encode_utf16() {
        body.extend(unit.to_le_bytes());
    }
    assert_eq!(decode_html(&body, None), "<p>Привет</p>");
}

#[test]
fn utf16_by_header_without_bom() {
    let body = encoded_utf16le("<p>ok</p>");
    assert_eq!(
        decode_html(&body, Some("text/html; charset=utf-16le")),
        "<p>ok</p>"
    );
    assert_eq!(UTF_16LE.name(), "UTF-16LE");
}

fn encoded_utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn utf16_meta_is_read_as_utf8() {
    let body = page("<meta charset=utf-16>", UTF_8, RUSSIAN);
    assert!(decode_html(&body, None).contains(RUSSIAN));
}

#[test]
fn default_is_utf8() {
    let body = page("", UTF_8, RUSSIAN);
    assert!(decode_html(&body, None).contains(RUSSIAN));
    assert!(decode_html(&body, Some("text/html")).contains(RUSSIAN));
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    let text = decode_html(b"<p>a\xFFb\xC3</p>", None);
    assert_eq!(text, "<p>a\u{FFFD}b\u{FFFD}</p>");
    let text = decode_html(b"<p>\xE2\x82</p>", Some("text/html; charset=utf-8"));
    assert_eq!(text, "<p>\u{FFFD}</p>");
}

#[test]
fn html_starts_are_recognised() {
    for body in [
        &b"<!DOCTYPE html><html>"[..],
        b"<!doctype HTML>",
        b"<!doctype html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
        b"\xEF\xBB\xBF\n  <html lang=en>",
        b"<HTML>",
        b"<head><title>x</title>",
        b"<body>",
        b"<html",
        b"<!-- generated --><html>",
        b"<!-- a --> \n <!-- b --><!DOCTYPE html>",
    ] {
        assert!(looks_like_html(body), "{:?}", String::from_utf8_lossy(body));
    }
    let mut utf16 = b"\xFF\xFE".to_vec();
    utf16.extend(encoded_utf16le("<!DOCTYPE html>"));
    assert!(looks_like_html(&utf16));
}

#[test]
fn other_starts_are_not_html() {
    for body in [
        &b""[..],
        b"   ",
        b"{\"html\": true}",
        b"%PDF-1.7 <html>",
        b"<?xml version=\"1.0\"?><rss>",
        b"<header>",
        b"<htmlx>",
        b"<!doctype htmlx>",
        b"<!doctypehtml>",
        b"<!-- unterminated <html>",
        b"<!-- x --> text <html>",
        b"hello <html>",
    ] {
        assert!(!looks_like_html(body), "{:?}", String::from_utf8_lossy(body));
    }
    let late = format!("<!--{}--><html>", "x".repeat(PRESCAN_BYTES));
    assert!(!looks_like_html(late.as_bytes()));
}
