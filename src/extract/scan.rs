//! The walk every page gets: what is needed to find the links to the target
//! (anchors, `<base href>`) and the page-level facts that are always reported
//! (title, robots directives, stated URL).

use super::canonical::Candidates;
use super::{text, Directives};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// What one walk over the tree collects. Anchors are kept unresolved because a
/// `<base href>` later in the document still applies to them.
#[derive(Default)]
pub(crate) struct PageScan<'a> {
    pub title: Option<String>,
    title_seen: bool,
    pub base_href: Option<&'a str>,
    pub directives: Directives,
    /// Every a[href]/area[href], in document order.
    pub anchors: Vec<(ElementRef<'a>, &'a str)>,
    /// Where the page states its own URL.
    pub canonical: Candidates<'a>,
}

impl<'a> PageScan<'a> {
    pub(crate) fn of(document: &'a Html) -> Self {
        let mut scan = PageScan::default();
        for node in document.tree.root().descendants() {
            let Node::Element(element) = node.value() else {
                continue;
            };
            match element.name() {
                "a" | "area" => {
                    if let (Some(href), Some(element)) = (attribute(element, "href"), ElementRef::wrap(node))
                    {
                        scan.anchors.push((element, href));
                    }
                }
                "base" if scan.base_href.is_none() => scan.base_href = attribute(element, "href"),
                "link" => scan
                    .canonical
                    .see_link(attribute(element, "rel"), attribute(element, "href")),
                "meta" => scan.meta(element),
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

    /// `<meta name="robots|googlebot" content>` and `<meta property="og:url" content>`.
    fn meta(&mut self, element: &'a Element) {
        let content = attribute(element, "content");
        self.canonical.see_meta(attribute(element, "property"), content);
        let name = attribute(element, "name").map(|n| n.trim_matches(|c: char| c.is_ascii_whitespace()));
        if name.is_some_and(|n| n.eq_ignore_ascii_case("robots") || n.eq_ignore_ascii_case("googlebot")) {
            let rules = Directives::from_rules(content.unwrap_or(""));
            self.directives = self.directives.union(rules);
        }
    }
}

/// The value of the attribute `name` without a namespace, as `Element::attr`
/// finds it, but without interning `name` on every call: a walk over every
/// anchor of every page spends real time there.
pub(crate) fn attribute<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .attrs
        .iter()
        .find(|(qualified, _)| qualified.ns.is_empty() && &*qualified.local == name)
        .map(|(_, value)| &**value)
}

/// Whether an element is in the HTML namespace (an SVG `<title>` is a tooltip).
fn is_html(element: &Element) -> bool {
    &*element.name.ns == "http://www.w3.org/1999/xhtml"
}
