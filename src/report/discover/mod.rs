//! `discover`: the links found in web archives, in every format, and Parquet
//! for `-o found.parquet`. The CSV and Parquet columns are the fields of
//! `FoundLink` in order (docs/discover-output.md), so both are valid
//! `audit --sources` files as they are.

mod csv;
mod html;
mod json;
mod jsonl;
mod markdown;
mod parquet;
mod table;

pub use parquet::{write_parquet, PARQUET_SCHEMA};

use super::{Format, RenderOptions};
use crate::model::{DiscoverReport, FoundLink};
use std::io::{self, Write};

/// The columns of the CSV and Parquet files: `FoundLink`'s fields in order.
pub const COLUMNS: [&str; 14] = [
    "target",
    "source_url",
    "source_host",
    "source_domain",
    "captured_at",
    "archive",
    "record_offset",
    "target_url",
    "anchor_text",
    "rel",
    "link_type",
    "passes_equity",
    "placement",
    "hidden",
];

/// Writes `report` as `format` and flushes. Parquet is written by
/// [`write_parquet`] to a file.
pub fn render(
    report: &DiscoverReport,
    format: Format,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(table::render(report, options).as_bytes())?,
        Format::Markdown => out.write_all(markdown::render(report).as_bytes())?,
        Format::Json => json::write(report, &mut *out)?,
        Format::Html => out.write_all(html::render(report).as_bytes())?,
        Format::Jsonl | Format::Csv => {
            if let Some(mut stream) = LinkStream::start(format, options, &mut *out)? {
                stream.links(&report.links)?;
                stream.finish(report)?;
            }
        }
    }
    out.flush()
}

/// A report written while the scan runs, a batch of links at a time: JSON
/// Lines and CSV need nothing that comes after a link, so a scan reported
/// only in them holds no links in memory.
pub struct LinkStream<W: Write>(Streamed<W>);

enum Streamed<W: Write> {
    Jsonl(jsonl::JsonlLinks<W>),
    /// Boxed: the CSV writer's buffer state is large.
    Csv(Box<csv::CsvLinks<W>>),
}

impl<W: Write> LinkStream<W> {
    /// Starts `format` on `out`; `None` for a format that needs every link
    /// first (table, Markdown, JSON).
    pub fn start(format: Format, options: RenderOptions, out: W) -> io::Result<Option<Self>> {
        Ok(match format {
            Format::Jsonl => Some(LinkStream(Streamed::Jsonl(jsonl::JsonlLinks::start(out)))),
            Format::Csv => {
                let csv = csv::CsvLinks::start(out, options.csv_bom)?;
                Some(LinkStream(Streamed::Csv(Box::new(csv))))
            }
            Format::Table | Format::Markdown | Format::Json | Format::Html => None,
        })
    }

    pub fn links(&mut self, links: &[FoundLink]) -> io::Result<()> {
        match &mut self.0 {
            Streamed::Jsonl(jsonl) => jsonl.links(links),
            Streamed::Csv(csv) => csv.links(links),
        }
    }

    /// Ends the report: JSON Lines' summary line is made of `report`'s run
    /// fields (its links are not read); then flushes.
    pub fn finish(self, report: &DiscoverReport) -> io::Result<()> {
        match self.0 {
            Streamed::Jsonl(jsonl) => jsonl.finish(report),
            Streamed::Csv(csv) => csv.finish(),
        }
    }
}

/// The summary as label and value lines, shared by the table and Markdown.
fn summary_lines(report: &DiscoverReport) -> Vec<(&'static str, String)> {
    let s = &report.summary;
    let skipped: Vec<String> = s
        .skipped
        .0
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(reason, n)| format!("{n} {}", reason.as_str()))
        .collect();
    let mut lines = vec![
        (
            "Archives",
            format!("{} ({} read to the end)", s.archives, s.archives_read),
        ),
        ("Records", s.records.to_string()),
        (
            "Pages scanned",
            format!(
                "{} ({:.1} MB of HTML)",
                s.pages_scanned,
                s.html_bytes as f64 / 1e6
            ),
        ),
        (
            "Skipped",
            if skipped.is_empty() {
                "nothing skipped".to_string()
            } else {
                skipped.join(", ")
            },
        ),
    ];
    if report.partial {
        lines.push((
            "Partial",
            "interrupted: what was read before the interrupt".to_string(),
        ));
    }
    lines
}

/// `rel` in one cell: its tokens joined by spaces, as in the HTML attribute.
fn rel_text(link: &FoundLink) -> String {
    link.rel.join(" ")
}

#[cfg(test)]
mod tests;
