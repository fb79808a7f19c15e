//! The history as CSV: the header, then one row per saved audit.

use super::HEADER;
use crate::model::AuditRow;
use crate::report::csv::{bool_word, safe_cell, start, write_record};
use crate::report::target_label;
use std::borrow::Cow;
use std::io::{self, Write};

pub(super) fn write(rows: &[AuditRow], bom: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = start(out, bom)?;
    write_record(&mut csv, &HEADER)?;
    for row in rows {
        let cells = [
            row.id.to_string(),
            target_label(&row.target),
            row.started_at.clone(),
            row.sources.to_string(),
            row.backlinks.to_string(),
            row.toxic.to_string(),
            bool_word(row.partial).to_string(),
            row.sources_given.map(|n| n.to_string()).unwrap_or_default(),
            row.referring_domains.map(|n| n.to_string()).unwrap_or_default(),
        ];
        write_record(&mut csv, &cells.map(|cell| safe_cell(Cow::Owned(cell))))?;
    }
    csv.flush()
}
