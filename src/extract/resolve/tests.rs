use super::*;
use proptest::prelude::*;

fn target(s: &str) -> Target {
    Target::parse(s).expect("test target parses")
}

fn url(s: &str) -> Url {
    Url::parse(s).expect("test URL parses")
}

fn resolved(page: &str, base: Option<&str>, href: &str) -> Option<String> {
    resolved_stated(page, base, None, href)
}

/// As `resolved`, for a page that states its own URL as `stated`.
fn resolved_stated(page: &str, base: Option<&str>, stated: Option<&str>, href: &str) -> Option<String> {
    let page = url(page);
    let stated = stated.map(url);
    let target = target("github.com");
    Resolver::new(Base::new(&page, base, stated.as_ref()), &[&target])
        .resolve(href)
        .map(String::from)
}

#[test]
fn absolute_and_relative_links_resolve() {
    let page = "https://blog.example.org/posts/1.html";
    assert_eq!(
        resolved(page, None, "https://github.com/a#readme").as_deref(),
        Some("https://github.com/a")
    );
    assert_eq!(
        resolved(page, None, "//GitHub.com/b").as_deref(),
        Some("https://github.com/b")
    );
    assert_eq!(resolved(page, None, "/c"), None);
    assert_eq!(resolved(page, None, "https://example.org/github.com"), None);
}

#[test]
fn non_links_are_skipped() {
    let page = "https://github.com/page";
    assert_eq!(resolved(page, None, "#top"), None);
    assert_eq!(resolved(page, None, "  #top"), None);
    assert_eq!(resolved(page, None, ""), None);
    assert_eq!(
        resolved(page, None, "javascript:location='https://github.com/'"),
        None
    );
    assert_eq!(resolved(page, None, "mailto:me@github.com"), None);
    assert_eq!(resolved(page, None, "ftp://github.com/x"), None);
    assert_eq!(resolved(page, None, "http://[::1"), None);
    assert!(resolved(page, None, "/x").is_some());
}

#[test]
fn relative_base_href_resolves_against_the_page() {
    let page = "https://github.com/docs/index.html";
    assert_eq!(
        resolved(page, Some("../v2/"), "page").as_deref(),
        Some("https://github.com/v2/page")
    );
}

#[test]
fn absolute_base_href_moves_relative_links() {
    let onto = resolved("https://example.org/", Some("https://github.com/x/"), "y");
    assert_eq!(onto.as_deref(), Some("https://github.com/x/y"));
    let away = resolved("https://github.com/", Some("https://example.org/"), "y");
    assert_eq!(away, None);
}

#[test]
fn unusable_base_href_is_ignored() {
    let page = "https://github.com/a/b";
    assert_eq!(
        resolved(page, Some("https://[bad/"), "c").as_deref(),
        Some("https://github.com/a/c")
    );
    assert_eq!(
        resolved(page, Some("mailto:x@example.org"), "c").as_deref(),
        Some("https://github.com/a/c")
    );
}

#[test]
fn pre_filter_lets_rewritten_hosts_through() {
    let page = "https://example.org/";
    for href in [
        "https://git%68ub.com/",
        "https://git\thub.com/",
        "https://ｇｉｔｈｕｂ.com/",
        "https://github。com/",
        "https:\\\\github.com\\x",
    ] {
        assert!(resolved(page, None, href).is_some(), "{href:?}");
    }
}

#[test]
fn pre_filter_skips_what_cannot_name_the_host() {
    let host = "github.com";
    assert!(may_point_at("https://GitHub.com/x", host));
    assert!(may_point_at("HTTP://www.github.com", host));
    assert!(may_point_at("//github.com/x", host));
    assert!(may_point_at("http:github.com", host));
    assert!(may_point_at("/a%20b", host));
    // Relative hrefs keep the base's host, other schemes are not http(s).
    assert!(!may_point_at("github.com/x", host));
    assert!(!may_point_at("/github.com", host));
    assert!(!may_point_at("?u=https://github.com/", host));
    assert!(!may_point_at("mailto:me@github.com", host));
    assert!(!may_point_at("javascript:open('//github.com')", host));
    assert!(!may_point_at("https://gitlab.com/", host));
    assert!(!may_point_at("1http://github.com/", host));
}

#[test]
fn a_saved_pages_scheme_relative_links_take_the_stated_scheme() {
    let saved = "file:///home/me/saved.html";
    assert_eq!(
        resolved_stated(
            saved,
            None,
            Some("http://blog.example.org/post"),
            "//github.com/a"
        )
        .as_deref(),
        Some("http://github.com/a")
    );
    assert_eq!(
        resolved_stated(
            saved,
            None,
            Some("https://blog.example.org/post"),
            "//github.com/a"
        )
        .as_deref(),
        Some("https://github.com/a")
    );
    // Without a stated URL: https, as most sites serve today.
    assert_eq!(
        resolved(saved, None, " //GitHub.com/b#top").as_deref(),
        Some("https://github.com/b")
    );
    assert_eq!(
        resolved(saved, None, "\\\\github.com\\c").as_deref(),
        Some("https://github.com/c")
    );
    assert_eq!(
        resolved(saved, None, "/\t/github.com/d").as_deref(),
        Some("https://github.com/d")
    );
    // Other hrefs keep the file base: relative ones are not links.
    assert_eq!(resolved(saved, None, "/github.com/e"), None);
    assert_eq!(resolved(saved, None, "file://github.com/f"), None);
    // A scheme-relative <base href> moves them onto the web the same way.
    assert_eq!(
        resolved(saved, Some("//github.com/docs/"), "g").as_deref(),
        Some("https://github.com/docs/g")
    );
}

