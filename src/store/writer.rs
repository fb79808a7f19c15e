//! The history as one more report sink: each result is saved as it lands, so a
//! crash after result 9,000 keeps the first 8,999, and the finished audit
//! (with its profile-wide flags and summary) replaces the running one.

use super::{AuditId, Store};
use crate::model::{AuditReport, SourceResult};
use crate::report::audit::ReportWriter;
use std::io;

pub struct HistoryWriter {
    store: Store,
    audit: AuditId,
}

impl HistoryWriter {
    /// Saves into `audit`, begun with [`Store::begin_audit`] or reopened with
    /// [`Store::resume_audit`].
    pub fn new(store: Store, audit: AuditId) -> HistoryWriter {
        HistoryWriter { store, audit }
    }
}

impl ReportWriter for HistoryWriter {
    fn on_result(&mut self, result: &SourceResult) -> io::Result<()> {
        // SQLite blocks (up to its busy time-out while another audit writes):
        // tell the runtime, so fetches keep running on the other threads.
        tokio::task::block_in_place(|| self.store.save_result(self.audit, result)).map_err(io::Error::other)
    }

    fn finish(&mut self, report: &AuditReport) -> io::Result<()> {
        tokio::task::block_in_place(|| self.store.finish_audit(self.audit, report)).map_err(io::Error::other)
    }
}
