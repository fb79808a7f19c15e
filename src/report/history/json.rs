//! The history as JSON: an object rather than a bare array, so fields can be
//! added without breaking readers.

use super::SCHEMA_VERSION;
use crate::model::AuditRow;
use crate::report::json::write_pretty;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    audits: &'a [AuditRow],
}

pub(super) fn write(rows: &[AuditRow], out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        audits: rows,
    };
    write_pretty(out, &doc)
}
