//! Tests of the history store, each on a fresh database file.

mod concurrency;
mod history;
mod resume;
mod roundtrip;
mod schema;

use super::{AuditId, Store};
use crate::model::AuditReport;
use std::path::PathBuf;
use tempfile::TempDir;

/// A folder that lives as long as the test, and a database path inside it.
fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    (dir, path)
}

/// Saves `report` the way a run does: head, each result, then the end.
fn save(store: &mut Store, report: &AuditReport) -> AuditId {
    let id = save_streamed(store, report);
    store.finish_audit(id, report).unwrap();
    id
}

/// Saves the head of `report` and each of its results, in order, as a run does
/// before its end.
fn save_streamed(store: &mut Store, report: &AuditReport) -> AuditId {
    let id = store.begin_audit(report).unwrap();
    for result in crate::report::audit::results(report) {
        store.save_result(id, &result).unwrap();
    }
    id
}

fn pretty(report: &AuditReport) -> String {
    serde_json::to_string_pretty(report).unwrap()
}
