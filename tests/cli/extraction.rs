//! Extraction through the binary: rel, link types, anchors, placement, hidden
//! links, base href, and which elements are links at all.

use crate::run::{Audit, Report};
use crate::server::TestServer;
use serde_json::json;

fn audit_fixture(name: &str) -> Report {
    let server = TestServer::start();
    let url = server.url(&format!("/site/{name}"));
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.status(&url), "ok", "{name}");
    report
}

#[test]
fn rel_is_split_on_white_space_and_commas_lowercased_and_deduplicated() {
    let report = audit_fixture("rel-variants.html");
    let cases = [
        ("nofollow", json!(["nofollow"]), "nofollow"),
        ("comma", json!(["ugc", "nofollow"]), "ugc"),
        ("sponsored-ugc", json!(["sponsored", "ugc"]), "sponsored"),
        ("noopener", json!(["noopener"]), "dofollow"),
        ("mixed-case", json!(["nofollow"]), "nofollow"),
        ("duplicates", json!(["nofollow", "ugc"]), "ugc"),
        ("none", json!([]), "dofollow"),
        ("empty", json!([]), "dofollow"),
        ("tab", json!(["noreferrer", "sponsored"]), "sponsored"),
        ("dofollow-word", json!(["dofollow"]), "dofollow"),
    ];
    assert_eq!(report.links().len(), cases.len());
    for (path, rel, link_type) in cases {
        let link = report.link_to(&format!("https://example.com/rel/{path}"));
        assert_eq!(link["rel"], rel, "{path}");
        assert_eq!(link["link_type"], link_type, "{path}");
        assert_eq!(link["passes_equity"], link_type == "dofollow", "{path}");
    }
    let types = &report.summary()["link_types"];
    assert_eq!(
        *types,
        json!({"dofollow": 4, "nofollow": 2, "ugc": 2, "sponsored": 2})
    );
    assert_eq!(report.summary()["passes_equity"], 4);
}

#[test]
fn placement_comes_from_the_nearest_landmark() {
    let report = audit_fixture("placement.html");
    let cases = [
        ("header", "header"),
        ("nav", "navigation"),
        ("content", "content"),
        ("aside", "sidebar"),
        ("role-navigation", "navigation"),
        ("role-banner", "header"),
        ("role-contentinfo", "footer"),
        ("role-complementary", "sidebar"),
        ("nav-in-footer", "navigation"),
        ("footer", "footer"),
        ("deep-content", "content"),
    ];
    for (path, placement) in cases {
        let link = report.link_to(&format!("https://example.com/p/{path}"));
        assert_eq!(link["placement"], placement, "{path}");
    }
}

#[test]
fn hidden_links_by_attribute_or_inline_style_on_the_link_or_an_ancestor() {
    let report = audit_fixture("hidden-links.html");
    let cases = [
        ("visible", false),
        ("attribute", true),
        ("ancestor-attribute", true),
        ("display", true),
        ("ancestor-display", true),
        ("visibility", true),
        ("font-size", true),
        ("opacity", true),
        ("display-block", false),
        ("opacity-half", false),
        ("font-size-small", false),
    ];
    for (path, hidden) in cases {
        let link = report.link_to(&format!("https://example.com/h/{path}"));
        assert_eq!(link["hidden"], hidden, "{path}");
    }
}

#[test]
fn links_resolve_against_the_first_base_href() {
    let report = audit_fixture("base-href.html");
    let targets = report.target_urls();
    assert_eq!(targets.len(), 4, "{targets:?}");
    assert_eq!(targets[0], "https://example.com/docs/guide");
    assert!(
        targets[1].starts_with("https://example.com/pricing?plan=pro"),
        "{}",
        targets[1]
    );
    assert_eq!(targets[2], "https://example.com/absolute-path");
    assert_eq!(targets[3], "https://example.com/scheme-relative");
}

