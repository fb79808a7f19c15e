//! `diff`: what changed between two saved audits, in every format. JSON is the
//! contract's document; JSON Lines has one line per change, then the summary;
//! CSV has one row per change; the table and Markdown group the changes by
//! kind, lost first, and say why each unverified link could not be checked.

mod csv;
mod html;
mod json;
mod jsonl;
mod markdown;
mod overview;
mod table;

use super::{Format, RenderOptions};
use crate::model::Diff;
use std::io::{self, Write};

/// Writes `diff` as `format` and flushes.
pub fn write(format: Format, diff: &Diff, options: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(table::render(diff, options).as_bytes())?,
        Format::Markdown => out.write_all(markdown::render(diff).as_bytes())?,
        Format::Json => json::write(diff, &mut *out)?,
        Format::Jsonl => jsonl::write(diff, &mut *out)?,
        Format::Csv => csv::write(diff, options.csv_bom, &mut *out)?,
        Format::Html => out.write_all(html::render(diff).as_bytes())?,
    }
    out.flush()
}

#[cfg(test)]
mod tests;
