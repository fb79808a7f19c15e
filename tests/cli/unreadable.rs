//! Bodies we cannot read (still compressed, or binary) are `not-html` with the
//! reason, never `no-link`, so `diff` counts their links unverified, not lost;
//! pages in encodings whose bytes look odd (UTF-16, Shift_JIS, Windows-1252)
//! are still read.

use crate::history::{page, Monitor};
use crate::run::Audit;
use crate::server::{Page, TestServer};
use encoding_rs::{SHIFT_JIS, WINDOWS_1252};
use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;
use std::io::Write;

const ANCHOR: &str = "Example";

/// The link every page holds, served plainly.
fn plain(path: &str) -> Page {
    page(&[(&target(path), "", ANCHOR)])
}

fn target(path: &str) -> String {
    format!("https://example.com{path}")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("deflate");
    encoder.finish().expect("deflate")
}

fn with_headers(mut page: Page, body: Vec<u8>, headers: &[(&str, &str)]) -> Page {
    page.body = body;
    page.headers = headers
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    page
}

/// The unreadable form of `plain(path)`, and the error it must give.
fn unreadable(path: &str) -> (Page, String) {
    let page = plain(path);
    let html = page.body.clone();
    let compressed = |coding: &str| format!("the body is compressed as `{coding}`, which we cannot decode");
    let binary = "the body is binary (NUL bytes), not HTML".to_string();
    match path {
        "/gzip-gzip" => (
            with_headers(page, gzip(&gzip(&html)), &[("content-encoding", "gzip, gzip")]),
            compressed("gzip, gzip"),
        ),
        "/deflate-gzip" => (
            with_headers(page, gzip(&zlib(&html)), &[("content-encoding", "deflate, gzip")]),
            compressed("deflate, gzip"),
        ),
        "/x-foo" => (
            with_headers(page, html, &[("content-encoding", "x-foo")]),
            compressed("x-foo"),
        ),
        "/zstd" => {
            let mut frame = vec![0x28, 0xb5, 0x2f, 0xfd];
            frame.extend(gzip(&html));
            (
                with_headers(page, frame, &[("content-encoding", "zstd")]),
                compressed("zstd"),
            )
        }
        // Two headers: reqwest undoes the first gzip and drops both, leaving
        // gzip bytes behind, which the binary rule catches.
        "/gzip-twice-headers" => (
            with_headers(
                page,
                gzip(&gzip(&html)),
                &[("content-encoding", "gzip"), ("content-encoding", "gzip")],
            ),
            binary,
        ),
        "/png-as-html" => {
            let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01".to_vec();
            png.extend(gzip(&html));
            (with_headers(page, png, &[]), binary)
        }
        "/nul-page" => {
            let mut body = b"<!DOCTYPE html><html><body>".to_vec();
            body.extend([0u8; 4096]);
            body.extend(&html);
            (with_headers(page, body, &[]), binary)
        }
        other => panic!("no unreadable form of {other}"),
    }
}

const UNREADABLE: [&str; 7] = [
    "/gzip-gzip",
    "/deflate-gzip",
    "/x-foo",
    "/zstd",
    "/gzip-twice-headers",
    "/png-as-html",
    "/nul-page",
];

/// A page whose bytes hold the same link in another encoding, with a title
/// in characters of that encoding: (content type, body, title).
fn encoded(path: &str) -> (&'static str, Vec<u8>, &'static str) {
    let html = |head: &str, title: &str| {
        format!(
            "<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>\
             <p>See <a href=\"{}\">{ANCHOR}</a>.</p></body></html>",
            target(path)
        )
    };
    let utf16 = |big_endian: bool| {
        let title = "Caf\u{e9} \u{2615} \u{5496}\u{5561}";
        let units = format!("\u{feff}{}", html("", title))
            .encode_utf16()
            .collect::<Vec<u16>>();
        let bytes: Vec<u8> = if big_endian {
            units.iter().flat_map(|u| u.to_be_bytes()).collect()
        } else {
            units.iter().flat_map(|u| u.to_le_bytes()).collect()
        };
        ("text/html", bytes, title)
    };
    match path {
        "/utf-16le" => utf16(false),
        "/utf-16be" => utf16(true),
        "/shift-jis" => {
            let title = "\u{55ab}\u{8336}\u{5e97}\u{306e}\u{30e1}\u{30cb}\u{30e5}\u{30fc}";
            let body = SHIFT_JIS.encode(&html("", title)).0.into_owned();
            ("text/html; charset=Shift_JIS", body, title)
        }
        "/windows-1252" => {
            let title = "\u{201c}Caf\u{e9}\u{201d} \u{20ac}5";
            let head = "<meta charset=\"windows-1252\">";
            let body = WINDOWS_1252.encode(&html(head, title)).0.into_owned();
            assert!(body.contains(&0x93) && body.contains(&0x80), "C1 bytes");
            ("text/html", body, title)
        }
        other => panic!("no encoded form of {other}"),
    }
}

