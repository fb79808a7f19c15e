//! The binary sniffing rule: binary files and doubly compressed bodies are
//! caught; pages in any encoding, with the odd stray control character, are not.

use super::*;
use encoding_rs::{SHIFT_JIS, WINDOWS_1252};

const PAGE: &str = "<!DOCTYPE html><html><head><title>Caf\u{e9} “menu” €5</title></head>\
    <body><p>Tab\there, form feed\x0c, escape\x1b, CR LF\r\n\
    <a href=\"https://example.com/\">Example</a></p></body></html>";

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom.then_some('\u{feff}').into_iter().chain(text.chars());
    for unit in units.collect::<String>().encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend(pair);
    }
    bytes
}

/// Deterministic noise, as a compressed body looks (xorshift).
fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

#[test]
fn pages_in_every_encoding_are_text() {
    assert_eq!(sniff_binary(PAGE.as_bytes(), None), None, "UTF-8");
    assert_eq!(
        sniff_binary(PAGE.as_bytes(), Some("text/html; charset=utf-8")),
        None
    );
    let cp1252 = WINDOWS_1252.encode(PAGE).0;
    assert!(
        cp1252.contains(&0x93) && cp1252.contains(&0x80),
        "curly quotes and euro as C1 bytes"
    );
    assert_eq!(
        sniff_binary(&cp1252, Some("text/html; charset=windows-1252")),
        None
    );
    let japanese = PAGE.replace("Caf\u{e9}", "喫茶店のメニュー表");
    let sjis = SHIFT_JIS.encode(&japanese).0;
    assert_eq!(sniff_binary(&sjis, Some("text/html; charset=Shift_JIS")), None);
    assert_eq!(
        sniff_binary(&utf16(PAGE, false, true), None),
        None,
        "UTF-16LE with a BOM"
    );
    assert_eq!(
        sniff_binary(&utf16(PAGE, true, true), None),
        None,
        "UTF-16BE with a BOM"
    );
    assert_eq!(
        sniff_binary(&utf16(PAGE, false, false), Some("text/html; charset=utf-16le")),
        None,
        "UTF-16LE named by the header, no BOM"
    );
}

#[test]
fn utf16_nobody_names_is_not_readable_text() {
    // Without a BOM or a charset the page would be read as UTF-8: all NULs.
    assert_eq!(sniff_binary(&utf16(PAGE, false, false), None), Some(Binary::Nul));
}

#[test]
fn a_nul_in_the_window_is_binary_and_past_it_is_not() {
    let mut page = b"<html><body>".to_vec();
    page.push(0);
    assert_eq!(sniff_binary(&page, None), Some(Binary::Nul));
    let mut late = vec![b' '; SNIFF_BYTES - 1];
    late.push(0);
    assert_eq!(
        sniff_binary(&late, None),
        Some(Binary::Nul),
        "last byte looked at"
    );
    let mut later = vec![b' '; SNIFF_BYTES];
    later.push(0);
    assert_eq!(sniff_binary(&later, None), None, "first byte not looked at");
}

#[test]
fn binary_files_are_binary() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    assert_eq!(sniff_binary(png, Some("text/html")), Some(Binary::Nul));
    let gzip = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03";
    assert_eq!(sniff_binary(gzip, Some("text/html")), Some(Binary::Nul));
    assert_eq!(sniff_binary(&noise(4096), Some("text/html")), Some(Binary::Nul));
    let without_nul: Vec<u8> = noise(4096).into_iter().filter(|&b| b != 0).collect();
    assert!(matches!(
        sniff_binary(&without_nul, Some("text/html")),
        Some(Binary::ControlCharacters { percent: 5..=12 })
    ));
}

#[test]
fn the_control_share_has_an_edge_at_one_in_twenty() {
    let with = |controls: usize, total: usize| {
        let mut body = vec![b'a'; total - controls];
        body.extend(std::iter::repeat_n(0x01, controls));
        sniff_binary(&body, None)
    };
    assert_eq!(with(0, 100), None);
    assert_eq!(with(4, 100), None, "a stray few");
    assert_eq!(with(5, 100), Some(Binary::ControlCharacters { percent: 5 }));
    assert_eq!(with(1, 21), None);
    assert_eq!(with(1, 20), Some(Binary::ControlCharacters { percent: 5 }));
}

#[test]
fn only_whatwg_binary_data_bytes_count() {
    let allowed = b"\t\n\x0c\r\x1b";
    let text: Vec<u8> = allowed.iter().copied().cycle().take(200).collect();
    assert_eq!(sniff_binary(&text, None), None);
    for byte in (0x01..=0x08).chain([0x0b]).chain(0x0e..=0x1a).chain(0x1c..=0x1f) {
        assert!(sniff_binary(&[byte; 20], None).is_some(), "{byte:#04x}");
    }
    assert_eq!(
        sniff_binary(&[0x7f; 20], None),
        None,
        "DEL is not a binary data byte"
    );
}

#[test]
fn reasons_read_plainly() {
    assert_eq!(Binary::Nul.to_string(), "NUL bytes");
    assert_eq!(
        Binary::ControlCharacters { percent: 9 }.to_string(),
        "9% control characters"
    );
}
