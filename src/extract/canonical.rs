//! The page's own URL as it states it. A page saved from a browser is read
//! from disk, so this is how the audit learns where it was published.

use super::resolve::Base;
use url::Url;

/// How far into the page a browser's "saved from" comment counts.
const SAVED_FROM_BYTES: usize = 1024;

/// The candidates the pass meets, first of each kind.
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    /// `<link rel="canonical" href>`.
    pub link: Option<String>,
    /// `<meta property="og:url" content>`.
    pub og_url: Option<String>,
}

impl Candidates {
    /// Notes a `<link>` element's candidate; the first canonical link wins.
    pub(crate) fn see_link(&mut self, rel: Option<&str>, href: Option<&str>) {
        let canonical = rel.is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|token| token.eq_ignore_ascii_case("canonical"))
        });
        if canonical && self.link.is_none() {
            self.link = href.map(str::to_string);
        }
    }

    /// Notes a `<meta>` element's candidate; the first `og:url` wins.
    pub(crate) fn see_meta(&mut self, property: Option<&str>, content: Option<&str>) {
        let og_url = property.is_some_and(|p| {
            p.trim_matches(|c: char| c.is_ascii_whitespace())
                .eq_ignore_ascii_case("og:url")
        });
        if og_url && self.og_url.is_none() {
            self.og_url = content.map(str::to_string);
        }
    }

    /// The first candidate, in the order canonical link, `og:url`, "saved
    /// from" comment in the first KB of `html`, that resolves against
    /// `page_url` to an absolute http(s) URL. A saved page's scheme-relative
    /// candidate (`//example.org/post`) takes `https:`.
    pub(crate) fn resolve(&self, html: &str, page_url: &Url) -> Option<String> {
        let base = Base::new(page_url, None, None);
        [self.link.as_deref(), self.og_url.as_deref(), saved_from(html)]
            .into_iter()
            .flatten()
            .find_map(|candidate| {
                let candidate = candidate.trim_matches(|c: char| c.is_ascii_whitespace());
                let url = base.join(candidate).ok()?;
                let absolute = matches!(url.scheme(), "http" | "https") && url.has_host();
                absolute.then(|| url.into())
            })
    }
}

/// The URL of a `<!-- saved from url=(0044)https://example.org/... -->`
/// comment, which browsers write at the top of a page saved as HTML. The
/// number is the URL's length; the URL ends at white space or `-->`.
fn saved_from(html: &str) -> Option<&str> {
    let mut end = html.len().min(SAVED_FROM_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    const MARK: &str = "saved from url=(";
    let at = head
        .as_bytes()
        .windows(MARK.len())
        .position(|w| w.eq_ignore_ascii_case(MARK.as_bytes()))?;
    // Only inside a comment: `<!--` before the mark, with nothing but white space between.
    let before = head[..at].trim_end();
    if !before.ends_with("<!--") {
        return None;
    }
    let rest = &head[at + MARK.len()..];
    let (digits, rest) = rest.split_once(')')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let url_end = rest
        .find(|c: char| c.is_whitespace())
        .unwrap_or(rest.len())
        .min(rest.find("-->").unwrap_or(rest.len()));
    Some(&rest[..url_end]).filter(|url| !url.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://example.org/blog/post.html").expect("test URL parses")
    }

    fn file_page() -> Url {
        Url::parse("file:///home/me/saved.html").expect("test URL parses")
    }

    #[test]
    fn canonical_link_wins_and_resolves_against_the_page() {
        let mut found = Candidates::default();
        found.see_meta(Some("og:url"), Some("https://example.org/og"));
        found.see_link(Some("Canonical"), Some("/canonical"));
        found.see_link(Some("canonical"), Some("/second"));
        assert_eq!(
            found.resolve("", &page()).as_deref(),
            Some("https://example.org/canonical")
        );
    }

    #[test]
    fn rel_tokens_must_include_canonical() {
        let mut found = Candidates::default();
        found.see_link(Some("alternate"), Some("/alt"));
        found.see_link(Some("noncanonical"), Some("/nc"));
        found.see_link(None, Some("/none"));
        assert_eq!(found.resolve("", &page()), None);
        found.see_link(Some("stylesheet canonical"), Some("/c"));
        assert_eq!(
            found.resolve("", &page()).as_deref(),
            Some("https://example.org/c")
        );
    }

    #[test]
    fn og_url_is_the_fallback() {
        let mut found = Candidates::default();
        found.see_meta(Some("og:title"), Some("A title"));
        found.see_meta(Some(" OG:URL "), Some("https://example.org/og"));
        assert_eq!(
            found.resolve("", &page()).as_deref(),
            Some("https://example.org/og")
        );
    }

    #[test]
    fn saved_from_comment_is_the_last_resort() {
        let html =
            "<!DOCTYPE html>\r\n<!-- saved from url=(0032)https://blog.example.net/a?b=c -->\r\n<html>";
        let found = Candidates::default();
        assert_eq!(
            found.resolve(html, &file_page()).as_deref(),
            Some("https://blog.example.net/a?b=c")
        );
        let tight = "<!--saved from url=(0024)http://example.net/post-->";
        assert_eq!(
            found.resolve(tight, &file_page()).as_deref(),
            Some("http://example.net/post")
        );
    }

    #[test]
    fn saved_from_near_misses() {
        let found = Candidates::default();
        let late = format!(
            "{}<!-- saved from url=(0020)https://example.net/ -->",
            " ".repeat(1100)
        );
        assert_eq!(found.resolve(&late, &file_page()), None);
        let text = "<p>It was saved from url=(0020)https://example.net/ by hand</p>";
        assert_eq!(found.resolve(text, &file_page()), None);
        let no_length = "<!-- saved from url=()https://example.net/ -->";
        assert_eq!(found.resolve(no_length, &file_page()), None);
        // A multi-byte character across the 1 KB line does not panic.
        let edge = format!("{}é", " ".repeat(1023));
        assert_eq!(found.resolve(&edge, &file_page()), None);
    }

    #[test]
    fn a_saved_pages_scheme_relative_canonical_takes_https() {
        let mut found = Candidates::default();
        found.see_link(Some("canonical"), Some("//blog.example.net/post"));
        assert_eq!(
            found.resolve("", &file_page()).as_deref(),
            Some("https://blog.example.net/post")
        );
        let mut served = Candidates::default();
        served.see_link(Some("canonical"), Some("//blog.example.net/post"));
        let http_page = Url::parse("http://blog.example.net/post").unwrap();
        assert_eq!(
            served.resolve("", &http_page).as_deref(),
            Some("http://blog.example.net/post"),
            "a fetched page's own scheme applies"
        );
    }

    #[test]
    fn only_absolute_http_urls_are_kept() {
        let mut found = Candidates::default();
        found.see_link(Some("canonical"), Some("/relative"));
        // Relative to a file page it is a file URL: skipped, og:url next.
        found.see_meta(Some("og:url"), Some("mailto:me@example.org"));
        assert_eq!(found.resolve("", &file_page()), None);
        let mut found = Candidates::default();
        found.see_link(Some("canonical"), Some("http://[bad"));
        found.see_meta(Some("og:url"), Some("https://example.org/ok"));
        assert_eq!(
            found.resolve("", &page()).as_deref(),
            Some("https://example.org/ok")
        );
    }
}
