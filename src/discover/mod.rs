//! Discovery: links to the targets in web archives (SPEC section 10), with
//! the audit's extraction and no network but the archives' own. Archives are
//! read several at a time, a thread each; each one's records in order, one at
//! a time. Links come out in archive order, then record order, whatever the
//! threads did, so a run and its shards concatenated give the same rows.

mod archive;
mod notes;
mod page;
mod record;
mod tally;
mod wat_links;

pub use archive::Progress;
pub use notes::Notes;
pub use page::Sought;
pub use record::ScanContext;

use crate::archive::manifest::Location;
use crate::archive::open::RemoteOptions;
use crate::model::{DiscoverSummary, FoundLink};
use archive::ArchiveScan;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Everything a scan needs, checked: no command line here.
pub struct Plan {
    pub archives: Vec<Location>,
    pub context: ScanContext,
    pub remote: RemoteOptions,
    /// Archives read at once.
    pub threads: usize,
}

/// What a scan found.
pub struct Discovered {
    pub summary: DiscoverSummary,
    pub links: Vec<FoundLink>,
    /// Interrupted before every archive was read.
    pub partial: bool,
}

/// How long, after an interrupt, the scan waits for archives being read to
/// hand over what they found; one blocked on a silent server is left behind.
const GRACE: Duration = Duration::from_millis(500);

pub fn run(plan: Arc<Plan>, notes: Arc<Notes>, progress: Arc<Progress>) -> Discovered {
    let scans = scan_all(&plan, notes, progress);
    let mut tally = tally::Tally::new(&plan.context.sought);
    let mut partial = false;
    let mut links = Vec::new();
    for scan in scans {
        let Some(scan) = scan else {
            partial = true; // not started, or left behind: the interrupt came first
            continue;
        };
        partial |= scan.interrupted;
        tally.add(&scan);
        links.extend(scan.links);
    }
    Discovered {
        summary: tally.finish(plan.archives.len() as u64),
        links,
        partial,
    }
}

/// Each archive's scan, in the order given; `None` for those an interrupt
/// kept from starting or finishing. The threads are not joined: after an
/// interrupt, one stuck in a network read must not hold the report back.
fn scan_all(plan: &Arc<Plan>, notes: Arc<Notes>, progress: Arc<Progress>) -> Vec<Option<ArchiveScan>> {
    let next = Arc::new(AtomicUsize::new(0));
    let (sender, results) = mpsc::channel();
    let threads = plan.threads.clamp(1, plan.archives.len().max(1));
    for _ in 0..threads {
        let (plan, notes, progress) = (plan.clone(), notes.clone(), progress.clone());
        let (next, sender) = (next.clone(), sender.clone());
        std::thread::spawn(move || loop {
            if plan.context.cancel.load(Ordering::Relaxed) {
                return;
            }
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(location) = plan.archives.get(index) else {
                return;
            };
            let scan = archive::scan(location, &plan.remote, &plan.context, &notes, &progress);
            if sender.send((index, scan)).is_err() {
                return;
            }
        });
    }
    drop(sender);
    let mut done: Vec<Option<ArchiveScan>> = (0..plan.archives.len()).map(|_| None).collect();
    let mut cancelled_at: Option<Instant> = None;
    loop {
        match results.recv_timeout(Duration::from_millis(50)) {
            Ok((index, scan)) => done[index] = Some(scan),
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
    done
}
