//! Every failure says why, in words a spreadsheet user can sort by: the
//! network cause first (even when robots.txt was what failed), how many
//! attempts were made, and for an entry given without a scheme, that https was
//! assumed and how to list it over http.

use crate::run::{Audit, Report};
use crate::server::{closed_port, Robots, TestServer};

/// The error of the only source.
fn error_of(report: &Report) -> String {
    let source = &report.sources()[0];
    assert_eq!(source["status"], "unreachable", "{source}");
    source["error"].as_str().expect("an error message").to_string()
}

/// One retry (`Audit` waits 10 ms before it), so counting costs little.
const ONE_RETRY: [&str; 2] = ["--retries", "1"];

#[test]
fn a_closed_port_is_connection_refused_even_when_robots_txt_was_first() {
    let url = format!("http://127.0.0.1:{}/page", closed_port());
    let report = Audit::new("example.com").source(&url).args(ONE_RETRY).json();
    assert_eq!(
        error_of(&report),
        "connection refused (2 attempts, while fetching robots.txt)"
    );
}

#[test]
fn words_in_the_url_do_not_sway_the_phrase() {
    // robots.txt is still read with --ignore-robots, but its failure does not
    // stop the page, whose URL is then the one in the error chain.
    let server = TestServer::start();
    let url = format!("https://{}/certificate-expired", server.host());
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--retries", "0", "--ignore-robots"])
        .json();
    assert_eq!(error_of(&report), "TLS handshake failed (1 attempt)");
}

#[test]
fn a_page_time_out_says_how_long_and_how_many_attempts() {
    let server = TestServer::start();
    let url = server.url("/delay/5000");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "0.3"])
        .args(ONE_RETRY)
        .json();
    assert_eq!(error_of(&report), "timed out after 0.3 s (2 attempts)");
    assert_eq!(server.hits("/delay/5000"), 2);
}

#[test]
fn a_robots_txt_time_out_is_a_time_out() {
    let server = TestServer::with_robots(Robots::Stall);
    let url = server.url("/page/a");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--timeout", "0.3", "--retries", "0"])
        .json();
    assert_eq!(
        error_of(&report),
        "timed out after 0.3 s (1 attempt, while fetching robots.txt)"
    );
    assert_eq!(server.hits("/page/a"), 0, "RFC 9309: no page without robots.txt");
}

#[test]
fn retried_answers_say_how_many_attempts() {
    let server = TestServer::start();
    let (gateway, limited) = (server.url("/status/503"), server.url("/status/429"));
    let report = Audit::new("example.com")
        .sources([&gateway, &limited])
        .args(ONE_RETRY)
        .json();
    assert_eq!(
        report.source(&gateway)["error"],
        "HTTP 503 Service Unavailable (2 attempts)"
    );
    assert_eq!(
        report.source(&limited)["error"],
        "HTTP 429 Too Many Requests: the site refused us (2 attempts; try --per-host 1 --delay 2000)"
    );
}

#[test]
fn answers_that_are_not_retried_count_no_attempts() {
    let server = TestServer::start();
    let url = server.url("/status/404");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.source(&url)["error"], "HTTP 404 Not Found");
}

#[test]
fn a_5xx_robots_txt_stays_robots_blocked_and_counts_attempts() {
    let server = TestServer::with_robots(Robots::Status(503));
    let url = server.url("/page/a");
    let report = Audit::new("example.com").source(&url).args(ONE_RETRY).json();
    let source = report.source(&url);
    assert_eq!(source["status"], "robots-blocked");
    let error = source["error"].as_str().unwrap();
    assert!(
        error.starts_with("robots.txt answered HTTP 503 Service Unavailable (2 attempts); RFC 9309"),
        "{error}"
    );
}

#[test]
fn a_bare_entry_refused_over_https_suggests_http() {
    let entry = format!("127.0.0.1:{}/page", closed_port());
    let report = Audit::new("example.com")
        .source(&entry)
        .args(["--retries", "0"])
        .json();
    assert_eq!(
        error_of(&report),
        format!(
            "connection refused (1 attempt, while fetching robots.txt); https:// was assumed for \
             `{entry}`: list it as `http://{entry}` if the site has no HTTPS"
        )
    );
}

#[test]
fn a_bare_entry_on_a_port_without_tls_suggests_http_and_http_works() {
    let server = TestServer::start();
    let entry = format!("{}/page/bare", server.host());
    let report = Audit::new("example.com")
        .source(&entry)
        .args(["--retries", "0"])
        .json();
    assert_eq!(
        error_of(&report),
        format!(
            "TLS handshake failed (1 attempt, while fetching robots.txt); https:// was assumed for \
             `{entry}`: list it as `http://{entry}` if the site has no HTTPS"
        )
    );
    // Listed as the hint says, it works.
    let report = Audit::new("example.com").source(format!("http://{entry}")).json();
    assert_eq!(report.sources()[0]["status"], "ok");
}

#[test]
fn an_explicit_https_url_gets_no_scheme_hint() {
    let server = TestServer::start();
    let url = format!("https://{}/page/explicit", server.host());
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--retries", "0"])
        .json();
    assert_eq!(
        error_of(&report),
        "TLS handshake failed (1 attempt, while fetching robots.txt)"
    );
}

#[test]
fn verbose_puts_the_raw_chain_behind_the_phrase() {
    let url = format!("http://127.0.0.1:{}/", closed_port());
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--retries", "0", "-v"])
        .json();
    let error = error_of(&report);
    assert!(
        error.starts_with("connection refused (1 attempt, while fetching robots.txt): "),
        "{error}"
    );
    assert!(error.to_lowercase().contains("os error"), "{error}");
}

#[test]
fn the_reason_is_in_every_format() {
    let url = format!("http://127.0.0.1:{}/", closed_port());
    for format in ["table", "csv", "json", "jsonl", "markdown"] {
        let out = Audit::new("example.com")
            .source(&url)
            .args(["--retries", "0", "--format", format])
            .run()
            .stdout_text();
        assert!(out.contains("connection refused"), "{format}: {out}");
    }
}
