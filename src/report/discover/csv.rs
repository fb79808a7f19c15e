//! The links as CSV: the header, then one row per link. `rel` is its tokens
//! joined by spaces; an unknown `placement` or `hidden` (a WAT record) is an
//! empty cell.

use super::{rel_text, COLUMNS};
use crate::model::FoundLink;
use crate::report::csv::{bool_word, safe_cell, start, write_record};
use std::borrow::Cow;
use std::io::{self, Write};

/// A CSV file being written a batch of links at a time.
pub(super) struct CsvLinks<W: Write>(::csv::Writer<W>);

impl<W: Write> CsvLinks<W> {
    pub(super) fn start(out: W, bom: bool) -> io::Result<Self> {
        let mut csv = start(out, bom)?;
        write_record(&mut csv, &COLUMNS)?;
        Ok(CsvLinks(csv))
    }

    pub(super) fn links(&mut self, links: &[FoundLink]) -> io::Result<()> {
        links
            .iter()
            .try_for_each(|link| write_record(&mut self.0, &row(link)))
    }

    pub(super) fn finish(mut self) -> io::Result<()> {
        self.0.flush()
    }
}

fn row(link: &FoundLink) -> [Cow<'_, str>; 14] {
    let cells = [
        link.target.clone(),
        link.source_url.clone(),
        link.source_host.clone(),
        link.source_domain.clone(),
        link.captured_at.clone(),
        link.archive.clone(),
        link.record_offset.to_string(),
        link.target_url.clone(),
        link.anchor_text.clone(),
        rel_text(link),
        link.link_type.as_str().to_string(),
        bool_word(link.passes_equity).to_string(),
        link.placement.map(|p| p.as_str().to_string()).unwrap_or_default(),
        link.hidden.map(|h| bool_word(h).to_string()).unwrap_or_default(),
    ];
    cells.map(|cell| safe_cell(Cow::Owned(cell)))
}
