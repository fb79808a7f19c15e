//! Fetching: redirects, retries, size limits, politeness and the headers sent.

use crate::run::Audit;
use crate::server::TestServer;
use serde_json::json;

#[test]
fn redirects_are_recorded_in_order_and_the_final_url_is_kept() {
    let server = TestServer::start();
    let url = server.url("/redirect/3");
    let report = Audit::new("example.com").source(&url).json();
    let source = report.source(&url);
    assert_eq!(source["status"], "ok");
    assert_eq!(source["http_status"], 200);
    assert_eq!(source["final_url"], server.url("/redirect/0"));
    assert_eq!(
        source["redirects"],
        json!([
            server.url("/redirect/3"),
            server.url("/redirect/2"),
            server.url("/redirect/1")
        ])
    );
    assert_eq!(report.links()[0]["target_url"], "https://example.com/landed");
}

#[test]
fn a_page_without_redirects_has_an_empty_redirect_list() {
    let server = TestServer::start();
    let url = server.url("/redirect/0");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.source(&url)["redirects"], json!([]));
}

#[test]
fn a_429_with_retry_after_is_retried_and_then_ok() {
    let server = TestServer::start();
    let url = server.url("/retry-after");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok");
    assert_eq!(report.source(&url)["http_status"], 200);
    assert_eq!(server.hits("/retry-after"), 2);
}

#[test]
fn retry_after_as_an_http_date_is_understood() {
    let server = TestServer::start();
    let url = server.url("/retry-after-date");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok");
    assert_eq!(server.hits("/retry-after-date"), 2);
}

#[test]
fn a_retry_after_longer_than_the_timeout_does_not_hold_the_audit() {
    // Honoured "up to the timeout": the hour asked for is cut to the 1 s
    // timeout, then the retry gets the page (waiting the hour would trip the
    // test's guard).
    let server = TestServer::start();
    let url = server.url("/retry-after-long");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "1"])
        .json();
    assert_eq!(report.status(&url), "ok");
    assert_eq!(server.hits("/retry-after-long"), 2);
}

#[test]
fn a_503_twice_then_200_is_ok_with_the_default_two_retries() {
    let server = TestServer::start();
    let url = server.url("/flaky");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok");
    assert_eq!(server.hits("/flaky"), 3);
}

#[test]
fn with_one_retry_a_503_twice_stays_an_http_error() {
    let server = TestServer::start();
    let url = server.url("/flaky");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--retries", "1"])
        .json();
    assert_eq!(report.status(&url), "http-error");
    assert_eq!(report.source(&url)["http_status"], 503);
    assert_eq!(server.hits("/flaky"), 2);
}

#[test]
fn a_persistent_429_is_retried_then_blocked() {
    let server = TestServer::start();
    let url = server.url("/status/429");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "blocked");
    assert_eq!(server.hits("/status/429"), 3, "one try and two retries");
}

#[test]
fn retries_zero_means_one_request() {
    let server = TestServer::start();
    let urls = [server.url("/status/429"), server.url("/status/503")];
    let report = Audit::new("example.com")
        .sources(&urls)
        .args(["--retries", "0"])
        .json();
    assert_eq!(report.status(&urls[0]), "blocked");
    assert_eq!(report.status(&urls[1]), "http-error");
    assert_eq!(server.hits("/status/429"), 1);
    assert_eq!(server.hits("/status/503"), 1);
}

#[test]
fn final_client_and_server_errors_are_not_retried() {
    let server = TestServer::start();
    let paths = ["/status/404", "/status/403", "/status/500", "/status/410"];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    Audit::new("example.com").sources(&urls).json();
    for path in paths {
        assert_eq!(server.hits(path), 1, "{path} must not be retried");
    }
}

#[test]
fn gateway_errors_are_retried() {
    let server = TestServer::start();
    let paths = ["/status/502", "/status/504"];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    let report = Audit::new("example.com")
        .sources(&urls)
        .args(["--retries", "1"])
        .json();
    for (path, url) in paths.iter().zip(&urls) {
        assert_eq!(server.hits(path), 2, "{path}");
        assert_eq!(report.status(url), "http-error");
    }
}

#[test]
fn a_time_out_is_retried() {
    let server = TestServer::start();
    let url = server.url("/slow-body");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "0.3", "--retries", "1"])
        .json();
    assert_eq!(report.status(&url), "unreachable");
    assert_eq!(server.hits("/slow-body"), 2);
}

#[test]
fn a_gzip_bomb_stops_at_the_decoded_size_limit() {
    let server = TestServer::start();
    let url = server.url("/gzip-bomb");
    let report = Audit::new("example.com").source(&url).json();
    let source = report.source(&url);
    assert_eq!(source["status"], "ok", "{source:#}");
    assert_eq!(source["truncated"], true);
    assert_eq!(report.links()[0]["target_url"], "https://example.com/bomb");
}

#[test]
fn a_gzip_page_is_decoded() {
    let server = TestServer::start();
    let url = server.url("/gzip-page");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok");
    assert_eq!(report.source(&url)["truncated"], false);
}

