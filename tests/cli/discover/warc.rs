//! Archives the tests write themselves: WARC 1.1 records around pages, gzip
//! member per record as Common Crawl writes them (or plain), and the kinds of
//! damage a reader must step over.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

pub const DATE: &str = "2024-05-18T04:29:19Z";

/// One record: its type, target URI, block content type and block.
pub struct Rec {
    pub kind: &'static str,
    pub uri: String,
    pub content_type: &'static str,
    pub block: Vec<u8>,
}

impl Rec {
    pub fn warcinfo() -> Rec {
        Rec {
            kind: "warcinfo",
            uri: String::new(),
            content_type: "application/warc-fields",
            block: b"software: backlinks tests\r\nformat: WARC File Format 1.1\r\n".to_vec(),
        }
    }

    pub fn request(uri: &str) -> Rec {
        let host = url::Url::parse(uri)
            .unwrap()
            .host_str()
            .unwrap_or_default()
            .to_string();
        Rec {
            kind: "request",
            uri: uri.to_string(),
            content_type: "application/http; msgtype=request",
            block: format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
        }
    }

    /// An HTTP 200 answer with these headers (besides the status line) and body.
    pub fn response(uri: &str, headers: &[(&str, &str)], body: &[u8]) -> Rec {
        Rec::answer(uri, 200, headers, body)
    }

    pub fn html(uri: &str, body: &str) -> Rec {
        Rec::response(
            uri,
            &[("Content-Type", "text/html; charset=utf-8")],
            body.as_bytes(),
        )
    }

    pub fn answer(uri: &str, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Rec {
        let mut block = format!("HTTP/1.1 {status} Whatever\r\n").into_bytes();
        for (name, value) in headers {
            block.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        block.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        block.extend_from_slice(body);
        Rec {
            kind: "response",
            uri: uri.to_string(),
            content_type: "application/http; msgtype=response",
            block,
        }
    }

    /// The record's bytes: header, block, the two CRLFs that end it.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = b"WARC/1.1\r\n".to_vec();
        out.extend_from_slice(format!("WARC-Type: {}\r\n", self.kind).as_bytes());
        if !self.uri.is_empty() {
            out.extend_from_slice(format!("WARC-Target-URI: {}\r\n", self.uri).as_bytes());
        }
        out.extend_from_slice(format!("WARC-Date: {DATE}\r\n").as_bytes());
        out.extend_from_slice(b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n");
        out.extend_from_slice(format!("Content-Type: {}\r\n", self.content_type).as_bytes());
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", self.block.len()).as_bytes());
        out.extend_from_slice(&self.block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A gzip member per record; returns the archive and each record's offset.
pub fn members(records: &[Rec]) -> (Vec<u8>, Vec<u64>) {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for record in records {
        offsets.push(out.len() as u64);
        out.extend_from_slice(&gzip(&record.bytes()));
    }
    (out, offsets)
}

/// The records one after another, uncompressed.
pub fn plain(records: &[Rec]) -> Vec<u8> {
    records.iter().flat_map(Rec::bytes).collect()
}
