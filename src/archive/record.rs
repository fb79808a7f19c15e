//! A WARC record as the reader hands it over.

use crate::model::SkipReason;

/// `WARC-Type`, as WARC 1.1 lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Warcinfo,
    Response,
    Resource,
    Request,
    Metadata,
    Revisit,
    Conversion,
    Continuation,
    /// A type WARC 1.1 does not name.
    Other,
}

/// A record's named fields, the ones discovery reads.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordHead {
    /// Byte offset in the archive of the record, or of the gzip member that
    /// holds it (see `archive::gzip`).
    pub offset: u64,
    pub kind: RecordKind,
    /// `WARC-Target-URI`, angle brackets (WARC 1.0 style) removed.
    pub target_uri: Option<String>,
    /// `WARC-Date`, as written.
    pub date: Option<String>,
    /// `Content-Type` of the block (`application/http; msgtype=response`,
    /// `application/json` in WAT files).
    pub content_type: Option<String>,
    /// `Content-Length`: the block's length as the record states it.
    pub length: u64,
}

/// A record with its block read, up to the reader's cap.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub head: RecordHead,
    /// The block (for a response: the HTTP status line, headers and payload),
    /// at most the reader's cap; the rest is skipped.
    pub block: Vec<u8>,
    /// The block was longer than the cap.
    pub cut: bool,
}

/// Damage the reader met and stepped over: what was lost, where, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Damage {
    /// Offset of the damaged record or member.
    pub offset: u64,
    /// `TruncatedRecord`, `CorruptGzip`, `BadRecord` or `ArchiveUnreadable`
    /// (the source itself failed: the reader ends after it).
    pub reason: SkipReason,
    /// One line for standard error: what was wrong.
    pub detail: String,
}
