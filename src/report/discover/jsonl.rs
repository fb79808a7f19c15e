//! The scan as JSON Lines, as the audit's: a line per link (`"type":
//! "link"`), then the summary last, with what a reader needs to know of the
//! run (schema, tool, times, `partial`).

use crate::model::{DiscoverReport, DiscoverSummary, FoundLink, Tool};
use crate::report::json::push_line;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Link(&'a FoundLink),
    Summary {
        schema_version: u32,
        tool: &'a Tool,
        started_at: &'a str,
        finished_at: &'a str,
        partial: bool,
        summary: &'a DiscoverSummary,
    },
}

/// Links are written in chunks of about this size.
const FLUSH_BYTES: usize = 64 * 1024;

pub(super) fn write(report: &DiscoverReport, out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::new();
    for link in &report.links {
        push_line(&mut buffer, &Line::Link(link))?;
        if buffer.len() >= FLUSH_BYTES {
            out.write_all(&buffer)?;
            buffer.clear();
        }
    }
    push_line(
        &mut buffer,
        &Line::Summary {
            schema_version: report.schema_version,
            tool: &report.tool,
            started_at: &report.started_at,
            finished_at: &report.finished_at,
            partial: report.partial,
            summary: &report.summary,
        },
    )?;
    out.write_all(&buffer)
}
