//! HTML → page facts and the anchors that point at the target. One forward
//! pass per page with a streaming tokenizer, no tree: time and memory linear
//! in the page's size.

use crate::model::{LinkType, Placement};
use crate::target::Target;
use url::Url;

mod budget;
mod canonical;
mod classes;
pub mod decode;
mod directives;
mod elements;
mod emitter;
mod external;
mod facts;
mod pass;
mod placement;
mod prefilter;
mod prescan;
mod rel;
mod resolve;
mod scripts;
pub mod spam;
mod sponsored;
mod stretch;
mod tag;
mod terms;
mod text;
mod tracking;
mod ugc;
mod walk;
mod words;
mod zones;

pub use budget::{Budget, Cut};
pub use rel::parse_rel;
pub use scripts::runs_scripts;

/// The robots directives that apply to Google: `nofollow` and `noindex`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Directives {
    pub nofollow: bool,
    pub noindex: bool,
}

impl Directives {
    /// The most restrictive of both.
    pub fn union(self, other: Directives) -> Directives {
        Directives {
            nofollow: self.nofollow || other.nofollow,
            noindex: self.noindex || other.noindex,
        }
    }
}

/// An anchor that points at the target, before analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLink {
    /// The resolved absolute URL, without its fragment.
    pub url: String,
    /// Text with white space collapsed, or the image's / area's alt.
    pub anchor_text: String,
    /// An image link: an `a` whose only content is an image, or an `area`.
    pub image: bool,
    pub rel: Vec<String>,
    pub link_type: LinkType,
    pub placement: Placement,
    pub hidden: bool,
    /// The link sits in a comment, forum post, signature or author box.
    pub in_ugc_area: bool,
    /// Link share of the link's own text block; 0.0 when that block has
    /// fewer than 80 characters of text or there is none.
    pub block_link_density: f64,
}

/// What one page says, as far as the audit cares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageExtract {
    pub title: Option<String>,
    /// From `<meta name="robots">` and `<meta name="googlebot">`.
    pub directives: Directives,
    /// Links to the target, in document order.
    pub links: Vec<RawLink>,
    /// Facts about the whole page; default (but for `canonical`) when it has
    /// no link to the target.
    pub facts: PageFacts,
}

/// Facts about the whole page that judging its links needs, gathered by the
/// same pass (`extract/walk.rs`) and reported only for pages that link to the
/// target (others are never judged; their spam terms and external links are
/// not even counted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// Words of visible text (script, style, template, noscript and the title
    /// excluded; hidden elements included): runs of non-white-space, where an
    /// element that is not inline (`p`, `li`, `br`, ...) also ends a word.
    pub words: usize,
    /// Characters of visible text, white space not counted, and of those the
    /// ones inside `a[href]`.
    pub text_chars: usize,
    pub link_text_chars: usize,
    /// The highest link-text share among text blocks (p, li, td, dd, blockquote,
    /// and div/section/article without block-level descendants) with at least
    /// 80 characters of text; 0.0 without one.
    pub max_block_link_density: f64,
    /// a[href]/area[href] links to other sites: http(s) links whose host has
    /// another registrable domain than the page's (its URL's, or for a saved
    /// page its stated URL's), links to the target included; and the distinct
    /// registrable domains among them.
    pub external_links: usize,
    pub external_domains: usize,
    /// Spam terms (lowercase, built-in `extract::spam::BUILT_IN` plus the
    /// configured ones) found between word boundaries in the title, the page
    /// URL or the visible text, sorted, deduplicated.
    pub spam_terms: Vec<String>,
    /// The page discloses paid content, by the rule of `extract/sponsored.rs`.
    pub sponsored_disclosure: bool,
    /// Analytics and ad-network IDs in scripts and in the `src`, `href` and
    /// `data-*` attributes of script/link/iframe/ins elements (and AdSense's
    /// `<meta name="google-adsense-account">`): `UA-1234-5`, `G-XXXXXXX`,
    /// `GTM-XXXXXX`, `AW-123`, `CA-PUB-123` (for `ca-pub-` and `pub-`),
    /// `FB-123` (Meta pixel); uppercase, sorted, deduplicated.
    pub tracking_ids: Vec<String>,
    /// `<iframe>`/`<frame>` elements.
    pub frames: usize,
    /// The page's own URL as it states it: `<link rel="canonical">`, else
    /// `og:url`, else a browser's `<!-- saved from url=(NNNN)URL -->` comment
    /// in the first KB, resolved against the page URL (absolute http(s)
    /// only). Set for every page, linking or not.
    pub canonical: Option<String>,
}

/// What the caller can tune in extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Extra spam terms, lowercase, added to the built-in list (`extract/spam.rs`).
    pub extra_spam_terms: Vec<String>,
}

/// Reads `html` once and returns its title, meta robots directives, stated
/// URL (`facts.canonical`) and every `a[href]` / `area[href]` that points at
/// `target`, resolved against the first `<base href>` (itself resolved against
/// `page_url`), else `page_url`; on a saved page, `//host/x` takes the stated
/// URL's scheme, else `https:` (`extract/resolve.rs`). Link URLs are kept
/// without their fragment.
///
/// A pure function of its arguments: no network, no clock, so a saved or
/// archived page gives what the live one gave.
pub fn extract(html: &str, page_url: &Url, target: &Target, options: &ExtractOptions) -> PageExtract {
    match extract_within(html, page_url, target, options, &Budget::unlimited()) {
        Ok(page) => page,
        Err(cut) => unreachable!("an unlimited budget never cuts a page ({cut})"),
    }
}

