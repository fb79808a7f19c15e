//! Bad input never stops the scan: each kind of damage is counted under its
//! reason, named on standard error, and the records after it are still read.

use super::warc::{gzip, members, plain, Rec};
use super::{discover_json, skipped};

fn page(n: usize) -> Rec {
    Rec::html(
        &format!("https://site{n}.test/"),
        &format!(r#"<html><body><p><a href="https://example.com/{n}">Example</a></p></body></html>"#),
    )
}

fn found(doc: &serde_json::Value) -> Vec<String> {
    doc["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["target_url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_corrupt_gzip_member_is_stepped_over_and_the_next_members_are_read() {
    let (mut archive, offsets) = members(&[page(1), page(2), page(3)]);
    // Damage the deflate data of the second member (past its 10-byte header).
    let at = offsets[1] as usize + 20;
    for byte in &mut archive[at..at + 16] {
        *byte ^= 0x5a;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.warc.gz"), archive).unwrap();
    let (doc, stderr) = discover_json(dir.path(), &["example.com", "a.warc.gz"], 0);
    assert_eq!(found(&doc), ["https://example.com/1", "https://example.com/3"]);
    assert_eq!(skipped(&doc, "corrupt-gzip"), 1);
    assert!(stderr.contains("corrupt-gzip"), "{stderr}");
    assert!(stderr.contains(&format!("at byte {}", offsets[1])), "{stderr}");
}

#[test]
fn a_truncated_archive_keeps_the_records_before_the_cut() {
    let mut archive = plain(&[page(1), page(2)]);
    archive.truncate(archive.len() - 40);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cut.warc"), archive).unwrap();
    let (doc, _) = discover_json(dir.path(), &["example.com", "cut.warc"], 0);
    assert_eq!(found(&doc), ["https://example.com/1"]);
    assert_eq!(skipped(&doc, "truncated-record"), 1);
}

#[test]
fn payloads_that_are_not_pages_are_counted_by_reason() {
    let records = [
        Rec::response(
            "https://a.test/doc.pdf",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.4 ...",
        ),
        Rec::answer(
            "https://b.test/gone",
            404,
            &[("Content-Type", "text/html")],
            b"<a href=\"https://example.com/\">x</a>",
        ),
        Rec::response(
            "https://c.test/",
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip, gzip")],
            &gzip(&gzip(b"<a href=\"https://example.com/\">x</a>")),
        ),
        page(4),
    ];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mixed.warc.gz"), members(&records).0).unwrap();
    let (doc, _) = discover_json(dir.path(), &["example.com", "mixed.warc.gz"], 0);
    assert_eq!(found(&doc), ["https://example.com/4"]);
    assert_eq!(skipped(&doc, "not-html"), 1);
    assert_eq!(skipped(&doc, "not-ok"), 1);
    assert_eq!(skipped(&doc, "undecodable"), 1);
    assert_eq!(doc["summary"]["pages_scanned"], 1);
}

#[test]
fn an_unreadable_archive_is_counted_and_the_next_one_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.warc.gz"), members(&[page(7)]).0).unwrap();
    let (doc, stderr) = discover_json(dir.path(), &["example.com", "missing.warc.gz", "good.warc.gz"], 0);
    assert_eq!(found(&doc), ["https://example.com/7"]);
    assert_eq!(skipped(&doc, "archive-unreadable"), 1);
    assert_eq!(doc["summary"]["archives"], 2);
    assert_eq!(doc["summary"]["archives_read"], 1);
    assert!(stderr.contains("missing.warc.gz"), "{stderr}");
}
