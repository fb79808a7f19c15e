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

/// JSON Lines being written a batch of links at a time; the summary line
/// ends them.
pub(super) struct JsonlLinks<W: Write> {
    out: W,
    buffer: Vec<u8>,
}

impl<W: Write> JsonlLinks<W> {
    pub(super) fn start(out: W) -> Self {
        JsonlLinks {
            out,
            buffer: Vec::new(),
        }
    }

    pub(super) fn links(&mut self, links: &[FoundLink]) -> io::Result<()> {
        for link in links {
            push_line(&mut self.buffer, &Line::Link(link))?;
            if self.buffer.len() >= FLUSH_BYTES {
                self.out.write_all(&self.buffer)?;
                self.buffer.clear();
            }
        }
        Ok(())
    }

    /// The summary line, from the report's run fields (its links are not read).
    pub(super) fn finish(mut self, report: &DiscoverReport) -> io::Result<()> {
        let summary = Line::Summary {
            schema_version: report.schema_version,
            tool: &report.tool,
            started_at: &report.started_at,
            finished_at: &report.finished_at,
            partial: report.partial,
            summary: &report.summary,
        };
        push_line(&mut self.buffer, &summary)?;
        self.out.write_all(&self.buffer)?;
        self.out.flush()
    }
}
