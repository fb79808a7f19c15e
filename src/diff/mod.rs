//! Comparing two audits of one target (docs/reference.md, `backlinks diff`):
//! which backlinks are
//! new, lost, unverified or changed between them.
//!
//! A link is identified by its source URL and target URL; several links with
//! the same pair on one page count as several. Only a page that was fetched and
//! parsed whole (`ok` or `no-link`, not truncated) can say that a link is gone:
//! for any other page, and for a source the newer audit does not list, a
//! missing link is `unverified`, never `lost`.

mod compare;

use crate::model::{AuditReport, Link, SourceStatus, TargetInfo};
use crate::store::AuditId;
use serde::{Deserialize, Serialize};

pub use compare::same_link;

/// The version of the diff's JSON, bumped on any breaking change.
pub const SCHEMA_VERSION: u32 = 1;

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

/// One side of a diff: a saved audit and its id.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub id: AuditId,
    pub report: &'a AuditReport,
}

/// The two audits are not of one target.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "audit {from} is of {from_target} and audit {to} of {to_target}: diff compares two audits of one target"
)]
pub struct TargetMismatch {
    pub from: AuditId,
    pub from_target: String,
    pub to: AuditId,
    pub to_target: String,
}

/// Compares `from` (the older audit) with `to` (the newer). Audits are of one
/// target when host and path prefix agree, however the target was typed.
pub fn diff(from: Side<'_>, to: Side<'_>) -> Result<Diff, TargetMismatch> {
    let (a, b) = (&from.report.target, &to.report.target);
    if a.host != b.host || a.path_prefix != b.path_prefix {
        return Err(TargetMismatch {
            from: from.id,
            from_target: format!("{}{}", a.host, a.path_prefix),
            to: to.id,
            to_target: format!("{}{}", b.host, b.path_prefix),
        });
    }
    let (summary, changes) = compare::compare(from.report, to.report);
    Ok(Diff {
        schema_version: SCHEMA_VERSION,
        target: b.clone(),
        from: AuditRef {
            id: from.id,
            started_at: from.report.started_at.clone(),
        },
        to: AuditRef {
            id: to.id,
            started_at: to.report.started_at.clone(),
        },
        summary,
        changes,
    })
}

impl Diff {
    /// The links lost since the older audit (`--fail-on lost`), in order.
    pub fn lost(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.change == ChangeKind::Lost)
    }
}

#[cfg(test)]
mod tests;
