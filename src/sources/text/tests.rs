use super::*;

fn decode(bytes: &[u8]) -> String {
    read(&mut &bytes[..], Limits::DOCUMENTED).unwrap()
}

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

/// A reader that hands out one byte a call, as a slow pipe may.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&byte, rest)), Some(slot)) => {
                *slot = byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

const SMALL: Limits = Limits { line: 10, total: 100 };

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
fn a_bom_split_over_several_reads_is_still_one() {
    let bytes = utf16("URL\nhttps://bücher.de/\n", true, true);
    let text = read(&mut Trickle(&bytes), Limits::DOCUMENTED).unwrap();
    assert_eq!(text, "URL\nhttps://bücher.de/\n");
    let text = read(&mut Trickle(b"\xEF\xBB\xBFa\xC3\xBC\n"), Limits::DOCUMENTED).unwrap();
    assert_eq!(text, "aü\n");
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

#[test]
fn a_line_at_the_limit_is_read_and_one_over_it_is_named() {
    let at_limit = "0123456789\nabc\n";
    assert_eq!(read(&mut at_limit.as_bytes(), SMALL).unwrap(), at_limit);
    let over = "ok\n\r\nfine\n0123456789a\n";
    match read(&mut over.as_bytes(), SMALL) {
        Err(TextError::LongLine { line }) => assert_eq!(line, 4),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_line_is_measured_in_text_whatever_the_encoding() {
    // Ten characters take twenty bytes in UTF-16 and are still ten of text.
    let ten = utf16("0123456789\nx\n", true, true);
    assert_eq!(read(&mut &ten[..], SMALL).unwrap(), "0123456789\nx\n");
    let eleven = utf16("x\n0123456789a\n", false, true);
    assert!(matches!(
        read(&mut &eleven[..], SMALL),
        Err(TextError::LongLine { line: 2 })
    ));
}

#[test]
fn an_endless_stream_stops_at_a_limit() {
    // Each stops within a chunk or two of its limit, so the test ends.
    let no_line_break = read(&mut io::repeat(b'a'), Limits::DOCUMENTED);
    assert!(matches!(no_line_break, Err(TextError::LongLine { line: 1 })));
    let zeros = read(&mut io::repeat(0), Limits::DOCUMENTED);
    assert!(matches!(zeros, Err(TextError::NotText { line: 1 })));
    let short_lines = read(&mut io::repeat(b'\n'), SMALL);
    assert!(matches!(short_lines, Err(TextError::TooLarge)));
}

#[test]
fn text_up_to_the_total_is_read_and_more_is_refused() {
    let hundred = "123456789\n".repeat(10);
    assert_eq!(read(&mut hundred.as_bytes(), SMALL).unwrap(), hundred);
    let more = format!("{hundred}x");
    assert!(matches!(
        read(&mut more.as_bytes(), SMALL),
        Err(TextError::TooLarge)
    ));
}

#[test]
fn a_nul_character_is_not_text_and_its_line_is_named() {
    match read(&mut &b"example.com\nexa\0mple.org\n"[..], Limits::DOCUMENTED) {
        Err(TextError::NotText { line }) => assert_eq!(line, 2),
        other => panic!("{other:?}"),
    }
    // UTF-16's NUL bytes are not NUL characters.
    let text = utf16("URL\n", true, true);
    assert_eq!(decode(&text), "URL\n");
}
