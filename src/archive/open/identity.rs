//! Which file an HTTP answer carries, so a resumed download is known to
//! continue the same file rather than splice two versions together.

use reqwest::header::{HeaderMap, CONTENT_LENGTH, CONTENT_RANGE, ETAG, LAST_MODIFIED};

/// What the server says about the whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Identity {
    /// The file's length: `Content-Length` of a 200, the total of a 206's
    /// `Content-Range`. `None` when unknown (a chunked answer, `/*`).
    pub length: Option<u64>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Identity {
    /// The identity of a 200 answer: the body is the whole file.
    pub fn of_whole(headers: &HeaderMap) -> Identity {
        Identity {
            length: text(headers, CONTENT_LENGTH.as_str()).and_then(|value| value.parse().ok()),
            ..Identity::validators(headers)
        }
    }

    /// The identity of a 206 answer, whose length is `total`.
    pub fn of_part(headers: &HeaderMap, total: Option<u64>) -> Identity {
        Identity {
            length: total,
            ..Identity::validators(headers)
        }
    }

    fn validators(headers: &HeaderMap) -> Identity {
        Identity {
            length: None,
            etag: text(headers, ETAG.as_str()),
            last_modified: text(headers, LAST_MODIFIED.as_str()),
        }
    }

    /// How `later` contradicts `self`, e.g. `ETag "a" became "b"`; `None`
    /// when nothing known on both sides differs. A validator one answer
    /// lacks proves nothing either way.
    pub fn change(&self, later: &Identity) -> Option<String> {
        let differs = |name: &str, first: &Option<String>, then: &Option<String>| match (first, then) {
            (Some(first), Some(then)) if first != then => Some(format!("{name} {first} became {then}")),
            _ => None,
        };
        let length = match (self.length, later.length) {
            (Some(first), Some(then)) if first != then => {
                Some(format!("its length {first} bytes became {then}"))
            }
            _ => None,
        };
        let changes: Vec<String> = [
            length,
            differs("ETag", &self.etag, &later.etag),
            differs("Last-Modified", &self.last_modified, &later.last_modified),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!changes.is_empty()).then(|| changes.join(", "))
    }
}

/// A 206's `Content-Range: bytes FIRST-LAST/TOTAL` (TOTAL may be `*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ContentRange {
    pub first: u64,
    pub last: u64,
    pub total: Option<u64>,
}

impl ContentRange {
    /// The header, `Err` with its text (or "none") when absent or malformed.
    pub fn of(headers: &HeaderMap) -> Result<ContentRange, String> {
        let value = text(headers, CONTENT_RANGE.as_str()).ok_or_else(|| "no Content-Range".to_string())?;
        ContentRange::parse(&value).ok_or_else(|| format!("`Content-Range: {value}`"))
    }

    pub fn parse(value: &str) -> Option<ContentRange> {
        let rest = value.trim().strip_prefix("bytes ")?;
        let (span, total) = rest.split_once('/')?;
        let (first, last) = span.split_once('-')?;
        let (first, last) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
        let total = match total.trim() {
            "*" => None,
            number => Some(number.parse().ok()?),
        };
        let consistent = first <= last && total.is_none_or(|total| last < total);
        consistent.then_some(ContentRange { first, last, total })
    }
}

fn text(headers: &HeaderMap, name: &str) -> Option<String> {
    Some(headers.get(name)?.to_str().ok()?.trim().to_string())
}
