//! `extract` on the hand-written pages in `fixtures/extract/`.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/extract/", $name))
    };
}

fn target(s: &str) -> Target {
    Target::parse(s).expect("test target parses")
}

fn run(html: &str, page_url: &str) -> PageExtract {
    let page_url = Url::parse(page_url).expect("test page URL parses");
    extract(html, &page_url, &target("github.com"), &ExtractOptions::default())
}

fn urls(page: &PageExtract) -> Vec<&str> {
    page.links.iter().map(|l| l.url.as_str()).collect()
}

fn link<'a>(page: &'a PageExtract, url: &str) -> &'a RawLink {
    page.links
        .iter()
        .find(|l| l.url == url)
        .unwrap_or_else(|| panic!("no link to {url} in {:?}", urls(page)))
}

#[test]
fn relative_base_resolves_against_the_page_and_first_base_counts() {
    let page = run(
        fixture!("base-href-relative.html"),
        "https://github.com/docs/index.html",
    );
    assert_eq!(
        urls(&page),
        [
            "https://github.com/mirror/guide.html",
            "https://github.com/about",
            "https://github.com/acme/tool",
        ]
    );
    // Elsewhere, relative links stay off the target.
    let page = run(
        fixture!("base-href-relative.html"),
        "https://example.org/docs/index.html",
    );
    assert_eq!(urls(&page), ["https://github.com/acme/tool"]);
}

#[test]
fn absolute_base_applies_to_links_before_it_and_non_links_are_skipped() {
    let page = run(fixture!("base-href-absolute.html"), "https://example.org/notes/");
    assert_eq!(
        urls(&page),
        [
            "https://github.com/acme/tool/releases",
            "https://github.com/acme/tool/issues"
        ]
    );
    assert_eq!(page.links[0].anchor_text, "Releases");
}

#[test]
fn image_links_take_alt_text_and_areas_are_images() {
    let page = run(fixture!("image-and-area-links.html"), "https://example.org/");
    let expect = [
        ("https://github.com/sponsors/acme", "Sponsor acme", true),
        ("https://github.com/acme", "", true),
        ("https://github.com/acme/tool", "Acme on GitHub", false),
        ("https://github.com/acme/map", "Our repository", true),
        ("https://github.com/acme/noalt", "", true),
    ];
    let got: Vec<(&str, &str, bool)> = page
        .links
        .iter()
        .map(|l| (l.url.as_str(), l.anchor_text.as_str(), l.image))
        .collect();
    assert_eq!(got, expect);
}

#[test]
fn rel_tokens_and_link_types() {
    let page = run(fixture!("rel-variants.html"), "https://example.org/");
    let got: Vec<(Vec<&str>, LinkType)> = page
        .links
        .iter()
        .map(|l| (l.rel.iter().map(String::as_str).collect(), l.link_type))
        .collect();
    assert_eq!(
        got,
        [
            (vec!["ugc", "nofollow"], LinkType::Ugc),
            (vec!["sponsored", "nofollow"], LinkType::Sponsored),
            (vec!["noopener", "noreferrer"], LinkType::Dofollow),
            (vec![], LinkType::Dofollow),
            (vec![], LinkType::Dofollow),
            (vec!["nofollow", "ugc"], LinkType::Ugc),
        ]
    );
}

#[test]
fn placements_follow_the_nearest_landmark() {
    let page = run(fixture!("placement-landmarks.html"), "https://example.org/");
    for (path, placement) in [
        ("header", Placement::Header),
        ("header-nav", Placement::Navigation),
        ("role-nav", Placement::Navigation),
        ("role-banner", Placement::Header),
        ("content", Placement::Content),
        ("aside", Placement::Sidebar),
        ("role-complementary", Placement::Sidebar),
        ("footer", Placement::Footer),
        ("role-contentinfo", Placement::Footer),
    ] {
        let url = format!("https://github.com/{path}");
        assert_eq!(link(&page, &url).placement, placement, "{path}");
    }
}

#[test]
fn hidden_links_and_near_misses() {
    let page = run(fixture!("hidden-links.html"), "https://example.org/");
    for (path, hidden) in [
        ("visible", false),
        ("attr", true),
        ("ancestor-attr", true),
        ("display", true),
        ("visibility", true),
        ("font-size", true),
        ("opacity", true),
        ("near-display", false),
        ("near-opacity", false),
        ("near-font", false),
    ] {
        let url = format!("https://github.com/{path}");
        assert_eq!(link(&page, &url).hidden, hidden, "{path}");
    }
}