#[test]
fn a_saved_pages_protocol_relative_links_take_the_scheme_it_states() {
    let page = crate::run::fixture("site/protocol-relative.html");
    let report = Audit::new("example.com").source(page.as_os_str()).json();
    assert_eq!(
        report.target_urls(),
        ["http://example.com/seeds", "http://www.example.com/guide?step=1"]
    );
}

#[test]
fn a_saved_page_that_states_no_url_gives_protocol_relative_links_https() {
    let audit = Audit::new("example.com");
    let page = audit.file(
        "no-stated-url.html",
        "<p>See <a href=\"//example.com/x\">Example</a>.</p>",
    );
    let report = audit.source(page.as_os_str()).json();
    assert_eq!(report.target_urls(), ["https://example.com/x"]);
}

#[test]
fn a_served_pages_protocol_relative_links_take_its_own_scheme() {
    let report = audit_fixture("protocol-relative.html");
    assert_eq!(
        report.target_urls(),
        ["http://example.com/seeds", "http://www.example.com/guide?step=1"]
    );
}

#[test]
fn only_http_links_from_a_and_area_elements_count() {
    let report = audit_fixture("non-http-links.html");
    assert_eq!(report.target_urls(), ["https://example.com/real"]);
}

#[test]
fn image_links_take_the_alt_text_and_areas_count() {
    let report = audit_fixture("area-and-image-links.html");
    let logo = report.link_to("https://example.com/logo");
    assert_eq!(logo["anchor_text"], "Example logo");
    assert_eq!(logo["anchor_kind"], "image");

    let no_alt = report.link_to("https://example.com/no-alt");
    assert_eq!(no_alt["anchor_text"], "");
    assert_eq!(no_alt["anchor_kind"], "image");

    let text = report.link_to("https://example.com/text-and-image");
    assert_eq!(text["anchor_text"], "Visit us");

    let area = report.link_to("https://example.com/area");
    assert_eq!(area["anchor_text"], "Area alt text");
    assert_eq!(report.links().len(), 4, "an area without href is no link");
}

#[test]
fn anchor_text_collapses_white_space_and_joins_nested_text() {
    let report = audit_fixture("anchor-text.html");
    assert_eq!(
        report.link_to("https://example.com/collapse")["anchor_text"],
        "Best garden tools"
    );
    assert_eq!(
        report.link_to("https://example.com/nested")["anchor_text"],
        "Tom & Jerry"
    );
    let empty = report.link_to("https://example.com/empty");
    assert_eq!(empty["anchor_text"], "");
    assert_eq!(empty["anchor_kind"], "empty");
}

#[test]
fn links_keep_document_order_duplicates_included() {
    let report = audit_fixture("document-order.html");
    assert_eq!(
        report.target_urls(),
        [
            "https://example.com/order/3",
            "https://example.com/order/1",
            "https://example.com/order/2",
            "https://example.com/order/1",
        ]
    );
    assert_eq!(report.sources()[0]["links"], 4);
}

#[test]
fn link_records_carry_their_source() {
    let server = TestServer::start();
    let url = server.url("/site/link.html");
    let report = Audit::new("example.com").source(&url).json();
    let link = &report.links()[0];
    assert_eq!(link["source_url"], url.as_str());
    assert_eq!(link["source_domain"], "127.0.0.1");
    assert!(
        link["source_host"]
            .as_str()
            .is_some_and(|h| h.starts_with("127.0.0.1")),
        "{}",
        link["source_host"]
    );
    assert_eq!(link["target_url"], "https://example.com/");
    assert_eq!(link["anchor_text"], "Example");
    assert_eq!(link["anchor_kind"], "branded");
}

#[test]
fn a_fragment_in_a_source_url_is_dropped() {
    let server = TestServer::start();
    let report = Audit::new("example.com")
        .source(server.url("/site/link.html#section"))
        .json();
    assert_eq!(report.sources()[0]["url"], server.url("/site/link.html"));
}
