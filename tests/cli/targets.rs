//! Which links point at the target: hosts, subdomains, look-alikes, IDN, prefixes.

use crate::run::Audit;
use crate::server::TestServer;

fn targets_found(target: &str, fixture: &str) -> (serde_json::Value, Vec<String>) {
    let server = TestServer::start();
    let url = server.url(&format!("/site/{fixture}"));
    let report = Audit::new(target).source(&url).json();
    let urls = report.target_urls().into_iter().map(str::to_string).collect();
    (report.doc["target"].clone(), urls)
}

#[test]
fn the_host_and_its_subdomains_match_and_look_alikes_do_not() {
    let (target, urls) = targets_found("example.com", "lookalikes.html");
    assert_eq!(target["host"], "example.com");
    assert_eq!(target["path_prefix"], "/");
    assert_eq!(urls.len(), 5, "{urls:#?}");
    let paths: Vec<&str> = urls
        .iter()
        .map(|u| u.rsplit('/').next().unwrap_or_default())
        .collect();
    assert_eq!(paths, ["exact", "www", "sub", "upper-dot", "port"]);
}

#[test]
fn a_www_target_loses_its_www_and_matches_the_bare_host() {
    let (target, urls) = targets_found("WWW.Example.com", "lookalikes.html");
    assert_eq!(target["input"], "WWW.Example.com");
    assert_eq!(target["host"], "example.com");
    assert_eq!(urls.len(), 5, "{urls:#?}");
}

#[test]
fn a_subdomain_target_does_not_match_its_parent() {
    let (target, urls) = targets_found("blog.example.com", "lookalikes.html");
    assert_eq!(target["host"], "blog.example.com");
    assert_eq!(urls, ["https://blog.example.com/sub"]);
}

#[test]
fn an_idn_target_matches_unicode_and_punycode_links() {
    for input in ["bücher.de", "xn--bcher-kva.de", "BÜCHER.de."] {
        let (target, urls) = targets_found(input, "idn-links.html");
        assert_eq!(target["host"], "xn--bcher-kva.de", "{input}");
        assert_eq!(urls.len(), 3, "{input}: {urls:#?}");
        assert!(urls.iter().all(|u| !u.contains("buecher")), "{urls:?}");
    }
}

#[test]
fn a_url_target_matches_by_path_prefix() {
    let (target, urls) = targets_found("https://example.com/blog/", "url-prefix.html");
    assert_eq!(target["host"], "example.com");
    assert_eq!(target["path_prefix"], "/blog/");
    assert_eq!(
        urls,
        [
            "https://example.com/blog/",
            "https://example.com/blog/post-1",
            "http://blog.example.com/blog/sub",
        ]
    );
}

#[test]
fn a_host_target_matches_every_path() {
    let (_, urls) = targets_found("example.com", "url-prefix.html");
    assert_eq!(urls.len(), 6);
}

#[test]
fn an_unusable_target_is_a_usage_error() {
    let server = TestServer::start();
    let url = server.url("/site/link.html");
    for target in ["ftp://example.com/", "", "exa mple.com", "https://"] {
        let outcome = Audit::new(target).source(&url).run().expect_code(2);
        assert!(!outcome.stderr.trim().is_empty(), "{target:?}");
        assert!(outcome.stdout.is_empty(), "{target:?}");
    }
    assert_eq!(server.hits("/site/link.html"), 0);
}
