//! Reading saved audits back: whole reports for `show` and `diff`, the list
//! for `history`, lookups by target, and the saved results `--resume` needs.

use super::{AuditId, AuditRow, Store, StoreError, TargetKey, Which};
use crate::analyze::{SummaryBuilder, Thresholds};
use crate::model::{AnchorKind, AuditReport, Link, SourceRecord, SourceResult, Summary};
use rusqlite::{params, OptionalExtension, Row};
use serde::de::DeserializeOwned;

impl Store {
    /// A saved audit as the run reported it: its JSON is the JSON the run
    /// printed. An audit that never finished (a crash, or one still running)
    /// loads as partial with what was saved, its summary computed from that,
    /// and its last write as `finished_at`.
    pub fn load(&self, audit: AuditId) -> Result<AuditReport, StoreError> {
        let head = self
            .conn
            .query_row(
                "SELECT target, tool, report_schema, started_at, coalesce(finished_at, updated_at), partial, summary
                 FROM audits WHERE id = ?1",
                [audit.0],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, bool>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ))
                },
            )
            .optional()
            .map_err(self.sqlite())?
            .ok_or(StoreError::NotFound(audit))?;
        let (target, tool, schema_version, started_at, finished_at, partial, summary) = head;
        let sources: Vec<SourceRecord> = self.column_of(
            audit,
            "SELECT record FROM sources WHERE audit_id = ?1 ORDER BY idx",
            "a source",
        )?;
        let links: Vec<Link> = self.column_of(
            audit,
            "SELECT coalesce(link, found) FROM links WHERE audit_id = ?1 ORDER BY source_idx, position",
            "a link",
        )?;
        let summary = match summary {
            Some(json) => decode(&json, audit, "its summary")?,
            None => summarize(&sources, &links),
        };
        Ok(AuditReport {
            schema_version,
            tool: decode(&tool, audit, "its tool")?,
            target: decode(&target, audit, "its target")?,
            started_at,
            finished_at,
            partial,
            summary,
            sources,
            links,
        })
    }

    /// Saved audits, newest first. With a filter, only those of its host whose
    /// path prefix lies within the filter's (`example.com` lists
    /// `example.com/blog/` too).
    pub fn list(&self, filter: Option<TargetKey<'_>>) -> Result<Vec<AuditRow>, StoreError> {
        // Finished audits carry their counts; for the others they are counted.
        let mut select = self
            .conn
            .prepare(
                "SELECT a.id, a.target, a.started_at, a.partial, a.sources_given,
                    coalesce(a.sources, (SELECT count(*) FROM sources s WHERE s.audit_id = a.id)),
                    coalesce(a.backlinks, (SELECT count(*) FROM links l WHERE l.audit_id = a.id)),
                    coalesce(a.toxic, (SELECT count(*) FROM links l WHERE l.audit_id = a.id
                        AND json_extract(coalesce(l.link, l.found), '$.toxic'))),
                    json_extract(a.summary, '$.referring_domains')
                 FROM audits a
                 WHERE ?1 IS NULL OR (a.target_host = ?1 AND substr(a.target_path, 1, length(?2)) = ?2)
                 ORDER BY a.id DESC",
            )
            .map_err(self.sqlite())?;
        let rows = select
            .query_map(
                params![filter.map(|f| f.host), filter.map(|f| f.path_prefix)],
                |r| {
                    Ok((
                        AuditId(r.get(0)?),
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, bool>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        count(r, 5)?,
                        count(r, 6)?,
                        count(r, 7)?,
                        r.get::<_, Option<i64>>(8)?,
                    ))
                },
            )
            .map_err(self.sqlite())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sqlite())?;
        rows.into_iter()
            .map(
                |(id, target, started_at, partial, given, sources, backlinks, toxic, domains)| {
                    Ok(AuditRow {
                        id,
                        target: decode(&target, id, "its target")?,
                        started_at,
                        sources,
                        backlinks,
                        toxic,
                        partial,
                        sources_given: given.and_then(|n| usize::try_from(n).ok()),
                        referring_domains: domains.and_then(|n| usize::try_from(n).ok()),
                    })
                },
            )
            .collect()
    }

    /// The newest audit of `target` (of any target when `None`) of the kind asked.
    pub fn latest(&self, target: Option<TargetKey<'_>>, which: Which) -> Result<Option<AuditId>, StoreError> {
        self.newest_before(target, AuditId(i64::MAX), which)
    }

    /// The newest audit of `target` older than `before`, of the kind asked.
    pub fn previous(
        &self,
        target: TargetKey<'_>,
        before: AuditId,
        which: Which,
    ) -> Result<Option<AuditId>, StoreError> {
        self.newest_before(Some(target), before, which)
    }

    /// The results saved for an audit, in input order, each source with its
    /// links as its page judged them (before profile-wide flags): what the run
    /// that saved them had seen, for `--resume` to go on from.
    pub fn saved_results(&self, audit: AuditId) -> Result<Vec<SourceResult>, StoreError> {
        let sources: Vec<(i64, String)> = self.rows_of(
            audit,
            "SELECT idx, record FROM sources WHERE audit_id = ?1 ORDER BY idx",
        )?;
        let links: Vec<(i64, String)> = self.rows_of(
            audit,
            "SELECT source_idx, found FROM links WHERE audit_id = ?1 ORDER BY source_idx, position",
        )?;
        let mut links = links.into_iter().peekable();
        let mut results = Vec::with_capacity(sources.len());
        for (index, record) in sources {
            // Rows from before a crash can outlive their source only by a bug; skip them.
            while links.next_if(|(i, _)| *i < index).is_some() {}
            let mut own = Vec::new();
            while let Some((_, json)) = links.next_if(|(i, _)| *i == index) {
                own.push(decode(&json, audit, "a link")?);
            }
            results.push(SourceResult {
                index: usize::try_from(index).unwrap_or_default(),
                source: decode(&record, audit, "a source")?,
                links: own,
            });
        }
        Ok(results)
    }

    fn newest_before(
        &self,
        target: Option<TargetKey<'_>>,
        before: AuditId,
        which: Which,
    ) -> Result<Option<AuditId>, StoreError> {
        let partial = match which {
            Which::Complete => Some(false),
            Which::Partial => Some(true),
            Which::Any => None,
        };
        self.conn
            .query_row(
                "SELECT id FROM audits
                 WHERE (?1 IS NULL OR (target_host = ?1 AND target_path = ?2))
                   AND (?3 IS NULL OR partial = ?3) AND id < ?4
                 ORDER BY id DESC LIMIT 1",
                params![
                    target.map(|t| t.host),
                    target.map(|t| t.path_prefix),
                    partial,
                    before.0
                ],
                |r| r.get(0).map(AuditId),
            )
            .optional()
            .map_err(self.sqlite())
    }

    /// One JSON column of an audit's rows, decoded.
    fn column_of<T: DeserializeOwned>(
        &self,
        audit: AuditId,
        sql: &str,
        what: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        let mut select = self.conn.prepare(sql).map_err(self.sqlite())?;
        let rows = select
            .query_map([audit.0], |r| r.get::<_, String>(0))
            .map_err(self.sqlite())?;
        rows.map(|json| decode(&json.map_err(self.sqlite())?, audit, what))
            .collect()
    }

    /// An audit's rows as (index, JSON) pairs.
    fn rows_of(&self, audit: AuditId, sql: &str) -> Result<Vec<(i64, String)>, StoreError> {
        let mut select = self.conn.prepare(sql).map_err(self.sqlite())?;
        let rows = select
            .query_map([audit.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.sqlite())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sqlite())?;
        Ok(rows)
    }
}

/// The summary of an audit that never finished, from what it saved. Kept in
/// one place: the summary builder's arguments may grow.
fn summarize(sources: &[SourceRecord], links: &[Link]) -> Summary {
    // The keywords of an unfinished audit are not saved; an exact or partial
    // anchor shows that there were some.
    let keywords_given = links
        .iter()
        .any(|l| matches!(l.anchor_kind, AnchorKind::Exact | AnchorKind::Partial));
    let mut builder = SummaryBuilder::new(Thresholds::default().over_optimized_exact_share, keywords_given);
    sources.iter().for_each(|source| builder.add_source(source));
    links.iter().for_each(|link| builder.add_link(link));
    builder.finish()
}

fn count(row: &Row<'_>, column: usize) -> rusqlite::Result<usize> {
    Ok(usize::try_from(row.get::<_, i64>(column)?).unwrap_or_default())
}

fn decode<T: DeserializeOwned>(json: &str, id: AuditId, what: &'static str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|source| StoreError::Damaged { id, what, source })
}
