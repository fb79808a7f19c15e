//! Links to other sites. "Other" means another registrable domain than the
//! page's own (`blog.example.com` → `www.example.com` is the same site): a
//! link farm links out to many sites, and a site's links between its own
//! subdomains say nothing about that.
//!
//! Only hrefs that name a host are parsed: a relative href takes the base's
//! host, which is all counting needs, and most hrefs on a page are relative.

use super::resolve::Base;
use crate::target::registrable_domain;
use std::collections::{HashMap, HashSet};

/// Links to other sites than `own_domain`, and the distinct registrable domains
/// among them. `hrefs` are resolved against `base`; those that do not resolve
/// to an http(s) URL with a host are not links. Without `own_domain` (a saved
/// page with no stated URL) every link is external.
pub(crate) fn count<'a>(
    hrefs: impl IntoIterator<Item = &'a str>,
    base: &Base<'_>,
    own_domain: Option<&str>,
) -> (usize, usize) {
    let base_url = base.url();
    let base_host = base_url
        .host_str()
        .filter(|_| matches!(base_url.scheme(), "http" | "https"));
    // Links per host, so the suffix list is asked once per host.
    let mut per_host: HashMap<String, usize> = HashMap::new();
    let mut relative = 0;
    for href in hrefs {
        let href = href.trim_matches(|c: char| c <= ' ');
        if href.is_empty() || href.starts_with('#') {
            continue;
        }
        if !names_a_host(href) {
            relative += 1;
            continue;
        }
        let Ok(url) = base.join(href) else { continue };
        if let (true, Some(host)) = (matches!(url.scheme(), "http" | "https"), url.host_str()) {
            *per_host.entry(host.to_string()).or_default() += 1;
        }
    }
    if let Some(host) = base_host {
        if relative > 0 {
            *per_host.entry(host.to_string()).or_default() += relative;
        }
    }
    let mut links = 0;
    let mut domains = HashSet::new();
    for (host, count) in &per_host {
        let domain = registrable_domain(host);
        if own_domain != Some(domain.as_str()) {
            links += count;
            domains.insert(domain);
        }
    }
    (links, domains.len())
}

/// Whether the URL parser may give `href` a host of its own rather than the
/// base's: it has a scheme, starts with two slashes (either way round), or
/// holds the tab and newline characters the parser drops.
fn names_a_host(href: &str) -> bool {
    let bytes = href.as_bytes();
    let has_scheme = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .is_some_and(|end| bytes[end] == b':');
    let slashes = bytes.len() >= 2 && matches!(bytes[0], b'/' | b'\\') && matches!(bytes[1], b'/' | b'\\');
    has_scheme || slashes || bytes.iter().any(|&b| matches!(b, b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("test URL parses")
    }

    fn counted(hrefs: &[&str], base: &str, own: Option<&str>) -> (usize, usize) {
        let base = url(base);
        count(hrefs.iter().copied(), &Base::new(&base, None, None), own)
    }

    #[test]
    fn other_registrable_domains_are_external() {
        let hrefs = [
            "https://a.example.net/x",
            "https://b.example.net/y",
            "//cdn.other.org/z",
            "HTTPS://Third.Example.COM/",
            "https://www.blog.example/home",
            "/local",
            "page.html",
            "?q=1",
        ];
        assert_eq!(
            counted(&hrefs, "https://news.blog.example/post", Some("blog.example")),
            (4, 3)
        );
    }

    #[test]
    fn non_links_do_not_count() {
        let hrefs = [
            "#top",
            "",
            "  ",
            "mailto:me@other.org",
            "javascript:void(0)",
            "tel:+123",
            "ftp://files.other.org/",
            "http://[bad",
        ];
        assert_eq!(
            counted(&hrefs, "https://blog.example/", Some("blog.example")),
            (0, 0)
        );
    }

    #[test]
    fn relative_links_take_the_base_host() {
        // A <base href> on another site moves relative links there.
        let hrefs = ["a", "b", "/c"];
        assert_eq!(
            counted(&hrefs, "https://mirror.other.org/", Some("blog.example")),
            (3, 1)
        );
        // Relative links of a saved page are file URLs, not links.
        assert_eq!(counted(&hrefs, "file:///home/me/page.html", None), (0, 0));
    }

    #[test]
    fn scheme_relative_links_of_a_saved_page_are_links() {
        let hrefs = ["//cdn.other.org/x", "\\\\more.example/y", "/local"];
        assert_eq!(counted(&hrefs, "file:///home/me/page.html", None), (2, 2));
    }

    #[test]
    fn hrefs_the_parser_rewrites_are_resolved() {
        let hrefs = ["/\\other.org/x", "\\\\other.org/y", "/\t/other.org/z"];
        assert_eq!(
            counted(&hrefs, "https://blog.example/", Some("blog.example")),
            (3, 1)
        );
        // The base's own scheme without slashes is a relative URL.
        assert_eq!(
            counted(
                &["https:other.org"],
                "https://blog.example/",
                Some("blog.example")
            ),
            (0, 0)
        );
    }

    #[test]
    fn without_an_own_domain_every_link_is_external() {
        let hrefs = ["https://a.example/", "https://b.example/"];
        assert_eq!(counted(&hrefs, "file:///p.html", None), (2, 2));
    }

    #[test]
    fn ip_hosts_are_their_own_domain() {
        let hrefs = ["http://10.0.0.1/", "http://10.0.0.2/", "http://10.0.0.1/b"];
        assert_eq!(
            counted(&hrefs, "https://blog.example/", Some("blog.example")),
            (3, 2)
        );
    }
}
