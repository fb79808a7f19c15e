//! The audit: sources in, results out to one consumer that feeds the summary
//! and every report writer, so streaming formats see each result as it lands.

mod collect;
mod interrupt;
mod plan;
mod rendering;
mod source;
mod targets;
mod waiting;

pub use interrupt::Interrupt;
pub use plan::Plan;

use crate::model::{AuditReport, SourceResult, TargetInfo, Tool, SCHEMA_VERSION};
use crate::render::RenderMode;
use crate::report::audit::ReportWriter;
use crate::sources::SourceEntry;
use collect::Collector;
use source::{Context, Processed};
use std::collections::HashSet;
use std::io;
use std::sync::Arc;
use std::time::SystemTime;
use tokio::task::JoinSet;

/// Observes progress (the terminal's progress bar); the audit never draws.
pub trait Progress {
    fn start(&self, total: usize);
    /// Source `index` (its URL, or the entry as given when it is no URL) is
    /// being worked on; `advance` with its result follows.
    fn started(&self, _index: usize, _source: &str) {}
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
    /// Told what the user should know but that does not stop the run
    /// (`--render auto` without a browser).
    pub warn: &'a dyn Fn(&str),
}

/// Runs the audit of `entries`, skipping those `resumed` already holds. Links
/// are kept until every page is in, because flags such as `sitewide` need the
/// whole profile.
pub async fn run(
    plan: &Plan,
    entries: Vec<SourceEntry>,
    resumed: Resumed,
    mut sinks: Sinks<'_>,
) -> io::Result<AuditReport> {
    let started_at = resumed.started_at.unwrap_or_else(now);
    let ctx = Arc::new(Context::new(plan, cores(), sinks.interrupt.flag())?);
    if ctx.renderer.may_render() {
        // Started before any fetch, so a browser that cannot run is said once.
        if let Err(why) = ctx.renderer.start().await {
            match plan.render {
                RenderMode::Always => {
                    return Err(io::Error::other(format!(
                        "--render always cannot start the browser: {why}"
                    )))
                }
                _ => (sinks.warn)(&format!(
                    "--render auto renders nothing: {why}; links are read from the fetched HTML only"
                )),
            }
        }
    }
    let total = entries.len();
    let mut collector = Collector::new(total, sinks.keep_sources, &plan.analysis);
    sinks.progress.start(total);
    let done: HashSet<usize> = resumed.results.iter().map(|r| r.index).collect();
    for result in resumed.results {
        sinks.progress.advance(&result);
        let signals = collect::resumed_signals(&result);
        collector.take(result, signals, sinks.writers)?;
    }
    let pending = entries
        .into_iter()
        .enumerate()
        .filter(|(index, _)| !done.contains(index));
    let window = (plan.fetch.concurrency * 8).max(256);
    let processed = process_all(ctx.clone(), pending, window, &mut collector, &mut sinks).await;
    ctx.renderer.shutdown().await;
    let mut finished = processed?;
    sinks.progress.finish();
    let (mut summary, sources, mut links) = collector.finish(&plan.analysis);
    // An interrupted audit checks no targets: it stops starting fetches.
    if plan.check_targets && finished {
        finished = targets::check_all(ctx, &mut links, sinks.interrupt).await;
        summary.broken_targets = Some(targets::broken_targets(&links));
    }
    let report = AuditReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        target: TargetInfo::from(&plan.target),
        started_at,
        finished_at: now(),
        partial: !finished,
        summary,
        sources,
        links,
    };
    for writer in sinks.writers.iter_mut() {
        writer.finish(&report)?;
    }
    Ok(report)
}

/// Processes the pending sources, at most `window` tasks at once: enough to
/// keep every host busy, few enough that a list of a million sources does not
/// become a million futures at once. Each result goes to the collector as it
/// lands. False when an interrupt stopped it: sources still in flight are
/// dropped, and the report holds only what was finished.
async fn process_all(
    ctx: Arc<Context>,
    mut pending: impl Iterator<Item = (usize, SourceEntry)>,
    window: usize,
    collector: &mut Collector,
    sinks: &mut Sinks<'_>,
) -> io::Result<bool> {
    let mut running = JoinSet::new();
    loop {
        while running.len() < window {
            let Some((index, entry)) = pending.next() else {
                break;
            };
            match &entry.location {
                Ok(location) => sinks.progress.started(index, location.url().as_str()),
                Err(_) => sinks.progress.started(index, &entry.input),
            }
            running.spawn(source::process(ctx.clone(), index, entry));
        }
        let joined = tokio::select! {
            joined = running.join_next() => joined,
            () = sinks.interrupt.raised() => {
                running.abort_all();
                return Ok(false);
            }
        };
        let Some(joined) = joined else {
            return Ok(true);
        };
        let Processed { result, signals } = match joined {
            Ok(processed) => processed,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => return Err(io::Error::other(e)),
        };
        sinks.progress.advance(&result);
        collector.take(result, signals, sinks.writers)?;
    }
}

/// Cores to parse on: one page per core at a time.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests;
