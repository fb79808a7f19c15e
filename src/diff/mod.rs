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

use crate::model::{AuditId, AuditRef, AuditReport, Diff, DIFF_SCHEMA_VERSION};

/// The version of the diff's JSON.
pub use crate::model::DIFF_SCHEMA_VERSION as SCHEMA_VERSION;
pub use crate::model::{Change, ChangeKind, DiffSummary};

pub use compare::same_link;

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
        schema_version: DIFF_SCHEMA_VERSION,
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

#[cfg(test)]
mod tests;
