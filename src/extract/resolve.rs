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
//!
//! A saved page's scheme-relative hrefs (`//host/x`) take the scheme of its
//! stated URL rather than `file:` (see [`Base`]); their host still comes from
//! the href, so the argument above holds for them too.

use crate::target::Target;
use std::borrow::Cow;
use url::{ParseError, Url};

/// What a page's hrefs resolve against: its first `<base href>` (itself
/// resolved against the page URL), else the page URL.
///
/// A saved page's URL is a `file:` URL, against which `//host/x` would become
/// `file://host/x`, a link to nowhere. On the site the page was saved from it
/// is a link to `host` over the site's scheme, so there a scheme-relative href
/// resolves against the URL the page states (canonical link, `og:url` or
/// "saved from" comment), as it would have when served from there; without
/// one it takes `https:`, which most sites serve today.
#[derive(Debug, Clone)]
pub(crate) struct Base<'a> {
    url: Cow<'a, Url>,
    /// For a `file:` base: what a scheme-relative href resolves against.
    scheme_relative: Option<Url>,
}

impl<'a> Base<'a> {
    /// `base_href` is the first `<base href>` of the page, if any; it is
    /// resolved against `page_url` and ignored when that fails or gives no
    /// usable base. `stated` is the page's own URL as it states it.
    pub(crate) fn new(page_url: &'a Url, base_href: Option<&str>, stated: Option<&Url>) -> Self {
        let page = Base {
            url: Cow::Borrowed(page_url),
            scheme_relative: scheme_relative_base(page_url, stated),
        };
        match base_href.and_then(|href| page.join(href).ok()) {
            Some(url) if !url.cannot_be_a_base() => Base {
                scheme_relative: scheme_relative_base(&url, stated),
                url: Cow::Owned(url),
            },
            _ => page,
        }
    }

    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    /// `href` resolved as the URL parser would, but for a scheme-relative
    /// href against a `file:` base (see [`Base`]).
    pub(crate) fn join(&self, href: &str) -> Result<Url, ParseError> {
        match &self.scheme_relative {
            Some(web) if is_scheme_relative(href) => web.join(href),
            _ => self.url.join(href),
        }
    }
}

/// What scheme-relative hrefs resolve against when `base` is a saved page's
/// `file:` URL: the stated URL, else an https stand-in whose host no href
/// keeps (a scheme-relative href names its own). `None` for other bases: the
/// URL parser's own rule applies.
fn scheme_relative_base(base: &Url, stated: Option<&Url>) -> Option<Url> {
    if base.scheme() != "file" {
        return None;
    }
    stated
        .cloned()
        .or_else(|| Url::parse("https://stated-url.invalid/").ok())
}

/// Whether the URL parser reads `href`, against a base with a special scheme,
/// as naming its own host but not its scheme: two slashes, either way round,
/// after it trims C0 controls and spaces and drops tabs and newlines.
pub(crate) fn is_scheme_relative(href: &str) -> bool {
    let mut chars = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    matches!((chars.next(), chars.next()), (Some('/' | '\\'), Some('/' | '\\')))
}

/// Resolves the hrefs of one page and keeps those that point at one of the
/// targets.
pub(crate) struct Resolver<'a> {
    base: Base<'a>,
    targets: &'a [&'a Target],
    /// False when every href needs a full parse (base on a target, IP target).
    fast_path: bool,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(base: Base<'a>, targets: &'a [&'a Target]) -> Self {
        let base_host = base.url().host_str();
        let needs_parse = |target: &&Target| {
            let base_on_target = base_host.is_some_and(|host| may_be_within(host, &target.host));
            let ip_target = target.host.starts_with('[') || target.host.parse::<std::net::Ipv4Addr>().is_ok();
            base_on_target || ip_target
        };
        let fast_path = !targets.iter().any(needs_parse);
        Resolver {
            base,
            targets,
            fast_path,
        }
    }

    /// What the page's hrefs resolve against.
    pub(crate) fn base(&self) -> &Base<'a> {
        &self.base
    }

    /// The absolute http(s) URL `href` points at, fragment dropped, when it is a
    /// link to one of the targets.
    pub(crate) fn resolve(&self, href: &str) -> Option<Url> {
        let href = href.trim_matches(|c: char| c <= ' ');
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        if self.fast_path && !self.targets.iter().any(|t| may_point_at(href, &t.host)) {
            return None;
        }
        let mut url = self.base.join(href).ok()?;
        if !matches!(url.scheme(), "http" | "https") || !self.targets.iter().any(|t| t.matches_url(&url)) {
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
mod tests;
