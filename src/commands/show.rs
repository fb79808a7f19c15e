//! `backlinks show [ID|latest]`: a saved audit printed again by the audit's
//! own writers, so its JSON is byte for byte what the run printed.

use super::output::Destinations;
use super::saved::{label, nothing_saved, open_existing};
use crate::cli::{AuditPick, ShowArgs};
use crate::error::Outcome;
use crate::error::UsageError;
use crate::model::{AuditReport, SourceResult};
use crate::report::{self, Format, RenderOptions};
use crate::store::{TargetKey, Which};
use crate::target::Target;
use std::io::{self, Write};

pub fn show(args: ShowArgs) -> anyhow::Result<Outcome> {
    let target = args.target.as_deref().map(Target::parse).transpose()?;
    let destinations = Destinations::open(&args.saved)?;
    let (path, store) = open_existing(args.saved.db)?;
    let store = store.ok_or_else(|| nothing_saved(&path))?;
    let id = match args.audit {
        AuditPick::Id(id) => id,
        AuditPick::Latest => store
            .latest(target.as_ref().map(TargetKey::from), Which::Any)?
            .ok_or_else(|| match &target {
                Some(target) => UsageError(format!(
                    "no saved audit of {} (`backlinks history` lists the saved audits)",
                    label(target)
                )),
                None => nothing_saved(&path),
            })?,
    };
    let report = store.load(id)?;
    if let Some(target) = &target {
        if TargetKey::from(&report.target) != TargetKey::from(target) {
            return Err(UsageError(format!(
                "audit {id} is of {}, not of {} (`backlinks history {}` lists the audits of {})",
                report::target_label(&report.target),
                label(target),
                target.input,
                label(target),
            ))
            .into());
        }
    }
    destinations.write(|format, options, out| render(&report, format, options, out))?;
    Ok(Outcome::Clean)
}

/// Feeds the saved audit to a writer the way the run did: each source's result,
/// then the whole audit.
fn render(
    report: &AuditReport,
    format: Format,
    options: RenderOptions,
    out: Box<dyn Write + Send>,
) -> io::Result<()> {
    let mut writer = report::writer(format, out, options);
    for result in results(report) {
        writer.on_result(&result)?;
    }
    writer.finish(report)
}

/// The audit's results in input order: each source with its links (a
/// source's `links` counts them; links come by source).
fn results(report: &AuditReport) -> Vec<SourceResult> {
    let mut links = report.links.as_slice();
    report
        .sources
        .iter()
        .enumerate()
        .map(|(index, source)| {
            let (own, rest) = links.split_at(source.links.min(links.len()));
            links = rest;
            SourceResult {
                index,
                source: source.clone(),
                links: own.to_vec(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceStatus;
    use crate::store::tests::sample::{link, report, source};

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
