//! The audit: sources in, results out to one consumer that feeds the summary
//! and every report writer, so streaming formats see each result as it lands.

mod interrupt;
mod source;

pub use interrupt::{Interrupt, EXIT_INTERRUPTED};

use crate::analyze::{apply_profile_flags, PageSignals, SummaryBuilder};
use crate::fetch::Fetcher;
use crate::model::{AuditReport, Link, SourceRecord, SourceResult, TargetInfo, Tool, SCHEMA_VERSION};
use crate::report::ReportWriter;
use crate::settings::Settings;
use crate::sources::SourceEntry;
use source::{Context, Processed};
use std::io;
use std::sync::Arc;
use std::time::SystemTime;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Observes progress (the terminal's progress bar); the audit never draws.
pub trait Progress {
    fn start(&self, total: usize);
    fn advance(&self, result: &SourceResult);
    fn finish(&self);
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn advance(&self, _: &SourceResult) {}
    fn finish(&self) {}
}

/// Runs the audit of `entries`. Links are kept until every page is in, because
/// flags such as `sitewide` need the whole profile; sources are kept only when
/// `keep_sources` (a report lists them at the end).
pub async fn run(
    settings: &Settings,
    entries: Vec<SourceEntry>,
    writers: &mut [Box<dyn ReportWriter>],
    keep_sources: bool,
    progress: &dyn Progress,
    interrupt: &Interrupt,
) -> io::Result<AuditReport> {
    let started_at = now();
    let fetcher = Fetcher::new(settings.fetch.clone()).map_err(io::Error::other)?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let ctx = Arc::new(Context {
        fetcher,
        target: settings.target.clone(),
        analysis: settings.analysis.clone(),
        max_page_size: settings.fetch.max_page_size,
        parsers: Semaphore::new(cores),
        pages_in_memory: Semaphore::new(settings.fetch.concurrency + cores),
    });
    let total = entries.len();
    progress.start(total);
    // Enough tasks in flight to keep every host busy, few enough that a list of
    // a million sources does not become a million futures at once.
    let window = (settings.fetch.concurrency * 8).max(256);
    let mut pending = entries.into_iter().enumerate();
    let mut running = JoinSet::new();
    let mut summary = SummaryBuilder::new(settings.analysis.scoring.threshold("over-optimized-exact-share"));
    let mut sources: Vec<Option<SourceRecord>> = if keep_sources {
        vec![None; total]
    } else {
        Vec::new()
    };
    let mut found: Vec<(usize, Vec<Link>)> = Vec::new();
    let mut pages: Vec<PageSignals> = Vec::new();
    let mut partial = false;
    loop {
        while running.len() < window {
            let Some((index, entry)) = pending.next() else {
                break;
            };
            running.spawn(source::process(ctx.clone(), index, entry));
        }
        let joined = tokio::select! {
            joined = running.join_next() => joined,
            () = interrupt.raised() => {
                // Sources still in flight are dropped: the report holds only
                // what was finished, and says it is partial.
                running.abort_all();
                partial = true;
                break;
            }
        };
        let Some(joined) = joined else {
            break;
        };
        let Processed { result, signals } = match joined {
            Ok(processed) => processed,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => return Err(io::Error::other(e)),
        };
        progress.advance(&result);
        summary.add_source(&result.source);
        for writer in writers.iter_mut() {
            writer.on_result(&result)?;
        }
        pages.extend(signals);
        let SourceResult { index, source, links } = result;
        if !links.is_empty() {
            found.push((index, links));
        }
        if keep_sources {
            sources[index] = Some(source);
        }
    }
    progress.finish();
    found.sort_unstable_by_key(|(index, _)| *index);
    let mut links: Vec<Link> = found.into_iter().flat_map(|(_, links)| links).collect();
    apply_profile_flags(&mut links, &pages, &settings.analysis);
    drop(pages);
    links.iter().for_each(|link| summary.add_link(link));
    let report = AuditReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        target: TargetInfo {
            input: settings.target.input.clone(),
            host: settings.target.host.clone(),
            path_prefix: settings.target.path_prefix.clone(),
        },
        started_at,
        finished_at: now(),
        partial,
        summary: summary.finish(),
        sources: sources.into_iter().flatten().collect(),
        links,
    };
    for writer in writers.iter_mut() {
        writer.finish(&report)?;
    }
    Ok(report)
}

fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}
