//! The audit: sources in, results out to one consumer that feeds the summary
//! and every report writer, so streaming formats see each result as it lands.

mod collect;
mod interrupt;
mod source;

pub use interrupt::{Interrupt, EXIT_INTERRUPTED};

use crate::analyze::AnchorRules;
use crate::extract::ExtractOptions;
use crate::fetch::Fetcher;
use crate::model::{AuditReport, SourceResult, TargetInfo, Tool, SCHEMA_VERSION};
use crate::report::audit::ReportWriter;
use crate::settings::Settings;
use crate::sources::SourceEntry;
use collect::Collector;
use source::{Context, Processed};
use std::collections::HashSet;
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

/// Results an interrupted run saved, for `--resume` to go on from.
#[derive(Debug, Default)]
pub struct Resumed {
    /// When the interrupted audit started: the resumed run keeps it.
    pub started_at: Option<String>,
    /// Each with its index in the current input.
    pub results: Vec<SourceResult>,
}

/// Everything a run reports to besides its return value.
pub struct Sinks<'a> {
    pub writers: &'a mut [Box<dyn ReportWriter>],
    /// Keep every source for reports that list them at the end.
    pub keep_sources: bool,
    pub progress: &'a dyn Progress,
    pub interrupt: &'a Interrupt,
}

/// Runs the audit of `entries`, skipping those `resumed` already holds. Links
/// are kept until every page is in, because flags such as `sitewide` need the
/// whole profile.
pub async fn run(
    settings: &Settings,
    entries: Vec<SourceEntry>,
    resumed: Resumed,
    sinks: Sinks<'_>,
) -> io::Result<AuditReport> {
    let started_at = resumed.started_at.unwrap_or_else(now);
    let fetcher = Fetcher::new(settings.fetch.clone()).map_err(io::Error::other)?;
    let cores = cores();
    let ctx = Arc::new(Context {
        fetcher,
        target: settings.target.clone(),
        analysis: settings.analysis.clone(),
        anchor_rules: AnchorRules::new(&settings.analysis.brands, &settings.analysis.keywords),
        extract_options: ExtractOptions {
            extra_spam_terms: settings.analysis.extra_spam_terms.clone(),
        },
        max_page_size: settings.fetch.max_page_size,
        parsers: Semaphore::new(cores),
        pages_in_memory: Semaphore::new(settings.fetch.concurrency + cores),
    });
    let total = entries.len();
    let mut collector = Collector::new(total, sinks.keep_sources, &settings.analysis);
    sinks.progress.start(total);
    let done: HashSet<usize> = resumed.results.iter().map(|r| r.index).collect();
    for result in resumed.results {
        sinks.progress.advance(&result);
        let signals = collect::resumed_signals(&result);
        collector.take(result, signals, sinks.writers)?;
    }
    // Enough tasks in flight to keep every host busy, few enough that a list of
    // a million sources does not become a million futures at once.
    let window = (settings.fetch.concurrency * 8).max(256);
    let mut pending = entries
        .into_iter()
        .enumerate()
        .filter(|(index, _)| !done.contains(index));
    let mut running = JoinSet::new();
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
            () = sinks.interrupt.raised() => {
                // Sources still in flight are dropped: the report holds only
                // what was finished, and says it is partial.
                running.abort_all();
                partial = true;
                break;
            }
        };
        let Some(joined) = joined else { break };
        let Processed { result, signals } = match joined {
            Ok(processed) => processed,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => return Err(io::Error::other(e)),
        };
        sinks.progress.advance(&result);
        collector.take(result, signals, sinks.writers)?;
    }
    sinks.progress.finish();
    let (summary, sources, links) = collector.finish(&settings.analysis);
    let report = AuditReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        target: TargetInfo::from(&settings.target),
        started_at,
        finished_at: now(),
        partial,
        summary,
        sources,
        links,
    };
    for writer in sinks.writers.iter_mut() {
        writer.finish(&report)?;
    }
    Ok(report)
}

/// Cores to parse on: one page per core at a time.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}
