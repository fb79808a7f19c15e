//! Discovery: links to the targets in web archives (SPEC section 10), with
//! the audit's extraction and no network but the archives' own. Archives are
//! read several at a time, a thread each; their pages are parsed on every
//! core by one shared pool. Links come out in archive order, then record order, whatever the
//! threads did, so a run and its shards concatenated give the same rows.

mod archive;
mod notes;
mod page;
mod parsers;
mod record;
mod tally;
mod wat_links;

pub use archive::Progress;
pub use notes::Notes;
pub use page::Sought;
pub use record::ScanContext;

use crate::archive::Location;
use crate::archive::RemoteOptions;
use crate::model::{DiscoverSummary, FoundLink};
use archive::ArchiveScan;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Everything a scan needs, checked: no command line here.
pub struct Plan {
    pub archives: Vec<Location>,
    pub context: ScanContext,
    pub remote: RemoteOptions,
    /// Archives read at once.
    pub threads: usize,
    /// Pages parsed at once, across all archives.
    pub parsers: usize,
}

/// What a scan found, besides the links it handed over.
pub struct Discovered {
    pub summary: DiscoverSummary,
    /// Interrupted before every archive was read.
    pub partial: bool,
}

/// How long, after an interrupt, the scan waits for archives being read to
/// hand over what they found; one blocked on a silent server is left behind.
const GRACE: Duration = Duration::from_millis(500);

/// How often links found so far are handed over.
const HAND_OVER_EVERY: Duration = Duration::from_millis(50);

/// Scans every archive and hands `found` the links as they come, in archive
/// order then record order: what the first unfinished archive found so far,
/// every [`HAND_OVER_EVERY`], so a caller that writes them out holds none.
pub fn run(
    plan: Arc<Plan>,
    notes: Arc<Notes>,
    progress: Arc<Progress>,
    found: &mut dyn FnMut(Vec<FoundLink>),
) -> Discovered {
    let mut tally = tally::Tally::new(&plan.context.sought);
    let mut hand_over = |tally: &mut tally::Tally, links: Vec<FoundLink>| {
        if !links.is_empty() {
            tally.add_links(&links);
            found(links);
        }
    };
    let slots = scan_all(&plan, notes, progress, &mut |links| hand_over(&mut tally, links));
    // Not started, stopped, or left behind: the interrupt came first.
    let mut partial = false;
    for slot in slots.iter() {
        let scan = std::mem::take(&mut *lock(slot));
        partial |= !scan.finished || scan.interrupted;
        tally.add_counts(&scan);
        hand_over(&mut tally, scan.links);
    }
    Discovered {
        summary: tally.finish(plan.archives.len() as u64),
        partial,
    }
}

fn lock(slot: &Mutex<ArchiveScan>) -> std::sync::MutexGuard<'_, ArchiveScan> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Scans each archive into its slot, handing over the links of the first
/// unfinished one as they come, and returns the slots: each one as far as
/// it got, its links not yet handed over still in it. The threads are not
/// joined: after an interrupt, one stuck in a network read must not hold
/// the report back; what it found so far is in its slot.
fn scan_all(
    plan: &Arc<Plan>,
    notes: Arc<Notes>,
    progress: Arc<Progress>,
    hand_over: &mut dyn FnMut(Vec<FoundLink>),
) -> Arc<Vec<Mutex<ArchiveScan>>> {
    let slots: Arc<Vec<Mutex<ArchiveScan>>> =
        Arc::new(plan.archives.iter().map(|_| Mutex::default()).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let (sender, finished) = mpsc::channel();
    let threads = plan.threads.clamp(1, plan.archives.len().max(1));
    let parsers = parsers::Parsers::start(plan);
    for _ in 0..threads {
        let (plan, notes, progress, parsers) =
            (plan.clone(), notes.clone(), progress.clone(), parsers.clone());
        let (slots, next, sender) = (slots.clone(), next.clone(), sender.clone());
        std::thread::spawn(move || loop {
            if plan.context.cancel.load(Ordering::Relaxed) {
                return;
            }
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(location) = plan.archives.get(index) else {
                return;
            };
            archive::scan(archive::Job {
                location,
                remote: &plan.remote,
                ctx: &plan.context,
                notes: &notes,
                progress: &progress,
                parsers: &parsers,
                into: &slots[index],
            });
            if sender.send(()).is_err() {
                return;
            }
        });
    }
    drop(sender);
    // The first archive whose links are not all handed over yet.
    let mut head = 0;
    let mut cancelled_at: Option<Instant> = None;
    loop {
        let woke = finished.recv_timeout(HAND_OVER_EVERY);
        while let Some(slot) = slots.get(head) {
            let (links, done) = {
                let mut scan = lock(slot);
                (std::mem::take(&mut scan.links), scan.finished)
            };
            hand_over(links);
            if !done {
                break;
            }
            head += 1;
        }
        match woke {
            Ok(()) => {}
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                if plan.context.cancel.load(Ordering::Relaxed) {
                    let since = *cancelled_at.get_or_insert_with(Instant::now);
                    if since.elapsed() >= GRACE {
                        break;
                    }
                }
            }
        }
    }
    slots
}
