//! The one forward pass over a page: html5gum's tokenizer hands over tags and
//! text, and a stack of the open elements (their names and what they say
//! about what is inside them: landmark, hidden, comment area, foreign
//! content) stands in for the tree. No DOM is built, so time and memory stay
//! linear in the page's size.
//!
//! The stack follows the parts of HTML's tree construction that decide
//! ancestry for the rules of docs/reference.md (Extraction): void elements,
//! a `<p>` closed by a block, list items and cells closed by their next
//! sibling, a new `<a>` closing an open one, the implied `<body>`. Past
//! [`MAX_DEPTH`] open elements, new ones are read as siblings.

use super::budget::{Budget, Cut, Metered};
use super::canonical::Candidates;
use super::elements::{Element, Traits};
use super::emitter::{Sink, SinkEmitter};
use super::placement::{landmark, style_hides};
use super::resolve::{is_scheme_relative, Base, Resolver};
use super::tag::{Attr, StartTag};
use super::text::push_collapsed;
use super::ugc::UgcMemo;
use super::walk::{Walked, Walker};
use super::{parse_rel, Directives};
use crate::model::Placement;
use crate::target::Target;
use html5gum::Tokenizer;
use url::Url;

/// Open elements the stack holds at most (browsers' parsers also cap the
/// depth of the tree). At the cap, a new element first closes the innermost
/// open one: deeper elements are read as siblings, so end tags and the
/// searches for open elements cost at most this much.
pub(crate) const MAX_DEPTH: usize = 512;

/// An anchor the pass keeps the facts of: one that points at a target, or
/// may once a `<base href>` further down is known.
#[derive(Debug)]
pub(crate) struct Anchor {
    /// Kept while the base is unknown, and when scheme-relative.
    pub href: String,
    /// Resolved as soon as the base is known.
    pub url: Option<Url>,
    text: String,
    /// `area`, or an `img` inside the `a`.
    image: bool,
    /// The first non-empty `alt` of its images (an `area`'s own).
    alt: Option<String>,
    pub rel: Vec<String>,
    pub placement: Placement,
    pub hidden: bool,
    pub in_ugc_area: bool,
}

impl Anchor {
    /// Anchor text and whether it is an image link, as docs/reference.md
    /// (Extraction) defines them: an `area` has its `alt`; an `a` without
    /// text that holds an `img` has the first non-empty `alt` of its images.
    pub(crate) fn text(&self, area: bool) -> (String, bool) {
        let text = super::text::finish(self.text.clone());
        if area || (text.is_empty() && self.image) {
            return (self.alt.clone().unwrap_or_default(), true);
        }
        (text, false)
    }
}

/// What the pass found.
pub(crate) struct Passed<'a> {
    pub title: Option<String>,
    pub directives: Directives,
    pub canonical: Candidates,
    /// Every a[href]/area[href] value, in document order ([`Gather::Facts`]
    /// only).
    pub hrefs: Vec<Box<str>>,
    /// Anchors to a target (or that may be), each with whether it is an
    /// `area`, in document order.
    pub anchors: Vec<(Anchor, bool)>,
    /// The resolver of the page's first `<base href>`, else of its URL.
    pub resolver: Resolver<'a>,
    /// Empty for [`Gather::Links`].
    pub walked: Walked,
}

/// What the pass gathers besides the anchors to the targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gather {
    /// Also the facts walk and every href: what judging links needs.
    Facts,
    /// The anchors, the title and the head's directives only: what finding
    /// links in an archive needs, at a fraction of the cost.
    Links,
}

/// Reads `html` once, within `budget`. Anchors that resolve to one of the
/// targets are kept with their facts; the rest only as hrefs. Without a base
/// element (`may_have_base` false: the source never spells `<base`), every
/// href resolves as it is read.
pub(crate) fn run<'a>(
    html: &str,
    page_url: &'a Url,
    targets: &'a [&'a Target],
    gather: Gather,
    may_have_base: bool,
    budget: &Budget,
) -> Result<Passed<'a>, Cut> {
    let resolver = (!may_have_base).then(|| Resolver::new(Base::new(page_url, None, None), targets));
    let interest = Interest::Targets {
        page_url,
        targets,
        resolver,
    };
    let mut pass = Pass::new(interest, gather);
    pass.read(html, budget)?;
    Ok(pass.finish())
}

