//! The answer as one JSON document: `DomainsReport`, key order as the model's.

use crate::model::DomainsReport;
use crate::report::json::write_pretty;
use std::io::{self, Write};

pub(super) fn write(report: &DomainsReport, out: &mut dyn Write) -> io::Result<()> {
    write_pretty(out, report)
}
