//! The audit's unit tests that concern more than one format, and what the
//! format files' tests share: rendering the sample audit.

mod contract;
mod mirror;
mod views;

use super::{writer, View};
use crate::model::{AuditReport, SourceResult};
use crate::report::{Format, RenderOptions};
use crate::sample::audit::{report, results};
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// A sink the test keeps a handle on.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What a writer of `format` writes for `results`, finished with `report`.
pub(crate) fn render_with(
    format: Format,
    options: RenderOptions,
    results: &[SourceResult],
    report: &AuditReport,
) -> String {
    render_view(format, options, View::default(), results, report)
}

/// What a writer of `format` showing `view` writes for `results`, finished
/// with `report`.
pub(crate) fn render_view(
    format: Format,
    options: RenderOptions,
    view: View,
    results: &[SourceResult],
    report: &AuditReport,
) -> String {
    let sink = Captured::default();
    let mut out = writer(format, Box::new(sink.clone()), options, view);
    for result in results {
        out.on_result(result).unwrap();
    }
    out.finish(report).unwrap();
    let bytes = sink.0.lock().unwrap().clone();
    String::from_utf8(bytes).unwrap()
}

/// What a writer of `format` writes for the sample audit.
pub(crate) fn render(format: Format) -> String {
    let results = results();
    let mut report = report(&results);
    if !format.needs_sources() {
        report.sources.clear(); // as the audit hands it to JSON Lines
    }
    render_with(
        format,
        RenderOptions {
            width: 100,
            color: false,
            csv_bom: false,
        },
        &results,
        &report,
    )
}
