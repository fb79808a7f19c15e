//! Bytes of a sources file → text, read with bounds. Exports arrive as UTF-8
//! (with or without a BOM) or UTF-16 (Ahrefs); malformed sequences become
//! U+FFFD, which the entry check rejects. What no list of links looks like
//! (a line over 64 KiB, over 1 GiB in all, a NUL character) stops the reading
//! at once, so an endless stream (`<(cat /dev/zero)`) costs little memory.

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::io::{self, Read};

/// The longest line a sources file may have, in bytes of UTF-8 text: a URL is
/// rarely over 2 KiB, an export's row rarely over a few.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// The most text a sources file may hold, in bytes of UTF-8: ten million
/// URLs of a hundred bytes fit.
pub const MAX_TEXT_BYTES: usize = 1 << 30;

/// How much a reading may take.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub line: usize,
    pub total: usize,
}

impl Limits {
    pub const DOCUMENTED: Limits = Limits {
        line: MAX_LINE_BYTES,
        total: MAX_TEXT_BYTES,
    };
}

/// Why a sources file's text was not read whole.
#[derive(Debug)]
pub(crate) enum TextError {
    Io(io::Error),
    /// Line `line` (1-based) is longer than the limit.
    LongLine {
        line: usize,
    },
    /// The text is longer than the limit.
    TooLarge,
    /// Line `line` holds a NUL character: binary data, not text.
    NotText {
        line: usize,
    },
}

/// Reads `input` to its end as text: a BOM decides the encoding, else UTF-16
/// is guessed from a leading ASCII character paired with a NUL byte (a
/// BOM-less UTF-16 file), else UTF-8.
pub(crate) fn read(input: &mut dyn Read, limits: Limits) -> Result<String, TextError> {
    let mut chunk = vec![0; 64 * 1024];
    // A BOM is up to three bytes, and a pipe may give them one at a time.
    let mut head = Vec::new();
    while head.len() < 3 {
        match fill(input, &mut chunk)? {
            0 => break,
            n => head.extend_from_slice(&chunk[..n]),
        }
    }
    let (encoding, bom_len) = Encoding::for_bom(&head)
        .or_else(|| bomless_utf16(&head).map(|encoding| (encoding, 0)))
        .unwrap_or((UTF_8, 0));
    let mut text = Text {
        decoder: encoding.new_decoder_without_bom_handling(),
        out: String::new(),
        limits,
        line: 1,
        line_len: 0,
    };
    text.feed(&head[bom_len..], false)?;
    loop {
        let n = fill(input, &mut chunk)?;
        text.feed(&chunk[..n], n == 0)?;
        if n == 0 {
            return Ok(text.out);
        }
    }
}

/// One read, retried when a signal interrupted it.
fn fill(input: &mut dyn Read, chunk: &mut [u8]) -> Result<usize, TextError> {
    loop {
        match input.read(chunk) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other.map_err(TextError::Io),
        }
    }
}

/// The text decoded so far, and where its last line stands.
struct Text {
    decoder: Decoder,
    out: String,
    limits: Limits,
    line: usize,
    line_len: usize,
}

impl Text {
    /// Decodes `bytes` and checks what they added.
    fn feed(&mut self, mut bytes: &[u8], last: bool) -> Result<(), TextError> {
        loop {
            let start = self.out.len();
            let room = self
                .decoder
                .max_utf8_buffer_length(bytes.len())
                .unwrap_or(bytes.len() * 3 + 16);
            self.out.reserve(room);
            let (result, read, _) = self.decoder.decode_to_string(bytes, &mut self.out, last);
            bytes = &bytes[read..];
            self.check(start)?;
            if result == CoderResult::InputEmpty {
                return Ok(());
            }
        }
    }

    /// Line lengths, NULs and the total of the text from byte `start` on.
    fn check(&mut self, start: usize) -> Result<(), TextError> {
        for &byte in &self.out.as_bytes()[start..] {
            match byte {
                b'\n' => {
                    self.line += 1;
                    self.line_len = 0;
                }
                0 => return Err(TextError::NotText { line: self.line }),
                _ => {
                    self.line_len += 1;
                    if self.line_len > self.limits.line {
                        return Err(TextError::LongLine { line: self.line });
                    }
                }
            }
        }
        if self.out.len() > self.limits.total {
            return Err(TextError::TooLarge);
        }
        Ok(())
    }
}

/// UTF-8 text never holds NUL bytes, so `h\0` or `\0h` at the start is UTF-16.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [first, 0, ..] if first.is_ascii() && *first != 0 => Some(UTF_16LE),
        [0, second, ..] if second.is_ascii() && *second != 0 => Some(UTF_16BE),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
