//! HTML → page facts and the anchors that point at the target. One parse per page,
//! nothing copied that the reports do not keep.

use crate::model::{LinkType, Placement};
use crate::target::Target;
use scraper::{ElementRef, Html, Node};
use url::Url;

pub mod decode;
mod directives;
mod placement;
mod prescan;
mod rel;
mod resolve;
mod text;

pub use rel::parse_rel;

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// What one page says, as far as the audit cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageExtract {
    pub title: Option<String>,
    /// From `<meta name="robots">` and `<meta name="googlebot">`.
    pub directives: Directives,
    /// Links to the target, in document order.
    pub links: Vec<RawLink>,
}

/// Parses `html` once and returns its title, meta robots directives and every
/// `a[href]` / `area[href]` that points at `target`, resolved against the first
/// `<base href>` (itself resolved against `page_url`), else `page_url`.
/// Link URLs are kept without their fragment.
pub fn extract(html: &str, page_url: &Url, target: &Target) -> PageExtract {
    let document = Html::parse_document(html);
    let scan = PageScan::of(&document);
    let resolver = resolve::Resolver::new(page_url, scan.base_href, target);
    let links = scan
        .anchors
        .into_iter()
        .filter_map(|(element, href)| Some(raw_link(element, resolver.resolve(href)?)))
        .collect();
    PageExtract {
        title: scan.title,
        directives: scan.directives,
        links,
    }
}

/// What one walk over the tree collects. Anchors are kept unresolved because a
/// `<base href>` later in the document still applies to them.
#[derive(Default)]
struct PageScan<'a> {
    title: Option<String>,
    title_seen: bool,
    base_href: Option<&'a str>,
    directives: Directives,
    anchors: Vec<(ElementRef<'a>, &'a str)>,
}

impl<'a> PageScan<'a> {
    fn of(document: &'a Html) -> Self {
        let mut scan = PageScan::default();
        for node in document.tree.root().descendants() {
            let Node::Element(element) = node.value() else {
                continue;
            };
            match element.name() {
                "a" | "area" => {
                    if let (Some(href), Some(element)) = (element.attr("href"), ElementRef::wrap(node)) {
                        scan.anchors.push((element, href));
                    }
                }
                "base" if scan.base_href.is_none() => scan.base_href = element.attr("href"),
                "meta" => {
                    let name = element
                        .attr("name")
                        .map(|n| n.trim_matches(|c: char| c.is_ascii_whitespace()));
                    if name.is_some_and(|n| {
                        n.eq_ignore_ascii_case("robots") || n.eq_ignore_ascii_case("googlebot")
                    }) {
                        let rules = Directives::from_rules(element.attr("content").unwrap_or(""));
                        scan.directives = scan.directives.union(rules);
                    }
                }
                "title" if !scan.title_seen && is_html(element) => {
                    scan.title_seen = true;
                    let title = ElementRef::wrap(node).map(text::element_text).unwrap_or_default();
                    scan.title = Some(title).filter(|t| !t.is_empty());
                }
                _ => {}
            }
        }
        scan
    }
}

/// Whether an element is in the HTML namespace (an SVG `<title>` is a tooltip).
fn is_html(element: &scraper::node::Element) -> bool {
    &*element.name.ns == "http://www.w3.org/1999/xhtml"
}

/// The facts of one link to the target; only computed for those, as they walk
/// the link's subtree and ancestors.
fn raw_link(element: ElementRef<'_>, url: Url) -> RawLink {
    let (anchor_text, image) = text::anchor_text(element);
    let rel = parse_rel(element.value().attr("rel").unwrap_or(""));
    let context = placement::context(element);
    RawLink {
        url: url.into(),
        anchor_text,
        image,
        link_type: LinkType::from_rel(&rel),
        rel,
        placement: context.placement,
        hidden: context.hidden,
    }
}

#[cfg(test)]
mod tests;
