//! Bytes → text: the character set from the HTTP header, then a BOM, then
//! `<meta charset>` / `http-equiv` in the first 1024 bytes, then UTF-8, in the
//! order docs/reference.md gives (Fetching). A BOM that the chosen encoding does not
//! explain is still dropped, so it never shows up as text.

mod binary;

use super::prescan::{meta_charset, PRESCAN_BYTES};
use encoding_rs::{Encoding, UTF_8};

pub use binary::{sniff_binary, Binary};

/// Decodes a page body to valid UTF-8 (malformed sequences become U+FFFD).
/// `content_type` is the raw `Content-Type` header value, if any.
pub fn decode_html(body: &[u8], content_type: Option<&str>) -> String {
    let (encoding, text) = page_encoding(body, content_type);
    encoding.decode_without_bom_handling(text).0.into_owned()
}

/// The page's encoding, and its bytes without a BOM.
fn page_encoding<'a>(body: &'a [u8], content_type: Option<&str>) -> (&'static Encoding, &'a [u8]) {
    let bom = Encoding::for_bom(body);
    let text = bom.map_or(body, |(_, bom_length)| &body[bom_length..]);
    let encoding = content_type
        .and_then(header_charset)
        .or(bom.map(|(encoding, _)| encoding))
        .or_else(|| meta_charset(body))
        .unwrap_or(UTF_8);
    (encoding, text)
}

/// The encoding named by a `charset` parameter of a `Content-Type` value, when
/// the WHATWG Encoding Standard knows its label.
fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let label = value.trim().trim_matches(|c| c == '"' || c == '\'');
        Encoding::for_label(label.as_bytes())
    })
}

/// Whether a `Content-Type` value names HTML: `text/html` or
/// `application/xhtml+xml`, any case, parameters ignored.
pub fn is_html_mime(essence: &str) -> bool {
    essence == "text/html" || essence == "application/xhtml+xml"
}

/// A `Content-Type` value's type and subtype, lowercase, without parameters.
pub fn mime_essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a body with no content type starts like HTML (after a BOM and white
/// space: `<!doctype html`, `<html`, `<head`, `<body`, or an HTML comment
/// followed by one of those).
pub fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(PRESCAN_BYTES + 4)];
    match Encoding::for_bom(head) {
        Some((encoding, bom_length)) if encoding != UTF_8 => {
            let (text, _) = encoding.decode_without_bom_handling(&head[bom_length..]);
            starts_like_html(text.as_bytes())
        }
        Some((_, bom_length)) => starts_like_html(&head[bom_length..]),
        None => starts_like_html(head),
    }
}

fn starts_like_html(mut bytes: &[u8]) -> bool {
    bytes = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    loop {
        bytes = bytes.trim_ascii_start();
        if bytes.starts_with(b"<!--") {
            match bytes.windows(3).skip(4).position(|w| w == b"-->") {
                Some(end) => bytes = &bytes[4 + end + 3..],
                None => return false,
            }
            continue;
        }
        return [&b"<!doctype"[..], b"<html", b"<head", b"<body"]
            .iter()
            .any(|tag| opens(bytes, tag));
    }
}

/// Whether `bytes` starts with the tag opener `tag` (any case) followed by the
/// end of the name: `<html>` and `<html lang=en>`, not `<header>`.
fn opens(bytes: &[u8], tag: &[u8]) -> bool {
    let Some(after) = bytes.get(tag.len()..) else {
        return false;
    };
    if !bytes[..tag.len()].eq_ignore_ascii_case(tag) {
        return false;
    }
    if tag == b"<!doctype" {
        let name = after.trim_ascii_start();
        return after.first().is_some_and(u8::is_ascii_whitespace)
            && name.len() >= 4
            && name[..4].eq_ignore_ascii_case(b"html")
            && name.get(4).is_none_or(|&b| b.is_ascii_whitespace() || b == b'>');
    }
    after
        .first()
        .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
}

#[cfg(test)]
mod tests;
