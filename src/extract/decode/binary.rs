//! Whether a body served as HTML is binary data (an image, an archive, a body
//! compressed twice): such a page cannot be read, so it must never count as a
//! page without the link. A binary character is WHATWG MIME Sniffing's "binary
//! data byte": a control character other than tab, line feed, form feed,
//! carriage return and escape. It is looked for in the start of the page as
//! text, in its own encoding: UTF-16 is decoded first (half its bytes are NUL);
//! every other encoding keeps bytes below 0x20 for those characters alone, so
//! Shift_JIS, Windows-1252 and the rest are read byte by byte.

use super::page_encoding;
use encoding_rs::{UTF_16BE, UTF_16LE};
use std::fmt;

/// How much of the page is looked at (git looks at 8000 bytes for a NUL).
pub const SNIFF_BYTES: usize = 8 * 1024;

/// One character in this many being binary makes the page binary. Pages in
/// any encoding have none, or a stray few; random bytes have one in eleven.
const CONTROL_SHARE: usize = 20;

/// Why a body is binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binary {
    /// A NUL: no text page holds one.
    Nul,
    /// Binary characters make up this share (percent) of the start of the page.
    ControlCharacters { percent: usize },
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Binary::Nul => f.write_str("NUL bytes"),
            Binary::ControlCharacters { percent } => write!(f, "{percent}% control characters"),
        }
    }
}

/// Whether the first [`SNIFF_BYTES`] of `body`, decoded as the page would be
/// (`content_type` is the raw header), are binary rather than text.
pub fn sniff_binary(body: &[u8], content_type: Option<&str>) -> Option<Binary> {
    let (encoding, text) = page_encoding(body, content_type);
    let window = &text[..text.len().min(SNIFF_BYTES)];
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let (decoded, _) = encoding.decode_without_bom_handling(window);
        judge(decoded.chars().map(u32::from))
    } else {
        judge(window.iter().map(|&b| u32::from(b)))
    }
}

fn judge(characters: impl Iterator<Item = u32>) -> Option<Binary> {
    let (mut total, mut binary) = (0, 0);
    for c in characters {
        if c == 0 {
            return Some(Binary::Nul);
        }
        total += 1;
        binary += usize::from(is_binary_data(c));
    }
    (binary > 0 && binary * CONTROL_SHARE >= total).then(|| Binary::ControlCharacters {
        percent: binary * 100 / total,
    })
}

/// WHATWG MIME Sniffing's binary data bytes: 0x00–0x08, 0x0B, 0x0E–0x1A, 0x1C–0x1F.
fn is_binary_data(c: u32) -> bool {
    matches!(c, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F)
}

#[cfg(test)]
mod tests;
