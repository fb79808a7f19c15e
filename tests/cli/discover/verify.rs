//! What an archive saw, verified live: discover's CSV and Parquet files are
//! `audit --sources` files as they are.

use super::run;
use super::warc::{members, Rec};
use crate::run::Audit;
use crate::server::TestServer;

#[test]
fn the_csv_and_the_parquet_file_are_sources_for_audit() {
    let server = TestServer::start();
    let pages = ["link.html", "anchor-text.html"];
    let urls: Vec<String> = pages.iter().map(|p| server.url(&format!("/site/{p}"))).collect();
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site");
    let records: Vec<Rec> = pages
        .iter()
        .zip(&urls)
        .map(|(page, url)| Rec::html(url, &std::fs::read_to_string(site.join(page)).unwrap()))
        .collect();
    let audit = Audit::new("example.com");
    std::fs::write(audit.dir().join("a.warc.gz"), members(&records).0).unwrap();
    let outcome = run(
        audit.dir(),
        &[
            "example.com",
            "a.warc.gz",
            "-o",
            "found.csv",
            "-o",
            "found.parquet",
        ],
        &["-q"],
    )
    .expect_code(0);
    assert!(outcome.stdout.is_empty(), "-q prints nothing");
    let csv = std::fs::read_to_string(audit.dir().join("found.csv")).unwrap();
    assert!(csv.lines().count() > 3, "{csv}");

    for list in ["found.csv", "found.parquet"] {
        let report = Audit::new("example.com")
            .args(["--no-save", "--sources"])
            .args([audit.dir().join(list)])
            .json();
        let mut audited: Vec<&str> = report
            .sources()
            .iter()
            .map(|s| s["url"].as_str().unwrap())
            .collect();
        audited.sort();
        let mut expected: Vec<&str> = urls.iter().map(String::as_str).collect();
        expected.sort();
        assert_eq!(audited, expected, "{list}: each page once");
        for url in &urls {
            assert_eq!(report.status(url), "ok", "{list}: {url}");
        }
    }
}

#[test]
fn a_file_with_parquet_magic_that_cannot_be_read_is_refused_by_name() {
    let audit = Audit::new("example.com");
    // Parquet's magic bytes around something that is not a Parquet file.
    let path = audit.file("other.parquet", b"PAR1not really parquetPAR1");
    let outcome = audit.args(["--sources"]).args([&path]).run().expect_code(2);
    assert!(outcome.stderr.contains("other.parquet"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains("Parquet"), "{}", outcome.stderr);
}
