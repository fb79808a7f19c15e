//! Whether a page may link to any of the targets at all, from its bytes,
//! before the pass: in an archive most pages do not, and this scan costs a
//! small fraction of tokenizing them.
//!
//! Why it is sound, for a page served over http(s) from a host that is not a
//! target's (see `resolve.rs` for the URL parser's side):
//! - A `<base>` element could move every relative href onto a target: its
//!   tag name is spelled out in the source (tag names know no character
//!   references), so any `<base` in any case means "may".
//! - Otherwise a link's host comes from its own href. The tokenizer reads an
//!   attribute named `href` only from those four letters in some case
//!   (attribute names know no character references either), then optional
//!   white space, `=`, optional white space and a value: quoted up to the
//!   same quote, or unquoted up to white space or `>`. The value it hands over
//!   is those bytes with character references decoded, NUL replaced and CR
//!   turned into LF.
//! - A value without `&`, NUL or CR is handed over as it stands. If it also
//!   lacks what the URL parser rewrites (non-ASCII, `%`, tab, LF, backslash),
//!   the parser can only take a host from a substring of it, ASCII-lowercased:
//!   so a target's host must appear in it, ASCII case-insensitively.
//!
//! So a page may link to a target only if it spells `<base`, or some `href`
//! followed by `=` has a value with one of those bytes or holding a target's
//! host. Everything else this scan sees as `href` (inside text, scripts,
//! other attribute names such as `data-href`) only makes it answer "may".
//! IP-address targets get no answer but "may": the parser rewrites
//! `0x7f.1` into `127.0.0.1`.

use crate::target::Target;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;
use url::Url;

/// Whether `html`, served at `page_url`, may hold a link to one of
/// `targets`; false only when it certainly does not.
pub(crate) fn may_link(html: &str, page_url: &Url, targets: &[&Target]) -> bool {
    static MARKS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["href", "<base"])
            .ok()
    });
    let on_a_target = page_url
        .host_str()
        .is_some_and(|host| targets.iter().any(|t| t.matches_host(host)));
    let ip_target = targets
        .iter()
        .any(|t| t.host.starts_with('[') || t.host.parse::<std::net::Ipv4Addr>().is_ok());
    let (Some(marks), true) = (MARKS.as_ref(), matches!(page_url.scheme(), "http" | "https")) else {
        return true;
    };
    if on_a_target || ip_target {
        return true;
    }
    let bytes = html.as_bytes();
    marks.find_iter(bytes).any(|mark| {
        mark.pattern().as_usize() == 1
            || href_value(&bytes[mark.end()..]).is_some_and(|value| value_may_link(value, targets))
    })
}

/// The value of an attribute whose name just ended, as the tokenizer reads
/// it: `None` when no `=` follows (then it has none, or the name goes on).
fn href_value(rest: &[u8]) -> Option<&[u8]> {
    let is_space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let rest = &rest[rest.iter().position(|b| !is_space(b))?..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = match rest.iter().position(|b| !is_space(b)) {
        Some(at) => &rest[at..],
        None => return Some(&[]),
    };
    let value = match rest.first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let inner = &rest[1..];
            &inner[..inner.iter().position(|&b| b == quote).unwrap_or(inner.len())]
        }
        _ => {
            &rest[..rest
                .iter()
                .position(|b| is_space(b) || *b == b'>')
                .unwrap_or(rest.len())]
        }
    };
    Some(value)
}

/// Whether a raw href value may resolve to a target (module comment).
fn value_may_link(value: &[u8], targets: &[&Target]) -> bool {
    let rewritten = value.iter().fold(false, |seen, &b| {
        seen | (b >= 0x80) | matches!(b, b'&' | b'%' | b'\\' | b'\0' | b'\t' | b'\n' | b'\r')
    });
    rewritten
        || targets
            .iter()
            .any(|t| contains_ignore_ascii_case(value, t.host.as_bytes()))
}

fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests;
