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
use std::sync::Mutex;

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

pub fn run(plan: &Plan, notes: &Notes, progress: &Progress) -> Discovered {
    let scans = scan_all(plan, notes, progress);
    let mut tally = tally::Tally::new(&plan.context.sought);
    let mut partial = false;
    let mut links = Vec::new();
    for scan in scans {
        let Some(scan) = scan else {
            partial = true; // never started: the interrupt came first
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
/// kept from starting.
fn scan_all(plan: &Plan, notes: &Notes, progress: &Progress) -> Vec<Option<ArchiveScan>> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<ArchiveScan>>> = Mutex::new((0..plan.archives.len()).map(|_| None).collect());
    let threads = plan.threads.clamp(1, plan.archives.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if plan.context.cancel.load(Ordering::Relaxed) {
                    return;
                }
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(location) = plan.archives.get(index) else {
                    return;
                };
                let scan = archive::scan(location, &plan.remote, &plan.context, notes, progress);
                done.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(scan);
            });
        }
    });
    done.into_inner().unwrap_or_else(|e| e.into_inner())
}
