//! The JSON report: key order, array order and the summary, as README.md lists them.

use crate::run::{keys, Audit};
use crate::server::TestServer;
use serde_json::json;

const TOP_KEYS: [&str; 10] = [
    "schema_version",
    "tool",
    "target",
    "started_at",
    "finished_at",
    "partial",
    "only",
    "summary",
    "sources",
    "links",
];
const SOURCE_KEYS: [&str; 15] = [
    "url",
    "input",
    "final_url",
    "status",
    "http_status",
    "error",
    "redirects",
    "truncated",
    "page_nofollow",
    "page_noindex",
    "title",
    "ip",
    "links",
    "rendered",
    "render_note",
];
const LINK_KEYS: [&str; 19] = [
    "source_url",
    "source_host",
    "source_domain",
    "target_url",
    "anchor_text",
    "anchor_kind",
    "rel",
    "link_type",
    "passes_equity",
    "placement",
    "hidden",
    "flags",
    "toxicity",
    "toxic",
    "weak",
    "target_status",
    "target_final_url",
    "target_http_status",
    "rendered_only",
];
const SUMMARY_KEYS: [&str; 12] = [
    "sources",
    "backlinks",
    "referring_pages",
    "referring_domains",
    "link_types",
    "passes_equity",
    "toxic",
    "weak",
    "risk",
    "anchors",
    "top_domains",
    "broken_targets",
];

#[test]
fn keys_come_in_the_order_the_spec_lists() {
    let server = TestServer::start();
    let report = Audit::new("example.com")
        .sources([server.url("/site/link.html"), server.url("/status/404")])
        .json();
    let doc = &report.doc;
    assert_eq!(keys(doc), TOP_KEYS);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(
        doc["tool"],
        json!({"name": "backlinks", "version": env!("CARGO_PKG_VERSION")})
    );
    assert_eq!(keys(&doc["target"]), ["input", "host", "path_prefix"]);
    assert_eq!(doc["partial"], false);
    for source in report.sources() {
        assert_eq!(keys(source), SOURCE_KEYS);
    }
    for link in report.links() {
        assert_eq!(keys(link), LINK_KEYS);
    }
    let summary = report.summary();
    assert_eq!(keys(summary), SUMMARY_KEYS);
    assert_eq!(keys(&summary["sources"]), ["total", "by_status"]);
    assert_eq!(
        keys(&summary["sources"]["by_status"]),
        [
            "ok",
            "no-link",
            "http-error",
            "blocked",
            "unreachable",
            "robots-blocked",
            "not-html",
            "invalid",
            "internal"
        ]
    );
    assert_eq!(
        keys(&summary["link_types"]),
        ["dofollow", "nofollow", "ugc", "sponsored"]
    );
    assert_eq!(
        keys(&summary["anchors"]),
        [
            "unique",
            "diversity",
            "exact_share",
            "keywords_given",
            "over_optimized",
            "kinds",
            "top"
        ]
    );
}

#[test]
fn timestamps_are_rfc_3339_and_in_order() {
    let server = TestServer::start();
    let report = Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .json();
    let started = report.doc["started_at"].as_str().expect("started_at");
    let finished = report.doc["finished_at"].as_str().expect("finished_at");
    let start = humantime::parse_rfc3339(started).expect("started_at is RFC 3339");
    let end = humantime::parse_rfc3339(finished).expect("finished_at is RFC 3339");
    assert!(start <= end, "{started} .. {finished}");
}

#[test]
fn sources_keep_input_order_whatever_finishes_first() {
    let server = TestServer::start();
    let urls = [
        server.url("/delay/400"),
        server.url("/site/no-link.html"),
        server.url("/delay/200"),
        server.url("/status/404"),
        server.url("/site/link.html"),
    ];
    let report = Audit::new("example.com").sources(&urls).json();
    let got: Vec<&str> = report
        .sources()
        .iter()
        .map(|s| s["url"].as_str().expect("url"))
        .collect();
    assert_eq!(got, urls);
    // Links: by source in input order, then document order.
    assert_eq!(
        report.target_urls(),
        [
            "https://example.com/delay/400",
            "https://example.com/delay/200",
            "https://example.com/",
        ]
    );
}

#[test]
fn links_of_several_pages_come_by_source_then_document_order() {
    let server = TestServer::start();
    let first = server.url("/site/document-order.html");
    let second = server.url("/site/link.html");
    let report = Audit::new("example.com").sources([&first, &second]).json();
    let sources: Vec<&str> = report
        .links()
        .iter()
        .map(|l| l["source_url"].as_str().expect("source_url"))
        .collect();
    assert_eq!(sources, [&first, &first, &first, &first, &second]);
    assert_eq!(report.source(&first)["links"], 4);
    assert_eq!(report.source(&second)["links"], 1);
}

#[test]
fn the_summary_counts_pages_domains_and_types() {
    let server = TestServer::start();
    let port = server.host().rsplit(':').next().unwrap_or_default().to_string();
    let report = Audit::new("example.com")
        .sources([
            server.url("/site/rel-variants.html"),
            server.url("/site/link.html"),
            format!("http://localhost:{port}/site/link.html"),
            server.url("/site/no-link.html"),
        ])
        .json();
    let summary = report.summary();
    assert_eq!(summary["sources"]["total"], 4);
    assert_eq!(summary["backlinks"], 12);
    assert_eq!(summary["referring_pages"], 3);
    assert_eq!(summary["referring_domains"], 2, "127.0.0.1 and localhost");
    assert_eq!(summary["passes_equity"], 6);
    let top = summary["top_domains"].as_array().expect("top_domains");
    assert_eq!(top[0], json!({"domain": "127.0.0.1", "links": 11}));
    assert_eq!(top[1], json!({"domain": "localhost", "links": 1}));
}
