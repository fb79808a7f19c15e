//! href → absolute URL, with a cheap test that skips `Url::join` for the many
//! hrefs that cannot point at the target.
//!
//! Why the pre-filter is sound: when the base URL's host is not the target's, a
//! resolved URL can only have a target host if the host comes from the href
//! itself, which takes an http(s) scheme or a leading `//`. The URL parser
//! derives that host from a substring of the href by ASCII lowercasing, except
//! when it percent-decodes (`%`), drops tab and newline characters, or maps
//! non-ASCII through IDNA (full-width letters, `。` as a dot). So an ASCII href
//! without `%`, tab, newline or backslash that is relative, has another scheme,
//! or does not contain the target host (ASCII case-insensitively) cannot point
//! at it.
//! IP-address targets get no fast path: the parser rewrites `0x7f.1` and
//! `2130706433` into `127.0.0.1`.

use crate::target::Target;
use std::borrow::Cow;
use url::Url;

/// Resolves the hrefs of one page and keeps those that point at the target.
pub(crate) struct Resolver<'a> {
    base: Cow<'a, Url>,
    target: &'a Target,
    /// False when every href needs a full parse (base on the target, IP target).
    fast_path: bool,
}

impl<'a> Resolver<'a> {
    /// `base_href` is the first `<base href>` of the page, if any; it is resolved
    /// against `page_url` and ignored when that fails or gives no usable base.
    pub(crate) fn new(page_url: &'a Url, base_href: Option<&str>, target: &'a Target) -> Self {
        let base = match base_href.and_then(|href| page_url.join(href).ok()) {
            Some(base) if !base.cannot_be_a_base() => Cow::Owned(base),
            _ => Cow::Borrowed(page_url),
        };
        let base_on_target = base
            .host_str()
            .is_some_and(|host| may_be_within(host, &target.host));
        let ip_target = target.host.starts_with('[') || target.host.parse::<std::net::Ipv4Addr>().is_ok();
        let fast_path = !base_on_target && !ip_target;
        Resolver {
            base,
            target,
            fast_path,
        }
    }

    /// The URL relative hrefs resolve against.
    pub(crate) fn base(&self) -> &Url {
        &self.base
    }

    /// The absolute http(s) URL `href` points at, fragment dropped, when it is a
    /// link to the target.
    pub(crate) fn resolve(&self, href: &str) -> Option<Url> {
        let href = href.trim_matches(|c: char| c <= ' ');
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        if self.fast_path && !may_point_at(href, &self.target.host) {
            return None;
        }
        let mut url = self.base.join(href).ok()?;
        if !matches!(url.scheme(), "http" | "https") || !self.target.matches_url(&url) {
            return None;
        }
        url.set_fragment(None);
        Some(url)
    }
}

/// Whether `host` may be `target` or one of its subdomains. ASCII
/// case-insensitive, as hosts of non-special schemes keep their case; a
/// false positive only costs the fast path.
fn may_be_within(host: &str, target: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host).as_bytes();
    let target = target.as_bytes();
    host.len() >= target.len()
        && host[host.len() - target.len()..].eq_ignore_ascii_case(target)
        && (host.len() == target.len() || host[host.len() - target.len() - 1] == b'.')
}

/// Whether the URL parser could give `href` the host `host` (lowercase ASCII)
/// when the base URL's host is another. Hrefs with bytes the parser rewrites
/// (non-ASCII, `%`, tab, newline, backslash) always may. Otherwise only an
/// http(s) or scheme-relative href names its own host, and then only if it
/// contains `host` ASCII case-insensitively; every other href keeps the
/// base's host or gets a scheme that is not http(s).
pub(crate) fn may_point_at(href: &str, host: &str) -> bool {
    let bytes = href.as_bytes();
    // `fold`, not `any`: no early exit, so the loop vectorises.
    let rewritten = bytes.iter().fold(false, |seen, &b| {
        seen | (b >= 0x80) | (b == b'%') | (b == b'\\') | matches!(b, b'\t' | b'\n' | b'\r')
    });
    if rewritten {
        return true;
    }
    let names_a_host = match scheme(bytes) {
        Some(scheme) => scheme.eq_ignore_ascii_case(b"http") || scheme.eq_ignore_ascii_case(b"https"),
        None => bytes.starts_with(b"//"),
    };
    names_a_host && contains_ignore_ascii_case(bytes, host.as_bytes())
}

/// The scheme of a URL string (letter, then letters, digits, `+`, `-`, `.`,
/// then `:`), as the WHATWG URL parser's scheme state reads it.
fn scheme(bytes: &[u8]) -> Option<&[u8]> {
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
    (bytes[end] == b':').then(|| &bytes[..end])
}

fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    haystack.len() >= needle.len()
        && haystack
            .windows(needle.len())
            .any(|window| window[0].eq_ignore_ascii_case(&first) && window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn target(s: &str) -> Target {
        Target::parse(s).expect("test target parses")
    }

    fn url(s: &str) -> Url {
        Url::parse(s).expect("test URL parses")
    }

    fn resolved(page: &str, base: Option<&str>, href: &str) -> Option<String> {
        let page = url(page);
        let target = target("github.com");
        Resolver::new(&page, base, &target)
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
    fn ip_targets_see_every_spelling_of_the_address() {
        let page = url("https://example.org/");
        let ip = target("127.0.0.1");
        let resolver = Resolver::new(&page, None, &ip);
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
    const BASES: [&str; 4] = [
        "https://example.org/a/b",
        "http://github.com.evil.net/",
        "file:///tmp/page.html",
        "https://notgithub.com/x?y",
    ];

    /// Whether the fast path and a full `Url::join` agree on `href`, and what the
    /// full resolution says.
    fn agrees(base: &str, href: &str) -> (bool, bool) {
        let page = url(base);
        let target = target("github.com");
        let fast = Resolver::new(&page, None, &target).resolve(href).is_some();
        let trimmed = href.trim_matches(|c: char| c <= ' ');
        let full = !trimmed.is_empty()
            && !trimmed.starts_with('#')
            && page
                .join(href)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && target.matches_url(&u));
        (fast == full, full)
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
}
