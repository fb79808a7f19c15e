//! One archive, read from start to end: every record counted, every page
//! scanned, every damage stepped over and noted. Memory is one record's block
//! at a time, whatever the archive's size.

use super::notes::Notes;
use super::record::{self, ScanContext, Scanned};
use crate::archive::warc::{Item, Reader};
use crate::archive::Location;
use crate::archive::{self as archives, RemoteOptions};
use crate::model::{FoundLink, SkipCounts, SkipReason};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// What one archive gave.
#[derive(Debug, Default)]
pub(super) struct ArchiveScan {
    pub links: Vec<FoundLink>,
    pub records: u64,
    pub pages: u64,
    pub html_bytes: u64,
    pub skipped: SkipCounts,
    /// Read to its end (not interrupted, not cut short by an unreadable source).
    pub complete: bool,
    /// Stopped by an interrupt.
    pub interrupted: bool,
    /// The scan ended, whichever way: one that did not was never started,
    /// or was left behind by an interrupt.
    pub finished: bool,
}

/// Progress shared by the threads that read archives.
#[derive(Debug, Default)]
pub struct Progress {
    /// Archive bytes consumed (compressed, as stored).
    pub bytes: AtomicU64,
    pub records: AtomicU64,
    pub links: AtomicU64,
}

/// Where a scan is: its archive, its settings, its shared counters, and
/// the slot it fills.
pub(super) struct Job<'a> {
    pub location: &'a Location,
    pub remote: &'a RemoteOptions,
    pub ctx: &'a ScanContext,
    pub notes: &'a Notes,
    pub progress: &'a Progress,
    pub into: &'a Mutex<ArchiveScan>,
}

/// Scans into the job's slot, a record at a time, so what was found is
/// there even if this thread is left blocked on a silent server after an
/// interrupt.
pub(super) fn scan(job: Job<'_>) {
    scan_into(&job);
    job.into.lock().unwrap_or_else(PoisonError::into_inner).finished = true;
}

fn scan_into(job: &Job<'_>) {
    let Job {
        location,
        remote,
        ctx,
        notes,
        progress,
        into,
    } = *job;
    let lock = || into.lock().unwrap_or_else(PoisonError::into_inner);
    let name = location.name();
    let input = match archives::open(location, remote) {
        Ok(input) => input,
        Err(error) => {
            lock().skipped.add(SkipReason::ArchiveUnreadable, 1);
            notes.archive(&name, &error.to_string());
            return;
        }
    };
    let mut reader = Reader::new(input, ctx.max_page);
    let mut consumed = 0;
    let mut unreadable = false;
    while let Some(item) = reader.next_item(|head| record::wanted(head.kind, head.content_type.as_deref())) {
        let position = reader.position();
        progress.bytes.fetch_add(position - consumed, Ordering::Relaxed);
        consumed = position;
        let mut scan = lock();
        match item {
            Item::Passed(_) => {
                scan.records += 1;
                progress.records.fetch_add(1, Ordering::Relaxed);
                scan.skipped.add(SkipReason::NotACapture, 1);
            }
            Item::Damage(damage) => {
                // Damage to the source itself ends the archive; damage to a
                // record or member is stepped over.
                unreadable |= damage.reason == SkipReason::ArchiveUnreadable;
                scan.skipped.add(damage.reason, 1);
                notes.damage(&name, damage.offset, damage.reason, &damage.detail);
            }
            Item::Record(found) => {
                scan.records += 1;
                progress.records.fetch_add(1, Ordering::Relaxed);
                match record::scan(&found, &name, ctx) {
                    Scanned::Page { links, html_bytes } => {
                        scan.pages += 1;
                        scan.html_bytes += html_bytes;
                        progress.links.fetch_add(links.len() as u64, Ordering::Relaxed);
                        scan.links.extend(links);
                    }
                    Scanned::Skipped { reason, detail } => {
                        scan.skipped.add(reason, 1);
                        if !matches!(
                            reason,
                            SkipReason::NotACapture | SkipReason::NotOk | SkipReason::NotHtml
                        ) {
                            notes.damage(&name, found.head.offset, reason, &detail);
                        }
                    }
                    Scanned::Cancelled => {
                        scan.interrupted = true;
                        return;
                    }
                }
            }
        }
        if ctx.cancel.load(Ordering::Relaxed) {
            scan.interrupted = true;
            return;
        }
    }
    lock().complete = !unreadable;
}