#[test]
fn meta_robots_name_is_case_insensitive_and_other_bots_do_not_count() {
    let page = run(fixture!("meta-robots-nofollow.html"), "https://example.org/");
    assert_eq!(
        page.directives,
        Directives {
            nofollow: true,
            noindex: false
        }
    );
    assert_eq!(page.title.as_deref(), Some("Link roundup"));
}

#[test]
fn meta_googlebot_none_sets_both_and_empty_title_is_none() {
    let page = run(fixture!("meta-googlebot-none.html"), "https://example.org/");
    assert_eq!(
        page.directives,
        Directives {
            nofollow: true,
            noindex: true
        }
    );
    assert_eq!(page.title, None);
}

#[test]
fn page_without_meta_robots_has_no_directives() {
    let page = run(fixture!("rel-variants.html"), "https://example.org/");
    assert_eq!(page.directives, Directives::default());
    assert_eq!(page.title.as_deref(), Some("Comments"));
}

#[test]
fn docs_page_keeps_only_target_links_in_order() {
    let page = run(
        fixture!("docs-page-few-target-links.html"),
        "https://acme.example/docs/configuration.html",
    );
    assert_eq!(
        urls(&page),
        [
            "https://github.com/acme/tool/issues?q=cli",
            "https://github.com/acme/tool/issues?q=anchors",
            "https://github.com/acme/tool/issues?q=markdown",
            "https://github.com/acme/tool",
            "https://github.com/acme/tool/blob/main/docs/configuration.rst?plain=1",
        ]
    );
    assert_eq!(
        page.title.as_deref(),
        Some("Configuration — Acme Tool 2.3 documentation")
    );
    assert_eq!(
        link(&page, "https://github.com/acme/tool").placement,
        Placement::Sidebar
    );
}

#[test]
fn url_targets_match_by_path_and_subdomains_count() {
    let html = r#"<a href="https://github.com/acme/x">x</a><a href="https://gist.github.com/acme/y">y</a>
        <a href="https://github.com/other">o</a><a href="https://notgithub.com/acme/z">z</a>"#;
    let page_url = Url::parse("https://example.org/").expect("valid URL");
    let page = extract(
        html,
        &page_url,
        &target("https://github.com/acme/"),
        &ExtractOptions::default(),
    );
    assert_eq!(
        urls(&page),
        ["https://github.com/acme/x", "https://gist.github.com/acme/y"]
    );
    let page = extract(html, &page_url, &target("github.com"), &ExtractOptions::default());
    assert_eq!(
        urls(&page),
        [
            "https://github.com/acme/x",
            "https://gist.github.com/acme/y",
            "https://github.com/other"
        ]
    );
}

#[test]
fn svg_title_is_not_the_page_title() {
    let page = run(
        "<body><svg><title>icon</title></svg><a href=https://github.com/>x</a>",
        "https://example.org/",
    );
    assert_eq!(page.title, None);
    assert_eq!(page.links.len(), 1);
}

#[test]
fn first_title_counts_even_when_empty() {
    let page = run("<title> </title><title>Second</title>", "https://example.org/");
    assert_eq!(page.title, None);
}

#[test]
fn namespaced_href_is_not_a_link() {
    let page = run(
        r#"<svg><a xlink:href="https://github.com/svg"><text>x</text></a></svg><a href="https://github.com/html">y</a>"#,
        "https://example.org/",
    );
    assert_eq!(urls(&page), ["https://github.com/html"]);
}

#[test]
fn hostile_input_does_not_panic() {
    let deep = "<div>".repeat(20_000) + "<a href='https://github.com/deep'>deep</a>";
    let page = run(&deep, "https://example.org/");
    assert_eq!(urls(&page), ["https://github.com/deep"]);
    for html in [
        "",
        "<a href>",
        "<a href=\u{0}>",
        "<base href=\"http://[\"><a href=x>",
        "<a href='https://github.com/%zz'>",
    ] {
        let _ = run(html, "https://example.org/");
    }
}

#[test]
fn a_saved_pages_protocol_relative_links_take_its_stated_scheme() {
    let html = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/site/protocol-relative.html"
    ));
    let target = target("example.com");
    let read = |page_url: &str| {
        let page_url = Url::parse(page_url).expect("test page URL parses");
        extract(html, &page_url, &target, &ExtractOptions::default())
    };
    let saved = read("file:///home/me/seed-swaps.html");
    assert_eq!(
        urls(&saved),
        ["http://example.com/seeds", "http://www.example.com/guide?step=1"]
    );
    assert_eq!(saved.facts.external_links, 2, "{:?}", saved.facts);
    let served = read("https://allotment-notes.example.net/2024/seed-swaps.html");
    assert_eq!(
        urls(&served),
        [
            "https://example.com/seeds",
            "https://www.example.com/guide?step=1"
        ]
    );
}