#[test]
fn a_20_mb_page_is_truncated_at_5_mib_and_a_link_near_the_start_found() {
    let server = TestServer::start();
    let url = server.url("/big");
    let report = Audit::new("example.com").source(&url).json();
    let source = report.source(&url);
    assert_eq!(source["status"], "ok");
    assert_eq!(source["truncated"], true);
}

#[test]
fn a_link_beyond_the_limit_is_not_seen_and_the_page_says_truncated() {
    let server = TestServer::start();
    let url = server.url("/big-late");
    let report = Audit::new("example.com").source(&url).json();
    let source = report.source(&url);
    assert_eq!(source["status"], "no-link");
    assert_eq!(source["truncated"], true);
}

#[test]
fn max_page_size_takes_suffixes() {
    let server = TestServer::start();
    let url = server.url("/padded/3000");
    let small = Audit::new("example.com")
        .source(&url)
        .args(["--max-page-size", "2K"])
        .json();
    assert_eq!(small.status(&url), "no-link");
    assert_eq!(small.source(&url)["truncated"], true);

    let kib = Audit::new("example.com")
        .source(&url)
        .args(["--max-page-size", "2KiB"])
        .json();
    assert_eq!(kib.status(&url), "no-link");

    let large = Audit::new("example.com")
        .source(&url)
        .args(["--max-page-size", "1M"])
        .json();
    assert_eq!(large.status(&url), "ok");
    assert_eq!(large.source(&url)["truncated"], false);

    let plain = Audit::new("example.com")
        .source(&url)
        .args(["--max-page-size", "100000"])
        .json();
    assert_eq!(plain.status(&url), "ok");
}

#[test]
fn the_default_user_agent_names_the_tool_and_version_everywhere() {
    let server = TestServer::start();
    let url = server.url("/site/link.html");
    Audit::new("example.com").source(&url).json();
    let expected = format!("backlinks/{}", env!("CARGO_PKG_VERSION"));
    let requests = server.requests();
    assert!(requests.iter().any(|r| r.path == "/robots.txt"));
    for request in &requests {
        let agent = request.user_agent.as_deref().unwrap_or("");
        assert!(agent.starts_with(&expected), "{} sent {agent:?}", request.path);
    }
}

#[test]
fn user_agent_overrides_the_header() {
    let server = TestServer::start();
    let url = server.url("/site/link.html");
    Audit::new("example.com")
        .source(&url)
        .args(["--user-agent", "AuditBot/2.0 (+https://example.org/bot)"])
        .json();
    let page = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/site/link.html")
        .expect("the page was fetched");
    assert_eq!(
        page.user_agent.as_deref(),
        Some("AuditBot/2.0 (+https://example.org/bot)")
    );
}

#[test]
fn gzip_deflate_and_brotli_are_accepted() {
    let server = TestServer::start();
    Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .json();
    let page = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/site/link.html")
        .expect("the page was fetched");
    let accepted = page.accept_encoding.unwrap_or_default();
    for coding in ["gzip", "deflate", "br"] {
        assert!(accepted.contains(coding), "{coding} in {accepted:?}");
    }
}

#[test]
fn per_host_bounds_requests_in_flight_to_one_host() {
    let server = TestServer::start();
    let urls: Vec<String> = (0..6).map(|i| server.url(&format!("/inflight/{i}"))).collect();
    let report = Audit::new("example.com")
        .sources(&urls)
        .args(["--per-host", "1"])
        .json();
    assert_eq!(report.summary()["sources"]["by_status"]["ok"], 6);
    assert_eq!(server.max_in_flight(), 1);
}

#[test]
fn the_default_per_host_limit_is_two() {
    let server = TestServer::start();
    let urls: Vec<String> = (0..8).map(|i| server.url(&format!("/inflight/{i}"))).collect();
    Audit::new("example.com").sources(&urls).json();
    assert!(server.max_in_flight() <= 2, "{}", server.max_in_flight());
}

#[test]
fn concurrency_bounds_requests_in_flight_across_hosts() {
    // 127.0.0.1 and localhost are two hosts of one server.
    let server = TestServer::start();
    let port = server.host().rsplit(':').next().unwrap_or_default().to_string();
    let urls: Vec<String> = (0..4)
        .flat_map(|i| {
            [
                server.url(&format!("/inflight/a{i}")),
                format!("http://localhost:{port}/inflight/b{i}"),
            ]
        })
        .collect();
    let report = Audit::new("example.com")
        .sources(&urls)
        .args(["--concurrency", "1", "--per-host", "4"])
        .json();
    assert_eq!(report.summary()["sources"]["by_status"]["ok"], 8);
    assert_eq!(server.max_in_flight(), 1);
}

#[test]
fn delay_spaces_the_starts_of_requests_to_one_host() {
    let server = TestServer::start();
    let urls: Vec<String> = (0..3).map(|i| server.url(&format!("/page/d{i}"))).collect();
    Audit::new("example.com")
        .sources(&urls)
        .args(["--delay", "400", "--per-host", "3"])
        .json();
    let mut starts: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/page/"))
        .map(|r| r.arrived)
        .collect();
    starts.sort();
    assert_eq!(starts.len(), 3);
    for pair in starts.windows(2) {
        // A lower bound only, with room for scheduling jitter.
        let gap = pair[1].duration_since(pair[0]);
        assert!(gap.as_millis() >= 300, "gap of {gap:?} with --delay 400");
    }
}
