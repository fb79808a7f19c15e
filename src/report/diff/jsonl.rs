//! The diff as JSON Lines: one line per change, then the summary.

use crate::model::TargetInfo;
use crate::model::{AuditRef, Change, Diff, DiffSummary};
use crate::report::json::push_line;
use serde::Serialize;
use std::io::{self, Write};

/// A JSON Lines line, `"type"` first: each change as in the JSON, then the
/// summary with what identifies the comparison.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Change(&'a Change),
    Summary {
        schema_version: u32,
        target: &'a TargetInfo,
        from: &'a AuditRef,
        to: &'a AuditRef,
        summary: &'a DiffSummary,
    },
}

/// Writes every line in one write.
pub(super) fn write(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::new();
    for change in &diff.changes {
        push_line(&mut buffer, &Line::Change(change))?;
    }
    let summary = Line::Summary {
        schema_version: diff.schema_version,
        target: &diff.target,
        from: &diff.from,
        to: &diff.to,
        summary: &diff.summary,
    };
    push_line(&mut buffer, &summary)?;
    out.write_all(&buffer)
}
