//! Pages that take long to parse (docs/reference.md, "Fetching"): `--timeout`
//! bounds the parse as well as the fetch, and Ctrl-C or SIGTERM stop a parse
//! in progress. Nested `<div>`s are the slowest input per byte the pass knows
//! (measured in release on the test machine: about 3.5 MB/s in November, about
//! 45 MB/s since the streaming pass, so 150 MB take over 3 s and 200 MB over
//! 4 s); the bounds below are generous, not timings.

use crate::run::{std_command, Audit};
use crate::server::{Page, TestServer};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A page that links to the target first, then holds `mb` MB of nested `<div>`s.
fn nested_divs(mb: usize) -> Vec<u8> {
    let mut html = b"<!DOCTYPE html><html><body><p><a href=\"https://example.com/\">Example</a></p>".to_vec();
    html.extend("<div>".repeat(mb * 200_000).bytes());
    html
}

/// `body` gzip-encoded, so its transfer takes no part of the time limit.
fn gzipped(body: &[u8]) -> Page {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(body).expect("gzip");
    let mut page = Page::html(encoder.finish().expect("gzip"));
    page.headers.push(("content-encoding".into(), "gzip".into()));
    page
}

#[test]
fn a_page_that_takes_longer_than_the_timeout_to_parse_is_unreachable_not_no_link() {
    // 150 MB: at 45 MB/s over twice the 1.5 s allowed, and decompressed
    // well within it (40 MB once parsed within 1 s on an idle machine).
    let server = TestServer::with_pages(vec![("/huge", gzipped(&nested_divs(150)))]);
    let url = server.url("/huge");
    let started = Instant::now();
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "1.5", "--retries", "0", "--max-page-size", "200M"])
        .json();
    let elapsed = started.elapsed();
    assert_eq!(report.status(&url), "unreachable", "{:#}", report.source(&url));
    let error = report.source(&url)["error"].as_str().expect("an error");
    assert!(
        error.starts_with("timed out after 1.5 s while parsing (") && error.ends_with(" of 150.0 MB read)"),
        "{error}"
    );
    assert_eq!(
        report.doc["summary"]["backlinks"], 0,
        "no links of a page cut short"
    );
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

#[test]
fn an_interrupt_in_the_middle_of_a_huge_page_ends_the_audit_at_once() {
    let audit = Audit::new("example.com");
    let page = audit.file("huge.html", nested_divs(200));
    for signal in ["-INT", "-TERM"] {
        let child = std_command(audit.dir())
            .args(["audit", "example.com", "--format", "json", "--no-save"])
            .args(["--max-page-size", "300M", "--timeout", "300"])
            .arg(&page)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn backlinks");
        // Reading the file takes a fraction of a second, parsing it a minute.
        std::thread::sleep(Duration::from_secs(3));
        let sent = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let signalled = Instant::now();
        let output = child.wait_with_output().expect("wait");
        let ended = signalled.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "{signal}: {stderr}");
        assert!(
            ended < Duration::from_secs(20),
            "{signal}: ended {ended:?} after the signal"
        );
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
        assert_eq!(report["partial"], true, "{signal}");
        assert_eq!(
            report["sources"].as_array().map(Vec::len),
            Some(0),
            "{signal}: the page being parsed is left out"
        );
    }
}
