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
mod tests;
