//! Generated response bodies: too big, too compressed, or in a legacy charset.
//! The large ones are built once per test process.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use std::sync::OnceLock;

/// A small page with one link to the target.
pub fn link_page(title: &str, href: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head>\
         <body><p>Read more at <a href=\"{href}\">{text}</a>.</p></body></html>"
    )
}

const LINK_NEAR_START: &str = "<!DOCTYPE html><html><head><title>Big</title></head><body>\
    <p><a href=\"https://example.com/big\">Example</a></p>\n";
const FILLER: &str = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n";

fn filler(bytes: usize) -> String {
    FILLER.repeat(bytes / FILLER.len() + 1)
}

/// 20 MB of HTML with the link in the first line.
pub fn big_link_first() -> &'static [u8] {
    static PAGE: OnceLock<Vec<u8>> = OnceLock::new();
    PAGE.get_or_init(|| format!("{LINK_NEAR_START}{}</body></html>", filler(20_000_000)).into())
}

/// 8 MB of HTML with the only link after 6 MB: beyond the default 5 MiB limit.
pub fn big_link_late() -> &'static [u8] {
    static PAGE: OnceLock<Vec<u8>> = OnceLock::new();
    PAGE.get_or_init(|| {
        format!(
            "<!DOCTYPE html><html><head><title>Big</title></head><body>{}\
             <p><a href=\"https://example.com/late\">Example</a></p>{}</body></html>",
            filler(6_000_000),
            filler(2_000_000)
        )
        .into()
    })
}

/// A page whose link comes after `bytes` bytes of filler.
pub fn padded(bytes: usize) -> String {
    let mut pad = filler(bytes);
    pad.truncate(bytes);
    format!(
        "<!DOCTYPE html><html><head><title>Padded</title></head><body><!--{pad}-->\
         <p><a href=\"https://example.com/padded\">Example</a></p></body></html>"
    )
}

/// About 1 MB of gzip that inflates to 1 GiB: a page with a link, then spaces.
/// Built from one deflate block of 1 MiB of spaces, repeated: a full flush resets
/// the compressor, so every copy is the same bytes and decodes on its own.
pub fn gzip_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let prefix = b"<!DOCTYPE html><html><head><title>Bomb</title></head><body>\
            <p><a href=\"https://example.com/bomb\">Example</a></p>";
        gzip_repeated(prefix, &vec![b' '; 1 << 20], 1024)
    })
}

/// A normal gzip-encoded page.
pub fn gzip_page() -> Vec<u8> {
    let html = link_page("Gzip", "https://example.com/gzip", "Example");
    gzip_repeated(html.as_bytes(), b"", 0)
}

fn gzip_repeated(prefix: &[u8], chunk: &[u8], copies: usize) -> Vec<u8> {
    let mut deflate = Compress::new(Compression::best(), false);
    let head = deflate_part(&mut deflate, prefix, FlushCompress::Full);
    let block = deflate_part(&mut deflate, chunk, FlushCompress::Full);
    let again = deflate_part(&mut deflate, chunk, FlushCompress::Full);
    assert!(block == again, "a full flush must make repeated blocks identical");
    let tail = deflate_part(&mut deflate, b"", FlushCompress::Finish);

    let mut crc = Crc::new();
    crc.update(prefix);
    let mut chunk_crc = Crc::new();
    chunk_crc.update(chunk);
    for _ in 0..copies {
        crc.combine(&chunk_crc);
    }

    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(&head);
    for _ in 0..copies {
        out.extend_from_slice(&block);
    }
    out.extend_from_slice(&tail);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&crc.amount().to_le_bytes());
    out
}

fn deflate_part(deflate: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let start = deflate.total_in();
    let mut out = Vec::new();
    loop {
        out.reserve(64 * 1024);
        let consumed = (deflate.total_in() - start) as usize;
        let status = deflate
            .compress_vec(&input[consumed..], &mut out, flush)
            .expect("deflate");
        let consumed = (deflate.total_in() - start) as usize;
        let room_left = out.len() < out.capacity();
        match flush {
            FlushCompress::Finish if status == Status::StreamEnd => return out,
            FlushCompress::Finish => {}
            _ if consumed == input.len() && room_left => return out,
            _ => {}
        }
    }
}

/// A page in a legacy charset: (content type, body bytes).
pub fn charset_case(kind: &str) -> Option<(&'static str, Vec<u8>)> {
    use encoding_rs::{UTF_8, WINDOWS_1251, WINDOWS_1252};
    let page = |head: &str, title: &str, text: &str| {
        format!(
            "<!DOCTYPE html><html><head>{head}<title>{title}</title></head>\
             <body><p><a href=\"https://example.com/shop\">{text}</a></p></body></html>"
        )
    };
    let encode =
        |encoding: &'static encoding_rs::Encoding, html: String| encoding.encode(&html).0.into_owned();
    Some(match kind {
        "cp1251-header" => (
            "text/html; charset=windows-1251",
            encode(WINDOWS_1251, page("", "Магазин", "Купить")),
        ),
        "cp1251-meta" => (
            "text/html",
            encode(
                WINDOWS_1251,
                page("<meta charset=\"windows-1251\">", "Магазин", "Купить"),
            ),
        ),
        "latin1-header" => (
            "text/html; charset=ISO-8859-1",
            encode(WINDOWS_1252, page("", "Menu du Café", "Café")),
        ),
        "latin1-meta" => (
            "text/html",
            encode(
                WINDOWS_1252,
                page(
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
                    "Menu du Café",
                    "Café",
                ),
            ),
        ),
        // The header is authoritative over a contradicting meta tag.
        "header-beats-meta" => (
            "text/html; charset=windows-1251",
            encode(
                WINDOWS_1251,
                page("<meta charset=\"utf-8\">", "Магазин", "Купить"),
            ),
        ),
        // A UTF-8 BOM is authoritative over a contradicting meta tag.
        "bom-beats-meta" => ("text/html", {
            let mut body = vec![0xef, 0xbb, 0xbf];
            body.extend(encode(
                UTF_8,
                page("<meta charset=\"windows-1251\">", "Магазин", "Купить"),
            ));
            body
        }),
        "utf8-default" => ("text/html", encode(UTF_8, page("", "Menu du Café", "Café"))),
        // Bytes that are not UTF-8 in a page that says UTF-8.
        "broken-utf8" => ("text/html; charset=utf-8", {
            let mut body = b"<html><head><title>Broken</title></head><body>\
                <a href=\"https://example.com/broken\">Caf"
                .to_vec();
            body.extend_from_slice(&[0xff, 0xfe]);
            body.extend_from_slice(b"</a></body></html>");
            body
        }),
        _ => return None,
    })
}
