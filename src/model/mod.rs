//! The audit's data: what each source turned out to be and every backlink found.
//! These types are the JSON wire format (schema version 1), so field order here is
//! key order there. Change a name or a shape only together with `SCHEMA_VERSION`.

mod diff;
mod domains;
mod flag;
mod found;
mod saved;
mod target_check;

pub use diff::{AuditRef, Change, ChangeKind, Diff, DiffSummary, DIFF_SCHEMA_VERSION};
pub use domains::{
    Authority, Basis, DomainsReport, DomainsSummary, ReferringDomain, ReferringPage, TargetDomains,
    DOMAINS_SCHEMA_VERSION,
};
pub use flag::{Flag, FlagKind, UnknownFlag};
pub use found::{
    DiscoverReport, DiscoverSummary, FoundLink, SkipCounts, SkipReason, TargetFound, DISCOVER_SCHEMA_VERSION,
};
pub use saved::{AuditId, AuditRow};
pub use target_check::{BrokenTarget, TargetCheck, TargetStatus, TargetTurn};

use serde::{Deserialize, Serialize};

/// Bumped on any breaking change of the JSON or JSON Lines output.
pub const SCHEMA_VERSION: u32 = 1;

/// What became of one source. Only `NoLink` says a link is absent; every other
/// non-`Ok` status says we could not tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceStatus {
    /// Fetched and parsed, one or more backlinks.
    Ok,
    /// Fetched and parsed, no link to the target.
    NoLink,
    /// 404, 410, 5xx and other final HTTP errors.
    HttpError,
    /// The site refused us: 401, 403, 429 after retries, or a bot challenge page.
    Blocked,
    /// DNS, connect, TLS, time-out, too many redirects.
    Unreachable,
    /// robots.txt disallows the page for our user agent.
    RobotsBlocked,
    /// The response is not an HTML page.
    NotHtml,
    /// The entry is not a usable URL or file.
    Invalid,
    /// The page is on the target's own host: its links are not backlinks.
    Internal,
}

impl SourceStatus {
    pub const ALL: [SourceStatus; 9] = [
        SourceStatus::Ok,
        SourceStatus::NoLink,
        SourceStatus::HttpError,
        SourceStatus::Blocked,
        SourceStatus::Unreachable,
        SourceStatus::RobotsBlocked,
        SourceStatus::NotHtml,
        SourceStatus::Invalid,
        SourceStatus::Internal,
    ];

    /// The status word of the contract (`no-link`, `http-error`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::Ok => "ok",
            SourceStatus::NoLink => "no-link",
            SourceStatus::HttpError => "http-error",
            SourceStatus::Blocked => "blocked",
            SourceStatus::Unreachable => "unreachable",
            SourceStatus::RobotsBlocked => "robots-blocked",
            SourceStatus::NotHtml => "not-html",
            SourceStatus::Invalid => "invalid",
            SourceStatus::Internal => "internal",
        }
    }
}

impl std::fmt::Display for SourceStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a link is qualified, by precedence: sponsored, ugc, nofollow (docs/reference.md, Extraction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkType {
    Dofollow,
    Nofollow,
    Ugc,
    Sponsored,
}

impl LinkType {
    pub const ALL: [LinkType; 4] = [
        LinkType::Dofollow,
        LinkType::Nofollow,
        LinkType::Ugc,
        LinkType::Sponsored,
    ];

    /// The type a set of (lowercased) rel tokens gives.
    pub fn from_rel<S: AsRef<str>>(rel: &[S]) -> LinkType {
        let has = |word: &str| rel.iter().any(|t| t.as_ref() == word);
        if has("sponsored") {
            LinkType::Sponsored
        } else if has("ugc") {
            LinkType::Ugc
        } else if has("nofollow") {
            LinkType::Nofollow
        } else {
            LinkType::Dofollow
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkType::Dofollow => "dofollow",
            LinkType::Nofollow => "nofollow",
            LinkType::Ugc => "ugc",
            LinkType::Sponsored => "sponsored",
        }
    }
}

/// Where on the page a link sits, from its nearest landmark ancestor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Content,
    Navigation,
    Header,
    Footer,
    Sidebar,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Content => "content",
            Placement::Navigation => "navigation",
            Placement::Header => "header",
            Placement::Footer => "footer",
            Placement::Sidebar => "sidebar",
        }
    }
}

/// What an anchor text is, first that applies (docs/reference.md, Analysis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

impl AnchorKind {
    pub const ALL: [AnchorKind; 8] = [
        AnchorKind::Image,
        AnchorKind::Empty,
        AnchorKind::Url,
        AnchorKind::Branded,
        AnchorKind::Exact,
        AnchorKind::Partial,
        AnchorKind::Generic,
        AnchorKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AnchorKind::Image => "image",
            AnchorKind::Empty => "empty",
            AnchorKind::Url => "url",
            AnchorKind::Branded => "branded",
            AnchorKind::Exact => "exact",
            AnchorKind::Partial => "partial",
            AnchorKind::Generic => "generic",
            AnchorKind::Other => "other",
        }
    }
}

