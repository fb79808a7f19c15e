//! The facts walk: one pass over the tree of a page that links to the target,
//! gathering what judging its links needs: visible text and link text, text
//! blocks and their link density, frames, tracking IDs, and the text the
//! paid-content rule reads.
//!
//! Visible text is every text node outside `script`, `style`, `noscript`,
//! `template` and `title` (hidden elements included: hiding is judged per link).
//! Characters are counted without white space, so indentation does not dilute
//! link density; words are runs of non-white-space, and an element that is not
//! inline (`p`, `li`, `td`, `br`, ...) ends a word, so `<li>a</li><li>b</li>`
//! is two words.

use super::classes::{any_piece, is_one_of};
use super::sponsored::{self, DisclosureText, AD_SLOT_PIECES, MARKED_AREA_PIECES, MARKED_CHARS, TOP_CHARS};
use super::tracking;
use super::words::{push_space, TextStats};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{BTreeSet, HashMap};

/// A text block counts for density from this many characters of text.
pub(crate) const MIN_BLOCK_CHARS: usize = 80;

/// What the walk gathers.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub words: usize,
    pub text_chars: usize,
    pub link_text_chars: usize,
    pub max_block_link_density: f64,
    /// The link density of every text block (0.0 under [`MIN_BLOCK_CHARS`]).
    pub block_density: HashMap<NodeId, f64>,
    pub frames: usize,
    /// Visible text, white space runs and element boundaries as one space.
    pub text: String,
    pub tracking_ids: BTreeSet<String>,
    pub disclosure: DisclosureText,
}

/// Walks `document` once.
pub(crate) fn walk(document: &Html) -> Walked {
    let mut walker = Walker {
        marked_text: Zone::with_cap(MARKED_CHARS),
        article: Zone::with_cap(TOP_CHARS),
        main: Zone::with_cap(TOP_CHARS),
        body: Zone::with_cap(TOP_CHARS),
        ..Walker::default()
    };
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => walker.open(node.id(), element),
                Node::Text(text) => walker.text(text),
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() => walker.close(),
            Edge::Close(_) => {}
        }
    }
    walker.finish()
}

// What an open element changed, undone when it closes.
const RAW: u16 = 1 << 0;
const SCRIPT: u16 = 1 << 1;
const LINK: u16 = 1 << 2;
const BOUNDARY: u16 = 1 << 3;
const BLOCK: u16 = 1 << 4;
const MARKED: u16 = 1 << 5;
const UNREAD: u16 = 1 << 6;
const ARTICLE: u16 = 1 << 7;
const MAIN: u16 = 1 << 8;
const BODY: u16 = 1 << 9;

/// What an element's name says, from one `match` (string matches compile to
/// a length switch, far cheaper than searching lists for every element).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Phrasing elements: they do not end a word.
    Inline,
    /// `script`, `noscript`: not text, scanned for tracking IDs.
    Script,
    /// `style`, `template`, `title`: not text.
    Raw,
    /// `p`, `li`, `td`, `dd`, `blockquote`: text blocks.
    TextBlock,
    /// `div`, `section`, `article`: text blocks without block descendants.
    LeafTextBlock,
    /// Other block-level elements.
    BlockLevel,
    Frame,
    /// Any other element: it ends a word.
    Other,
}

fn kind(name: &str) -> Kind {
    match name {
        "a" | "abbr" | "b" | "bdi" | "bdo" | "big" | "cite" | "code" | "data" | "del" | "dfn" | "em"
        | "font" | "i" | "ins" | "kbd" | "label" | "mark" | "nobr" | "q" | "s" | "samp" | "small"
        | "span" | "strike" | "strong" | "sub" | "sup" | "time" | "tt" | "u" | "var" | "wbr" => Kind::Inline,
        "script" | "noscript" => Kind::Script,
        "style" | "template" | "title" => Kind::Raw,
        "p" | "li" | "td" | "dd" | "blockquote" => Kind::TextBlock,
        "div" | "section" | "article" => Kind::LeafTextBlock,
        "address" | "aside" | "caption" | "details" | "dialog" | "dl" | "dt" | "fieldset" | "figcaption"
        | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup"
        | "hr" | "main" | "menu" | "nav" | "ol" | "pre" | "summary" | "table" | "tbody" | "th" | "ul" => {
            Kind::BlockLevel
        }
        "iframe" | "frame" => Kind::Frame,
        _ => Kind::Other,
    }
}

/// Whether an element's `src`, `href` and `data-*` attributes may hold tracking IDs.
fn is_tagging(name: &str) -> bool {
    matches!(name, "script" | "link" | "iframe" | "ins")
}

/// What a class or id piece says of its element's text, for the paid-content rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Area {
    /// An ad slot: its labels are about the ad, not the page.
    AdSlot,
    /// A disclosure area.
    Marked,
}

