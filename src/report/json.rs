//! What every JSON and JSON Lines report shares: how a document and a line
//! end. An I/O error comes back as itself (a broken pipe stays one).

use serde::Serialize;
use std::io::{self, Write};

/// `value` pretty-printed, then a newline.
pub(super) fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// `value` as one compact line appended to `buffer`.
pub(super) fn push_line(buffer: &mut Vec<u8>, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *buffer, value)?;
    buffer.push(b'\n');
    Ok(())
}
