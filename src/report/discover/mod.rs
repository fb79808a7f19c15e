//! `discover`: the links found in web archives, in every format, and Parquet
//! for `-o found.parquet`. The CSV and Parquet columns are the fields of
//! `FoundLink` in order (docs/discover-output.md), so both are valid
//! `audit --sources` files as they are.

mod csv;
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
        Format::Jsonl => jsonl::write(report, &mut *out)?,
        Format::Csv => csv::write(&report.links, options.csv_bom, &mut *out)?,
    }
    out.flush()
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
