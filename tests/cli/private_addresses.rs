//! Redirects to loopback, private and link-local addresses (docs/reference.md,
//! "Private addresses"): refused unless the redirecting page is on the same
//! kind of address, without connecting; `--allow-private` follows them. The
//! test server is on 127.0.0.1, so `0.0.0.0` (which reaches it, but is
//! another kind of address) shows what a refused hop would have reached.

use crate::run::Audit;
use crate::server::{Page, Robots, TestServer};
use std::time::{Duration, Instant};

fn redirect(location: &str) -> Page {
    Page {
        status: 302,
        content_type: None,
        headers: vec![("location".to_string(), location.to_string())],
        body: Vec::new(),
    }
}

/// `http://0.0.0.0:PORT{path}`: the test server, at an unspecified address.
fn unspecified(server: &TestServer, path: &str) -> String {
    let port = server.host().rsplit_once(':').expect("port").1.to_string();
    format!("http://0.0.0.0:{port}{path}")
}

fn refusal(kind: &str, address: &str) -> String {
    format!("redirect to {kind} ({address}) refused; pass --allow-private to follow it")
}

#[test]
fn redirects_to_private_addresses_are_refused_without_connecting() {
    let cases = [
        (
            "/metadata",
            "http://169.254.169.254/latest/meta-data/",
            refusal("a link-local address", "169.254.169.254"),
        ),
        (
            "/intranet",
            "http://10.255.255.1/admin",
            refusal("a private address", "10.255.255.1"),
        ),
        (
            "/mapped",
            "http://[::ffff:10.255.255.1]/",
            refusal("a private address", "::ffff:10.255.255.1"),
        ),
        (
            "/nat",
            "http://100.100.100.200/latest/meta-data/",
            refusal("a private address", "100.100.100.200"),
        ),
    ];
    let server = TestServer::with_pages(cases.iter().map(|(path, to, _)| (*path, redirect(to))).collect());
    let urls: Vec<String> = cases.iter().map(|(path, ..)| server.url(path)).collect();
    let started = Instant::now();
    // With this time-out and retries, one connection attempt to a black hole
    // would keep the run going for minutes.
    let report = Audit::new("example.com")
        .sources(&urls)
        .args(["--timeout", "60", "--retries", "2"])
        .json();
    // A guard against a connection attempt, not a timing measurement.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    for ((path, _, error), url) in cases.iter().zip(&urls) {
        let source = report.source(url);
        assert_eq!(source["status"], "unreachable", "{path}: {source}");
        assert_eq!(source["error"], error.as_str(), "{path}");
        assert_eq!(source["redirects"], serde_json::json!([url]), "{path}");
        assert_eq!(source["final_url"], url.as_str(), "{path}");
    }
}

#[test]
fn a_refused_hop_reaches_nothing_and_allow_private_follows_it() {
    let server = TestServer::start();
    server.set_page("/away", redirect(&unspecified(&server, "/page/zero")));
    let url = server.url("/away");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "unreachable");
    assert_eq!(
        report.source(&url)["error"],
        refusal("an unspecified address", "0.0.0.0").as_str()
    );
    assert_eq!(server.hits("/page/zero"), 0, "nothing was fetched");

    for (way, audit) in [
        ("flag", Audit::new("example.com").args(["--allow-private"])),
        ("file", {
            let audit = Audit::new("example.com");
            audit.file("backlinks.toml", "allow-private = true\n");
            audit
        }),
    ] {
        let report = audit.source(&url).json();
        assert_eq!(report.status(&url), "ok", "{way}: {:#}", report.source(&url));
        assert_eq!(report.links()[0]["target_url"], "https://example.com/zero");
    }
    assert_eq!(server.hits("/page/zero"), 2);
}

#[test]
fn loopback_pages_may_redirect_to_loopback_by_name_or_address() {
    // The server listens on 127.0.0.1 alone, so no other loopback address.
    let server = TestServer::start();
    let port = server.host().rsplit_once(':').expect("port").1.to_string();
    server.set_page(
        "/by-name",
        redirect(&format!("http://localhost:{port}/page/name")),
    );
    server.set_page(
        "/by-address",
        redirect(&format!("http://127.0.0.1:{port}/page/address")),
    );
    let (by_name, by_address) = (server.url("/by-name"), server.url("/by-address"));
    let report = Audit::new("example.com").sources([&by_name, &by_address]).json();
    assert_eq!(report.status(&by_name), "ok", "{:#}", report.source(&by_name));
    assert_eq!(
        report.status(&by_address),
        "ok",
        "{:#}",
        report.source(&by_address)
    );
}

#[test]
fn a_source_listed_at_a_private_address_is_fetched_as_given() {
    let server = TestServer::start();
    let url = unspecified(&server, "/page/listed");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok", "{:#}", report.source(&url));
}

#[test]
fn robots_txt_redirects_follow_the_same_rule() {
    let disallow_all = "User-agent: *\nDisallow: /\n".to_string();
    let server = TestServer::with_robots(Robots::MovedToHost("0.0.0.0", disallow_all));
    let url = server.url("/page/robots");
    // The refused hop leaves robots.txt unavailable (RFC 9309): everything allowed.
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok", "{:#}", report.source(&url));
    assert_eq!(server.hits("/moved/robots.txt"), 0);
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--allow-private"])
        .json();
    assert_eq!(report.status(&url), "robots-blocked");
    assert_eq!(server.hits("/moved/robots.txt"), 1);
}
