//! The summary of a scan: counts over archives, and per target the links,
//! referring pages and referring domains.

use super::archive::ArchiveScan;
use super::page::Sought;
use crate::model::{DiscoverSummary, FoundLink, TargetFound};
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

/// A fixed-key hash (not per-process random keys: counts must not vary
/// between runs).
fn fingerprint(text: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}

pub(super) struct Tally {
    summary: DiscoverSummary,
    /// Per target, in the order sought: distinct source URLs and domains, as
    /// 64-bit fingerprints (8 bytes each rather than the URL: a scan over
    /// millions of pages counts them in a few MB; two URLs sharing one is
    /// vanishingly unlikely: about one chance in 30 million at a million URLs).
    seen: Vec<(HashSet<u64>, HashSet<u64>)>,
}

impl Tally {
    pub fn new(sought: &[Sought]) -> Tally {
        let summary = DiscoverSummary {
            targets: sought
                .iter()
                .map(|s| TargetFound {
                    target: s.label.clone(),
                    ..TargetFound::default()
                })
                .collect(),
            ..DiscoverSummary::default()
        };
        Tally {
            summary,
            seen: sought.iter().map(|_| Default::default()).collect(),
        }
    }

    /// An archive's counts, once it is done (its links are counted as they
    /// are handed over, by [`Tally::add_links`]).
    pub fn add_counts(&mut self, scan: &ArchiveScan) {
        let s = &mut self.summary;
        s.archives_read += u64::from(scan.complete);
        s.records += scan.records;
        s.pages_scanned += scan.pages;
        s.html_bytes += scan.html_bytes;
        for (&reason, &n) in &scan.skipped.0 {
            s.skipped.add(reason, n);
        }
    }

    pub fn add_links(&mut self, links: &[FoundLink]) {
        let s = &mut self.summary;
        for link in links {
            let Some(at) = s.targets.iter().position(|t| t.target == link.target) else {
                continue;
            };
            s.targets[at].links += 1;
            let (pages, domains) = &mut self.seen[at];
            pages.insert(fingerprint(&link.source_url));
            domains.insert(fingerprint(&link.source_domain));
        }
    }

    pub fn finish(mut self, archives: u64) -> DiscoverSummary {
        self.summary.archives = archives;
        for (target, (pages, domains)) in self.summary.targets.iter_mut().zip(&self.seen) {
            target.referring_pages = pages.len() as u64;
            target.referring_domains = domains.len() as u64;
        }
        self.summary
    }
}
