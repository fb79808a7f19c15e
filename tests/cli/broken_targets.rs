//! `audit --check-targets` (SPEC section 13): every distinct target page asked
//! once, each link told what its page answered, broken pages listed in the
//! summary, and `--fail-on broken-target`. Target `127.0.0.1`; the sources
//! are on `localhost`, so they are external.

use crate::run::Audit;
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
    let fields = |name: &str| target_fields(report.link_to(&target(name)));
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
    let with_fragment = format!("{}#top", target("/gone"));
    assert_eq!(
        target_fields(report.link_to(&with_fragment)),
        json!(["broken", null, 404])
    );
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
    assert_eq!(
        target_fields(report.link_to(&target("/gone"))),
        json!([null, null, null])
    );
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
        header.ends_with(",title,target_status,target_final_url,target_http_status"),
        "{header}"
    );
    let moved = text
        .lines()
        .find(|l| l.contains(&format!(",{},", target("/moved-gone"))))
        .unwrap_or_default();
    assert!(
        moved.ends_with(&format!(",broken,{},404", target("/gone-end"))),
        "{moved}"
    );
}
