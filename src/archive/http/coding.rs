//! `Content-Encoding` undone, the decoded size capped.

use std::io::{self, Read};

/// The payload as it is, up to the cap.
pub(super) fn identity(body: &[u8], max: usize) -> (Vec<u8>, bool) {
    (body[..body.len().min(max)].to_vec(), body.len() > max)
}

/// Undoes one coding (lower case); `Err` names an unknown coding or data
/// that does not decode. Compressed data that ends early (a block cut by the
/// reader's cap) keeps what decoded, marked cut.
pub(super) fn decode(coding: &str, body: &[u8], max: usize) -> Result<(Vec<u8>, bool), String> {
    match coding {
        // Common Crawl's 2014 crawl stored payloads decoded and kept the
        // header: a "gzip" payload without the gzip magic is taken as it is.
        "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => Ok(identity(body, max)),
        "gzip" | "x-gzip" => read_capped(flate2::read::GzDecoder::new(body), coding, max),
        "deflate" if is_zlib(body) => read_capped(flate2::read::ZlibDecoder::new(body), coding, max),
        // Some servers send raw deflate under `deflate`, as browsers accept.
        "deflate" => read_capped(flate2::read::DeflateDecoder::new(body), coding, max),
        "br" => read_capped(brotli::Decompressor::new(body, 4096), coding, max),
        _ => Err(format!("unknown Content-Encoding {coding}")),
    }
}

/// A zlib header: deflate method, and the check bits RFC 1950 asks for.
fn is_zlib(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

fn read_capped(decoder: impl Read, coding: &str, max: usize) -> Result<(Vec<u8>, bool), String> {
    // One byte past the cap tells a payload that fills it from one beyond it.
    let mut limited = decoder.take(max as u64 + 1);
    let mut out = Vec::new();
    match limited.read_to_end(&mut out) {
        Ok(_) => {
            let cut = out.len() > max;
            out.truncate(max);
            Ok((out, cut))
        }
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof && !out.is_empty() => {
            out.truncate(max);
            Ok((out, true))
        }
        Err(error) => Err(format!("the {coding} payload does not decode: {error}")),
    }
}