/// [`extract`], stopped when `budget` runs out (its deadline passes, or its
/// cancel flag is raised): a page cut short gives no facts at all, since
/// what was read of it may lack the very link that was looked for.
pub fn extract_within(
    html: &str,
    page_url: &Url,
    target: &Target,
    options: &ExtractOptions,
    budget: &Budget,
) -> Result<PageExtract, Cut> {
    let targets = [target];
    // Page facts are only gathered for pages with links, so a page whose bytes
    // show it has none gets the cheaper links-only pass (same title,
    // directives and stated URL).
    let sighting = prefilter::sight(html, page_url, &targets);
    let gather = if sighting.may_link {
        pass::Gather::Facts
    } else {
        pass::Gather::Links
    };
    let mut passed = pass::run(html, page_url, &targets, gather, sighting.may_have_base, budget)?;
    let (canonical, restated) = restate(&passed, html, page_url, &targets);
    let resolver = restated.as_ref().unwrap_or(&passed.resolver);
    let links: Vec<RawLink> = resolved(&passed, resolver)
        .map(|(i, url)| {
            let (anchor, area) = &passed.anchors[i];
            let density = passed.walked.link_block_density.get(i).copied().unwrap_or(0.0);
            raw_link(anchor, *area, url, density)
        })
        .collect();
    if links.is_empty() {
        return Ok(PageExtract {
            title: passed.title,
            directives: passed.directives,
            links,
            facts: PageFacts {
                canonical,
                ..PageFacts::default()
            },
        });
    }
    let input = facts::PageInput {
        page_url,
        title: passed.title.as_deref(),
        canonical,
        hrefs: passed.hrefs.iter().map(|href| &**href).collect(),
        base: resolver.base(),
    };
    let facts = facts::page_facts(input, &mut passed.walked, options);
    Ok(PageExtract {
        title: passed.title,
        directives: passed.directives,
        links,
        facts,
    })
}

/// A page's links to several targets, found by one pass: what reading an
/// archive needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLinks {
    /// From `<meta name="robots">` and `<meta name="googlebot">`; read only
    /// when the page may link to a target (else the default).
    pub directives: Directives,
    /// For each target, in the order given, its links in document order.
    /// `block_link_density` is not measured here (0.0): it belongs to the
    /// page facts, which this pass does not gather.
    pub links: Vec<Vec<RawLink>>,
}

/// The links of `html` to each of `targets`, by the same rules and the same
/// pass as [`extract_within`] but in one reading for all targets and without
/// the page facts, which cost as much again as finding the links.
/// A page whose bytes show it cannot link to any target is not tokenized at
/// all (`extract/prefilter.rs` says why that is sound).
pub fn links_within(
    html: &str,
    page_url: &Url,
    targets: &[&Target],
    budget: &Budget,
) -> Result<PageLinks, Cut> {
    let sighting = prefilter::sight(html, page_url, targets);
    if !sighting.may_link {
        return Ok(PageLinks {
            directives: Directives::default(),
            links: vec![Vec::new(); targets.len()],
        });
    }
    let passed = pass::run(
        html,
        page_url,
        targets,
        pass::Gather::Links,
        sighting.may_have_base,
        budget,
    )?;
    let (_, restated) = restate(&passed, html, page_url, targets);
    let resolver = restated.as_ref().unwrap_or(&passed.resolver);
    let found: Vec<(usize, Url)> = resolved(&passed, resolver).collect();
    let links = targets
        .iter()
        .map(|target| {
            found
                .iter()
                .filter(|(_, url)| target.matches_url(url))
                .map(|(i, url)| {
                    let (anchor, area) = &passed.anchors[*i];
                    raw_link(anchor, *area, url.clone(), 0.0)
                })
                .collect()
        })
        .collect();
    Ok(PageLinks {
        directives: passed.directives,
        links,
    })
}

/// The page's stated URL (`facts.canonical`) and, when it states one, the
/// resolver its scheme-relative hrefs take: the pass resolves a
/// scheme-relative href (`//host/x`) of a saved page with `https:`; the URL
/// the page states, known only once it is read, gives the scheme it was
/// served with.
fn restate<'a>(
    passed: &pass::Passed<'_>,
    html: &str,
    page_url: &'a Url,
    targets: &'a [&'a Target],
) -> (Option<String>, Option<resolve::Resolver<'a>>) {
    let canonical = passed.canonical.resolve(html, page_url);
    let stated = canonical.as_deref().and_then(|c| Url::parse(c).ok());
    let restated = stated.as_ref().map(|stated| {
        let base = passed.resolver.base().url().as_str();
        resolve::Resolver::new(resolve::Base::new(page_url, Some(base), Some(stated)), targets)
    });
    (canonical, restated)
}

/// The kept anchors that point at a target, by index, with their URLs.
fn resolved<'p>(
    passed: &'p pass::Passed<'_>,
    resolver: &'p resolve::Resolver<'_>,
) -> impl Iterator<Item = (usize, Url)> + 'p {
    passed.anchors.iter().enumerate().filter_map(|(i, (anchor, _))| {
        let url = match &anchor.url {
            Some(url) if !resolve::is_scheme_relative(&anchor.href) => url.clone(),
            _ => resolver.resolve(&anchor.href)?,
        };
        Some((i, url))
    })
}

fn raw_link(anchor: &pass::Anchor, area: bool, url: Url, block_link_density: f64) -> RawLink {
    let (anchor_text, image) = anchor.text(area);
    RawLink {
        url: url.into(),
        anchor_text,
        image,
        link_type: LinkType::from_rel(&anchor.rel),
        rel: anchor.rel.clone(),
        placement: anchor.placement,
        hidden: anchor.hidden,
        in_ugc_area: anchor.in_ugc_area,
        block_link_density,
    }
}

#[cfg(test)]
mod tests;
