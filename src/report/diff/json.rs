//! The diff as JSON: the contract's document, as the model serialises it.

use crate::model::Diff;
use crate::report::json::write_pretty;
use std::io::{self, Write};

pub(super) fn write(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    write_pretty(out, diff)
}
