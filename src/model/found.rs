//! What `discover` reports: links found in web archives (SPEC section 10).
//! Like the audit's types, these are the JSON wire format (key order is field
//! order), versioned by [`DISCOVER_SCHEMA_VERSION`]; the CSV and Parquet
//! columns are the fields of [`FoundLink`] in this order.

use super::{LinkType, Placement, Tool};
use serde::{Deserialize, Serialize};

/// Bumped on any breaking change of discover's JSON, JSON Lines, CSV or Parquet.
pub const DISCOVER_SCHEMA_VERSION: u32 = 1;

/// One link to a target, as an archive captured it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundLink {
    /// The target the link points at, as `discover` was given it (`TARGET` or
    /// an `--also`), normalised like the audit's target label.
    pub target: String,
    pub source_url: String,
    pub source_host: String,
    pub source_domain: String,
    /// The record's `WARC-Date`, as written (RFC 3339, UTC).
    pub captured_at: String,
    /// The archive as given: a path, or a URL.
    pub archive: String,
    /// Byte offset in the archive of the record, or of the gzip member that
    /// holds it: where an HTTP Range request for the record starts.
    pub record_offset: u64,
    pub target_url: String,
    pub anchor_text: String,
    pub rel: Vec<String>,
    pub link_type: LinkType,
    /// Dofollow on a page without a nofollow directive (meta robots or
    /// `X-Robots-Tag`), the audit's rule.
    pub passes_equity: bool,
    /// `None` from a WAT record, which keeps no page structure.
    pub placement: Option<Placement>,
    pub hidden: Option<bool>,
}

/// Why a record gave no page, or an archive no records: the summary counts
/// each, so nothing is lost silently. Declaration order is report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// warcinfo, request, revisit, conversion, continuation, and metadata
    /// that is not a WAT page: records that hold no captured page.
    NotACapture,
    /// A capture of an answer other than 2xx (a redirect, an error page).
    NotOk,
    /// A capture whose payload is not HTML (by content type or by its bytes).
    NotHtml,
    /// A payload we cannot decode: an unknown or stacked `Content-Encoding`,
    /// broken chunked transfer encoding, a compressed body that fails.
    Undecodable,
    /// A record or WAT JSON whose headers cannot be parsed, or whose
    /// `Content-Length` does not match what follows.
    BadRecord,
    /// The archive ended in the middle of the record.
    TruncatedRecord,
    /// A gzip member that does not inflate; the reader resumes at the next one.
    CorruptGzip,
    /// The page took longer than `--timeout` to parse.
    ParseTimeout,
    /// An archive that could not be opened or read to its end: missing file,
    /// unreachable URL, HTTP error, a connection lost beyond the retries.
    ArchiveUnreadable,
}

impl SkipReason {
    pub const ALL: [SkipReason; 9] = [
        SkipReason::NotACapture,
        SkipReason::NotOk,
        SkipReason::NotHtml,
        SkipReason::Undecodable,
        SkipReason::BadRecord,
        SkipReason::TruncatedRecord,
        SkipReason::CorruptGzip,
        SkipReason::ParseTimeout,
        SkipReason::ArchiveUnreadable,
    ];

    /// The word reports use (`not-a-capture`, `corrupt-gzip`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotACapture => "not-a-capture",
            SkipReason::NotOk => "not-ok",
            SkipReason::NotHtml => "not-html",
            SkipReason::Undecodable => "undecodable",
            SkipReason::BadRecord => "bad-record",
            SkipReason::TruncatedRecord => "truncated-record",
            SkipReason::CorruptGzip => "corrupt-gzip",
            SkipReason::ParseTimeout => "parse-timeout",
            SkipReason::ArchiveUnreadable => "archive-unreadable",
        }
    }
}

/// Counts by reason; every reason is present (zero included), so scripts can
/// read `.skipped["corrupt-gzip"]` without a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipCounts(pub std::collections::BTreeMap<SkipReason, u64>);

impl Default for SkipCounts {
    fn default() -> SkipCounts {
        SkipCounts(SkipReason::ALL.iter().map(|&r| (r, 0)).collect())
    }
}

impl SkipCounts {
    pub fn add(&mut self, reason: SkipReason, n: u64) {
        *self.0.entry(reason).or_insert(0) += n;
    }

    pub fn get(&self, reason: SkipReason) -> u64 {
        self.0.get(&reason).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

/// Per target: what the archives hold for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFound {
    pub target: String,
    pub links: u64,
    /// Distinct source URLs with one or more links to the target.
    pub referring_pages: u64,
    /// Distinct registrable domains among them.
    pub referring_domains: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscoverSummary {
    /// Archives given (after `--shard`), and of those read to their end.
    pub archives: u64,
    pub archives_read: u64,
    /// Records read, whatever their type, and pages scanned for links (WARC
    /// responses and WAT page records that reached extraction).
    pub records: u64,
    pub pages_scanned: u64,
    /// Bytes of HTML scanned (WARC payloads after decoding).
    pub html_bytes: u64,
    pub skipped: SkipCounts,
    /// In the order the targets were given: `TARGET` first, then each `--also`.
    pub targets: Vec<TargetFound>,
}

/// The JSON document of `discover`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscoverReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub started_at: String,
    pub finished_at: String,
    /// Interrupted (Ctrl-C, SIGTERM) before every archive was read.
    pub partial: bool,
    pub summary: DiscoverSummary,
    pub links: Vec<FoundLink>,
}
