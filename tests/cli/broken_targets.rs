//! `audit --check-targets` (SPEC section 13): every distinct target page asked
//! once, each link told what its page answered, broken pages listed in the
//! summary, and `--fail-on broken-target`. Target `127.0.0.1`; the sources
//! are on `localhost`, so they are external.

use crate::run::{Audit, Report};
use crate::server::{closed_port, Page, TestServer};
use serde_json::{json, Value};

fn redirect(location: &str) -> Page {
    Page {
        status: 301,
        content_type: None,
        headers: vec![("location".to_string(), location.to_string())],
        body: Vec::new(),
    }
}

fn links_page(hrefs: &[String]) -> Page {
    let anchors: String = hrefs
        .iter()
        .map(|href| format!("<p>See <a href=\"{href}\">our page</a>.</p>"))
        .collect();
    Page::html(format!(
        "<!DOCTYPE html><html><head><title>Links</title></head><body>{anchors}</body></html>"
    ))
}

/// A server whose target pages answer every way, and two source pages on
/// `localhost` linking to them; `/gone` is linked three times (once with a
/// fragment). Returns the server, the target URLs by name and the sources.
fn site() -> (TestServer, impl Fn(&str) -> String, Vec<String>) {
    let server = TestServer::with_pages(vec![
        ("/live", Page::html("<p>here</p>")),
        ("/moved-live", redirect("/live-end")),
        ("/live-end", Page::html("<p>moved here</p>")),
        ("/moved-gone", redirect("/gone-end")),
        ("/gone-end", Page::html("gone").with_status(404)),
        ("/gone", Page::html("gone").with_status(404)),
        ("/removed", Page::html("removed").with_status(410)),
    ]);
    let port = server.host().rsplit_once(':').expect("port").1.to_string();
    let closed = closed_port();
    let target = {
        let port = port.clone();
        move |name: &str| match name {
            "refused" => format!("http://127.0.0.1:{closed}/refused"),
            path => format!("http://127.0.0.1:{port}{path}"),
        }
    };
    let first: Vec<String> = [
        "/live",
        "/moved-live",
        "/moved-gone",
        "/gone",
        "/removed",
        "/status/500",
        "/delay/3000",
        "refused",
    ]
    .iter()
    .map(|name| target(name))
    .collect();
    let second = vec![target("/gone"), format!("{}#top", target("/gone"))];
    server.set_page("/src/first", links_page(&first));
    server.set_page("/src/second", links_page(&second));
    let sources = ["/src/first", "/src/second"]
        .iter()
        .map(|path| format!("http://localhost:{port}{path}"))
        .collect();
    (server, target, sources)
}

fn checked(sources: &[String]) -> Audit {
    Audit::new("127.0.0.1").sources(sources).args([
        "--check-targets",
        "--timeout",
        "1",
        "--retries",
        "0",
        "--no-save",
    ])
}

/// The target fields of every link to `target_url`, which must agree.
fn fields_of(report: &Report, target_url: &str) -> Value {
    let all: Vec<Value> = report
        .links()
        .iter()
        .filter(|l| l["target_url"] == target_url)
        .map(target_fields)
        .collect();
    assert!(!all.is_empty(), "no link to {target_url}");
    assert!(all.iter().all(|f| f == &all[0]), "{target_url}: {all:?}");
    all[0].clone()
}

fn target_fields(link: &Value) -> Value {
    json!([
        link["target_status"],
        link["target_final_url"],
        link["target_http_status"]
    ])
}

#[test]
fn each_target_gets_what_its_page_answered() {
    let (server, target, sources) = site();
    let report = checked(&sources).json();
    let fields = |name: &str| fields_of(&report, &target(name));
    assert_eq!(fields("/live"), json!(["ok", null, 200]));
    assert_eq!(
        fields("/moved-live"),
        json!(["redirect", target("/live-end"), 200])
    );
    assert_eq!(fields("/moved-gone"), json!(["broken", target("/gone-end"), 404]));
    assert_eq!(fields("/gone"), json!(["broken", null, 404]));
    assert_eq!(fields("/removed"), json!(["broken", null, 410]));
    assert_eq!(fields("/status/500"), json!(["broken", null, 500]));
    assert_eq!(fields("/delay/3000"), json!(["unreachable", null, null]));
    assert_eq!(fields("refused"), json!(["unreachable", null, null]));
    let to_gone = report
        .links()
        .iter()
        .filter(|l| l["target_url"] == target("/gone"));
    assert_eq!(to_gone.count(), 3, "the fragment is dropped: one page");
    assert_eq!(server.hits("/gone"), 1, "three links to one page, one request");
    assert_eq!(server.hits("/live"), 1);
    assert_eq!(server.hits("/status/500"), 1, "a 500 is final, not retried");
}