#[test]
fn an_explicit_base_keeps_its_own_scheme_for_scheme_relative_links() {
    assert_eq!(
        resolved(
            "file:///saved.html",
            Some("http://example.org/"),
            "//github.com/a"
        )
        .as_deref(),
        Some("http://github.com/a")
    );
    assert_eq!(
        resolved("file:///saved.html", Some("ftp://example.org/"), "//github.com/a"),
        None
    );
}

#[test]
fn ip_targets_see_every_spelling_of_the_address() {
    let page = url("https://example.org/");
    let ip = target("127.0.0.1");
    let targets = [&ip];
    let resolver = Resolver::new(Base::new(&page, None, None), &targets);
    assert!(resolver.resolve("http://2130706433/").is_some());
    assert!(resolver.resolve("http://0x7f.1/").is_some());
}

const PREFIXES: [&str; 12] = [
    "",
    "http:",
    "https:",
    "//",
    "http://",
    "HTTPS://",
    "https:\\\\",
    "\\\\",
    "/",
    "x:",
    "ftp://",
    " \t//",
];
const HOST_PIECES: [&str; 18] = [
    "git",
    "hub",
    "GitHub",
    "github",
    ".com",
    "\u{3002}com",
    ".",
    "%2e",
    "%68",
    "\t",
    "\u{ff47}\u{ff49}\u{ff54}",
    "www.",
    "evil.net",
    "@",
    "\u{ad}",
    "COM",
    "x",
    "1",
];
const TAILS: [&str; 10] = ["", "/", "?q", "#f", ":80", "/github.com", "@x", "\\", "%", " "];
/// Page URLs, and the URL the page states (saved pages only).
const BASES: [(&str, Option<&str>); 6] = [
    ("https://example.org/a/b", None),
    ("http://github.com.evil.net/", None),
    ("file:///tmp/page.html", None),
    ("file:///tmp/saved.html", Some("http://blog.example.net/post")),
    ("file://server/share/page.html", Some("https://github.com/own")),
    ("https://notgithub.com/x?y", None),
];

/// Whether the fast path and a full resolution agree on `href`, and what the
/// full resolution says.
fn agrees((page, stated): (&str, Option<&str>), href: &str) -> (bool, bool) {
    let page = url(page);
    let stated = stated.map(url);
    let target = target("github.com");
    let fast = Resolver::new(Base::new(&page, None, stated.as_ref()), &[&target])
        .resolve(href)
        .is_some();
    let trimmed = href.trim_matches(|c: char| c <= ' ');
    let full = !trimmed.is_empty()
        && !trimmed.starts_with('#')
        && full_resolution(&page, stated.as_ref(), href)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && target.matches_url(&u));
    (fast == full, full)
}

/// The rule for a saved page, written without `Base`: an href with no scheme
/// that names its own host (it resolves alike against two web pages on
/// different hosts) takes the stated URL's scheme, else https; every other
/// href resolves against the page URL as the parser says.
fn full_resolution(page: &Url, stated: Option<&Url>, href: &str) -> Result<Url, ParseError> {
    let no_scheme = Url::parse(href) == Err(ParseError::RelativeUrlWithoutBase);
    if page.scheme() == "file" && no_scheme {
        let one = url("https://one.invalid/p/q").join(href);
        let other = url("https://other.invalid/r").join(href);
        if one == other {
            let web = stated.cloned().unwrap_or_else(|| url("https://stated.invalid/"));
            return web.join(href);
        }
    }
    page.join(href)
}

#[test]
fn fast_path_agrees_with_full_resolution_on_a_grid() {
    let mut matches = 0;
    let mut checked = 0;
    for base in BASES {
        for prefix in PREFIXES {
            for first in HOST_PIECES {
                for second in HOST_PIECES {
                    for third in ["", ".com", "COM", "hub.com"] {
                        for tail in TAILS {
                            let href = [prefix, first, second, third, tail].concat();
                            let (same, full) = agrees(base, &href);
                            assert!(same, "base {base:?} href {href:?}");
                            matches += usize::from(full);
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    // The grid must exercise both outcomes to mean anything.
    assert!(
        matches > 1000 && checked - matches > 1000,
        "{matches} of {checked}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn fast_path_never_disagrees_with_full_resolution(
        prefix in prop::sample::select(PREFIXES.to_vec()),
        host in prop::collection::vec(prop::sample::select(HOST_PIECES.to_vec()), 0..6),
        tail in prop::collection::vec(prop::sample::select(TAILS.to_vec()), 0..4),
        base in prop::sample::select(BASES.to_vec()),
    ) {
        let href = format!("{prefix}{}{}", host.concat(), tail.concat());
        prop_assert!(agrees(base, &href).0, "base {:?} href {:?}", base, href);
    }

    #[test]
    fn fast_path_agrees_on_arbitrary_text(
        href in "\\PC{0,30}",
        base in prop::sample::select(BASES.to_vec()),
    ) {
        prop_assert!(agrees(base, &href).0, "base {:?} href {:?}", base, href);
    }
}
