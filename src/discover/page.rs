//! One captured page → its links to each target, by the audit's own rules:
//! the same extraction (section 5) and the same `passes_equity`, with the
//! page's URL, date and place in the archive attached.

use crate::extract::{self, Budget, Cut, Directives, RawLink};
use crate::model::{FoundLink, LinkType, Placement};
use crate::target::{registrable_domain, Target};
use url::Url;

/// Where a page was captured: what each of its links carries.
#[derive(Debug, Clone, Copy)]
pub(super) struct Capture<'a> {
    pub url: &'a Url,
    /// `WARC-Date`, as written.
    pub captured_at: &'a str,
    /// The archive as given.
    pub archive: &'a str,
    pub record_offset: u64,
}

/// The targets sought, each with the label its links carry.
#[derive(Debug, Clone)]
pub struct Sought {
    pub target: Target,
    pub label: String,
}

/// A link as a capture recorded it, before it is tied to its page.
pub(super) struct Seen {
    pub target_url: String,
    pub anchor_text: String,
    pub rel: Vec<String>,
    pub link_type: LinkType,
    pub placement: Option<Placement>,
    pub hidden: Option<bool>,
}

impl From<RawLink> for Seen {
    fn from(link: RawLink) -> Seen {
        Seen {
            target_url: link.url,
            anchor_text: link.anchor_text,
            rel: link.rel,
            link_type: link.link_type,
            placement: Some(link.placement),
            hidden: Some(link.hidden),
        }
    }
}

/// The targets a page may link to: a page on a target's own host (any
/// subdomain) holds internal links of that target, not backlinks.
pub(super) fn outside<'s>(sought: &'s [Sought], page: &Url) -> impl Iterator<Item = &'s Sought> {
    let host = page.host_str().unwrap_or_default().to_string();
    sought.iter().filter(move |s| !s.target.matches_host(&host))
}

/// Every link of an HTML page (decoded text) to every target it is not part
/// of, in target order then document order, found by one pass for all
/// targets. `header_directives` are the answer's `X-Robots-Tag`.
pub(super) fn html_links(
    html: &str,
    capture: Capture<'_>,
    header_directives: Directives,
    sought: &[Sought],
    budget: &Budget,
) -> Result<Vec<FoundLink>, Cut> {
    let sought: Vec<&Sought> = outside(sought, capture.url).collect();
    if sought.is_empty() {
        return Ok(Vec::new());
    }
    let targets: Vec<&Target> = sought.iter().map(|one| &one.target).collect();
    let page = extract::links_within(html, capture.url, &targets, budget)?;
    let nofollow = page.directives.union(header_directives).nofollow;
    let found = sought.iter().zip(page.links).flat_map(|(one, links)| {
        links
            .into_iter()
            .map(move |link| tie(Seen::from(link), &one.label, nofollow, capture))
    });
    Ok(found.collect())
}

/// A seen link tied to its page and target. `page_nofollow`: the page's
/// robots directives (meta or header) say nofollow, so no link passes equity.
pub(super) fn tie(seen: Seen, label: &str, page_nofollow: bool, capture: Capture<'_>) -> FoundLink {
    let source_host = capture.url.host_str().unwrap_or_default().to_string();
    FoundLink {
        target: label.to_string(),
        source_url: capture.url.to_string(),
        source_domain: registrable_domain(&source_host),
        source_host,
        captured_at: capture.captured_at.to_string(),
        archive: capture.archive.to_string(),
        record_offset: capture.record_offset,
        target_url: seen.target_url,
        anchor_text: seen.anchor_text,
        passes_equity: seen.link_type == LinkType::Dofollow && !page_nofollow,
        rel: seen.rel,
        link_type: seen.link_type,
        placement: seen.placement,
        hidden: seen.hidden,
    }
}