/// One source as reported: the `sources[]` objects of the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The normalised URL (fragment dropped); the raw entry for `invalid`.
    pub url: String,
    /// The entry as given, with where it came from for entries read from files.
    pub input: String,
    pub final_url: Option<String>,
    pub status: SourceStatus,
    pub http_status: Option<u16>,
    pub error: Option<String>,
    /// Every URL that answered with a redirect, in order (the final URL excluded).
    pub redirects: Vec<String>,
    pub truncated: bool,
    pub page_nofollow: bool,
    pub page_noindex: bool,
    pub title: Option<String>,
    pub ip: Option<String>,
    /// Number of backlinks found on the page.
    pub links: usize,
    /// The links come from the document as a headless browser rendered it
    /// (`--render`). Audits saved before it existed read as not rendered.
    #[serde(default)]
    pub rendered: bool,
    /// What rendering changed or could not do: links a script removed, a
    /// script sending visitors elsewhere, requests kept from the browser.
    #[serde(default)]
    pub render_note: Option<String>,
}

impl SourceRecord {
    /// A record for a source that was never fetched (invalid, internal, robots).
    pub fn unfetched(url: String, input: String, status: SourceStatus, error: Option<String>) -> Self {
        SourceRecord {
            url,
            input,
            final_url: None,
            status,
            http_status: None,
            error,
            redirects: Vec::new(),
            truncated: false,
            page_nofollow: false,
            page_noindex: false,
            title: None,
            ip: None,
            links: 0,
            rendered: false,
            render_note: None,
        }
    }
}

/// One backlink: the `links[]` objects of the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Risk flags first, then weakness, then information; heaviest first
    /// within each (ties in word order); each once.
    pub flags: Vec<Flag>,
    /// From the risk flags only (docs/scoring.md).
    pub toxicity: u8,
    pub toxic: bool,
    /// Worth less, from the weakness flags only: a separate judgement from
    /// `toxic`, never a reason to disavow. Audits saved before it existed read
    /// as not weak.
    #[serde(default)]
    pub weak: bool,
    /// What the target page answered (`--check-targets`); null when unchecked.
    #[serde(default)]
    pub target_status: Option<TargetStatus>,
    /// Where the target's redirects ended; null without redirects.
    #[serde(default)]
    pub target_final_url: Option<String>,
    /// The target's final HTTP status; null when unchecked or unanswered.
    #[serde(default)]
    pub target_http_status: Option<u16>,
    /// Only the rendered document has this link: the fetched HTML does not
    /// (a script adds it), so a static check disagrees.
    #[serde(default)]
    pub rendered_only: bool,
}

impl Link {
    /// Gives the link what its target page answered.
    pub fn set_target_check(&mut self, check: &TargetCheck) {
        self.target_status = Some(check.status);
        self.target_final_url = check.final_url.clone();
        self.target_http_status = check.http_status;
    }
}

/// Everything one source produced, as it flows from the fetchers to the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceResult {
    /// Position of the source in the input, for reports in input order.
    pub index: usize,
    pub source: SourceRecord,
    pub links: Vec<Link>,
}

/// The name and version of the tool that wrote a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn current() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Source counts by status; every status is always present (zero included) so
/// scripts can read `.by_status.ok` without a default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct StatusCounts {
    pub ok: usize,
    pub no_link: usize,
    pub http_error: usize,
    pub blocked: usize,
    pub unreachable: usize,
    pub robots_blocked: usize,
    pub not_html: usize,
    pub invalid: usize,
    pub internal: usize,
}

impl StatusCounts {
    pub fn get_mut(&mut self, status: SourceStatus) -> &mut usize {
        match status {
            SourceStatus::Ok => &mut self.ok,
            SourceStatus::NoLink => &mut self.no_link,
            SourceStatus::HttpError => &mut self.http_error,
            SourceStatus::Blocked => &mut self.blocked,
            SourceStatus::Unreachable => &mut self.unreachable,
            SourceStatus::RobotsBlocked => &mut self.robots_blocked,
            SourceStatus::NotHtml => &mut self.not_html,
            SourceStatus::Invalid => &mut self.invalid,
            SourceStatus::Internal => &mut self.internal,
        }
    }

