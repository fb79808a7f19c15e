//! Judging links: anchor kinds, flags and toxicity per link as pages come in,
//! the profile-wide flags once all are in, and the summary every report shows.
//! Every point of toxicity comes from a named flag (docs/scoring.md).

mod anchor;
pub mod flags;
pub mod profile;
pub mod scoring;
mod signals;
mod summary;
mod thresholds;
mod weights;

pub use anchor::{anchor_kind, AnchorRules};
pub use profile::apply_profile_flags;
pub use scoring::{AnalysisConfig, Scoring};
pub use signals::PageSignals;
pub use summary::{risk, SummaryBuilder, TOP_ANCHORS, TOP_DOMAINS};
pub use thresholds::Thresholds;
pub use weights::Weights;

use crate::extract::{PageFacts, RawLink};
use crate::model::{Link, LinkType};
use url::Url;

/// What a link's judgement needs to know about its page.
pub struct PageContext<'a> {
    pub source_url: &'a str,
    pub source_host: &'a str,
    pub source_domain: &'a str,
    /// The URL the page was read from, after redirects (`file://` for a saved page).
    pub page_url: &'a Url,
    pub page_nofollow: bool,
    pub page_noindex: bool,
    /// The site's robots.txt disallows the page for Googlebot.
    pub googlebot_blocked: bool,
    pub facts: &'a PageFacts,
}

impl PageContext<'_> {
    /// The page's address on the web, which the site flags judge: the URL it was
    /// fetched from, or for a saved page the canonical URL it states. `None` for
    /// a saved page that states none: its site is unknown, so it gets no site flag.
    fn web_url(&self) -> Option<Url> {
        let is_web = |u: &Url| matches!(u.scheme(), "http" | "https") && u.host().is_some();
        if is_web(self.page_url) {
            return Some(self.page_url.clone());
        }
        let canonical = Url::parse(self.facts.canonical.as_deref()?).ok()?;
        is_web(&canonical).then_some(canonical)
    }
}

/// A found anchor as reported, with its own flags and toxicity. The profile
/// pass ([`apply_profile_flags`]) may add flags and re-score it later.
pub fn judge(raw: RawLink, page: &PageContext<'_>, config: &AnalysisConfig) -> Link {
    judge_with(
        raw,
        page,
        config,
        &AnchorRules::new(&config.brands, &config.keywords),
    )
}

/// [`judge`] with the anchor rules of `config` prepared once, for audits that
/// judge many links.
pub fn judge_with(
    raw: RawLink,
    page: &PageContext<'_>,
    config: &AnalysisConfig,
    rules: &AnchorRules,
) -> Link {
    let anchor_kind = anchor_kind(&raw.anchor_text, raw.image, rules);
    let passes_equity = raw.link_type == LinkType::Dofollow && !page.page_nofollow;
    let mut raised = Vec::new();
    if passes_equity {
        flags::page::placement_flags(&raw, page.facts, &mut raised);
        let folded = anchor::fold(&raw.anchor_text);
        flags::anchor::flags(
            &folded,
            anchor_kind,
            rules.keywords(),
            &config.scoring.thresholds,
            &mut raised,
        );
    }
    flags::page::page_flags(&raw, page, &config.scoring.thresholds, &mut raised);
    if let Some(url) = page.web_url() {
        flags::domain::flags(
            &url,
            &config.suspicious_tlds,
            &config.scoring.thresholds,
            &mut raised,
        );
    }
    let mut link = Link {
        source_url: page.source_url.to_string(),
        source_host: page.source_host.to_string(),
        source_domain: page.source_domain.to_string(),
        target_url: raw.url,
        anchor_text: raw.anchor_text,
        anchor_kind,
        passes_equity,
        rel: raw.rel,
        link_type: raw.link_type,
        placement: raw.placement,
        hidden: raw.hidden,
        flags: raised,
        toxicity: 0,
        toxic: false,
        weak: false,
        target_status: None,
        target_final_url: None,
        target_http_status: None,
        rendered_only: false,
    };
    config.scoring.score(&mut link);
    link
}

#[cfg(test)]
pub(crate) mod tests;
