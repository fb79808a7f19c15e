//! The one consumer of results: it feeds the report writers as results land,
//! counts sources, and keeps links (and, when a report needs them, sources) for
//! the profile pass and the final report.

use super::waiting::WaitingPage;
use crate::analyze::{apply_profile_flags, AnalysisConfig, PageSignals, SummaryBuilder};
use crate::model::{Link, SourceRecord, SourceResult, Summary};
use crate::report::audit::ReportWriter;
use std::io;

pub struct Collector {
    summary: SummaryBuilder,
    /// By input position; empty unless a report lists sources.
    sources: Option<Vec<Option<SourceRecord>>>,
    /// Links by the input position of their page, packed until the end.
    found: Vec<(usize, WaitingPage)>,
    pages: Vec<PageSignals>,
}

impl Collector {
    pub fn new(total: usize, keep_sources: bool, analysis: &AnalysisConfig) -> Collector {
        Collector {
            summary: SummaryBuilder::new(
                analysis.scoring.thresholds.over_optimized_exact_share,
                !analysis.keywords.is_empty(),
            ),
            sources: keep_sources.then(|| vec![None; total]),
            found: Vec::new(),
            pages: Vec::new(),
        }
    }

    pub fn take(
        &mut self,
        result: SourceResult,
        signals: Option<PageSignals>,
        writers: &mut [Box<dyn ReportWriter>],
    ) -> io::Result<()> {
        self.summary.add_source(&result.source);
        for writer in writers.iter_mut() {
            writer.on_result(&result)?;
        }
        self.pages.extend(signals);
        let SourceResult { index, source, links } = result;
        if !links.is_empty() {
            self.found.push((index, WaitingPage::pack(links)));
        }
        if let Some(slot) = self.sources.as_mut().and_then(|s| s.get_mut(index)) {
            *slot = Some(source);
        }
        Ok(())
    }

    /// Runs the profile pass and returns the summary, the sources kept and
    /// every link, all in input order.
    pub fn finish(mut self, analysis: &AnalysisConfig) -> (Summary, Vec<SourceRecord>, Vec<Link>) {
        self.found.sort_unstable_by_key(|(index, _)| *index);
        // Sized up front: grown by doubling, a profile of 100,000 links would
        // briefly hold three times its own size while the vector is moved.
        let mut links = Vec::with_capacity(self.found.iter().map(|(_, page)| page.len()).sum());
        for (_, page) in self.found {
            links.extend(page.unpack());
        }
        apply_profile_flags(&mut links, &self.pages, analysis);
        links.iter().for_each(|link| self.summary.add_link(link));
        let sources = self.sources.unwrap_or_default().into_iter().flatten().collect();
        (self.summary.finish(), sources, links)
    }
}

/// What the profile pass can know of a page saved by an earlier, interrupted
/// run: its address and domain, but not its tracking IDs (not saved).
pub fn resumed_signals(result: &SourceResult) -> Option<PageSignals> {
    let first = result.links.first()?;
    Some(PageSignals {
        source_url: result.source.url.clone(),
        domain: first.source_domain.clone(),
        ip: result.source.ip.clone(),
        tracking_ids: Vec::new(),
    })
}