/// Every link `links_within` finds for several targets in one pass, compared
/// with `extract` for each target alone (block density aside: it is a page
/// fact), on every hand-written page, served or saved, and for targets that
/// overlap (a host and its subdomain) or that the page is on.
#[test]
fn one_pass_for_several_targets_finds_what_one_pass_per_target_finds() {
    let mut pages: Vec<(String, String)> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/extract"))
            .expect("fixtures/extract is readable")
            .map(|entry| {
                let path = entry.expect("a directory entry").path();
                let html = std::fs::read_to_string(&path).expect("a fixture is UTF-8");
                (path.display().to_string(), html)
            })
            .collect();
    pages.push((
        "protocol-relative".to_string(),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/site/protocol-relative.html"
        ))
        .to_string(),
    ));
    let targets: Vec<Target> = [
        "github.com",
        "gist.github.com",
        "example.com",
        "example.org",
        "python.org",
    ]
    .into_iter()
    .map(target)
    .collect();
    let targets: Vec<&Target> = targets.iter().collect();
    let page_urls = [
        "https://blog.example.net/posts/1.html",
        "https://example.org/docs/index.html",
        "file:///home/me/saved.html",
    ];
    let without_density = |mut link: RawLink| {
        link.block_link_density = 0.0;
        link
    };
    let mut links_seen = 0;
    for (name, html) in &pages {
        for page_url in page_urls {
            let url = Url::parse(page_url).expect("test page URL parses");
            let together = links_within(html, &url, &targets, &Budget::unlimited()).expect("no budget limit");
            for (target, found) in targets.iter().zip(&together.links) {
                let alone = extract(html, &url, target, &ExtractOptions::default());
                // Directives are read only from pages that may link.
                if !found.is_empty() {
                    assert_eq!(together.directives, alone.directives, "{name} at {page_url}");
                }
                let alone: Vec<RawLink> = alone.links.into_iter().map(without_density).collect();
                assert_eq!(found, &alone, "{name} at {page_url}, target {}", target.host);
                links_seen += found.len();
            }
        }
    }
    // The pages do link to these targets: the comparison is not of nothing.
    assert!(links_seen > 100, "only {links_seen} links compared");
}

mod one_pass_agrees {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of markup whose order changes what the pass sees: text before
    /// the body, a title, a base, robots metas, landmarks, hidden and
    /// comment areas, anchors nested and unclosed, raw text, entities.
    const PIECES: &[&str] = &[
        "<html>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "<title>T &amp; ",
        "</title>",
        "<base href=\"https://github.com/base/\">",
        "<meta name=robots content=nofollow>",
        "<nav>",
        "</nav>",
        "<footer>",
        "</footer>",
        "<div hidden>",
        "<div class=comments>",
        "</div>",
        "<p>",
        "</p>",
        "<li>",
        "<a href=\"https://github.com/x\">",
        "<a href=\"//gist.github.com/y\">",
        "<a href=\"https://python.org/z\" rel=\"nofollow ugc\">",
        "<a href=\"rel/ative\">",
        "</a>",
        "<area href=\"https://github.com/area\" alt=\"map\">",
        "<img alt=\"logo\">",
        "text ",
        " &#x67;it ",
        "<script>var a = '<a href=https://github.com/s>';</script>",
        "<svg><a href=\"https://github.com/svg\">",
        "</svg>",
        "<textarea><a href=https://github.com/t></textarea>",
        "\0",
        "<!-- <a href=https://github.com/c> -->",
    ];

    proptest! {
        #[test]
        fn links_within_equals_extract_per_target(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let html: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let owned: Vec<Target> = ["github.com", "gist.github.com", "python.org"].into_iter().map(target).collect();
            let targets: Vec<&Target> = owned.iter().collect();
            for page_url in ["https://blog.example.net/a/b.html", "https://github.com/page"] {
                let url = Url::parse(page_url).expect("test page URL parses");
                let together = links_within(&html, &url, &targets, &Budget::unlimited()).expect("no budget limit");
                for (target, found) in targets.iter().zip(&together.links) {
                    let alone = extract(&html, &url, target, &ExtractOptions::default());
                    if !found.is_empty() {
                        prop_assert_eq!(&together.directives, &alone.directives);
                    }
                    let alone: Vec<RawLink> = alone
                        .links
                        .into_iter()
                        .map(|mut link| {
                            link.block_link_density = 0.0;
                            link
                        })
                        .collect();
                    prop_assert_eq!(found, &alone, "{} on {}", target.host, html);
                }
            }
        }
    }
}