/// Which anchors the pass keeps.
enum Interest<'a> {
    Targets {
        page_url: &'a Url,
        targets: &'a [&'a Target],
        /// `None` until the `<base href>` is met, when the page may have one.
        resolver: Option<Resolver<'a>>,
    },
    /// Tests: the anchors with this attribute (and value).
    #[cfg(test)]
    Marked(&'static str, Option<&'static str>),
}

/// An open element.
struct Frame {
    element: Element,
    /// Where its name starts in `Pass::names` (an [`Element::Other`]'s only).
    name_at: usize,
    /// Nearest landmark, this element's or an ancestor's.
    placement: Option<Placement>,
    hidden: bool,
    in_ugc_area: bool,
    /// SVG or MathML, or inside them.
    foreign: bool,
    /// Which count of open elements it is in, read back when it closes.
    counted: Option<Counted>,
}

/// The open elements the pass counts, so that a start tag searches the stack
/// for one only when one is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counted {
    P,
    /// `li`, `dd`, `dt`.
    Item,
    A,
    /// `td`, `th`, `tr`.
    Cell,
}

impl Counted {
    fn of(element: Element) -> Option<Counted> {
        match element {
            Element::P => Some(Counted::P),
            Element::Li | Element::Dd | Element::Dt => Some(Counted::Item),
            Element::A => Some(Counted::A),
            Element::Td | Element::Th | Element::Tr => Some(Counted::Cell),
            _ => None,
        }
    }
}

#[derive(PartialEq)]
enum Title {
    Unseen,
    Reading,
    Read,
}

struct Pass<'a> {
    interest: Interest<'a>,
    stack: Vec<Frame>,
    /// The names of the open [`Element::Other`] elements, one after the other.
    names: String,
    head_seen: bool,
    body_open: bool,
    /// Open `p`, `li`/`dd`/`dt`, `a` and cell elements: when none is open,
    /// no start tag needs the stack searched.
    open_p: usize,
    open_items: usize,
    open_a: usize,
    open_cells: usize,
    ugc: UgcMemo,
    title: Option<String>,
    title_state: Title,
    base_seen: bool,
    directives: Directives,
    canonical: Candidates,
    hrefs: Vec<Box<str>>,
    anchors: Vec<(Anchor, bool)>,
    /// The open `a[href]` elements (nested only in SVG), innermost last:
    /// each one's index into `anchors` when it is kept, and its depth. Text
    /// and images belong to the innermost, the link a click on them follows,
    /// whether or not it is kept: so what a kept link reads does not depend
    /// on which other links are sought.
    reading: Vec<(Option<usize>, usize)>,
    /// `None` for [`Gather::Links`].
    walker: Option<Walker>,
}

impl<'a> Pass<'a> {
    fn new(interest: Interest<'a>, gather: Gather) -> Self {
        Pass {
            interest,
            stack: Vec::new(),
            names: String::new(),
            head_seen: false,
            body_open: false,
            open_p: 0,
            open_items: 0,
            open_a: 0,
            open_cells: 0,
            ugc: UgcMemo::default(),
            title: None,
            title_state: Title::Unseen,
            base_seen: false,
            directives: Directives::default(),
            canonical: Candidates::default(),
            hrefs: Vec::new(),
            anchors: Vec::new(),
            reading: Vec::new(),
            walker: (gather == Gather::Facts).then(Walker::default),
        }
    }

    fn read(&mut self, html: &str, budget: &Budget) -> Result<(), Cut> {
        // Only the budget can stop it: the input is a `&str` in memory.
        Tokenizer::new_with_emitter(Metered::new(html, budget), SinkEmitter::new(self, html)).finish()
    }

    /// The kept anchor whose text is being read.
    fn reading_anchor(&self) -> Option<usize> {
        self.reading.last().and_then(|&(index, _)| index)
    }

    /// The innermost open element.
    fn top(&self) -> Option<Element> {
        self.stack.last().map(|frame| frame.element)
    }

    /// The name of the open [`Element::Other`] at `depth`.
    fn name_of(&self, depth: usize) -> &str {
        let end = self.stack.get(depth + 1).map_or(self.names.len(), |f| f.name_at);
        &self.names[self.stack[depth].name_at..end]
    }

    fn foreign(&self) -> bool {
        self.stack.last().is_some_and(|frame| frame.foreign)
    }

