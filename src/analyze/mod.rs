//! Judging links: anchor kinds now; flags and toxicity build on this (issue 3).
//! Also the profile summary every report shows.

mod anchor;
pub mod scoring;
mod summary;

pub use anchor::{anchor_kind, AnchorRules};
pub use scoring::{AnalysisConfig, Scoring};
pub use summary::{SummaryBuilder, OVER_OPTIMIZED_EXACT_SHARE, TOP_ANCHORS, TOP_DOMAINS};

use crate::extract::RawLink;
use crate::model::{Link, LinkType};

/// What a link's judgement needs to know about its page.
pub struct PageContext<'a> {
    pub source_url: &'a str,
    pub source_host: &'a str,
    pub source_domain: &'a str,
    pub page_nofollow: bool,
}

/// A found anchor as reported.
pub fn judge(raw: RawLink, page: &PageContext<'_>, rules: &AnchorRules) -> Link {
    let anchor_kind = anchor_kind(&raw.anchor_text, raw.image, rules);
    Link {
        source_url: page.source_url.to_string(),
        source_host: page.source_host.to_string(),
        source_domain: page.source_domain.to_string(),
        target_url: raw.url,
        anchor_text: raw.anchor_text,
        anchor_kind,
        passes_equity: raw.link_type == LinkType::Dofollow && !page.page_nofollow,
        rel: raw.rel,
        link_type: raw.link_type,
        placement: raw.placement,
        hidden: raw.hidden,
        flags: Vec::new(),
        toxicity: 0,
        toxic: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnchorKind, Placement};

    fn raw(link_type: LinkType) -> RawLink {
        RawLink {
            url: "https://example.com/".into(),
            anchor_text: "Example".into(),
            image: false,
            rel: vec![],
            link_type,
            placement: Placement::Content,
            hidden: false,
        }
    }

    fn page(page_nofollow: bool) -> PageContext<'static> {
        PageContext {
            source_url: "https://blog.test/a",
            source_host: "blog.test",
            source_domain: "blog.test",
            page_nofollow,
        }
    }

    #[test]
    fn equity_needs_a_dofollow_link_on_a_followed_page() {
        let rules = AnchorRules::new(&["example".into()], &[]);
        assert!(judge(raw(LinkType::Dofollow), &page(false), &rules).passes_equity);
        assert!(!judge(raw(LinkType::Dofollow), &page(true), &rules).passes_equity);
        for t in [LinkType::Nofollow, LinkType::Ugc, LinkType::Sponsored] {
            assert!(!judge(raw(t), &page(false), &rules).passes_equity, "{t:?}");
        }
        assert_eq!(
            judge(raw(LinkType::Dofollow), &page(false), &rules).anchor_kind,
            AnchorKind::Branded
        );
    }
}