#[test]
fn the_summary_lists_broken_pages_with_the_most_backlinks_first() {
    let (_server, target, sources) = site();
    let report = checked(&sources).json();
    let broken = &report.summary()["broken_targets"];
    let row = |name: &str, status: u16, backlinks: usize| {
        json!({"target_url": target(name), "http_status": status,
               "backlinks": backlinks, "referring_domains": 1})
    };
    assert_eq!(
        broken,
        &json!([
            row("/gone", 404, 3),
            row("/moved-gone", 404, 1),
            row("/removed", 410, 1),
            row("/status/500", 500, 1),
        ])
    );
}

#[test]
fn without_the_flag_no_target_is_asked_and_the_fields_are_null() {
    let (server, target, sources) = site();
    let report = Audit::new("127.0.0.1")
        .sources(&sources)
        .args(["--no-save"])
        .json();
    assert_eq!(fields_of(&report, &target("/gone")), json!([null, null, null]));
    assert_eq!(report.summary()["broken_targets"], Value::Null);
    assert_eq!(server.hits("/gone") + server.hits("/live"), 0);
}

#[test]
fn fail_on_broken_target_checks_the_targets_and_exits_1() {
    let (_server, _target, sources) = site();
    let outcome = Audit::new("127.0.0.1")
        .sources(&sources)
        .args([
            "--fail-on",
            "broken-target",
            "--timeout",
            "1",
            "--retries",
            "0",
            "--no-save",
        ])
        .run()
        .expect_code(1);
    assert!(
        outcome
            .stderr
            .contains("--fail-on broken-target: 6 backlinks to 4 broken pages"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn fail_on_broken_target_passes_when_every_target_answers() {
    let (server, target, _sources) = site();
    let port = server.host().rsplit_once(':').expect("port").1.to_string();
    server.set_page("/src/fine", links_page(&[target("/live"), target("/moved-live")]));
    Audit::new("127.0.0.1")
        .source(format!("http://localhost:{port}/src/fine"))
        .args(["--fail-on", "broken-target", "--no-save"])
        .run()
        .expect_code(0);
    assert_eq!(server.hits("/live"), 1, "the targets were checked");
}

#[test]
fn csv_rows_end_with_the_target_columns() {
    let (_server, target, sources) = site();
    let outcome = checked(&sources).args(["--format", "csv"]).run().expect_code(0);
    let text = outcome.stdout_text();
    let header = text.lines().next().unwrap_or_default();
    assert!(
        header.ends_with(
            ",title,target_status,target_final_url,target_http_status,rendered,rendered_only,render_note"
        ),
        "{header}"
    );
    let moved = text
        .lines()
        .find(|l| l.contains(&format!(",{},", target("/moved-gone"))))
        .unwrap_or_default();
    assert!(
        moved.ends_with(&format!(",broken,{},404,false,false,", target("/gone-end"))),
        "{moved}"
    );
}

#[test]
fn checked_output_matches_the_mirror() {
    let (_server, _target, sources) = site();
    let report = checked(&sources).json();
    let parsed: crate::mirror::AuditReport =
        serde_json::from_value(report.doc.clone()).unwrap_or_else(|e| panic!("{e}\n{:#}", report.doc));
    let statuses: std::collections::BTreeSet<String> = parsed
        .links
        .iter()
        .map(|l| format!("{:?}", l.target_status.expect("every link checked")))
        .collect();
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    assert_eq!(parsed.summary.broken_targets.map(|b| b.len()), Some(4));
}

#[test]
fn show_keeps_the_target_fields_and_diff_reports_a_target_that_broke() {
    let monitor = crate::history::Monitor::new();
    let server = TestServer::with_pages(vec![("/later-gone", Page::html("<p>here</p>"))]);
    let port = server.host().rsplit_once(':').expect("port").1.to_string();
    let target = format!("http://127.0.0.1:{port}/later-gone");
    server.set_page("/src", links_page(std::slice::from_ref(&target)));
    let source = format!("http://localhost:{port}/src");
    let audit = || {
        monitor
            .run([
                "audit",
                "127.0.0.1",
                &source,
                "--check-targets",
                "--format",
                "json",
            ])
            .expect_code(0)
            .stdout
    };
    audit();
    server.set_page("/later-gone", Page::html("gone").with_status(404));
    let printed = audit();
    let shown = monitor
        .run(["show", "latest", "--format", "json"])
        .expect_code(0)
        .stdout;
    assert_eq!(String::from_utf8_lossy(&shown), String::from_utf8_lossy(&printed));
    let saved: Value = serde_json::from_slice(&shown).expect("JSON");
    assert_eq!(target_fields(&saved["links"][0]), json!(["broken", null, 404]));

    let diff = monitor.json(&["diff", "127.0.0.1"]);
    assert_eq!(diff["summary"]["changed"], 1, "{diff:#}");
    let change = &diff["changes"][0];
    assert_eq!(change["change"], "changed");
    assert_eq!(change["before"]["target_status"], "ok");
    assert_eq!(change["after"]["target_status"], "broken");
    let table = monitor
        .run(["diff", "127.0.0.1", "--format", "markdown"])
        .expect_code(0);
    assert!(
        table
            .stdout_text()
            .contains("target page broke (HTTP 404): redirect it"),
        "{}",
        table.stdout_text()
    );
}
