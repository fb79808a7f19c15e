//! The HTTP response a WARC `response` record holds: status line, headers,
//! and the payload with its transfer and content codings undone.
//!
//! `Transfer-Encoding: chunked` is undone the way warcio undoes it: when the
//! payload does not parse as chunks after all, the raw payload (from the
//! first chunk that does not parse on) is the payload. `Content-Encoding`
//! gzip, x-gzip, deflate (zlib-wrapped or raw), br and identity are undone;
//! a stacked or unknown coding, or a payload that does not decode, is
//! `Undecodable`. Common Crawl stores payloads decoded and renames the
//! headers `X-Crawler-Content-Encoding` and `X-Crawler-Transfer-Encoding`:
//! those only say what was undone, and are not read here.

mod chunked;
mod coding;

use crate::model::SkipReason;

/// A response as archived.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    /// In archive order, repeated headers kept, names as written.
    pub headers: Vec<(String, String)>,
    /// The payload, decoded, at most the cap given to [`parse_response`].
    pub payload: Vec<u8>,
    /// The payload is cut: longer than the cap once decoded, or compressed
    /// data that ends early (the record's block was cut).
    pub cut: bool,
}

impl Response {
    /// The first value of a header, the name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The comma-separated tokens of every value of a header, lower case,
    /// `identity` and empty ones left out.
    fn codings(&self, name: &str) -> Vec<String> {
        self.all(name)
            .flat_map(|v| v.split(','))
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty() && c != "identity")
            .collect()
    }
}

/// Parses a response record's block; the decoded payload is kept up to
/// `max_payload` bytes, so a compression bomb costs at most that.
pub fn parse_response(block: &[u8], max_payload: usize) -> Result<Response, (SkipReason, String)> {
    let bad = |detail: String| (SkipReason::BadRecord, detail);
    let (head, body) = split_head(block);
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status(status_line).ok_or_else(|| {
        let start: String = status_line.chars().take(60).collect();
        bad(format!("not an HTTP status line: {:?}", start))
    })?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // A folded line continues the header above it.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        // A line without a colon is left out, as browsers do.
    }
    let mut response = Response {
        status,
        headers,
        payload: Vec::new(),
        cut: false,
    };
    let undecodable = |detail: String| (SkipReason::Undecodable, detail);
    let transfer = response.codings("transfer-encoding");
    let dechunked;
    let body = match transfer.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => body,
        ["chunked"] => {
            dechunked = chunked::decode(body);
            &dechunked[..]
        }
        _ => return Err(undecodable(format!("Transfer-Encoding {}", transfer.join(", ")))),
    };
    let content = response.codings("content-encoding");
    let (payload, cut) = match content.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => coding::identity(body, max_payload),
        [one] => coding::decode(one, body, max_payload).map_err(undecodable)?,
        _ => {
            return Err(undecodable(format!(
                "stacked Content-Encoding {}",
                content.join(", ")
            )))
        }
    };
    response.payload = payload;
    response.cut = cut;
    Ok(response)
}

/// The head (status line and headers) and the payload after the first blank
/// line (`\r\n\r\n` or `\n\n`). A block without a blank line is all head.
fn split_head(block: &[u8]) -> (&[u8], &[u8]) {
    let mut from = 0;
    while let Some(at) = block[from..].iter().position(|&b| b == b'\n').map(|i| i + from) {
        let rest = &block[at + 1..];
        if rest.starts_with(b"\n") {
            return (&block[..at], &rest[1..]);
        }
        if rest.starts_with(b"\r\n") {
            return (&block[..at], &rest[2..]);
        }
        from = at + 1;
    }
    (block, &[])
}

/// `HTTP/1.1 200 OK`, `HTTP/1.0 404`, `HTTP/2 200` → the status.
fn status(line: &str) -> Option<u16> {
    let mut words = line.split_ascii_whitespace();
    let version = words.next()?;
    let code = words.next()?;
    let ok = version.starts_with("HTTP/") && code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| code.parse().ok()).flatten().filter(|c| *c >= 100)
}

#[cfg(test)]
mod tests;
