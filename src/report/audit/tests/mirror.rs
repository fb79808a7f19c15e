//! The JSON wire format (schema version 1) written down a second time, apart
//! from the model, so a change to the model that changes the output fails a
//! test. Every struct refuses unknown fields; every key must be present
//! (nullable ones included); status and kind words are closed enums.
//!
//! A plain module of types: deserialise output into `AuditReport` or
//! `JsonLine`, and check values. The audit's unit tests read the sample audit
//! through it (`contract.rs`); the end-to-end tests, which cannot see the
//! library's test modules, include this file by path from `tests/cli/main.rs`
//! and read the real program's output.

// Fields exist to be checked by deserialisation; a test reads only a few.
#![allow(dead_code)]

use serde::{Deserialize, Deserializer};

/// A key that must be present but may be `null`. (serde lets a missing
/// `Option` field pass as `None`; `deserialize_with` turns that off.)
fn nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::deserialize(deserializer)
}

/// The `json` report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub target: Target,
    pub started_at: String,
    pub finished_at: String,
    pub partial: bool,
    /// The `--only` conditions `sources` and `links` were filtered with.
    pub only: Vec<Only>,
    pub summary: Summary,
    pub sources: Vec<Source>,
    pub links: Vec<Link>,
}

/// One line of the `jsonl` report, by its `"type"`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum JsonLine {
    Source(Source),
    Link(Link),
    // Boxed: one summary line against thousands of source and link lines.
    Summary(Box<SummaryLine>),
}

/// The last line of the `jsonl` report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryLine {
    pub schema_version: u32,
    pub tool: Tool,
    pub target: Target,
    pub started_at: String,
    pub finished_at: String,
    pub partial: bool,
    /// The `--only` conditions `sources` and `links` were filtered with.
    pub only: Vec<Only>,
    pub summary: Summary,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub input: String,
    pub host: String,
    pub path_prefix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub sources: SourceCounts,
    pub backlinks: u64,
    pub referring_pages: u64,
    pub referring_domains: u64,
    pub link_types: LinkTypeCounts,
    pub passes_equity: u64,
    pub toxic: u64,
    pub weak: u64,
    pub risk: Risk,
    pub anchors: Anchors,
    pub top_domains: Vec<DomainCount>,
    /// Null unless `--check-targets`.
    #[serde(deserialize_with = "nullable")]
    pub broken_targets: Option<Vec<BrokenTarget>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrokenTarget {
    pub target_url: String,
    #[serde(deserialize_with = "nullable")]
    pub http_status: Option<u16>,
    pub backlinks: u64,
    pub referring_domains: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceCounts {
    pub total: u64,
    pub by_status: StatusCounts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StatusCounts {
    pub ok: u64,
    pub no_link: u64,
    pub http_error: u64,
    pub blocked: u64,
    pub unreachable: u64,
    pub robots_blocked: u64,
    pub not_html: u64,
    pub invalid: u64,
    pub internal: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkTypeCounts {
    pub dofollow: u64,
    pub nofollow: u64,
    pub ugc: u64,
    pub sponsored: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    pub unique: u64,
    #[serde(deserialize_with = "nullable")]
    pub diversity: Option<f64>,
    pub exact_share: f64,
    pub keywords_given: bool,
    pub over_optimized: bool,
    pub kinds: KindCounts,
    pub top: Vec<AnchorShare>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindCounts {
    pub image: u64,
    pub empty: u64,
    pub url: u64,
    pub branded: u64,
    pub exact: u64,
    pub partial: u64,
    pub generic: u64,
    pub other: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnchorShare {
    pub text: String,
    pub count: u64,
    pub share: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainCount {
    pub domain: String,
    pub links: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub input: String,
    #[serde(deserialize_with = "nullable")]
    pub final_url: Option<String>,
    pub status: Status,
    #[serde(deserialize_with = "nullable")]
    pub http_status: Option<u16>,
    #[serde(deserialize_with = "nullable")]
    pub error: Option<String>,
    pub redirects: Vec<String>,
    pub truncated: bool,
    pub page_nofollow: bool,
    pub page_noindex: bool,
    #[serde(deserialize_with = "nullable")]
    pub title: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub ip: Option<String>,
    pub links: u64,
    pub rendered: bool,
    #[serde(deserialize_with = "nullable")]
    pub render_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub source_url: String,
    pub source_host: String,
    pub source_domain: String,
    pub target_url: String,
    pub anchor_text: String,
    pub anchor_kind: AnchorKind,
    pub rel: Vec<String>,
    pub link_type: LinkType,
    pub passes_equity: bool,
    pub placement: Placement,
    pub hidden: bool,
    pub flags: Vec<String>,
    pub toxicity: u8,
    pub toxic: bool,
    pub weak: bool,
    #[serde(deserialize_with = "nullable")]
    pub target_status: Option<TargetStatus>,
    #[serde(deserialize_with = "nullable")]
    pub target_final_url: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub target_http_status: Option<u16>,
    pub rendered_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    Ok,
    Redirect,
    Broken,
    Unreachable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Only {
    Toxic,
    Dofollow,
    Nofollow,
    Ugc,
    Sponsored,
    NoEquity,
    Missing,
    NoLink,
    Unchecked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Ok,
    NoLink,
    HttpError,
    Blocked,
    Unreachable,
    RobotsBlocked,
    NotHtml,
    Invalid,
    Internal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkType {
    Dofollow,
    Nofollow,
    Ugc,
    Sponsored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Content,
    Navigation,
    Header,
    Footer,
    Sidebar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    Image,
    Empty,
    Url,
    Branded,
    Exact,
    Partial,
    Generic,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    Low,
    Medium,
    High,
}