    fn open_tag(&mut self, tag: StartTag<'_>, self_closing: bool) {
        let element = tag.element();
        let in_foreign = self.foreign();
        if !in_foreign {
            if !self.tree_allows(element) {
                return;
            }
            self.close_implied(element);
        }
        let foreign = in_foreign || matches!(element, Element::Svg | Element::Math);
        match element {
            Element::A | Element::Area => {
                if let Some(href) = tag.attr(Attr::Href) {
                    self.anchor(tag, href);
                    return;
                }
            }
            Element::Base if !self.base_seen => {
                if let Some(href) = tag.attr(Attr::Href) {
                    self.base_seen = true;
                    #[allow(irrefutable_let_patterns)] // tests add a variant
                    if let Interest::Targets {
                        page_url,
                        targets,
                        resolver,
                    } = &mut self.interest
                    {
                        resolver.get_or_insert_with(|| {
                            Resolver::new(Base::new(page_url, Some(href), None), targets)
                        });
                    }
                }
            }
            Element::Link => self.canonical.see_link(tag.attr(Attr::Rel), tag.attr(Attr::Href)),
            Element::Meta => self.meta(tag),
            Element::Title if !foreign && self.title_state == Title::Unseen => {
                self.title_state = Title::Reading
            }
            _ => {}
        }
        self.open(tag, foreign, self_closing, false, false);
    }

    fn anchor(&mut self, tag: StartTag<'_>, href: &str) {
        if self.walker.is_some() {
            self.hrefs.push(href.into());
        }
        let url = match &self.interest {
            Interest::Targets {
                resolver: Some(resolver),
                ..
            } => resolver.resolve(href).map(Some),
            Interest::Targets { resolver: None, .. } => Some(None),
            #[cfg(test)]
            Interest::Marked(name, value) => {
                let marked = tag
                    .attr_named(name)
                    .is_some_and(|v| value.is_none_or(|value| value == v));
                marked.then_some(None)
            }
        };
        let area = tag.element() == Element::Area;
        let Some(url) = url else {
            if self.open(tag, self.foreign(), false, true, false) && !area {
                self.reading.push((None, self.stack.len() - 1));
            }
            return;
        };
        let parent = self.stack.last();
        let alt = area.then(|| super::text::collapse(tag.attr(Attr::Alt).unwrap_or("")));
        let anchor = Anchor {
            // A scheme-relative href is resolved again once the page's
            // stated URL is known (a saved page's scheme).
            href: if url.is_none() || is_scheme_relative(href) {
                href.to_string()
            } else {
                String::new()
            },
            url,
            text: String::new(),
            image: area,
            alt: alt.filter(|alt| !alt.is_empty()),
            rel: parse_rel(tag.attr(Attr::Rel).unwrap_or("")),
            placement: parent.and_then(|p| p.placement).unwrap_or(Placement::Content),
            hidden: parent.is_some_and(|p| p.hidden) || hides(tag),
            in_ugc_area: parent.is_some_and(|p| p.in_ugc_area),
        };
        self.anchors.push((anchor, area));
        let index = self.anchors.len() - 1;
        if self.open(tag, self.foreign(), false, true, true) && !area {
            self.reading.push((Some(index), self.stack.len() - 1));
        }
    }

    /// `<meta name="robots|googlebot" content>` and `<meta property="og:url" content>`.
    fn meta(&mut self, tag: StartTag<'_>) {
        let content = tag.attr(Attr::Content);
        self.canonical.see_meta(tag.attr(Attr::Property), content);
        let name = tag
            .attr(Attr::Name)
            .map(|n| n.trim_matches(|c: char| c.is_ascii_whitespace()));
        if name.is_some_and(|n| n.eq_ignore_ascii_case("robots") || n.eq_ignore_ascii_case("googlebot")) {
            let rules = Directives::from_rules(content.unwrap_or(""));
            self.directives = self.directives.union(rules);
        }
    }

