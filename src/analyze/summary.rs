//! The profile summary: sources are counted as they arrive, links once the
//! profile pass has given them their final flags.

use super::anchor::fold;
use super::Thresholds;
use crate::model::{AnchorProfile, AnchorShare, DomainCount, KindCounts, Link, Risk, SourceRecord, Summary};
use std::collections::HashMap;

/// How many anchors and domains the summary lists.
pub const TOP_ANCHORS: usize = 10;
pub const TOP_DOMAINS: usize = 10;

pub struct SummaryBuilder {
    summary: Summary,
    /// The profile is over-optimised when more than this share of its links use
    /// an exact money keyword as anchor text (`over-optimized-exact-share`).
    over_optimized_exact_share: f64,
    /// Whether the audit was given money keywords: without them no anchor can
    /// be `exact`, and the exact-match share says nothing.
    keywords_given: bool,
    kinds: KindCounts,
    anchors: HashMap<String, usize>,
    domains: HashMap<String, usize>,
}

impl Default for SummaryBuilder {
    /// With the default `over-optimized-exact-share`, and no keywords.
    fn default() -> Self {
        SummaryBuilder::new(Thresholds::default().over_optimized_exact_share, false)
    }
}

impl SummaryBuilder {
    pub fn new(over_optimized_exact_share: f64, keywords_given: bool) -> SummaryBuilder {
        SummaryBuilder {
            summary: Summary::default(),
            over_optimized_exact_share,
            keywords_given,
            kinds: KindCounts::default(),
            anchors: HashMap::new(),
            domains: HashMap::new(),
        }
    }

    pub fn add_source(&mut self, source: &SourceRecord) {
        let s = &mut self.summary;
        s.sources.total += 1;
        *s.sources.by_status.get_mut(source.status) += 1;
        s.referring_pages += usize::from(source.links > 0);
    }

    pub fn add_link(&mut self, link: &Link) {
        let s = &mut self.summary;
        s.backlinks += 1;
        s.link_types.add(link.link_type);
        s.passes_equity += usize::from(link.passes_equity);
        s.toxic += usize::from(link.toxic);
        s.weak += usize::from(link.weak);
        self.kinds.add(link.anchor_kind);
        *self.anchors.entry(fold(&link.anchor_text)).or_default() += 1;
        *self.domains.entry(link.source_domain.clone()).or_default() += 1;
    }

    pub fn finish(self) -> Summary {
        let mut summary = self.summary;
        let links = summary.backlinks;
        summary.referring_domains = self.domains.len();
        summary.risk = risk(summary.toxic, links);
        summary.anchors = anchor_profile(&self.anchors, self.kinds, links, self.over_optimized_exact_share);
        summary.anchors.keywords_given = self.keywords_given;
        summary.top_domains = top(&self.domains, TOP_DOMAINS)
            .into_iter()
            .map(|(domain, links)| DomainCount { domain, links })
            .collect();
        summary
    }
}

/// The profile's risk from the share of toxic links: `low` under 3 %, `medium`
/// from 3 % to 10 % (both included), `high` over 10 %. Counted in integers so
/// that exactly 3 % and exactly 10 % are always medium.
pub fn risk(toxic: usize, links: usize) -> Risk {
    let percent = toxic.saturating_mul(100);
    if toxic == 0 || percent < links.saturating_mul(3) {
        Risk::Low
    } else if percent > links.saturating_mul(10) {
        Risk::High
    } else {
        Risk::Medium
    }
}

fn anchor_profile(
    anchors: &HashMap<String, usize>,
    kinds: KindCounts,
    links: usize,
    over_optimized_exact_share: f64,
) -> AnchorProfile {
    let share = |n: usize| {
        if links == 0 {
            0.0
        } else {
            round(n as f64 / links as f64)
        }
    };
    let exact_share = share(kinds.exact);
    AnchorProfile {
        unique: anchors.len(),
        diversity: diversity(anchors.values().copied(), links),
        exact_share,
        keywords_given: false,
        over_optimized: exact_share > over_optimized_exact_share,
        top: top(anchors, TOP_ANCHORS)
            .into_iter()
            .map(|(text, count)| AnchorShare {
                text,
                count,
                share: share(count),
            })
            .collect(),
        kinds,
    }
}

