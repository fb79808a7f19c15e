//! Writing an audit: its head when it starts, each result as it arrives (one
//! short transaction each, so a crash keeps what came before), the final links
//! and summary at the end, and reopening a partial audit to resume it.

use super::{AuditId, Store, StoreError};
use crate::model::{AuditReport, Link, SourceResult};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::time::SystemTime;

/// A partial audit reopened by [`Store::resume_audit`].
#[derive(Debug, Clone, PartialEq)]
pub struct ResumedAudit {
    /// When the audit first started: the resumed run reports this, so the audit
    /// stays one audit.
    pub started_at: String,
    /// The results already saved, renumbered to the new input's positions,
    /// with their links as their page judged them (before the profile-wide
    /// flags, which the resumed run computes over the whole profile).
    pub results: Vec<SourceResult>,
}

impl Store {
    /// Starts saving an audit. `head` gives the target, the tool and
    /// `started_at`; its sources, links and summary are not read.
    pub fn begin_audit(&mut self, head: &AuditReport) -> Result<AuditId, StoreError> {
        let target = encode(&head.target, "the audit's target")?;
        let tool = encode(&head.tool, "the audit's tool")?;
        self.conn
            .execute(
                "INSERT INTO audits (target_host, target_path, target, tool, report_schema, started_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    head.target.host,
                    head.target.path_prefix,
                    target,
                    tool,
                    head.schema_version,
                    head.started_at
                ],
            )
            .map_err(self.sqlite())?;
        Ok(AuditId(self.conn.last_insert_rowid()))
    }

    /// Records how many sources the audit was given (at its start, and again
    /// when it is resumed with a list that may differ), so a partial audit
    /// can say how far it got.
    pub fn set_sources_given(&mut self, audit: AuditId, given: usize) -> Result<(), StoreError> {
        let updated = self
            .conn
            .execute(
                "UPDATE audits SET sources_given = ?2 WHERE id = ?1",
                params![audit.0, sql_int(given)],
            )
            .map_err(self.sqlite())?;
        if updated == 0 {
            return Err(StoreError::NotFound(audit));
        }
        Ok(())
    }

    /// Saves one source and its links, committed at once. Saving a result
    /// with the index of one already saved replaces it.
    pub fn save_result(&mut self, audit: AuditId, result: &SourceResult) -> Result<(), StoreError> {
        let record = encode(&result.source, "a source")?;
        let links = encode_all(&result.links)?;
        let index = sql_int(result.index);
        let Store { conn, path } = self;
        let sqlite = wrap(path);
        let tx = write(conn).map_err(&sqlite)?;
        touch(&tx, audit, &now())
            .map_err(&sqlite)?
            .ok_or(StoreError::NotFound(audit))?;
        tx.execute(
            "INSERT OR REPLACE INTO sources (audit_id, idx, url, status, record) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                audit.0,
                index,
                result.source.url,
                result.source.status.as_str(),
                record
            ],
        )
        .map_err(&sqlite)?;
        tx.execute(
            "DELETE FROM links WHERE audit_id = ?1 AND source_idx = ?2",
            params![audit.0, index],
        )
        .map_err(&sqlite)?;
        insert_links(
            &tx,
            audit,
            result.links.iter().zip(&links).map(|(l, json)| (index, l, json)),
        )
        .map_err(&sqlite)?;
        tx.commit().map_err(&sqlite)
    }

    /// Ends an audit with the report the run printed: its summary, times and
    /// `partial`, and its links with their final (profile-wide) flags. A report
    /// whose links were not kept (none, yet backlinks counted) leaves the saved
    /// links as they are.
    pub fn finish_audit(&mut self, audit: AuditId, report: &AuditReport) -> Result<(), StoreError> {
        let target = encode(&report.target, "the audit's target")?;
        let tool = encode(&report.tool, "the audit's tool")?;
        let summary = encode(&report.summary, "the summary")?;
        let links = encode_all(&report.links)?;
        let Store { conn, path } = self;
        let sqlite = wrap(path);
        let tx = write(conn).map_err(&sqlite)?;
        let updated = tx
            .execute(
                "UPDATE audits SET target_host = ?2, target_path = ?3, target = ?4, tool = ?5,
                    report_schema = ?6, started_at = ?7, updated_at = ?8, finished_at = ?8,
                    partial = ?9, summary = ?10, sources = ?11, backlinks = ?12, toxic = ?13
                 WHERE id = ?1",
                params![
                    audit.0,
                    report.target.host,
                    report.target.path_prefix,
                    target,
                    tool,
                    report.schema_version,
                    report.started_at,
                    report.finished_at,
                    report.partial,
                    summary,
                    sql_int(report.summary.sources.total),
                    sql_int(report.summary.backlinks),
                    sql_int(report.summary.toxic),
                ],
            )
            .map_err(&sqlite)?;
        if updated == 0 {
            return Err(StoreError::NotFound(audit));
        }
        let links_kept = !report.links.is_empty() || report.summary.backlinks == 0;
        if links_kept {
            final_links(&tx, audit, &report.links, &links).map_err(&sqlite)?;
        }
        tx.commit().map_err(&sqlite)
    }

    /// Reopens a saved audit to resume it. `inputs` are the resumed run's
    /// source URLs in input order (`SourceRecord::url`: the normalised URL, or
    /// the raw entry for an invalid one). Saved sources take the position of
    /// their URL in `inputs`; those no longer listed are dropped. The audit is
    /// partial again until [`Store::finish_audit`].
    pub fn resume_audit(&mut self, audit: AuditId, inputs: &[String]) -> Result<ResumedAudit, StoreError> {
        let started_at = self.reopen(audit, inputs)?;
        let results = self.saved_results(audit)?;
        Ok(ResumedAudit { started_at, results })
    }

    /// Renumbers the saved sources and marks the audit unfinished; its `started_at`.
    fn reopen(&mut self, audit: AuditId, inputs: &[String]) -> Result<String, StoreError> {
        let Store { conn, path } = self;
        let sqlite = wrap(path);
        let tx = write(conn).map_err(&sqlite)?;
        let started_at = touch(&tx, audit, &now())
            .map_err(&sqlite)?
            .ok_or(StoreError::NotFound(audit))?;
        renumber(&tx, audit, inputs).map_err(&sqlite)?;
        tx.execute(
            "UPDATE audits SET finished_at = NULL, partial = 1, summary = NULL,
                sources = NULL, backlinks = NULL, toxic = NULL WHERE id = ?1",
            [audit.0],
        )
        .map_err(&sqlite)?;
        // The final links belonged to the interrupted run's partial profile.
        tx.execute("UPDATE links SET link = NULL WHERE audit_id = ?1", [audit.0])
            .map_err(&sqlite)?;
        tx.commit().map_err(&sqlite)?;
        Ok(started_at)
    }
}

