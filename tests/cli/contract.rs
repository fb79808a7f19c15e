//! Real output deserialised into the wire-format mirror
//! (`src/report/audit/tests/mirror.rs`), which refuses unknown and missing
//! fields: one run that shows every status.

use crate::mirror::{self, JsonLine, Status};
use crate::run::Audit;
use crate::server::{closed_port, Page, Robots, TestServer};

/// Target `127.0.0.1`: pages on `localhost` are external, pages on 127.0.0.1 internal.
fn every_status_sources(server: &TestServer) -> Vec<String> {
    let port = server.host().rsplit(':').next().unwrap_or_default().to_string();
    let external = |path: &str| format!("http://localhost:{port}{path}");
    vec![
        external("/links-to-target"),
        external("/site/no-link.html"),
        external("/status/404"),
        external("/challenge"),
        format!("http://localhost:{}/", closed_port()),
        external("/private/1"),
        external("/ctype/pdf"),
        "http://exa mple.com/".to_string(),
        server.url("/site/link.html"),
    ]
}

fn every_status_server() -> TestServer {
    let page = "<html><head><title>Links</title></head><body>\
        <a href=\"http://127.0.0.1/one\" rel=\"nofollow\">one</a>\
        <img src=x usemap=#m><map name=m><area href=\"http://127.0.0.1/two\" alt=\"two\"></map>\
        </body></html>";
    TestServer::with(
        Robots::Text("User-agent: *\nDisallow: /private/\n".into()),
        vec![("/links-to-target", Page::html(page))],
    )
}

const EVERY_STATUS: [Status; 9] = [
    Status::Ok,
    Status::NoLink,
    Status::HttpError,
    Status::Blocked,
    Status::Unreachable,
    Status::RobotsBlocked,
    Status::NotHtml,
    Status::Invalid,
    Status::Internal,
];

#[test]
fn json_output_matches_the_mirror_with_every_status() {
    let server = every_status_server();
    let report = Audit::new("127.0.0.1")
        .sources(every_status_sources(&server))
        .args(["--retries", "0"])
        .json();
    let parsed: mirror::AuditReport =
        serde_json::from_value(report.doc.clone()).unwrap_or_else(|e| panic!("{e}\n{:#}", report.doc));
    let statuses: Vec<Status> = parsed.sources.iter().map(|s| s.status).collect();
    assert_eq!(statuses, EVERY_STATUS);
    assert_eq!(parsed.links.len(), 2);
    assert_eq!(parsed.summary.sources.total, 9);
}

#[test]
fn jsonl_output_matches_the_mirror_with_every_status() {
    let server = every_status_server();
    let outcome = Audit::new("127.0.0.1")
        .sources(every_status_sources(&server))
        .args(["--retries", "0", "--format", "jsonl"])
        .run()
        .expect_code(0);
    let lines: Vec<JsonLine> = outcome
        .stdout_text()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let mut statuses: Vec<Status> = lines
        .iter()
        .filter_map(|l| match l {
            JsonLine::Source(s) => Some(s.status),
            _ => None,
        })
        .collect();
    statuses.sort_by_key(|s| EVERY_STATUS.iter().position(|x| x == s));
    assert_eq!(statuses, EVERY_STATUS);
    let links = lines.iter().filter(|l| matches!(l, JsonLine::Link(_))).count();
    assert_eq!(links, 2);
    assert!(matches!(lines.last(), Some(JsonLine::Summary(_))));
}
