//! An audit's place in the history: saving it, resuming an interrupted one,
//! and `--fail-on lost` against the previous complete audit of the target.

use crate::audit::Resumed;
use crate::diff::{self, Side};
use crate::error::printable;
use crate::error::UsageError;
use crate::model::{AuditReport, TargetInfo, Tool, SCHEMA_VERSION};
use crate::report::{audit::ReportWriter, target_label};
use crate::settings::HistorySettings;
use crate::sources::SourceEntry;
use crate::store::{self, AuditId, HistoryWriter, Store, StoreError, TargetKey, Which};
use crate::target::Target;
use std::path::PathBuf;

/// The history side of one audit run, ready before the first fetch.
pub struct Prepared {
    /// Saves results as they arrive; `None` with `--no-save`.
    pub writer: Option<HistoryWriter>,
    /// The audit's id in the history, when saved.
    pub audit: Option<AuditId>,
    /// What an interrupted run had already done (`--resume`).
    pub resumed: Resumed,
    pub db: PathBuf,
}

impl Prepared {
    /// Adds the history's writer to the audit's sinks, and hands over what an
    /// interrupted run had already done.
    pub fn attach(&mut self, writers: &mut Vec<Box<dyn ReportWriter>>) -> Resumed {
        if let Some(writer) = self.writer.take() {
            writers.push(Box::new(writer));
        }
        std::mem::take(&mut self.resumed)
    }
}

impl Prepared {
    /// The line that says where the audit was saved, so that a database in
    /// one's home folder is no surprise; `None` when it was not saved.
    pub fn saved_line(&self, report: &AuditReport) -> Option<String> {
        let audit = self.audit?;
        let db = self.db.display();
        Some(if report.partial {
            format!("saved as partial audit {audit} in {db} (`--resume` goes on with it)")
        } else {
            format!(
                "saved as audit {audit} in {db} (`backlinks history` lists them; `--no-save` skips saving)"
            )
        })
    }
}

/// Opens the history and begins (or, with `--resume`, reopens) the audit.
pub fn prepare(
    settings: &HistorySettings,
    target: &Target,
    entries: &[SourceEntry],
) -> anyhow::Result<Prepared> {
    let (db, mut store) = open(settings).map_err(WithoutHistory::offer)?;
    let key = TargetKey::from(target);
    if settings.resume {
        let Some(audit) = store.latest(Some(key), Which::Partial)? else {
            return Err(UsageError(format!(
                "no interrupted audit of {} to resume in `{}`: run the audit without --resume",
                target.input,
                db.display()
            ))
            .into());
        };
        let inputs: Vec<String> = entries.iter().map(record_url).collect();
        let resumed = store.resume_audit(audit, &inputs)?;
        store.set_sources_given(audit, entries.len())?;
        eprintln!(
            "resuming audit {audit}: {} of {} sources already done",
            resumed.results.len(),
            entries.len()
        );
        return Ok(Prepared {
            writer: Some(HistoryWriter::new(store, audit)),
            audit: Some(audit),
            resumed: Resumed {
                started_at: Some(resumed.started_at),
                results: resumed.results,
            },
            db,
        });
    }
    if !settings.save {
        return Ok(Prepared {
            writer: None,
            audit: None,
            resumed: Resumed::default(),
            db,
        });
    }
    let audit = store.begin_audit(&head(target))?;
    store.set_sources_given(audit, entries.len())?;
    Ok(Prepared {
        writer: Some(HistoryWriter::new(store, audit)),
        audit: Some(audit),
        resumed: Resumed::default(),
        db,
    })
}

/// The history database the audit is saved to.
fn open(settings: &HistorySettings) -> Result<(PathBuf, Store), StoreError> {
    let db = store::resolve_path(settings.db.clone())?;
    let store = Store::open(&db)?;
    Ok((db, store))
}

/// A history that cannot be used, with the way out only `audit` has.
#[derive(Debug, thiserror::Error)]
#[error("{0}; or pass `--no-save` to audit without saving")]
struct WithoutHistory(#[source] StoreError);

impl WithoutHistory {
    fn offer(error: StoreError) -> anyhow::Error {
        if error.is_unusable() {
            WithoutHistory(error).into()
        } else {
            error.into()
        }
    }
}

/// What the history needs to begin an audit: its target, tool and start.
fn head(target: &Target) -> AuditReport {
    AuditReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        target: TargetInfo::from(target),
        started_at: crate::audit::now(),
        finished_at: String::new(),
        partial: true,
        summary: Default::default(),
        sources: Vec::new(),
        links: Vec::new(),
    }
}

/// The URL a source is reported under (`SourceRecord::url`): how the history
/// recognises the sources an interrupted run already did.
fn record_url(entry: &SourceEntry) -> String {
    match &entry.location {
        Ok(location) => location.url().to_string(),
        Err(_) => entry.input.clone(),
    }
}

/// `--fail-on lost`: one line per link lost since the previous complete audit
/// of the target, after a line that says how many and since when. Empty when
/// nothing was lost or there is nothing to compare with (said on stderr).
pub fn lost_links(prepared: &Prepared, report: &AuditReport) -> anyhow::Result<Vec<String>> {
    let store = Store::open(&prepared.db)?;
    let key = TargetKey::from(&report.target);
    let previous = match prepared.audit {
        Some(this) => store.previous(key, this, Which::Complete)?,
        None => store.latest(Some(key), Which::Complete)?,
    };
    let Some(previous) = previous else {
        let said = format!(
            "--fail-on lost: no earlier complete audit of {} to compare with; this one is the baseline",
            target_label(&report.target)
        );
        eprintln!("{}", printable(&said));
        return Ok(Vec::new());
    };
    let before = store.load(previous)?;
    let this = prepared.audit.unwrap_or(AuditId(0));
    let diff = diff::diff(
        Side {
            id: previous,
            report: &before,
        },
        Side { id: this, report },
    )?;
    let lost: Vec<String> = diff
        .lost()
        .map(|c| {
            let anchor = c
                .before
                .as_ref()
                .map(|l| l.anchor_text.as_str())
                .unwrap_or_default();
            // Printed through `error::printable`, as every reason is.
            format!("  lost: {} → {} (\"{anchor}\")", c.source_url, c.target_url)
        })
        .collect();
    if lost.is_empty() {
        return Ok(lost);
    }
    let mut lines = vec![format!(
        "--fail-on lost: {} link{} lost since audit {previous} ({})",
        lost.len(),
        crate::words::s(lost.len()),
        before.started_at
    )];
    lines.extend(lost);
    Ok(lines)
}
