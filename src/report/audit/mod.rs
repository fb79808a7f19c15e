//! The audit report, in every format. Writers see results as they arrive
//! (`on_result`) and the finished audit (`finish`), and show the part of it
//! their [`View`] asks for.

mod csv;
mod html;
mod json;
mod jsonl;
mod markdown;
mod overview;
mod replay;
mod table;
mod view;

use replay::links_by_source;
pub use replay::{replay, results};
pub use view::{Filter, Limit, Only, View};

use super::{Format, RenderOptions};
use crate::model::{AuditReport, SourceResult};
use std::io::{self, Write};

/// An audit report being written.
pub trait ReportWriter: Send {
    /// Called once per source, in arrival order (not input order). Only a
    /// format that streams (JSON Lines) writes here: every other one needs
    /// the whole audit, and it comes at `finish`, links, sources and all.
    fn on_result(&mut self, _result: &SourceResult) -> io::Result<()> {
        Ok(())
    }

    /// Called once at the end with the whole audit. Flushes what it wrote, so
    /// an `AtomicFile` can be committed right after.
    fn finish(&mut self, report: &AuditReport) -> io::Result<()>;
}

/// A writer of `format` onto `out`, showing what `view` keeps. Write errors
/// (a broken pipe included) come back as they are.
pub fn writer(
    format: Format,
    out: Box<dyn Write + Send>,
    options: RenderOptions,
    view: View,
) -> Box<dyn ReportWriter> {
    match format {
        Format::Table => at_finish(out, move |report, out| {
            out.write_all(table::render(report, options, &view).as_bytes())
        }),
        Format::Csv => at_finish(out, move |report, out| {
            csv::write(report, &view.only, options.csv_bom, out)
        }),
        Format::Json => at_finish(out, move |report, out| json::write(report, &view.only, out)),
        Format::Jsonl => Box::new(jsonl::JsonlWriter::new(out, view.only)),
        Format::Markdown => at_finish(out, move |report, out| {
            out.write_all(markdown::render(report, &view).as_bytes())
        }),
        Format::Html => at_finish(out, move |report, out| {
            out.write_all(html::render(report, &view).as_bytes())
        }),
    }
}

/// A writer that writes the whole audit with `write` at `finish`, then flushes.
fn at_finish<F>(out: Box<dyn Write + Send>, write: F) -> Box<dyn ReportWriter>
where
    F: FnMut(&AuditReport, &mut dyn Write) -> io::Result<()> + Send + 'static,
{
    Box::new(AtFinish { out, write })
}

struct AtFinish<F> {
    out: Box<dyn Write + Send>,
    write: F,
}

impl<F> ReportWriter for AtFinish<F>
where
    F: FnMut(&AuditReport, &mut dyn Write) -> io::Result<()> + Send,
{
    fn finish(&mut self, report: &AuditReport) -> io::Result<()> {
        (self.write)(report, &mut *self.out)?;
        self.out.flush()
    }
}

#[cfg(test)]
pub(crate) mod tests;
