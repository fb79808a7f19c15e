//! `history`: the saved audits, newest first, in every format. The columns are
//! the contract's: id, target, started_at, sources, backlinks, toxic, partial;
//! then `sources_given`, which lets a partial audit say how far it got.

mod csv;
mod html;
mod json;
mod jsonl;
mod markdown;
mod table;

use super::{Format, RenderOptions};
use crate::model::AuditRow;
use std::io::{self, Write};

/// The version of `history`'s JSON and JSON Lines, bumped on any breaking change.
pub const SCHEMA_VERSION: u32 = 1;

/// The contract's columns, then those added since (columns are only appended).
const HEADER: [&str; 9] = [
    "id",
    "target",
    "started_at",
    "sources",
    "backlinks",
    "toxic",
    "partial",
    "sources_given",
    "referring_domains",
];

/// Said by the table and Markdown when there is nothing to list.
const EMPTY: &str = "No saved audits.";

/// Writes `rows` (newest first) as `format` and flushes.
pub fn write(
    format: Format,
    rows: &[AuditRow],
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(table::render(rows, options).as_bytes())?,
        Format::Markdown => out.write_all(markdown::render(rows).as_bytes())?,
        Format::Json => json::write(rows, &mut *out)?,
        Format::Jsonl => jsonl::write(rows, &mut *out)?,
        Format::Csv => csv::write(rows, options.csv_bom, &mut *out)?,
        Format::Html => out.write_all(html::render(rows).as_bytes())?,
    }
    out.flush()
}

#[cfg(test)]
mod tests;
