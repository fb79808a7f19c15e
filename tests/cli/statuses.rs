//! Every source status, end to end: what the page did, what the report says.

use crate::run::Audit;
use crate::server::{closed_port, TestServer};

#[test]
fn a_page_with_a_link_is_ok_and_a_page_without_is_no_link() {
    let server = TestServer::start();
    let with = server.url("/site/link.html");
    let without = server.url("/site/no-link.html");
    let report = Audit::new("example.com").sources([&with, &without]).json();

    let ok = report.source(&with);
    assert_eq!(ok["status"], "ok");
    assert_eq!(ok["http_status"], 200);
    assert_eq!(ok["links"], 1);
    assert_eq!(ok["error"], serde_json::Value::Null);
    assert_eq!(ok["final_url"], with.as_str());
    assert_eq!(ok["title"], "A page that links to Example");
    assert_eq!(ok["ip"], "127.0.0.1");

    let none = report.source(&without);
    assert_eq!(none["status"], "no-link");
    assert_eq!(none["http_status"], 200);
    assert_eq!(none["links"], 0);
    assert_eq!(report.links().len(), 1);
}

#[test]
fn final_http_errors_are_http_error_with_their_code_and_no_links() {
    let server = TestServer::start();
    let codes = [404u16, 410, 500, 501];
    let urls: Vec<String> = codes
        .iter()
        .map(|c| server.url(&format!("/status/{c}")))
        .collect();
    let report = Audit::new("example.com").sources(&urls).json();
    for (code, url) in codes.iter().zip(&urls) {
        let source = report.source(url);
        assert_eq!(source["status"], "http-error", "{url}");
        assert_eq!(source["http_status"], *code, "{url}");
        assert_eq!(source["links"], 0, "an error page's links are not backlinks");
    }
    assert!(report.links().is_empty(), "{:#}", report.doc["links"]);
}

#[test]
fn refusals_are_blocked_with_their_code() {
    let server = TestServer::start();
    let cases = [
        ("/status/401", 401u16),
        ("/status/403", 403),
        ("/status/429", 429),
        ("/challenge", 403),
    ];
    let urls: Vec<String> = cases.iter().map(|(p, _)| server.url(p)).collect();
    let report = Audit::new("example.com").sources(&urls).json();
    for ((_, code), url) in cases.iter().zip(&urls) {
        let source = report.source(url);
        assert_eq!(source["status"], "blocked", "{url}");
        assert_eq!(source["http_status"], *code, "{url}");
    }
    assert!(report.links().is_empty());
}

#[test]
fn a_closed_port_is_unreachable_with_a_plain_reason() {
    let url = format!("http://127.0.0.1:{}/", closed_port());
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--retries", "0"])
        .json();
    let source = report.source(&url);
    assert_eq!(source["status"], "unreachable");
    assert_eq!(source["http_status"], serde_json::Value::Null);
    let error = source["error"].as_str().expect("an error message");
    assert!(error.to_lowercase().contains("refused"), "{error}");
}

#[test]
fn a_body_that_stalls_past_the_timeout_is_unreachable() {
    let server = TestServer::start();
    let url = server.url("/slow-body");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "0.5", "--retries", "0"])
        .json();
    let source = report.source(&url);
    assert_eq!(source["status"], "unreachable");
    let error = source["error"].as_str().expect("an error message");
    assert!(error.to_lowercase().contains("time"), "{error}");
    assert_eq!(server.hits("/slow-body"), 1);
}

#[test]
fn the_timeout_covers_the_whole_body_not_each_read() {
    let server = TestServer::start();
    let url = server.url("/drip");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "1", "--retries", "0"])
        .json();
    assert_eq!(report.status(&url), "unreachable");
}

#[test]
fn redirect_loops_and_too_many_redirects_are_unreachable() {
    let server = TestServer::start();
    let looping = server.url("/loop/a");
    let long_chain = server.url("/redirect/3");
    let report = Audit::new("example.com")
        .sources([&looping, &long_chain])
        .args(["--max-redirects", "2", "--retries", "0"])
        .json();
    assert_eq!(report.status(&looping), "unreachable");
    assert_eq!(report.status(&long_chain), "unreachable");
    let error = report.source(&long_chain)["error"]
        .as_str()
        .expect("an error message");
    assert!(error.to_lowercase().contains("redirect"), "{error}");
}

#[test]
fn a_chain_as_long_as_the_limit_is_followed() {
    let server = TestServer::start();
    let url = server.url("/redirect/2");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--max-redirects", "2"])
        .json();
    assert_eq!(report.status(&url), "ok");
}

#[test]
fn an_entry_that_is_not_a_url_is_invalid_and_names_its_file_and_line() {
    let server = TestServer::start();
    let good = server.url("/site/link.html");
    let audit = Audit::new("example.com");
    let list = audit.file(
        "list.txt",
        format!("{good}\n# a comment\nhttp://exa mple.com/page\n"),
    );
    let report = audit.sources_file(list).json();

    assert_eq!(report.sources().len(), 2, "{:#}", report.doc["sources"]);
    assert_eq!(report.status(&good), "ok");
    let invalid = &report.sources()[1];
    assert_eq!(invalid["status"], "invalid");
    assert_eq!(invalid["http_status"], serde_json::Value::Null);
    let error = invalid["error"].as_str().expect("an error message");
    assert!(error.contains("list.txt:3"), "{error}");
}

#[test]
fn a_page_on_the_target_host_is_internal_and_gives_no_backlinks() {
    let server = TestServer::start();
    let url = server.url("/site/link.html");
    let report = Audit::new("127.0.0.1").source(&url).json();
    assert_eq!(report.status(&url), "internal");
    assert!(report.links().is_empty());
    assert_eq!(report.summary()["sources"]["by_status"]["internal"], 1);
}

#[test]
fn one_failing_source_never_stops_the_others() {
    let server = TestServer::start();
    let urls = [
        server.url("/status/500"),
        format!("http://127.0.0.1:{}/", closed_port()),
        server.url("/site/link.html"),
        server.url("/ctype/pdf"),
        server.url("/site/no-link.html"),
    ];
    let report = Audit::new("example.com")
        .sources(&urls)
        .args(["--retries", "0"])
        .json();
    let statuses: Vec<&str> = report
        .sources()
        .iter()
        .map(|s| s["status"].as_str().expect("status"))
        .collect();
    assert_eq!(
        statuses,
        ["http-error", "unreachable", "ok", "not-html", "no-link"]
    );
    let by_status = &report.summary()["sources"]["by_status"];
    assert_eq!(report.summary()["sources"]["total"], 5);
    for (status, count) in [
        ("ok", 1),
        ("no-link", 1),
        ("http-error", 1),
        ("unreachable", 1),
        ("not-html", 1),
        ("blocked", 0),
        ("robots-blocked", 0),
        ("invalid", 0),
        ("internal", 0),
    ] {
        assert_eq!(by_status[status], count, "{status} in {by_status}");
    }
}
