//! One archive, read from start to end: every record counted, every page
//! scanned (by the shared parsers), every damage stepped over and noted.
//! The archive is read on a thread of its own, a few items ahead of what was
//! applied: memory is a few records' blocks per parser, whatever its size.

use super::notes::Notes;
use super::parsers::{Event, InOrder, Parsers, Step};
use super::record::{self, ScanContext, Scanned};
use crate::archive::warc::Reader;
use crate::archive::Location;
use crate::archive::{self as archives, RemoteOptions};
use crate::model::{FoundLink, SkipCounts, SkipReason};
use std::io::BufRead;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ScopedJoinHandle;
use std::time::Duration;

/// Items an archive may have read ahead of the first one not yet applied,
/// per parser: enough to keep every parser busy while one page is slow, few
/// enough that memory stays a few records' blocks per core.
const AHEAD_PER_PARSER: usize = 4;

/// How often an archive's thread waiting on its reader looks for an interrupt.
const TICK: Duration = Duration::from_millis(50);

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
    pub parsers: &'a Parsers,
    pub into: &'a Mutex<ArchiveScan>,
}

/// Scans into the job's slot, an item at a time as each gets ready, so what
/// was found is there even if the archive's reader is left blocked on a
/// silent server after an interrupt (this thread then waits for it, and the
/// scan is reported unfinished).
pub(super) fn scan(job: Job<'_>) {
    scan_into(&job);
    lock(job.into).finished = true;
}

fn scan_into(job: &Job<'_>) {
    let Job {
        location,
        remote,
        ctx,
        notes,
        progress,
        parsers,
        into,
    } = *job;
    let name = location.name();
    let input = match archives::open(location, remote) {
        Ok(input) => input,
        Err(error) => {
            lock(into).skipped.add(SkipReason::ArchiveUnreadable, 1);
            notes.archive(&name, &error.to_string());
            return;
        }
    };
    let (events, inbox) = mpsc::channel();
    // A credit for each item read and not yet applied.
    let (credit, credits) = mpsc::sync_channel(parsers.count * AHEAD_PER_PARSER);
    let in_order = InOrder::new(parsers.clone(), &name, events.clone());
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read(input, ctx.max_page, progress, &credit, &events));
        apply_in_order(job, &name, in_order, inbox, credits, &reader);
    });
}

/// Reads the archive's items into `events`, each once a credit is free.
fn read(
    input: Box<dyn BufRead + Send>,
    max_page: usize,
    progress: &Progress,
    credit: &SyncSender<()>,
    events: &Sender<Event>,
) {
    let mut reader = Reader::new(input, max_page);
    let mut consumed = 0;
    while let Some(item) = reader.next_item(|head| record::wanted(head.kind, head.content_type.as_deref())) {
        let position = reader.position();
        progress.bytes.fetch_add(position - consumed, Ordering::Relaxed);
        consumed = position;
        // Closed: the archive's thread stopped (interrupted).
        if credit.send(()).is_err() || events.send(Event::Read(item)).is_err() {
            return;
        }
    }
    let _ = events.send(Event::End);
}

/// Applies the archive's items to its slot in read order as they get ready,
/// until the end or an interrupt. Taking `inbox` and `credits` by value, it
/// closes them when it returns, so a reader waiting on them ends too.
fn apply_in_order(
    job: &Job<'_>,
    name: &str,
    mut in_order: InOrder,
    inbox: Receiver<Event>,
    credits: Receiver<()>,
    reader: &ScopedJoinHandle<'_, ()>,
) {
    let mut unreadable = false;
    let mut ended = false;
    loop {
        match inbox.recv_timeout(TICK) {
            Ok(Event::Read(item)) => in_order.push(item),
            Ok(Event::Parsed(place, parsed)) => in_order.place(place, parsed),
            Ok(Event::End) => ended = true,
            // A reader that finished without saying so panicked: the
            // scope raises its panic here.
            Err(RecvTimeoutError::Timeout) if reader.is_finished() && !ended => return,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => unreachable!("`in_order` holds a sender of its own"),
        }
        while let Some(step) = in_order.pop_ready() {
            let _ = credits.try_recv();
            if apply_step(step, &mut lock(job.into), name, job, &mut unreadable).is_break() {
                return;
            }
        }
        if job.ctx.cancel.load(Ordering::Relaxed) {
            lock(job.into).interrupted = true;
            return;
        }
        if ended && in_order.is_empty() {
            lock(job.into).complete = !unreadable;
            return;
        }
    }
}

fn lock(slot: &Mutex<ArchiveScan>) -> MutexGuard<'_, ArchiveScan> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One item's part of the archive's counts and links; breaks when the page
/// was interrupted mid-parse.
fn apply_step(
    step: Step,
    scan: &mut ArchiveScan,
    name: &str,
    job: &Job<'_>,
    unreadable: &mut bool,
) -> ControlFlow<()> {
    match step {
        Step::Passed => {
            scan.records += 1;
            job.progress.records.fetch_add(1, Ordering::Relaxed);
            scan.skipped.add(SkipReason::NotACapture, 1);
        }
        Step::Damage(damage) => {
            // Damage to the source itself ends the archive; damage to a
            // record or member is stepped over.
            *unreadable |= damage.reason == SkipReason::ArchiveUnreadable;
            scan.skipped.add(damage.reason, 1);
            job.notes
                .damage(name, damage.offset, damage.reason, &damage.detail);
        }
        Step::Record { offset, scanned } => {
            scan.records += 1;
            job.progress.records.fetch_add(1, Ordering::Relaxed);
            match scanned {
                Scanned::Page { links, html_bytes } => {
                    scan.pages += 1;
                    scan.html_bytes += html_bytes;
                    job.progress
                        .links
                        .fetch_add(links.len() as u64, Ordering::Relaxed);
                    scan.links.extend(links);
                }
                Scanned::Skipped { reason, detail } => {
                    scan.skipped.add(reason, 1);
                    if !matches!(
                        reason,
                        SkipReason::NotACapture | SkipReason::NotOk | SkipReason::NotHtml
                    ) {
                        job.notes.damage(name, offset, reason, &detail);
                    }
                }
                Scanned::Cancelled => {
                    scan.interrupted = true;
                    return ControlFlow::Break(());
                }
            }
        }
    }
    ControlFlow::Continue(())
}
