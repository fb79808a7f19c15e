//! Bytes of a sources file → text. Exports arrive as UTF-8 (with or without a
//! BOM) or UTF-16 (Ahrefs); decoding is lossy so no input can make us fail here.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decodes a sources file: a BOM decides the encoding, else UTF-16 is guessed
/// from a leading ASCII character paired with a NUL byte (a BOM-less UTF-16 file),
/// else UTF-8. Malformed sequences become U+FFFD, which the entry check rejects.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let (encoding, bom_len) = Encoding::for_bom(bytes)
        .or_else(|| bomless_utf16(bytes).map(|encoding| (encoding, 0)))
        .unwrap_or((UTF_8, 0));
    let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    text.into_owned()
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
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = (if bom { "\u{feff}" } else { "" }).encode_utf16();
        for unit in units.chain(text.encode_utf16()) {
            let pair = if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn utf8_without_bom_is_kept() {
        assert_eq!(decode("a\nbücher.de\n".as_bytes()), "a\nbücher.de\n");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFLinking page\n"), "Linking page\n");
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let text = "Referring page URL\tTarget URL\nhttps://bücher.de/\tx\n";
        assert_eq!(decode(&utf16(text, true, true)), text);
        assert_eq!(decode(&utf16(text, false, true)), text);
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let text = "URL\nhttps://example.com/\n";
        assert_eq!(decode(&utf16(text, true, false)), text);
        assert_eq!(decode(&utf16(text, false, false)), text);
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        assert_eq!(
            decode(b"https://example.com/\xFF\n"),
            "https://example.com/\u{fffd}\n"
        );
    }

    #[test]
    fn odd_utf16_tail_and_empty_input_do_not_panic() {
        assert_eq!(decode(b""), "");
        assert_eq!(decode(b"\xFF\xFEa"), "\u{fffd}");
    }
}