    pub fn get(&self, status: SourceStatus) -> usize {
        match status {
            SourceStatus::Ok => self.ok,
            SourceStatus::NoLink => self.no_link,
            SourceStatus::HttpError => self.http_error,
            SourceStatus::Blocked => self.blocked,
            SourceStatus::Unreachable => self.unreachable,
            SourceStatus::RobotsBlocked => self.robots_blocked,
            SourceStatus::NotHtml => self.not_html,
            SourceStatus::Invalid => self.invalid,
            SourceStatus::Internal => self.internal,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceCounts {
    pub total: usize,
    pub by_status: StatusCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkTypeCounts {
    pub dofollow: usize,
    pub nofollow: usize,
    pub ugc: usize,
    pub sponsored: usize,
}

impl LinkTypeCounts {
    pub fn add(&mut self, link_type: LinkType) {
        match link_type {
            LinkType::Dofollow => self.dofollow += 1,
            LinkType::Nofollow => self.nofollow += 1,
            LinkType::Ugc => self.ugc += 1,
            LinkType::Sponsored => self.sponsored += 1,
        }
    }

    pub fn get(&self, link_type: LinkType) -> usize {
        match link_type {
            LinkType::Dofollow => self.dofollow,
            LinkType::Nofollow => self.nofollow,
            LinkType::Ugc => self.ugc,
            LinkType::Sponsored => self.sponsored,
        }
    }
}

/// Anchor kind counts; every kind always present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub image: usize,
    pub empty: usize,
    pub url: usize,
    pub branded: usize,
    pub exact: usize,
    pub partial: usize,
    pub generic: usize,
    pub other: usize,
}

impl KindCounts {
    pub fn add(&mut self, kind: AnchorKind) {
        let slot = match kind {
            AnchorKind::Image => &mut self.image,
            AnchorKind::Empty => &mut self.empty,
            AnchorKind::Url => &mut self.url,
            AnchorKind::Branded => &mut self.branded,
            AnchorKind::Exact => &mut self.exact,
            AnchorKind::Partial => &mut self.partial,
            AnchorKind::Generic => &mut self.generic,
            AnchorKind::Other => &mut self.other,
        };
        *slot += 1;
    }

    pub fn get(&self, kind: AnchorKind) -> usize {
        match kind {
            AnchorKind::Image => self.image,
            AnchorKind::Empty => self.empty,
            AnchorKind::Url => self.url,
            AnchorKind::Branded => self.branded,
            AnchorKind::Exact => self.exact,
            AnchorKind::Partial => self.partial,
            AnchorKind::Generic => self.generic,
            AnchorKind::Other => self.other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchorShare {
    pub text: String,
    pub count: usize,
    pub share: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnchorProfile {
    pub unique: usize,
    pub diversity: Option<f64>,
    /// Meaningful only when `keywords_given`: without keywords no anchor is
    /// `exact`, and this is 0.
    pub exact_share: f64,
    /// Whether the audit was given money keywords (`--keyword`). Audits saved
    /// before this field existed read as given, as they were shown then.
    #[serde(default = "keywords_given_before_it_was_recorded")]
    pub keywords_given: bool,
    pub over_optimized: bool,
    pub kinds: KindCounts,
    pub top: Vec<AnchorShare>,
}

fn keywords_given_before_it_was_recorded() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCount {
    pub domain: String,
    pub links: usize,
}

/// The profile's risk level from its share of toxic links: `low` under 3 %,
/// `medium` from 3 % to 10 % inclusive, `high` over 10 %.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    #[default]
    Low,
    Medium,
    High,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub sources: SourceCounts,
    pub backlinks: usize,
    pub referring_pages: usize,
    pub referring_domains: usize,
    pub link_types: LinkTypeCounts,
    pub passes_equity: usize,
    pub toxic: usize,
    /// Links judged weak (worth less), toxic or not. Audits saved before it
    /// existed read 0.
    #[serde(default)]
    pub weak: usize,
    /// From the share of toxic links (docs/scoring.md).
    pub risk: Risk,
    pub anchors: AnchorProfile,
    pub top_domains: Vec<DomainCount>,
    /// Target pages answering 4xx/5xx, most referring domains first (then
    /// backlinks, then URL): null unless `--check-targets`.
    #[serde(default)]
    pub broken_targets: Option<Vec<BrokenTarget>>,
}

/// The target as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetInfo {
    pub input: String,
    pub host: String,
    pub path_prefix: String,
}

/// A whole audit: the JSON document. `sources` and `links` are in input order
/// (links by source, then document order). They are left empty when no chosen
/// report needs them (JSON Lines streams them instead), so memory stays flat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub target: TargetInfo,
    pub started_at: String,
    pub finished_at: String,
    pub partial: bool,
    pub summary: Summary,
    pub sources: Vec<SourceRecord>,
    pub links: Vec<Link>,
}

impl From<&crate::target::Target> for TargetInfo {
    fn from(target: &crate::target::Target) -> TargetInfo {
        TargetInfo {
            input: target.input.clone(),
            host: target.host.clone(),
            path_prefix: target.path_prefix.clone(),
        }
    }
}
