//! `--fail-on` conditions, judged from the summary once the audit is done;
//! `missing` also names the sources without a backlink.

use crate::cli::FailOn;
use crate::model::{AuditReport, SourceRecord, SourceStatus, Summary};
use crate::words;

/// Sources `--fail-on missing` names at most; the reports list every one.
const NAMED: usize = 20;

/// Lines per condition that holds: one saying which and how many, and for
/// `missing` one per source without a backlink (the first [`NAMED`]).
pub fn failures(conditions: &[FailOn], report: &AuditReport) -> Vec<String> {
    let mut lines = counts(conditions, &report.summary);
    if let Some(at) = lines.iter().position(|l| l.starts_with("--fail-on missing")) {
        let named = missing(&report.sources);
        lines.splice(at + 1..at + 1, named);
    }
    lines
}

/// One line per source without a backlink, with its status and why, the
/// first `NAMED` of them, then how many more.
fn missing(sources: &[SourceRecord]) -> Vec<String> {
    let without: Vec<&SourceRecord> = sources.iter().filter(|s| s.status != SourceStatus::Ok).collect();
    let mut lines: Vec<String> = without
        .iter()
        .take(NAMED)
        .map(|source| {
            let why = match source.error.as_deref().filter(|e| !e.trim().is_empty()) {
                Some(error) => format!("{}: {error}", source.status),
                None => source.status.to_string(),
            };
            // Printed through `error::printable`, as every reason is.
            format!("  missing: {} ({why})", source.url)
        })
        .collect();
    if without.len() > NAMED {
        lines.push(format!(
            "  … and {} more (`--only missing -o missing.csv` lists them all)",
            without.len() - NAMED
        ));
    }
    lines
}

/// One line per condition that holds, saying which and how many.
fn counts(conditions: &[FailOn], summary: &Summary) -> Vec<String> {
    conditions
        .iter()
        .filter_map(|condition| match condition {
            FailOn::Toxic if summary.toxic > 0 => Some(format!(
                "--fail-on toxic: {} toxic link{}",
                summary.toxic,
                words::s(summary.toxic)
            )),
            FailOn::Missing => {
                let missing = summary.sources.total - summary.sources.by_status.ok;
                (missing > 0).then(|| {
                    format!(
                        "--fail-on missing: {missing} of {} source{} without a backlink",
                        summary.sources.total,
                        words::s(summary.sources.total)
                    )
                })
            }
            FailOn::Nofollow => {
                let weak = summary.backlinks - summary.passes_equity;
                (weak > 0).then(|| {
                    let verb = if weak == 1 { "passes" } else { "pass" };
                    format!(
                        "--fail-on nofollow: {weak} backlink{} {verb} no equity",
                        words::s(weak)
                    )
                })
            }
            FailOn::BrokenTarget => {
                let broken = summary.broken_targets.as_deref().unwrap_or_default();
                let links: usize = broken.iter().map(|b| b.backlinks).sum();
                (links > 0).then(|| {
                    format!(
                        "--fail-on broken-target: {links} backlink{} to {} broken page{} (redirect them to live pages)",
                        words::s(links),
                        broken.len(),
                        words::s(broken.len())
                    )
                })
            }
            // Judged against the history, not the summary (see `history`).
            FailOn::Toxic | FailOn::Lost => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::audit::{report, results};

    fn summary(total: usize, ok: usize, backlinks: usize, equity: usize, toxic: usize) -> Summary {
        let mut s = Summary::default();
        s.sources.total = total;
        s.sources.by_status.ok = ok;
        s.backlinks = backlinks;
        s.passes_equity = equity;
        s.toxic = toxic;
        s
    }

    #[test]
    fn each_condition_holds_only_when_its_count_is_positive() {
        let all = [FailOn::Toxic, FailOn::Missing, FailOn::Nofollow];
        let failures = counts;
        assert!(failures(&all, &summary(2, 2, 3, 3, 0)).is_empty());
        assert_eq!(
            failures(&all, &summary(3, 2, 3, 3, 0)),
            vec!["--fail-on missing: 1 of 3 sources without a backlink"]
        );
        assert_eq!(
            failures(&all, &summary(2, 2, 3, 1, 0)),
            vec!["--fail-on nofollow: 2 backlinks pass no equity"]
        );
        assert_eq!(
            failures(&all, &summary(2, 2, 3, 3, 1)),
            vec!["--fail-on toxic: 1 toxic link"]
        );
        assert!(
            failures(&[], &summary(3, 0, 3, 0, 3)).is_empty(),
            "no condition asked"
        );
    }

    #[test]
    fn missing_names_each_source_without_a_backlink_and_why() {
        let report = report(&results());
        let lines = failures(&[FailOn::Missing, FailOn::Nofollow], &report);
        assert_eq!(
            lines,
            [
                "--fail-on missing: 2 of 3 sources without a backlink",
                "  missing: https://news.example.net/a (no-link)",
                "  missing: https://gone.test.org/x (http-error: HTTP 404 Not Found)",
                "--fail-on nofollow: 1 backlink passes no equity",
            ]
        );
    }

    #[test]
    fn a_long_list_of_missing_sources_is_cut_with_how_many_more() {
        let mut report = report(&results());
        let gone = report.sources[2].clone();
        report.sources = vec![gone; NAMED + 7];
        report.summary.sources.total = NAMED + 7;
        report.summary.sources.by_status.ok = 0;
        let lines = failures(&[FailOn::Missing], &report);
        assert_eq!(lines.len(), 1 + NAMED + 1, "{lines:#?}");
        assert_eq!(
            lines.last().unwrap(),
            "  … and 7 more (`--only missing -o missing.csv` lists them all)"
        );
    }
}
