//! The facts walk, fed by the pass ([`super::pass`]) with every element's
//! opening and closing and every text run in document order, gathering what
//! judging links needs: visible text and link text, text
//! blocks and their link density, frames, tracking IDs, and the text the
//! paid-content rule reads ([`super::zones`]).
//!
//! Visible text is every text node outside `script`, `style`, `noscript`,
//! `template` and `title` (hidden elements included: hiding is judged per
//! link). Characters are counted without white space, so indentation does not
//! dilute link density ([`super::words`]).
//!
//! Text blocks are `p`, `li`, `td`, `dd`, `blockquote`, and `div`, `section`,
//! `article` without block-level descendants. A block's link density is the
//! share of its characters inside `a[href]`, counted from 80 characters of
//! text ([`MIN_BLOCK_CHARS`]; 0.0 below). A link's block is its nearest
//! ancestor that is a text block.

use super::elements::{Element, Traits};
use super::sponsored::DisclosureText;
use super::tag::{Attr, StartTag};
use super::tracking;
use super::words::TextStats;
use super::zones::{AreaMemo, Root, Zones, AD_SLOT, MARKED};
use std::collections::BTreeSet;

/// A text block counts for density from this many characters of text.
pub(crate) const MIN_BLOCK_CHARS: usize = 80;

/// What the walk gathers.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub words: usize,
    pub text_chars: usize,
    pub link_text_chars: usize,
    pub max_block_link_density: f64,
    /// For each kept link, in document order, its block's link density.
    pub link_block_density: Vec<f64>,
    pub frames: usize,
    /// Visible text, white space runs and element boundaries as one space.
    pub text: String,
    pub tracking_ids: BTreeSet<String>,
    pub disclosure: DisclosureText,
}

// What an open element changed, undone when it closes.
const RAW: u16 = 1 << 0;
const SCRIPT: u16 = 1 << 1;
const LINK: u16 = 1 << 2;
const BOUNDARY: u16 = 1 << 3;
const BLOCK: u16 = 1 << 4;
const IN_MARKED: u16 = 1 << 5;
const UNREAD: u16 = 1 << 6;
const ROOT_ARTICLE: u16 = 1 << 7;
const ROOT_MAIN: u16 = 1 << 8;
const ROOT_BODY: u16 = 1 << 9;

/// An open text block candidate.
struct Block {
    text_start: usize,
    link_start: usize,
    /// `div`, `section`, `article`: a text block only without block descendants.
    leaf_only: bool,
    block_elements_before: usize,
    /// Links of interest met before it opened.
    links_before: usize,
}

/// The walk, fed the pass's element edges and text in document order.
#[derive(Default)]
pub(crate) struct Walker {
    /// Kept links met so far.
    links_met: usize,
    link_density: Vec<Option<f64>>,
    class_areas: AreaMemo,
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
    zones: Zones,
}

impl Walker {
    /// An element opens: `anchor` when it is an a[href]/area[href], `kept`
    /// when its block density is wanted. Every `open` has its [`Walker::close`].
    pub(crate) fn open(&mut self, element: StartTag<'_>, anchor: bool, kept: bool) {
        let traits = element.element().traits();
        if kept {
            self.links_met += 1;
            self.link_density.push(None);
        }
        let mut flags = if traits.has(Traits::NOT_TEXT) { RAW } else { 0 };
        if anchor {
            flags |= LINK;
        }
        if traits.has(Traits::SCRIPT_TEXT) {
            flags |= SCRIPT;
        }
        if !traits.has(Traits::INLINE) {
            flags |= BOUNDARY;
        }
        if traits.has(Traits::FRAME) {
            self.out.frames += 1;
        }
        // Near the top every class and id matters (an ad slot's label must not
        // be read); below it only those of containers that may hold a
        // disclosure box. Roles matter on containers.
        let top = self.zones.top_takes_text();
        let read_areas = top || traits.has(Traits::MARKABLE);
        let read_names = top || !traits.has(Traits::INLINE);
        if !read_names && !traits.has(Traits::TAGGING) {
            self.apply(flags, 1);
            self.frames.push(flags);
            return;
        }
        let class = element.attr(Attr::Class).filter(|_| read_areas);
        let id = element.attr(Attr::Id).filter(|_| read_areas);
        let role = element.attr(Attr::Role).filter(|_| read_names);
        if traits.has(Traits::TAGGING) {
            let named = [Attr::Src, Attr::Href]
                .into_iter()
                .filter_map(|attr| element.attr(attr));
            for value in named.chain(element.data().map(|(_, value)| value)) {
                tracking::scan(value, &mut self.out.tracking_ids);
            }
        }
        if element.element() == Element::Meta {
            self.meta(element);
        }
        flags |= self.open_block(traits);
        flags |= self.open_zones(traits, Root::of(element.element()), class, id, role);
        self.apply(flags, 1);
        self.frames.push(flags);
    }