/// Shannon entropy of the anchor distribution divided by ln(number of links):
/// 0 when every link uses one anchor, 1 when every link has its own. `None`
/// under two links, where the ratio means nothing.
pub fn diversity(counts: impl Iterator<Item = usize>, links: usize) -> Option<f64> {
    if links < 2 {
        return None;
    }
    let n = links as f64;
    let entropy: f64 = counts
        .filter(|&c| c > 0)
        .map(|c| {
            let p = c as f64 / n;
            -p * p.ln()
        })
        .sum();
    Some(round(entropy / n.ln()))
}

/// The `n` largest counts, ties broken by name so output is stable.
fn top(counts: &HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut all: Vec<(String, usize)> = counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(n);
    all
}

/// Four decimals are plenty for shares and keep JSON stable across platforms.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnchorKind, Link, LinkType, Placement, SourceRecord, SourceStatus};

    fn link(text: &str, domain: &str, kind: AnchorKind, link_type: LinkType) -> Link {
        Link {
            source_url: format!("https://{domain}/"),
            source_host: domain.into(),
            source_domain: domain.into(),
            target_url: "https://example.com/".into(),
            anchor_text: text.into(),
            anchor_kind: kind,
            rel: vec![],
            link_type,
            passes_equity: link_type == LinkType::Dofollow,
            placement: Placement::Content,
            hidden: false,
            flags: vec![],
            toxicity: 0,
            toxic: false,
            weak: false,
            target_status: None,
            target_final_url: None,
            target_http_status: None,
            rendered_only: false,
        }
    }

    fn add(builder: &mut SummaryBuilder, index: usize, status: SourceStatus, links: Vec<Link>) {
        let mut source =
            SourceRecord::unfetched(format!("https://s{index}.test/"), String::new(), status, None);
        source.links = links.len();
        builder.add_source(&source);
        links.iter().for_each(|link| builder.add_link(link));
    }

    #[test]
    fn diversity_is_normalised_entropy() {
        assert_eq!(diversity([1].into_iter(), 1), None);
        assert_eq!(diversity([4].into_iter(), 4), Some(0.0));
        assert_eq!(diversity([1, 1, 1, 1].into_iter(), 4), Some(1.0));
        // Two anchors, 3 and 1 of 4 links: H = -(0.75 ln 0.75 + 0.25 ln 0.25) = 0.5623; / ln 4.
        assert_eq!(diversity([3, 1].into_iter(), 4), Some(0.4056));
    }

    #[test]
    fn summary_counts_everything_once() {
        let mut b = SummaryBuilder::default();
        add(
            &mut b,
            0,
            SourceStatus::Ok,
            vec![
                link("Example", "a.test", AnchorKind::Branded, LinkType::Dofollow),
                link("example ", "a.test", AnchorKind::Branded, LinkType::Nofollow),
                link("garden tools", "b.test", AnchorKind::Exact, LinkType::Ugc),
            ],
        );
        add(&mut b, 1, SourceStatus::NoLink, vec![]);
        add(&mut b, 2, SourceStatus::HttpError, vec![]);
        let s = b.finish();
        assert_eq!(s.sources.total, 3);
        assert_eq!(s.sources.by_status.ok, 1);
        assert_eq!(s.sources.by_status.no_link, 1);
        assert_eq!(s.sources.by_status.http_error, 1);
        assert_eq!((s.backlinks, s.referring_pages, s.referring_domains), (3, 1, 2));
        assert_eq!(
            (s.link_types.dofollow, s.link_types.nofollow, s.link_types.ugc),
            (1, 1, 1)
        );
        assert_eq!(s.passes_equity, 1);
        assert_eq!(s.anchors.unique, 2, "anchors are case-folded and trimmed");
        assert_eq!(s.anchors.top[0].text, "example");
        assert_eq!(s.anchors.top[0].count, 2);
        assert_eq!(s.anchors.top[0].share, 0.6667);
        assert_eq!(s.anchors.kinds.branded, 2);
        assert_eq!(s.anchors.exact_share, 0.3333);
        assert!(s.anchors.over_optimized);
        assert_eq!(s.top_domains[0].domain, "a.test");
        assert_eq!(s.top_domains[0].links, 2);
    }

    #[test]
    fn weak_links_are_counted_apart_from_toxic_ones() {
        let mut b = SummaryBuilder::default();
        let weak = Link {
            weak: true,
            ..link("Example", "a.test", AnchorKind::Branded, LinkType::Dofollow)
        };
        let both = Link {
            toxic: true,
            ..weak.clone()
        };
        add(&mut b, 0, SourceStatus::Ok, vec![weak, both]);
        let s = b.finish();
        assert_eq!((s.toxic, s.weak), (1, 2));
    }

    #[test]
    fn the_summary_says_whether_keywords_were_given() {
        assert!(!SummaryBuilder::default().finish().anchors.keywords_given);
        assert!(SummaryBuilder::new(0.2, true).finish().anchors.keywords_given);
    }

    #[test]
    fn an_empty_audit_has_no_diversity_and_no_shares() {
        let s = SummaryBuilder::default().finish();
        assert_eq!(s.anchors.diversity, None);
        assert_eq!(s.anchors.exact_share, 0.0);
        assert!(!s.anchors.over_optimized);
    }

    #[test]
    fn risk_boundaries_are_3_and_10_percent_both_medium() {
        assert_eq!(risk(0, 0), Risk::Low, "no links, no risk");
        assert_eq!(risk(0, 100), Risk::Low);
        assert_eq!(risk(2, 100), Risk::Low);
        assert_eq!(risk(29, 1000), Risk::Low, "2.9 %");
        assert_eq!(risk(3, 100), Risk::Medium, "exactly 3 %");
        assert_eq!(risk(10, 100), Risk::Medium, "exactly 10 %");
        assert_eq!(risk(101, 1000), Risk::High, "10.1 %");
        assert_eq!(risk(1, 1), Risk::High);
    }

    #[test]
    fn the_summary_carries_risk_from_its_toxic_links() {
        let mut b = SummaryBuilder::default();
        let mut toxic = link("garden tools", "a.test", AnchorKind::Exact, LinkType::Dofollow);
        toxic.toxic = true;
        let clean = link("Example", "b.test", AnchorKind::Branded, LinkType::Dofollow);
        let mut links = vec![toxic];
        links.extend(std::iter::repeat_n(clean, 9));
        add(&mut b, 0, SourceStatus::Ok, links);
        let s = b.finish();
        assert_eq!((s.toxic, s.backlinks), (1, 10));
        assert_eq!(s.risk, Risk::Medium, "1 toxic link of 10 is exactly 10 %");
    }

    #[test]
    fn over_optimized_follows_the_configured_share() {
        let links = || {
            vec![
                link("garden tools", "a.test", AnchorKind::Exact, LinkType::Dofollow),
                link("Example", "b.test", AnchorKind::Branded, LinkType::Dofollow),
                link("Example", "c.test", AnchorKind::Branded, LinkType::Dofollow),
                link("Example", "d.test", AnchorKind::Branded, LinkType::Dofollow),
            ]
        };
        let mut default = SummaryBuilder::default();
        add(&mut default, 0, SourceStatus::Ok, links());
        assert!(default.finish().anchors.over_optimized, "25 % is over 20 %");
        let mut lenient = SummaryBuilder::new(0.25, true);
        add(&mut lenient, 0, SourceStatus::Ok, links());
        assert!(!lenient.finish().anchors.over_optimized, "25 % is not over 25 %");
    }
}
