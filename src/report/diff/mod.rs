//! `diff`: what changed between two saved audits, in every format. JSON is the
//! contract's document; JSON Lines has one line per change, then the summary;
//! CSV has one row per change; the table and Markdown group the changes by
//! kind, lost first, and say why each unverified link could not be checked.

mod csv;
mod markdown;
mod table;

use super::{target_label, Format, RenderOptions};
use crate::diff::{AuditRef, Change, ChangeKind, Diff, DiffSummary};
use crate::model::{Link, TargetInfo};
use serde::Serialize;
use std::io::{self, Write};

/// Writes `diff` as `format` and flushes.
pub fn write(format: Format, diff: &Diff, options: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(table::render(diff, options).as_bytes())?,
        Format::Markdown => out.write_all(markdown::render(diff).as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, diff)?;
            out.write_all(b"\n")?;
        }
        Format::Jsonl => write_jsonl(diff, &mut *out)?,
        Format::Csv => csv::write(diff, &mut *out)?,
    }
    out.flush()
}

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

fn write_jsonl(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::new();
    for change in &diff.changes {
        serde_json::to_writer(&mut buffer, &Line::Change(change))?;
        buffer.push(b'\n');
    }
    let summary = Line::Summary {
        schema_version: diff.schema_version,
        target: &diff.target,
        from: &diff.from,
        to: &diff.to,
        summary: &diff.summary,
    };
    serde_json::to_writer(&mut buffer, &summary)?;
    buffer.push(b'\n');
    out.write_all(&buffer)
}

/// The order the table and Markdown list the kinds in: what needs action first.
const KIND_ORDER: [ChangeKind; 4] = [
    ChangeKind::Lost,
    ChangeKind::Unverified,
    ChangeKind::Changed,
    ChangeKind::New,
];

/// What a person reads, as raw text (each renderer escapes it).
struct Wording<'a> {
    diff: &'a Diff,
}

impl<'a> Wording<'a> {
    fn title(&self) -> String {
        format!("Backlink changes for {}", target_label(&self.diff.target))
    }

    /// `audit 3 (2025-01-02T03:04:05Z) → audit 4 (...)`.
    fn between(&self) -> String {
        let side = |r: &AuditRef| format!("audit {} ({})", r.id, r.started_at);
        format!("{} → {}", side(&self.diff.from), side(&self.diff.to))
    }

    /// `1 new, 1 lost, 1 unverified, 2 changed, 4 unchanged`.
    fn counts(&self) -> String {
        let s = &self.diff.summary;
        format!(
            "{} new, {} lost, {} unverified, {} changed, {} unchanged",
            s.new, s.lost, s.unverified, s.changed, s.unchanged
        )
    }

    /// The kinds that have changes, in `KIND_ORDER`, each with its changes in
    /// the diff's order.
    fn groups(&self) -> Vec<(ChangeKind, Vec<&'a Change>)> {
        KIND_ORDER
            .iter()
            .map(|&kind| {
                let changes: Vec<&Change> = self.diff.changes.iter().filter(|c| c.change == kind).collect();
                (kind, changes)
            })
            .filter(|(_, changes)| !changes.is_empty())
            .collect()
    }
}

/// A group's heading: the kind, how many, and what it means.
fn group_title(kind: ChangeKind, count: usize) -> String {
    let meaning = match kind {
        ChangeKind::Lost => "the page was fetched and the link is not there",
        ChangeKind::Unverified => {
            "the page could not be seen, so the link may still be there; not counted as lost"
        }
        ChangeKind::Changed => "type, equity, anchor text or toxicity changed",
        ChangeKind::New => "not there before",
    };
    format!("{} ({count}): {meaning}", capitalized(kind.as_str()))
}

/// The last column's heading for a group.
fn detail_heading(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Lost => "Was",
        ChangeKind::Unverified => "Source now",
        ChangeKind::Changed => "What changed",
        ChangeKind::New => "Type",
    }
}

/// The anchor a change shows: the link as it is now, else as it was.
fn anchor(change: &Change) -> &str {
    change
        .after
        .as_ref()
        .or(change.before.as_ref())
        .map_or("", |link| link.anchor_text.as_str())
}

/// The last column: the type it had or has, why it is unverified, or every
/// difference, before → after.
fn detail(change: &Change) -> String {
    match (change.change, &change.before, &change.after) {
        (ChangeKind::Unverified, _, _) => match change.source_status {
            Some(status) => status.as_str().to_string(),
            None => "not in the newer audit".to_string(),
        },
        (ChangeKind::Changed, Some(before), Some(after)) => differences(before, after).join("; "),
        (_, _, Some(link)) | (_, Some(link), None) => kind_of(link),
        (_, None, None) => String::new(),
    }
}

/// `dofollow`, `nofollow, toxic`, `dofollow, no equity` (a followed link on a
/// nofollow page).
fn kind_of(link: &Link) -> String {
    let mut words = vec![link.link_type.as_str()];
    if !link.passes_equity && link.link_type == crate::model::LinkType::Dofollow {
        words.push("no equity");
    }
    if link.toxic {
        words.push("toxic");
    }
    words.join(", ")
}

/// The differences `diff` counts as a change, each as `what before → after`.
fn differences(before: &Link, after: &Link) -> Vec<String> {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut out = Vec::new();
    if before.link_type != after.link_type {
        out.push(format!(
            "type {} → {}",
            before.link_type.as_str(),
            after.link_type.as_str()
        ));
    }
    if before.passes_equity != after.passes_equity {
        out.push(format!(
            "passes equity {} → {}",
            yes_no(before.passes_equity),
            yes_no(after.passes_equity)
        ));
    }
    if before.anchor_text != after.anchor_text {
        out.push(format!(
            "anchor \"{}\" → \"{}\"",
            before.anchor_text, after.anchor_text
        ));
    }
    if before.toxic != after.toxic {
        out.push(format!(
            "toxic {} → {} (toxicity {} → {})",
            yes_no(before.toxic),
            yes_no(after.toxic),
            before.toxicity,
            after.toxicity
        ));
    }
    out
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
