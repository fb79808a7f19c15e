use super::*;
use crate::archive::warc::{Item, Reader};
use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use flate2::Compression;
use std::io::Write;

const PAGE: &[u8] = b"<html><a href=\"https://target.example/\">t</a></html>";

fn response(headers: &str, payload: &[u8]) -> Vec<u8> {
    [format!("HTTP/1.1 200 OK\r\n{headers}\r\n").as_bytes(), payload].concat()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn fixture_response(name: &str, uri: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/archives/{name}", env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read(&path).unwrap();
    let mut reader = Reader::new(&input[..], 1 << 20);
    while let Some(item) = reader.next_item(|h| h.target_uri.as_deref() == Some(uri)) {
        if let Item::Record(record) = item {
            if record.head.kind == crate::archive::RecordKind::Response {
                return record.block;
            }
        }
    }
    panic!("no response for {uri} in {name}");
}

#[test]
fn status_lines_of_http_1_0_1_1_and_2() {
    for (line, status) in [
        ("HTTP/1.1 200 OK", 200),
        ("HTTP/1.0 404 Not Found", 404),
        ("HTTP/2 200", 200),
        ("HTTP/1.1 301", 301),
    ] {
        let block = format!("{line}\r\nContent-Type: text/html\r\n\r\nbody");
        let parsed = parse_response(block.as_bytes(), 100).unwrap();
        assert_eq!(parsed.status, status, "{line}");
        assert_eq!(parsed.payload, b"body");
    }
    for line in ["GET / HTTP/1.1", "HTTP/1.1 2000 OK", "", "HTTP/1.1 OK"] {
        let block = format!("{line}\r\n\r\nbody");
        let (reason, _) = parse_response(block.as_bytes(), 100).unwrap_err();
        assert_eq!(reason, SkipReason::BadRecord, "{line:?}");
    }
}

#[test]
fn headers_are_looked_up_in_any_case_and_repeats_are_kept() {
    let block = response(
        "content-type: text/html\r\nX-Robots-Tag: noindex\r\nx-robots-tag: nofollow\r\nX-Long: a\r\n  b\r\n",
        b"",
    );
    let parsed = parse_response(&block, 100).unwrap();
    assert_eq!(parsed.header("Content-Type"), Some("text/html"));
    assert_eq!(
        parsed.all("X-ROBOTS-TAG").collect::<Vec<_>>(),
        ["noindex", "nofollow"]
    );
    assert_eq!(parsed.header("x-long"), Some("a b"));
    assert_eq!(parsed.header("missing"), None);
}

#[test]
fn chunked_transfer_encoding_is_undone() {
    let block = response(
        "Transfer-Encoding: chunked\r\n",
        b"5\r\n<html\r\n6;ext=1\r\n>hi</h\r\n4\r\ntml>\r\n0\r\nTrailer: x\r\n\r\n",
    );
    assert_eq!(parse_response(&block, 100).unwrap().payload, b"<html>hi</html>");
}

#[test]
fn a_payload_that_claims_chunked_but_is_not_is_taken_raw_as_warcio_does() {
    let block = response("Transfer-Encoding: chunked\r\n", PAGE);
    assert_eq!(parse_response(&block, 1000).unwrap().payload, PAGE);
    // Chunks that stop parsing part way: the chunks so far, then the rest raw.
    let block = response(
        "Transfer-Encoding: chunked\r\n",
        b"3\r\nabc\r\nnot a size\r\ntail",
    );
    assert_eq!(
        parse_response(&block, 1000).unwrap().payload,
        b"abcnot a size\r\ntail"
    );
}

#[test]
fn gzip_deflate_both_kinds_and_brotli_are_undone() {
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
    zlib.write_all(PAGE).unwrap();
    let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
    raw.write_all(PAGE).unwrap();
    let mut br = Vec::new();
    brotli::CompressorWriter::new(&mut br, 4096, 5, 22)
        .write_all(PAGE)
        .unwrap();
    for (coding, body) in [
        ("gzip", gzip(PAGE)),
        ("x-gzip", gzip(PAGE)),
        ("deflate", zlib.finish().unwrap()),
        ("deflate", raw.finish().unwrap()),
        ("br", br),
        ("identity", PAGE.to_vec()),
        ("GZIP", gzip(PAGE)),
    ] {
        let block = response(&format!("Content-Encoding: {coding}\r\n"), &body);
        let parsed = parse_response(&block, 1000).unwrap_or_else(|e| panic!("{coding}: {e:?}"));
        assert_eq!(parsed.payload, PAGE, "{coding}");
        assert!(!parsed.cut, "{coding}");
    }
}

#[test]
fn chunked_and_gzip_together() {
    let zipped = gzip(PAGE);
    let mut chunked = format!("{:x}\r\n", zipped.len()).into_bytes();
    chunked.extend_from_slice(&zipped);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let block = response(
        "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    assert_eq!(parse_response(&block, 1000).unwrap().payload, PAGE);
}

#[test]
fn stacked_unknown_and_broken_encodings_are_undecodable() {
    for (headers, body, why) in [
        (
            "Content-Encoding: gzip, gzip\r\n",
            gzip(&gzip(PAGE)),
            "stacked Content-Encoding gzip, gzip",
        ),
        (
            "Content-Encoding: gzip\r\nContent-Encoding: br\r\n",
            gzip(PAGE),
            "stacked Content-Encoding gzip, br",
        ),
        (
            "Content-Encoding: zstd\r\n",
            PAGE.to_vec(),
            "unknown Content-Encoding zstd",
        ),
        (
            "Content-Encoding: x-foo\r\n",
            PAGE.to_vec(),
            "unknown Content-Encoding x-foo",
        ),
        (
            "Content-Encoding: br\r\n",
            b"\xff\xff\xff not brotli at all".to_vec(),
            "the br payload does not decode",
        ),
        (
            "Content-Encoding: gzip\r\n",
            [&[0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3][..], &[0xff; 40]].concat(),
            "the gzip payload does not decode",
        ),
        (
            "Transfer-Encoding: gzip, chunked\r\n",
            PAGE.to_vec(),
            "Transfer-Encoding gzip, chunked",
        ),
    ] {
        let (reason, detail) = parse_response(&response(headers, &body), 1000).unwrap_err();
        assert_eq!(reason, SkipReason::Undecodable, "{headers}");
        assert!(detail.starts_with(why), "{headers}: {detail}");
    }
}

#[test]
fn a_gzip_bomb_costs_at_most_the_cap() {
    let bomb = gzip(&vec![b'a'; 50 << 20]);
    assert!(bomb.len() < 100 << 10, "{} bytes", bomb.len());
    let parsed = parse_response(&response("Content-Encoding: gzip\r\n", &bomb), 1 << 20).unwrap();
    assert_eq!(parsed.payload.len(), 1 << 20);
    assert!(parsed.cut);
    // Exactly the cap is not cut.
    let parsed = parse_response(&response("Content-Encoding: gzip\r\n", &gzip(&[b'a'; 100])), 100).unwrap();
    assert_eq!((parsed.payload.len(), parsed.cut), (100, false));
}

#[test]
fn compressed_data_cut_by_the_block_cap_keeps_what_decoded() {
    let page: Vec<u8> = (0..20_000u32)
        .flat_map(|i| format!("<p>{i}</p>").into_bytes())
        .collect();
    let zipped = gzip(&page);
    let block = response("Content-Encoding: gzip\r\n", &zipped[..zipped.len() / 2]);
    let parsed = parse_response(&block, 1 << 20).unwrap();
    assert!(parsed.cut);
    assert!(!parsed.payload.is_empty() && page.starts_with(&parsed.payload));
}

#[test]
fn warcio_example_gzip_payload_is_example_domain() {
    let block = fixture_response("warcio-example.warc.gz", "http://example.com/");
    let parsed = parse_response(&block, 1 << 20).unwrap();
    assert_eq!(parsed.header("Content-Encoding"), Some("gzip"));
    assert_eq!(parsed.payload.len(), 1270);
    let text = String::from_utf8(parsed.payload).unwrap();
    assert!(text.contains("<title>Example Domain</title>"), "{text}");
    assert!(text.contains("<a href=\"http://www.iana.org/domains/example\">More information...</a>"));
}

#[test]
fn warcio_iana_chunked_payload_is_one_chunk_of_7223_bytes() {
    let block = fixture_response("warcio-iana-chunked.warc", "http://www.iana.org/");
    let parsed = parse_response(&block, 1 << 20).unwrap();
    assert_eq!(parsed.header("transfer-encoding"), Some("chunked"));
    assert_eq!(parsed.payload.len(), 0x1c37);
    assert!(parsed.payload.starts_with(
        b"<!doctype html>\n<html>\n<head>\n\t<title>Internet Assigned Numbers Authority</title>"
    ));
    assert!(parsed.payload.ends_with(b"</body>\n\n</html>\n"));
}

#[test]
fn common_crawl_crawler_headers_are_not_decoded_again() {
    // 2024: `X-Crawler-content-encoding: gzip` and `X-Crawler-transfer-encoding: chunked`
    // over a payload stored decoded; five Set-Cookie headers.
    let block = fixture_response(
        "cc-2024-whirlwind.warc.gz",
        "https://an.wikipedia.org/wiki/Escopete",
    );
    let parsed = parse_response(&block, 1 << 20).unwrap();
    assert_eq!(parsed.header("x-crawler-content-encoding"), Some("gzip"));
    assert_eq!(parsed.all("set-cookie").count(), 5);
    assert_eq!(parsed.payload.len(), 72848);
    let text = String::from_utf8_lossy(&parsed.payload);
    assert!(text.contains("<title>Escopete - Biquipedia, a enciclopedia libre</title>"));
    // 2019: two Link headers.
    let block = fixture_response("cc-2019-one-response.warc.gz", "http://commoncrawl.org/");
    let parsed = parse_response(&block, 1 << 20).unwrap();
    assert_eq!(parsed.all("link").count(), 2);
    assert_eq!(parsed.payload.len(), 20289);
    assert!(String::from_utf8_lossy(&parsed.payload).contains("<title>Common Crawl</title>"));
}

#[test]
fn common_crawl_2014_kept_content_encoding_gzip_on_a_decoded_payload() {
    let uri = "http://0x20.be/Special:WhatLinksHere/Thread:Talk:Gentse_feesten/foo";
    let block = fixture_response("cc-2014-sample.warc", uri);
    let parsed = parse_response(&block, 1 << 20).unwrap();
    assert_eq!(parsed.header("Content-Encoding"), Some("gzip"));
    assert_eq!(parsed.payload.len(), 17343);
    assert!(parsed.payload.starts_with(b"<!"));
}