    /// `<meta name="google-adsense-account" content="ca-pub-...">`.
    fn meta(&mut self, element: StartTag<'_>) {
        let adsense = element
            .attr(Attr::Name)
            .is_some_and(|name| name.eq_ignore_ascii_case("google-adsense-account"));
        if adsense {
            tracking::scan(
                element.attr(Attr::Content).unwrap_or(""),
                &mut self.out.tracking_ids,
            );
        }
    }

    fn open_block(&mut self, traits: Traits) -> u16 {
        if traits.has(Traits::BLOCK_LEVEL) {
            self.block_elements += 1;
        }
        if !traits.has(Traits::TEXT_BLOCK | Traits::LEAF_TEXT_BLOCK) {
            return 0;
        }
        self.blocks.push(Block {
            text_start: self.stats.chars,
            link_start: self.out.link_text_chars,
            leaf_only: traits.has(Traits::LEAF_TEXT_BLOCK),
            block_elements_before: self.block_elements,
            links_before: self.links_met,
        });
        BLOCK
    }

    fn open_zones(
        &mut self,
        traits: Traits,
        root: Option<Root>,
        class: Option<&str>,
        id: Option<&str>,
        role: Option<&str>,
    ) -> u16 {
        let mut flags = 0;
        let mut root = root;
        for role in role.into_iter().flat_map(str::split_ascii_whitespace) {
            if ["navigation", "complementary", "contentinfo"]
                .iter()
                .any(|r| role.eq_ignore_ascii_case(r))
            {
                flags |= UNREAD;
            } else if role.eq_ignore_ascii_case("main") {
                root = root.or(Some(Root::Main));
            }
        }
        if traits.has(Traits::CHROME) {
            flags |= UNREAD;
        }
        // An id marks ad slots only: documentation makes ids of headings, and a
        // heading "Sponsored content" is not a disclosure box.
        let areas = class.map_or(0, |class| self.class_areas.get(class))
            | (id.map_or(0, super::zones::area_bits) & AD_SLOT);
        if areas & AD_SLOT != 0 {
            flags |= UNREAD;
        }
        if areas & MARKED != 0 {
            flags |= IN_MARKED;
        }
        if let Some(root) = root {
            if self.zones.open(root) {
                flags |= match root {
                    Root::Article => ROOT_ARTICLE,
                    Root::Main => ROOT_MAIN,
                    Root::Body => ROOT_BODY,
                };
            }
        }
        flags
    }

    /// Counts the element's flags in (`by` 1) or out (`by` usize::MAX, wrapping).
    fn apply(&mut self, flags: u16, by: usize) {
        if flags == 0 {
            return;
        }
        let step = |counter: &mut usize, flag: u16| {
            if flags & flag != 0 {
                *counter = counter.wrapping_add(by);
            }
        };
        step(&mut self.raw, RAW);
        step(&mut self.script, SCRIPT);
        step(&mut self.link, LINK);
        step(&mut self.marked, IN_MARKED);
        step(&mut self.unread, UNREAD);
        if flags & IN_MARKED != 0 {
            self.zones.set_marked(self.marked > 0);
        }
        if flags & BOUNDARY != 0 {
            self.stats.boundary();
            self.zones.boundary();
        }
    }

    pub(crate) fn close(&mut self) {
        let Some(flags) = self.frames.pop() else {
            return;
        };
        self.apply(flags, usize::MAX);
        if flags & !(RAW | SCRIPT | LINK | BOUNDARY) == 0 {
            return;
        }
        if flags & BLOCK != 0 {
            self.close_block();
        }
        for (flag, root) in [
            (ROOT_ARTICLE, Root::Article),
            (ROOT_MAIN, Root::Main),
            (ROOT_BODY, Root::Body),
        ] {
            if flags & flag != 0 {
                self.zones.close(root);
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
        // Inner blocks close first: a link keeps its nearest block's density.
        for slot in &mut self.link_density[block.links_before..self.links_met] {
            slot.get_or_insert(density);
        }
    }

    pub(crate) fn text(&mut self, text: &str) {
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
        if self.unread > 0 {
            return;
        }
        if chars > 0 {
            self.zones.read(text);
        } else if !text.is_empty() {
            // White space only: it still separates the words around it.
            self.zones.boundary();
        }
    }

    pub(crate) fn finish(mut self) -> Walked {
        self.out.disclosure = self.zones.finish();
        self.out.link_block_density = self.link_density.into_iter().map(|d| d.unwrap_or(0.0)).collect();
        self.out.words = self.stats.words;
        self.out.text_chars = self.stats.chars;
        self.out.text = self.stats.into_text();
        self.out
    }
}

#[cfg(test)]
mod tests;
