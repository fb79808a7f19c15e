//! A finished audit taken apart by source again: links come by source in
//! input order, and each source's `links` counts its own. `show` replays a
//! saved audit through the writers this way; the CSV lists sources with their
//! links this way.

use super::ReportWriter;
use crate::model::{AuditReport, Link, SourceRecord, SourceResult};
use std::io;

/// Each source, in input order, with its own links; then the links the
/// counts leave over (none, unless the counts do not add up).
pub(super) fn links_by_source(report: &AuditReport) -> (Vec<(&SourceRecord, &[Link])>, &[Link]) {
    let mut links = report.links.as_slice();
    let by_source = report
        .sources
        .iter()
        .map(|source| {
            let (own, rest) = links.split_at(source.links.min(links.len()));
            links = rest;
            (source, own)
        })
        .collect();
    (by_source, links)
}

/// The audit's results in input order, as the writers saw them during the run.
pub fn results(report: &AuditReport) -> Vec<SourceResult> {
    let (by_source, _) = links_by_source(report);
    by_source
        .into_iter()
        .enumerate()
        .map(|(index, (source, own))| SourceResult {
            index,
            source: source.clone(),
            links: own.to_vec(),
        })
        .collect()
}

/// Feeds a finished audit to `writer` the way the run did: each source's
/// result, then the whole audit.
pub fn replay(report: &AuditReport, writer: &mut dyn ReportWriter) -> io::Result<()> {
    for result in results(report) {
        writer.on_result(&result)?;
    }
    writer.finish(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceStatus;
    use crate::sample::build::{link, report, source};

    const PAGE: &str = "https://blog.example.org/post";

    fn sample() -> AuditReport {
        let sources = vec![
            source(PAGE, SourceStatus::Ok, 2),
            source("https://quiet.example.org/", SourceStatus::NoLink, 0),
            source("https://gone.example.org/", SourceStatus::HttpError, 0),
        ];
        let links = vec![
            link(PAGE, "https://example.com/", "Example"),
            link(PAGE, "https://example.com/shop", "Shop"),
        ];
        report(sources, links)
    }

    #[test]
    fn results_give_each_source_its_own_links() {
        let report = sample();
        let results = results(&report);
        let counts: Vec<usize> = results.iter().map(|r| r.links.len()).collect();
        assert_eq!(counts, [2, 0, 0]);
        assert_eq!(results[0].links, report.links);
        assert_eq!(results[2].index, 2);
    }

    #[test]
    fn counts_that_overstate_the_links_do_not_panic() {
        let mut report = sample();
        report.sources[1].links = 9;
        let results = results(&report);
        assert_eq!(results.iter().map(|r| r.links.len()).sum::<usize>(), 2);
    }
}
