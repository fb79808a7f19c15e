//! What changed between two saved audits of one target: the `diff` command's
//! document, computed by the `diff` module and written by `report::diff`.

use super::{AuditId, Link, SourceStatus, TargetInfo};
use serde::{Deserialize, Serialize};

/// The version of the diff's JSON, bumped on any breaking change.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// The comparison of two audits: the `diff` command's JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    pub schema_version: u32,
    /// The target, as the newer audit reports it.
    pub target: TargetInfo,
    pub from: AuditRef,
    pub to: AuditRef,
    pub summary: DiffSummary,
    /// Sources in the newer audit's input order (sources it lacks after, in the
    /// older audit's order); within a source, new and changed links in the
    /// newer audit's document order, then lost and unverified ones in the older's.
    pub changes: Vec<Change>,
}

/// Which saved audit a side of the diff is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRef {
    pub id: AuditId,
    pub started_at: String,
}

/// How many links fell in each kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSummary {
    pub new: usize,
    pub lost: usize,
    pub unverified: usize,
    pub changed: usize,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Present now, absent before.
    New,
    /// Present before; now its page was fetched and parsed and the link is not there.
    Lost,
    /// Present before; now its page could not be seen, so nobody can tell.
    Unverified,
    /// Present in both with a different link type, equity, anchor text or toxicity.
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Lost => "lost",
            ChangeKind::Unverified => "unverified",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One link that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub change: ChangeKind,
    pub source_url: String,
    pub target_url: String,
    pub before: Option<Link>,
    pub after: Option<Link>,
    /// The source's status in the newer audit (`None` when it does not list
    /// the source): says why a link is unverified. Not part of the JSON.
    #[serde(skip)]
    pub source_status: Option<SourceStatus>,
}

impl Diff {
    /// The links lost since the older audit (`--fail-on lost`), in order.
    pub fn lost(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.change == ChangeKind::Lost)
    }
}
