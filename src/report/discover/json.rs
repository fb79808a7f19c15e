//! The scan as one JSON document: `DiscoverReport`, key order as the model's.

use crate::model::DiscoverReport;
use crate::report::json::write_pretty;
use std::io::{self, Write};

pub(super) fn write(report: &DiscoverReport, out: &mut dyn Write) -> io::Result<()> {
    write_pretty(out, report)
}
