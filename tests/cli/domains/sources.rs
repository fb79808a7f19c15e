//! The pages behind a domain verified live: `domains`' CSV is an `audit
//! --sources` file, from a graph (`https://DOMAIN/`) and from discovered
//! links (the pages themselves, served here on 127.0.0.1).

use super::{domains, write_graph, Page};
use crate::discover::warc::{members, Rec};
use crate::run::Audit;
use crate::server::TestServer;

#[test]
fn discovered_pages_grouped_by_domain_are_sources_for_audit() {
    let server = TestServer::start();
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site");
    let url = server.url("/site/link.html");
    let records = [Rec::html(
        &url,
        &std::fs::read_to_string(site.join("link.html")).unwrap(),
    )];
    let audit = Audit::new("example.com");
    let dir = audit.dir();
    std::fs::write(dir.join("a.warc.gz"), members(&records).0).unwrap();
    crate::discover::run(
        dir,
        &[
            "example.com",
            "a.warc.gz",
            "-o",
            "found.parquet",
            "-o",
            "found.jsonl",
            "-o",
            "found.json",
            "-o",
            "found.csv",
        ],
        &["-q"],
    )
    .expect_code(0);

    for found in ["found.parquet", "found.jsonl", "found.json", "found.csv"] {
        let outcome = domains(
            dir,
            &[
                "example.com",
                "--from",
                found,
                "--format",
                "json",
                "-o",
                "domains.csv",
            ],
        )
        .expect_code(0);
        let report: serde_json::Value = serde_json::from_slice(&outcome.stdout).unwrap();
        assert_eq!(report["summary"]["basis"], "discovered");
        let rows = report["domains"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "{found}: {report}");
        assert_eq!(rows[0]["domain"], "127.0.0.1");
        let pages: Vec<Page> = serde_json::from_value(rows[0]["pages"].clone()).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(
            (pages[0].source_url.as_str(), pages[0].anchor_text.as_str()),
            (url.as_str(), "Example")
        );
        assert_eq!(
            (pages[0].target.as_str(), pages[0].link_type.as_str()),
            ("example.com", "dofollow")
        );
        assert_eq!(pages[0].target_url, "https://example.com/");

        let report = Audit::new("example.com")
            .args(["--no-save", "--sources"])
            .args([dir.join("domains.csv")])
            .json();
        assert_eq!(report.sources().len(), 1, "{found}");
        assert_eq!(report.status(&url), "ok", "{found}: the page still links");
    }
}

#[test]
fn a_graphs_domains_become_home_pages_for_audit() {
    let audit = Audit::new("example.com");
    let dir = audit.dir();
    // Only `localhost` links to example.com: its home page is the one source,
    // refused on this machine's port 443 without leaving it.
    write_graph(dir, &["com.example", "localhost"], &[(1, 0)], &[]);
    domains(dir, &["example.com", "--graph", "g", "-q", "-o", "domains.csv"]).expect_code(0);
    let csv = std::fs::read_to_string(dir.join("domains.csv")).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("https://localhost/,localhost,"),
        "{csv}"
    );
    let report = Audit::new("example.com")
        .args(["--no-save", "--retries", "0", "--sources"])
        .args([dir.join("domains.csv")])
        .json();
    let sources: Vec<&str> = report
        .sources()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["https://localhost/"]);
}
