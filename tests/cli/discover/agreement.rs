//! The links a WARC capture of a page gives are the links the audit finds
//! on the page served live: same extraction, same judgement of equity.

use super::discover_json;
use super::warc::{members, Rec};
use crate::run::Audit;
use crate::server::TestServer;
use serde_json::Value;
use std::collections::BTreeSet;

/// What both commands report of a link, as one comparable line.
fn key(link: &Value) -> String {
    [
        "source_url",
        "target_url",
        "anchor_text",
        "rel",
        "link_type",
        "passes_equity",
        "placement",
        "hidden",
    ]
    .iter()
    .map(|field| link[field].to_string())
    .collect::<Vec<_>>()
    .join(" | ")
}

#[test]
fn every_fixture_page_gives_in_a_warc_the_links_the_audit_finds_live() {
    let server = TestServer::start();
    let (site, names) = super::site_pages();
    assert!(names.len() >= 15, "fixtures/site holds {} pages", names.len());

    let urls: Vec<String> = names.iter().map(|n| server.url(&format!("/site/{n}"))).collect();
    let audit = Audit::new("example.com")
        .sources(&urls)
        .args(["--no-save"])
        .json();
    let live: BTreeSet<String> = audit.links().iter().map(key).collect();
    assert!(
        live.len() > 50,
        "the fixtures hold {} links to example.com",
        live.len()
    );

    let mut records = vec![Rec::warcinfo()];
    for (name, url) in names.iter().zip(&urls) {
        records.push(Rec::request(url));
        let body = std::fs::read(site.join(name)).unwrap();
        // The headers the test server sends.
        records.push(Rec::response(
            url,
            &[("Content-Type", "text/html; charset=utf-8")],
            &body,
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.warc.gz"), members(&records).0).unwrap();
    let (doc, _) = discover_json(dir.path(), &["example.com", "site.warc.gz"], 0);
    let archived: BTreeSet<String> = doc["links"].as_array().unwrap().iter().map(key).collect();

    let only_live: Vec<_> = live.difference(&archived).collect();
    let only_archived: Vec<_> = archived.difference(&live).collect();
    assert!(
        only_live.is_empty() && only_archived.is_empty(),
        "only live: {only_live:#?}\nonly archived: {only_archived:#?}"
    );
    let summary = &doc["summary"];
    assert_eq!(summary["pages_scanned"], names.len() as u64);
    assert_eq!(summary["records"], 1 + 2 * names.len() as u64);
    assert_eq!(super::skipped(&doc, "not-a-capture"), 1 + names.len() as u64);
    assert_eq!(summary["targets"][0]["target"], "example.com");
    assert_eq!(summary["targets"][0]["links"], live.len() as u64);
}

#[test]
fn each_link_names_its_target_and_carries_its_capture() {
    let page = r#"<html><body><p>See <a href="https://example.com/a">Example</a>,
        <a href="https://www.rival.org/b" rel="nofollow">Rival</a> and
        <a href="/local">local</a>.</p></body></html>"#;
    let own = r#"<html><body><a href="https://example.com/x">home</a></body></html>"#;
    let records = [
        Rec::warcinfo(),
        Rec::html("https://blog.test/post", page),
        // A page of a target itself: internal links, not backlinks.
        Rec::html("https://docs.example.com/", own),
    ];
    let (archive, offsets) = members(&records);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.warc.gz"), archive).unwrap();
    let (doc, _) = discover_json(
        dir.path(),
        &["example.com", "--also", "rival.org", "a.warc.gz"],
        0,
    );
    let links = doc["links"].as_array().unwrap();
    assert_eq!(links.len(), 2, "{links:#?}");
    assert_eq!(links[0]["target"], "example.com");
    assert_eq!(links[0]["target_url"], "https://example.com/a");
    assert_eq!(links[0]["passes_equity"], true);
    assert_eq!(links[1]["target"], "rival.org");
    assert_eq!(links[1]["link_type"], "nofollow");
    assert_eq!(links[1]["passes_equity"], false);
    for link in links {
        assert_eq!(link["source_url"], "https://blog.test/post");
        assert_eq!(link["source_domain"], "blog.test");
        assert_eq!(link["captured_at"], super::warc::DATE);
        assert_eq!(link["archive"], "a.warc.gz");
        assert_eq!(link["record_offset"], offsets[1]);
    }
    let targets = &doc["summary"]["targets"];
    assert_eq!(targets[0]["links"], 1);
    assert_eq!(targets[0]["referring_domains"], 1);
    assert_eq!(targets[1]["target"], "rival.org");
    assert_eq!(doc["summary"]["pages_scanned"], 2);
}