/// Marks the audit as written to now; its `started_at`, or `None` when there
/// is no such audit.
fn touch(tx: &Transaction<'_>, audit: AuditId, now: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "UPDATE audits SET updated_at = ?2 WHERE id = ?1 RETURNING started_at",
        params![audit.0, now],
        |r| r.get(0),
    )
    .optional()
}

/// Stores the final links: beside the saved ones when they are the same links
/// in the same order (the usual case), else in their place.
fn final_links(
    tx: &Transaction<'_>,
    audit: AuditId,
    links: &[Link],
    json: &[String],
) -> rusqlite::Result<()> {
    let mut select = tx.prepare(
        "SELECT rowid, source_url, target_url FROM links WHERE audit_id = ?1 ORDER BY source_idx, position",
    )?;
    let saved = select
        .query_map([audit.0], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
    let same = saved.len() == links.len()
        && saved
            .iter()
            .zip(links)
            .all(|((_, source, target), link)| *source == link.source_url && *target == link.target_url);
    if same {
        let mut update = tx.prepare("UPDATE links SET link = ?2 WHERE rowid = ?1")?;
        for ((rowid, ..), json) in saved.iter().zip(json) {
            update.execute(params![rowid, json])?;
        }
        return Ok(());
    }
    // Different links: place each under its source's index (links come grouped
    // by source in input order; an unknown source stays with the previous one).
    // Descending, so the first of two sources with one URL (invalid entries) wins.
    let mut select = tx.prepare("SELECT url, idx FROM sources WHERE audit_id = ?1 ORDER BY idx DESC")?;
    let index_of: HashMap<String, i64> = select
        .query_map([audit.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("DELETE FROM links WHERE audit_id = ?1", [audit.0])?;
    let mut last = 0;
    let placed = links.iter().zip(json).map(|(link, json)| {
        last = index_of.get(&link.source_url).copied().unwrap_or(last);
        (last, link, json)
    });
    insert_links(tx, audit, placed)?;
    tx.execute("UPDATE links SET link = found WHERE audit_id = ?1", [audit.0])?;
    Ok(())
}

/// Inserts links as found, numbering them per source in the order given.
fn insert_links<'a>(
    tx: &Transaction<'_>,
    audit: AuditId,
    links: impl Iterator<Item = (i64, &'a Link, &'a String)>,
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO links (audit_id, source_idx, position, source_url, target_url, found)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut positions: HashMap<i64, i64> = HashMap::new();
    for (index, link, json) in links {
        let position = positions.entry(index).or_default();
        insert.execute(params![
            audit.0,
            index,
            *position,
            link.source_url,
            link.target_url,
            json
        ])?;
        *position += 1;
    }
    Ok(())
}

/// Moves saved sources (and their links) to the positions of their URLs in
/// `inputs`; drops the ones not listed. Indices pass through negative numbers
/// so no two rows ever share one.
fn renumber(tx: &Transaction<'_>, audit: AuditId, inputs: &[String]) -> rusqlite::Result<()> {
    let mut positions: HashMap<&str, VecDeque<i64>> = HashMap::new();
    for (position, url) in inputs.iter().enumerate() {
        positions.entry(url).or_default().push_back(sql_int(position));
    }
    let mut select = tx.prepare("SELECT idx, url FROM sources WHERE audit_id = ?1 ORDER BY idx")?;
    let saved = select
        .query_map([audit.0], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tx.execute("UPDATE sources SET idx = -1 - idx WHERE audit_id = ?1", [audit.0])?;
    tx.execute(
        "UPDATE links SET source_idx = -1 - source_idx WHERE audit_id = ?1",
        [audit.0],
    )?;
    let mut move_source = tx.prepare("UPDATE sources SET idx = ?3 WHERE audit_id = ?1 AND idx = ?2")?;
    let mut move_links =
        tx.prepare("UPDATE links SET source_idx = ?3 WHERE audit_id = ?1 AND source_idx = ?2")?;
    for (old, url) in saved {
        if let Some(new) = positions.get_mut(url.as_str()).and_then(VecDeque::pop_front) {
            move_source.execute(params![audit.0, -1 - old, new])?;
            move_links.execute(params![audit.0, -1 - old, new])?;
        }
    }
    tx.execute(
        "DELETE FROM links WHERE audit_id = ?1 AND source_idx < 0",
        [audit.0],
    )?;
    tx.execute("DELETE FROM sources WHERE audit_id = ?1 AND idx < 0", [audit.0])?;
    Ok(())
}

/// A write transaction that takes the lock up front, so two audits queue on
/// the busy time-out instead of one failing when it upgrades a read lock.
fn write(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

fn wrap(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn encode<T: Serialize>(value: &T, what: &'static str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|source| StoreError::Encode { what, source })
}

fn encode_all(links: &[Link]) -> Result<Vec<String>, StoreError> {
    links.iter().map(|link| encode(link, "a link")).collect()
}

/// Counts and positions fit SQLite's integers by far; saturate rather than wrap.
fn sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// RFC 3339 to the second, like the reports' timestamps.
fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}
