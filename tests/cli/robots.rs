//! robots.txt (RFC 9309) for the product token `backlinks`.

use crate::run::Audit;
use crate::server::{Robots, TestServer};

const BACKLINKS_GROUP_AND_STAR: &str = "\
User-agent: *
Disallow: /

User-agent: backlinks
Disallow: /private/
";

#[test]
fn the_backlinks_group_wins_over_star() {
    let server = TestServer::with_robots(Robots::Text(BACKLINKS_GROUP_AND_STAR.into()));
    let public = server.url("/page/public");
    let private = server.url("/private/secret");
    let report = Audit::new("example.com").sources([&public, &private]).json();
    assert_eq!(report.status(&public), "ok");
    let blocked = report.source(&private);
    assert_eq!(blocked["status"], "robots-blocked");
    assert_eq!(blocked["http_status"], serde_json::Value::Null);
    assert_eq!(
        server.hits("/private/secret"),
        0,
        "a disallowed page is not fetched"
    );
}

#[test]
fn the_product_token_is_matched_case_insensitively() {
    let robots = "User-agent: BackLinks\nDisallow: /private/\n";
    let server = TestServer::with_robots(Robots::Text(robots.into()));
    let private = server.url("/private/secret");
    let report = Audit::new("example.com").source(&private).json_with_code(0);
    assert_eq!(report.status(&private), "robots-blocked");
}

#[test]
fn star_applies_when_there_is_no_backlinks_group() {
    let robots = "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n";
    let server = TestServer::with_robots(Robots::Text(robots.into()));
    let public = server.url("/page/public");
    let private = server.url("/private/secret");
    let report = Audit::new("example.com").sources([&public, &private]).json();
    assert_eq!(report.status(&public), "ok");
    assert_eq!(report.status(&private), "robots-blocked");
}

#[test]
fn the_longest_match_wins_and_allow_wins_a_tie() {
    let robots = "User-agent: *\nDisallow: /private/\nAllow: /private/open\n";
    let server = TestServer::with_robots(Robots::Text(robots.into()));
    let open = server.url("/private/open");
    let closed = server.url("/private/closed");
    let report = Audit::new("example.com").sources([&open, &closed]).json();
    assert_eq!(report.status(&open), "ok");
    assert_eq!(report.status(&closed), "robots-blocked");
}

#[test]
fn a_missing_robots_txt_allows_everything() {
    let server = TestServer::with_robots(Robots::Status(404));
    let url = server.url("/private/secret");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok");
    let flags = &report.links()[0]["flags"];
    assert!(
        !flags
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x == "googlebot-blocked")),
        "{flags}"
    );
}

#[test]
fn a_failing_robots_txt_disallows_everything() {
    let server = TestServer::with_robots(Robots::Status(500));
    let url = server.url("/page/anything");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--retries", "0"])
        .json();
    assert_eq!(report.status(&url), "robots-blocked");
    assert_eq!(server.hits("/page/anything"), 0);
}

#[test]
fn ignore_robots_fetches_disallowed_pages() {
    let server = TestServer::with_robots(Robots::Text("User-agent: *\nDisallow: /\n".into()));
    let url = server.url("/private/secret");
    let report = Audit::new("example.com")
        .source(&url)
        .args(["--ignore-robots"])
        .json();
    assert_eq!(report.status(&url), "ok");
    assert_eq!(server.hits("/private/secret"), 1);
}

#[test]
fn robots_txt_is_fetched_once_per_origin() {
    let server = TestServer::with_robots(Robots::Text(BACKLINKS_GROUP_AND_STAR.into()));
    let port = server.host().rsplit(':').next().unwrap_or_default().to_string();
    let mut urls: Vec<String> = (0..6).map(|i| server.url(&format!("/page/{i}"))).collect();
    urls.extend((0..3).map(|i| format!("http://localhost:{port}/page/l{i}")));
    let report = Audit::new("example.com").sources(&urls).json();
    assert_eq!(report.summary()["sources"]["by_status"]["ok"], 9);
    // Two origins (127.0.0.1 and localhost on one port), one robots.txt each.
    assert_eq!(server.hits("/robots.txt"), 2);
}

#[test]
fn a_robots_txt_that_shuts_out_googlebot_flags_the_link() {
    let robots = "User-agent: Googlebot\nDisallow: /\n";
    let server = TestServer::with_robots(Robots::Text(robots.into()));
    let url = server.url("/page/hidden-from-google");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok", "backlinks itself is allowed");
    let flags = &report.links()[0]["flags"];
    assert!(
        flags
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x == "googlebot-blocked")),
        "{flags}"
    );
}

#[test]
fn a_redirected_robots_txt_is_followed() {
    let robots = "User-agent: *\nDisallow: /private/\n";
    let server = TestServer::with_robots(Robots::Moved(robots.into()));
    let public = server.url("/page/public");
    let private = server.url("/private/secret");
    let report = Audit::new("example.com").sources([&public, &private]).json();
    assert_eq!(report.status(&public), "ok");
    assert_eq!(report.status(&private), "robots-blocked");
    assert_eq!(server.hits("/moved/robots.txt"), 1);
}

#[test]
fn a_forbidden_robots_txt_allows_everything() {
    // RFC 9309: any 4xx means no rules, 401 and 403 included.
    let server = TestServer::with_robots(Robots::Status(403));
    let url = server.url("/private/secret");
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok");
}

#[test]
fn wildcards_and_end_anchors_are_honoured() {
    let robots = "User-agent: backlinks\nDisallow: /page/*-secret$\n";
    let server = TestServer::with_robots(Robots::Text(robots.into()));
    let blocked = server.url("/page/x-secret");
    let allowed = server.url("/page/x-secret-not");
    let report = Audit::new("example.com").sources([&blocked, &allowed]).json();
    assert_eq!(report.status(&blocked), "robots-blocked");
    assert_eq!(report.status(&allowed), "ok");
}
