//! The answer as JSON Lines: a line per domain (`"type": "domain"`), best
//! first, then the summary last with what a reader needs to know of the run.

use crate::model::{DomainsReport, DomainsSummary, ReferringDomain, Tool};
use crate::report::json::push_line;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Domain(&'a ReferringDomain),
    Summary {
        schema_version: u32,
        tool: &'a Tool,
        started_at: &'a str,
        finished_at: &'a str,
        summary: &'a DomainsSummary,
    },
}

/// Lines are written in chunks of about this size.
const FLUSH_BYTES: usize = 64 * 1024;

pub(super) fn write(report: &DomainsReport, out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::new();
    for row in &report.domains {
        push_line(&mut buffer, &Line::Domain(row))?;
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
            summary: &report.summary,
        },
    )?;
    out.write_all(&buffer)
}
