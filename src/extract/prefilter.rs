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
use aho_corasick::{packed, AhoCorasick};
use std::sync::LazyLock;
use url::Url;

/// What a page's bytes show before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sighting {
    /// False only when the page certainly holds no link to a target.
    pub may_link: bool,
    /// Whether it spells `<base` in any case: if not, it has no base
    /// element and every href resolves against the page's URL.
    pub may_have_base: bool,
}

/// Whether `html`, served at `page_url`, may hold a link to one of
/// `targets`, and may have a base element: one scan of its bytes.
pub(crate) fn sight(html: &str, page_url: &Url, targets: &[&Target]) -> Sighting {
    let on_a_target = page_url
        .host_str()
        .is_some_and(|host| targets.iter().any(|t| t.matches_host(host)));
    let ip_target = targets
        .iter()
        .any(|t| t.host.starts_with('[') || t.host.parse::<std::net::Ipv4Addr>().is_ok());
    let undecided = !matches!(page_url.scheme(), "http" | "https") || on_a_target || ip_target;
    let bytes = html.as_bytes();
    // Where only a `<base` can still change the answer.
    let mut rest = bytes;
    if !undecided {
        let mut may_link = false;
        for (mark, end) in marks(bytes) {
            if mark == Mark::Base {
                return Sighting {
                    may_link: true,
                    may_have_base: true,
                };
            }
            if href_value(&bytes[end..]).is_some_and(|value| value_may_link(value, targets)) {
                may_link = true;
                rest = &bytes[end..];
                break;
            }
        }
        if !may_link {
            // Nothing was marked `<base` either.
            return Sighting {
                may_link: false,
                may_have_base: false,
            };
        }
    }
    // The rest of the page is searched for `<base` alone: a page has
    // thousands of hrefs, and each one marked costs a stop.
    Sighting {
        may_link: true,
        may_have_base: base_marks(rest).next().is_some(),
    }
}

/// [`sight`]'s answer on links alone.
#[cfg(test)]
pub(crate) fn may_link(html: &str, page_url: &Url, targets: &[&Target]) -> bool {
    sight(html, page_url, targets).may_link
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Href,
    Base,
}

/// Every `href` and `<base` in any case, with where each ends.
fn marks(bytes: &[u8]) -> Marked<'static, '_> {
    static MARKS: LazyLock<Marks> = LazyLock::new(|| Marks::new(true));
    MARKS.find(bytes)
}

/// Every `<base` in any case.
fn base_marks(bytes: &[u8]) -> Marked<'static, '_> {
    static MARKS: LazyLock<Marks> = LazyLock::new(|| Marks::new(false));
    MARKS.find(bytes)
}

/// [`marks`]' iterator (an enum, not a boxed one: a page has thousands).
/// Each searcher's patterns are the hrefs' first, then the bases'; the
/// number holds how many are hrefs.
enum Marked<'s, 'h> {
    Packed(packed::FindIter<'s, 'h>, usize),
    Automaton(aho_corasick::FindIter<'s, 'h>, usize),
    /// No searcher: one `<base` mark, so that every page is read.
    Unsearched(bool),
}

impl Iterator for Marked<'_, '_> {
    type Item = (Mark, usize);

    fn next(&mut self) -> Option<(Mark, usize)> {
        let (found, hrefs) = match self {
            Marked::Packed(found, hrefs) => (found.next().map(|m| (m.pattern(), m.end())), *hrefs),
            Marked::Automaton(found, hrefs) => (found.next().map(|m| (m.pattern(), m.end())), *hrefs),
            Marked::Unsearched(pending) => return std::mem::take(pending).then_some((Mark::Base, 0)),
        };
        let (pattern, end) = found?;
        Some((
            if pattern.as_usize() < hrefs {
                Mark::Href
            } else {
                Mark::Base
            },
            end,
        ))
    }
}

/// The searcher for [`marks`] and [`base_marks`]. A packed (SIMD) search
/// for every spelling in upper and lower case is three times faster than a
/// case-insensitive automaton, which stops at every `<` of the page; the
/// automaton is kept for processors without the instructions packed
/// searching needs.
enum Marks {
    /// Patterns: every spelling of `href` (when sought), then of `<base`;
    /// and how many spell `href`.
    Packed(packed::Searcher, usize),
    /// Patterns: `href` (when sought), then `<base`, case-insensitive; and
    /// how many are `href`.
    Automaton(AhoCorasick, usize),
    /// No searcher could be built: every page may link and have a base.
    None,
}

impl Marks {
    /// A searcher for `<base`, and for `href` when `hrefs`.
    fn new(hrefs: bool) -> Marks {
        Marks::packed(hrefs).unwrap_or_else(|| Marks::automaton(hrefs))
    }

    /// `None` without the processor's support.
    fn packed(hrefs: bool) -> Option<Marks> {
        let mut spellings = if hrefs { cases(b"href") } else { Vec::new() };
        let href_spellings = spellings.len();
        spellings.extend(cases(b"<base"));
        packed::Config::new()
            .builder()
            .extend(&spellings)
            .build()
            .map(|searcher| Marks::Packed(searcher, href_spellings))
    }

    fn automaton(hrefs: bool) -> Marks {
        let words: &[&str] = if hrefs { &["href", "<base"] } else { &["<base"] };
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .map_or(Marks::None, |automaton| {
                Marks::Automaton(automaton, usize::from(hrefs))
            })
    }

    fn find<'s, 'h>(&'s self, bytes: &'h [u8]) -> Marked<'s, 'h> {
        match self {
            Marks::Packed(searcher, hrefs) => Marked::Packed(searcher.find_iter(bytes), *hrefs),
            Marks::Automaton(automaton, hrefs) => Marked::Automaton(automaton.find_iter(bytes), *hrefs),
            Marks::None => Marked::Unsearched(true),
        }
    }
}

/// Every spelling of an ASCII `word` in upper and lower case.
fn cases(word: &[u8]) -> Vec<Vec<u8>> {
    word.iter().fold(vec![Vec::new()], |spellings, &byte| {
        let mut cases = vec![byte.to_ascii_lowercase()];
        if byte.to_ascii_uppercase() != cases[0] {
            cases.push(byte.to_ascii_uppercase());
        }
        spellings
            .into_iter()
            .flat_map(|spelling| {
                cases.iter().map(move |&case| {
                    let mut spelling = spelling.clone();
                    spelling.push(case);
                    spelling
                })
            })
            .collect()
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