/// The [`Area`] a piece names, by [`AD_SLOT_PIECES`] and
/// [`MARKED_AREA_PIECES`] (ASCII case-insensitive).
fn area(piece: &str) -> Option<Area> {
    // Every listed piece starts with one of these: most pieces end here.
    let first = piece.as_bytes().first()?.to_ascii_lowercase();
    if !matches!(first, b'a' | b'd' | b'p' | b's') {
        return None;
    }
    let mut lower = [0u8; 16];
    let Some(buffer) = lower.get_mut(..piece.len()) else {
        return None;
    };
    buffer.copy_from_slice(piece.as_bytes());
    buffer.make_ascii_lowercase();
    let piece = std::str::from_utf8(buffer).ok()?;
    if AD_SLOT_PIECES.contains(&piece) {
        Some(Area::AdSlot)
    } else if MARKED_AREA_PIECES.contains(&piece) {
        Some(Area::Marked)
    } else {
        None
    }
}

/// The [`UNREAD`] and [`MARKED`] flags the pieces of a class or id value give.
fn area_flags(value: &str) -> u16 {
    let mut flags = 0;
    for token in value.split_ascii_whitespace() {
        any_piece(token, |piece| {
            match area(piece) {
                Some(Area::AdSlot) => flags |= UNREAD,
                Some(Area::Marked) => flags |= MARKED,
                None => {}
            }
            false
        });
    }
    flags
}

/// The last few class values and their [`area_flags`].
#[derive(Default)]
struct AreaMemo<'a> {
    entries: [(&'a str, u16); 8],
    next: usize,
}

impl<'a> AreaMemo<'a> {
    fn get(&mut self, class: &'a str) -> u16 {
        if let Some(&(_, flags)) = self.entries.iter().find(|(seen, _)| *seen == class) {
            return flags;
        }
        let flags = area_flags(class);
        self.entries[self.next] = (class, flags);
        self.next = (self.next + 1) % self.entries.len();
        flags
    }
}

/// An open text block candidate.
struct Block {
    node: NodeId,
    text_start: usize,
    link_start: usize,
    /// `div`, `section`, `article`: a text block only without block descendants.
    leaf_only: bool,
    block_elements_before: usize,
}

/// A place whose text is read, up to a cap, for the paid-content rule.
#[derive(Default)]
struct Zone {
    /// Its element has been met (the first `article` is preferred to `main`).
    seen: bool,
    /// Text now met belongs to it.
    open: bool,
    cap: usize,
    text: String,
    chars: usize,
    label: bool,
}

impl Zone {
    fn with_cap(cap: usize) -> Zone {
        Zone {
            cap,
            ..Zone::default()
        }
    }

    fn takes_text(&self) -> bool {
        self.open && self.chars < self.cap
    }
}

#[derive(Default)]
struct Walker<'a> {
    /// Pages repeat a few class values thousands of times.
    class_areas: AreaMemo<'a>,
    out: Walked,
    frames: Vec<u16>,
    blocks: Vec<Block>,
    block_elements: usize,
    raw: usize,
    script: usize,
    link: usize,
    marked: usize,
    unread: usize,
    stats: TextStats,
    marked_text: Zone,
    article: Zone,
    main: Zone,
    body: Zone,
}

impl<'a> Walker<'a> {
    fn open(&mut self, node: NodeId, element: &'a Element) {
        let name = element.name();
        let kind = kind(name);
        let mut flags = match kind {
            Kind::Inline => 0,
            Kind::Script => RAW | SCRIPT | BOUNDARY,
            Kind::Raw => RAW | BOUNDARY,
            _ => BOUNDARY,
        };
        if kind == Kind::Frame {
            self.out.frames += 1;
        }
        let (mut class, mut id, mut role, mut href) = (None, None, None, false);
        let tagging = is_tagging(name);
        for (attribute, value) in element.attrs() {
            match attribute {
                "class" => class = Some(value),
                "id" => id = Some(value),
                "role" => role = Some(value),
                "href" => href = true,
                _ => {}
            }
            if tagging && (matches!(attribute, "src" | "href") || attribute.starts_with("data-")) {
                tracking::scan(value, &mut self.out.tracking_ids);
            }
        }
        if name == "meta"
            && element
                .attr("name")
                .is_some_and(|n| n.eq_ignore_ascii_case("google-adsense-account"))
        {
            tracking::scan(element.attr("content").unwrap_or(""), &mut self.out.tracking_ids);
        }
        if href && name == "a" {
            flags |= LINK;
        }
        flags |= self.open_block(node, kind);
        flags |= self.open_zones(name, class, id, role);
        self.apply(flags, 1);
        self.frames.push(flags);
    }

    fn open_block(&mut self, node: NodeId, kind: Kind) -> u16 {
        let leaf_only = match kind {
            Kind::TextBlock => false,
            Kind::LeafTextBlock => true,
            Kind::BlockLevel => {
                self.block_elements += 1;
                return 0;
            }
            _ => return 0,
        };
        self.block_elements += 1;
        self.blocks.push(Block {
            node,
            text_start: self.stats.chars,
            link_start: self.out.link_text_chars,
            leaf_only,
            block_elements_before: self.block_elements,
        });
        BLOCK
    }