const ENCODED: [&str; 4] = ["/utf-16le", "/utf-16be", "/shift-jis", "/windows-1252"];

fn encoded_page(path: &str) -> Page {
    let (content_type, body, _) = encoded(path);
    Page {
        content_type: Some(content_type.to_string()),
        ..Page::html(body)
    }
}

#[test]
fn unreadable_bodies_are_not_html_with_the_reason() {
    let server = TestServer::start();
    for path in UNREADABLE {
        server.set_page(path, unreadable(path).0);
    }
    let urls: Vec<String> = UNREADABLE.iter().map(|p| server.url(p)).collect();
    let report = Audit::new("example.com").sources(&urls).json();
    for (path, url) in UNREADABLE.iter().zip(&urls) {
        let source = report.source(url);
        assert_eq!(source["status"], "not-html", "{path}: {source}");
        assert_eq!(source["error"], unreadable(path).1.as_str(), "{path}");
        assert_eq!(source["http_status"], 200, "{path}");
    }
    assert!(report.links().is_empty(), "{:#}", report.doc["links"]);
    assert_eq!(
        report.summary()["sources"]["by_status"]["not-html"],
        UNREADABLE.len()
    );
}

#[test]
fn pages_in_other_encodings_are_read() {
    let server = TestServer::start();
    for path in ENCODED {
        server.set_page(path, encoded_page(path));
    }
    let urls: Vec<String> = ENCODED.iter().map(|p| server.url(p)).collect();
    let report = Audit::new("example.com").sources(&urls).json();
    for (path, url) in ENCODED.iter().zip(&urls) {
        let source = report.source(url);
        assert_eq!(source["status"], "ok", "{path}: {source}");
        assert_eq!(source["title"], encoded(path).2, "{path}");
        let link = report.link_to(&target(path));
        assert_eq!(link["anchor_text"], ANCHOR, "{path}");
    }
}

#[test]
fn diff_counts_unreadable_pages_unverified_and_lost_fails_nothing() {
    let monitor = Monitor::new();
    let paths: Vec<&str> = UNREADABLE.iter().chain(&ENCODED).copied().collect();
    let server = TestServer::with_pages(paths.iter().map(|p| (*p, plain(p))).collect());
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    monitor.audit(&urls, &["-q"]);
    for path in UNREADABLE {
        server.set_page(path, unreadable(path).0);
    }
    for path in ENCODED {
        server.set_page(path, encoded_page(path));
    }
    // `audit` expects exit 0: no link counts as lost.
    monitor.audit(&urls, &["-q", "--fail-on", "lost"]);
    let doc = monitor.json(&["diff"]);
    let summary = &doc["summary"];
    assert_eq!(summary["lost"], 0, "{doc:#}");
    assert_eq!(summary["unverified"], UNREADABLE.len(), "{doc:#}");
    assert_eq!(summary["unchanged"], ENCODED.len(), "{doc:#}");
    for change in doc["changes"].as_array().expect("changes") {
        assert_eq!(change["change"], "unverified", "{change}");
    }
}

#[test]
fn saved_pages_get_the_binary_check() {
    let audit = Audit::new("example.com");
    let mut binary = b"<!DOCTYPE html><html><body>\0\0\0".to_vec();
    binary.extend(&plain("/saved").body);
    let binary = audit.file("binary.html", binary);
    let utf16 = audit.file("utf16.html", encoded("/utf-16le").1);
    let report = audit.source(binary.as_os_str()).source(utf16.as_os_str()).json();
    let saved = |name: &str| {
        report
            .sources()
            .iter()
            .find(|s| s["url"].as_str().is_some_and(|u| u.ends_with(name)))
            .unwrap_or_else(|| panic!("no source {name}"))
    };
    assert_eq!(saved("/binary.html")["status"], "not-html");
    let error = saved("/binary.html")["error"].as_str().expect("error");
    assert!(
        error.ends_with("binary.html` is binary (NUL bytes), not HTML"),
        "{error}"
    );
    assert_eq!(saved("/utf16.html")["status"], "ok");
    assert_eq!(report.link_to(&target("/utf-16le"))["anchor_text"], ANCHOR);
}
