//! The history as JSON Lines: one line per saved audit.

use crate::model::AuditRow;
use crate::report::json::push_line;
use serde::Serialize;
use std::io::{self, Write};

/// A JSON Lines line, `"type"` first like every other JSON Lines output.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Audit(&'a AuditRow),
}

/// Writes every line in one write.
pub(super) fn write(rows: &[AuditRow], out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::new();
    for row in rows {
        push_line(&mut buffer, &Line::Audit(row))?;
    }
    out.write_all(&buffer)
}