    fn open_zones(
        &mut self,
        name: &str,
        class: Option<&'a str>,
        id: Option<&str>,
        role: Option<&str>,
    ) -> u16 {
        let has_role =
            |wanted: &[&str]| role.is_some_and(|r| r.split_ascii_whitespace().any(|r| is_one_of(r, wanted)));
        let mut flags = 0;
        if matches!(name, "nav" | "aside" | "footer")
            || has_role(&["navigation", "complementary", "contentinfo"])
        {
            flags |= UNREAD;
        }
        flags |= class.map_or(0, |class| self.class_areas.get(class));
        flags |= id.map_or(0, area_flags);
        for (zone, flag, is_root) in [
            (&mut self.article, ARTICLE, name == "article"),
            (&mut self.main, MAIN, name == "main" || has_role(&["main"])),
            (&mut self.body, BODY, name == "body"),
        ] {
            if is_root && !zone.seen {
                zone.seen = true;
                zone.open = true;
                flags |= flag;
            }
        }
        flags
    }

    /// Counts the element's flags in (`by` 1) or out (`by` usize::MAX, wrapping).
    fn apply(&mut self, flags: u16, by: usize) {
        for (flag, counter) in [
            (RAW, &mut self.raw),
            (SCRIPT, &mut self.script),
            (LINK, &mut self.link),
            (MARKED, &mut self.marked),
            (UNREAD, &mut self.unread),
        ] {
            if flags & flag != 0 {
                *counter = counter.wrapping_add(by);
            }
        }
        self.marked_text.open = self.marked > 0;
        if flags & BOUNDARY != 0 {
            self.boundary();
        }
    }

    fn close(&mut self) {
        let Some(flags) = self.frames.pop() else {
            return;
        };
        self.apply(flags, usize::MAX);
        if flags & BLOCK != 0 {
            self.close_block();
        }
        for (zone, flag) in [
            (&mut self.article, ARTICLE),
            (&mut self.main, MAIN),
            (&mut self.body, BODY),
        ] {
            if flags & flag != 0 {
                zone.open = false;
            }
        }
    }

    fn close_block(&mut self) {
        let Some(block) = self.blocks.pop() else {
            return;
        };
        if block.leaf_only && self.block_elements > block.block_elements_before {
            return;
        }
        let text = self.stats.chars - block.text_start;
        let links = self.out.link_text_chars - block.link_start;
        let density = if text >= MIN_BLOCK_CHARS {
            links as f64 / text as f64
        } else {
            0.0
        };
        self.out.max_block_link_density = self.out.max_block_link_density.max(density);
        self.out.block_density.insert(block.node, density);
    }

    /// An element edge that ends a word.
    fn boundary(&mut self) {
        self.stats.boundary();
        for zone in self.zones() {
            if zone.takes_text() {
                push_space(&mut zone.text);
            }
        }
    }

    fn zones(&mut self) -> [&mut Zone; 4] {
        [
            &mut self.marked_text,
            &mut self.article,
            &mut self.main,
            &mut self.body,
        ]
    }

    fn text(&mut self, text: &str) {
        if self.script > 0 {
            tracking::scan(text, &mut self.out.tracking_ids);
        }
        if self.raw > 0 {
            return;
        }
        let chars = self.stats.add(text);
        if self.link > 0 {
            self.out.link_text_chars += chars;
        }
        if self.unread == 0 {
            self.read_for_disclosure(text);
        }
    }

    fn read_for_disclosure(&mut self, text: &str) {
        let mut label = None;
        for zone in self.zones() {
            if zone.takes_text() {
                zone.chars += push_collapsed(&mut zone.text, text, zone.cap - zone.chars);
                zone.label |= *label.get_or_insert_with(|| sponsored::is_label(text));
            }
        }
    }

    fn finish(mut self) -> Walked {
        let top = if self.article.seen {
            self.article
        } else {
            self.main
        };
        self.out.disclosure = DisclosureText {
            label: self.marked_text.label || top.label,
            marked: trimmed(self.marked_text.text),
            article_top: trimmed(top.text),
            body_top: trimmed(self.body.text),
        };
        self.out.words = self.stats.words;
        self.out.text_chars = self.stats.chars;
        self.out.text = self.stats.into_text();
        self.out
    }
}

/// `text` without the space an element edge may have left at its end.
fn trimmed(mut text: String) -> String {
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

/// Appends `text` with white space runs collapsed, up to `cap` characters
/// that are not white space; returns how many it appended.
fn push_collapsed(out: &mut String, text: &str, cap: usize) -> usize {
    let mut added = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            push_space(out);
        } else if added == cap {
            break;
        } else {
            out.push(c);
            added += 1;
        }
    }
    added
}

#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
