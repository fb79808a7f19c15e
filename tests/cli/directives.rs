//! Page-level robots directives (meta tags and X-Robots-Tag) and what they do to
//! `page_nofollow`, `page_noindex` and `passes_equity`.

use crate::run::Audit;
use crate::server::TestServer;

/// (page_nofollow, page_noindex, passes_equity of its one dofollow link)
fn directives_of(path: &str) -> (bool, bool, bool) {
    let server = TestServer::start();
    let url = server.url(path);
    let report = Audit::new("example.com").source(&url).json();
    let source = report.source(&url);
    assert_eq!(source["status"], "ok", "{path}");
    let link = &report.links()[0];
    assert_eq!(link["link_type"], "dofollow", "{path}");
    (
        source["page_nofollow"].as_bool().expect("page_nofollow"),
        source["page_noindex"].as_bool().expect("page_noindex"),
        link["passes_equity"].as_bool().expect("passes_equity"),
    )
}

#[test]
fn x_robots_tag_noindex() {
    assert_eq!(directives_of("/xrobots/noindex"), (false, true, true));
}

#[test]
fn x_robots_tag_nofollow_stops_equity() {
    assert_eq!(directives_of("/xrobots/nofollow"), (true, false, false));
}

#[test]
fn x_robots_tag_list_none_and_two_headers() {
    assert_eq!(directives_of("/xrobots/noindex-nofollow"), (true, true, false));
    assert_eq!(directives_of("/xrobots/none"), (true, true, false));
    assert_eq!(directives_of("/xrobots/two-headers"), (true, false, false));
}

#[test]
fn x_robots_tag_for_googlebot_counts() {
    assert_eq!(directives_of("/xrobots/googlebot-nofollow"), (true, false, false));
    assert_eq!(
        directives_of("/xrobots/googlebot-capitalised"),
        (false, true, true)
    );
}

#[test]
fn x_robots_tag_for_another_bot_does_not_count() {
    assert_eq!(directives_of("/xrobots/bingbot-nofollow"), (false, false, true));
}

#[test]
fn x_robots_tag_rules_that_are_neither_change_nothing() {
    assert_eq!(directives_of("/xrobots/unavailable-after"), (false, false, true));
}

#[test]
fn meta_robots_nofollow_any_case() {
    assert_eq!(
        directives_of("/site/meta-robots-nofollow.html"),
        (true, false, false)
    );
}

#[test]
fn meta_googlebot_noindex() {
    assert_eq!(
        directives_of("/site/meta-googlebot-noindex.html"),
        (false, true, true)
    );
}

#[test]
fn meta_robots_none_is_both() {
    assert_eq!(directives_of("/site/meta-robots-none.html"), (true, true, false));
}

#[test]
fn meta_for_another_bot_does_not_count() {
    assert_eq!(
        directives_of("/site/meta-bingbot-nofollow.html"),
        (false, false, true)
    );
}

#[test]
fn a_plain_page_has_no_directives() {
    assert_eq!(directives_of("/site/link.html"), (false, false, true));
}

#[test]
fn page_nofollow_is_counted_in_the_summary() {
    let server = TestServer::start();
    let report = Audit::new("example.com")
        .sources([
            server.url("/site/link.html"),
            server.url("/site/meta-robots-nofollow.html"),
        ])
        .json();
    let summary = report.summary();
    assert_eq!(summary["backlinks"], 2);
    assert_eq!(summary["link_types"]["dofollow"], 2);
    assert_eq!(summary["passes_equity"], 1);
}
