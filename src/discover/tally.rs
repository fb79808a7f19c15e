//! The summary of a scan: counts over archives, and per target the links,
//! referring pages and referring domains.

use super::archive::ArchiveScan;
use super::page::Sought;
use crate::model::{DiscoverSummary, TargetFound};
use std::collections::HashSet;

pub(super) struct Tally {
    summary: DiscoverSummary,
    /// Per target, in the order sought: distinct source URLs and domains.
    seen: Vec<(HashSet<String>, HashSet<String>)>,
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

    pub fn add(&mut self, scan: &ArchiveScan) {
        let s = &mut self.summary;
        s.archives_read += u64::from(scan.complete);
        s.records += scan.records;
        s.pages_scanned += scan.pages;
        s.html_bytes += scan.html_bytes;
        for (&reason, &n) in &scan.skipped.0 {
            s.skipped.add(reason, n);
        }
        for link in &scan.links {
            let Some(at) = s.targets.iter().position(|t| t.target == link.target) else {
                continue;
            };
            s.targets[at].links += 1;
            let (pages, domains) = &mut self.seen[at];
            // `contains` first: most links repeat a page already counted.
            if !pages.contains(&link.source_url) {
                pages.insert(link.source_url.clone());
            }
            if !domains.contains(&link.source_domain) {
                domains.insert(link.source_domain.clone());
            }
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