    /// Opens an element; true when it stays open (it has content).
    fn open(
        &mut self,
        tag: StartTag<'_>,
        foreign: bool,
        self_closing: bool,
        anchor: bool,
        kept: bool,
    ) -> bool {
        let element = tag.element();
        if let Some(index) = self.reading_anchor() {
            if element == Element::Img {
                let anchor = &mut self.anchors[index].0;
                anchor.image = true;
                if anchor.alt.is_none() {
                    let alt = super::text::collapse(tag.attr(Attr::Alt).unwrap_or(""));
                    anchor.alt = Some(alt).filter(|alt| !alt.is_empty());
                }
            }
        }
        let has_content = !(element.has(Traits::VOID) || (foreign && self_closing));
        if has_content && self.stack.len() == MAX_DEPTH {
            self.pop_to(MAX_DEPTH - 1);
        }
        if let Some(walker) = &mut self.walker {
            walker.open(tag, anchor, kept);
            if !has_content {
                walker.close();
            }
        }
        if !has_content {
            return false;
        }
        let parent = self.stack.last();
        let role = tag.attr(Attr::Role);
        let frame = Frame {
            element,
            name_at: self.names.len(),
            placement: landmark(element, role).or(parent.and_then(|p| p.placement)),
            hidden: parent.is_some_and(|p| p.hidden) || hides(tag),
            in_ugc_area: parent.is_some_and(|p| p.in_ugc_area) || self.ugc.marks(tag),
            foreign,
            counted: Counted::of(element),
        };
        if let Some(counted) = frame.counted {
            *self.open_count(counted) += 1;
        }
        if element == Element::Other {
            self.names.push_str(tag.name());
        }
        self.stack.push(frame);
        true
    }

    fn open_count(&mut self, counted: Counted) -> &mut usize {
        match counted {
            Counted::P => &mut self.open_p,
            Counted::Item => &mut self.open_items,
            Counted::A => &mut self.open_a,
            Counted::Cell => &mut self.open_cells,
        }
    }

    fn read_text(&mut self, text: &str) {
        let text: std::borrow::Cow<'_, str> = if text.contains('\0') {
            text.replace('\0', "").into()
        } else {
            text.into()
        };
        if !self.body_open
            && matches!(self.top(), None | Some(Element::Html | Element::Head))
            && !text.chars().all(char::is_whitespace)
        {
            self.open_body();
        }
        if self.title_state == Title::Reading && self.top() == Some(Element::Title) {
            push_collapsed(self.title.get_or_insert_with(String::new), &text);
        }
        if let Some(index) = self.reading_anchor() {
            if !self.top().is_some_and(|top| top.has(Traits::RAW_TEXT)) {
                push_collapsed(&mut self.anchors[index].0.text, &text);
            }
        }
        if let Some(walker) = &mut self.walker {
            walker.text(&text);
        }
    }

    fn finish(mut self) -> Passed<'a> {
        self.pop_to(0);
        let resolver = match self.interest {
            Interest::Targets {
                resolver: Some(resolver),
                ..
            } => resolver,
            Interest::Targets {
                page_url, targets, ..
            } => Resolver::new(Base::new(page_url, None, None), targets),
            #[cfg(test)]
            Interest::Marked(..) => unreachable!("tests read marked anchors with `marked`"),
        };
        Passed {
            title: self.title.map(super::text::finish).filter(|t| !t.is_empty()),
            directives: self.directives,
            canonical: self.canonical,
            hrefs: self.hrefs,
            anchors: self.anchors,
            resolver,
            walked: self.walker.map(Walker::finish).unwrap_or_default(),
        }
    }
}

impl Sink for Pass<'_> {
    fn start_tag(&mut self, tag: StartTag<'_>, self_closing: bool) {
        self.open_tag(tag, self_closing);
    }

    fn end_tag(&mut self, element: Element, name: &str) {
        self.close_tag(element, name);
    }

    fn text(&mut self, text: &str) {
        self.read_text(text);
    }

    /// Text is read by the facts walk, and else only before the body (text
    /// there opens it), in the title and in an anchor.
    fn wants_text(&self) -> bool {
        self.walker.is_some()
            || !self.body_open
            || self.title_state == Title::Reading
            || self.reading_anchor().is_some()
    }
}

/// The `hidden` attribute, or an inline style that hides the element.
fn hides(tag: StartTag<'_>) -> bool {
    tag.attr(Attr::Hidden).is_some() || tag.attr(Attr::Style).is_some_and(style_hides)
}

/// Tests: the pass over `html` keeping the anchors that have attribute
/// `name` (with `value`, if given); their facts and the walk.
#[cfg(test)]
pub(crate) fn marked(
    html: &str,
    name: &'static str,
    value: Option<&'static str>,
) -> (Vec<(Anchor, bool)>, Walked) {
    let mut pass = Pass::new(Interest::Marked(name, value), Gather::Facts);
    pass.read(html, &Budget::unlimited())
        .expect("an unlimited budget never cuts a page");
    pass.pop_to(0);
    let walked = pass.walker.map(Walker::finish).unwrap_or_default();
    (pass.anchors, walked)
}

mod tree;

#[cfg(test)]
mod tests;
