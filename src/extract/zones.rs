//! The places whose text the paid-content rule reads ([`super::sponsored`]),
//! filled in by the facts walk: marked areas (a class saying
//! `sponsored`, `disclosure`, ...) and the top of the first `article`, `main`
//! and `body`. Ad slots, `nav`, `aside` and `footer` are never read.
//!
//! Marked areas and ad slots are found on every element while a top still
//! takes text, and below that on the containers a disclosure box is made of
//! (`div`, `section`, `article`, `main`, `header`, `figure`, `p`,
//! `blockquote`): reading every class of a page costs a tenth of the walk.

use super::classes::any_piece;
use super::elements::Element;
use super::sponsored::{self, DisclosureText, AD_SLOT_PIECES, MARKED_AREA_PIECES, MARKED_CHARS, TOP_CHARS};
use super::words::push_space;

/// Which zone root an element is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Root {
    Article,
    Main,
    Body,
}

impl Root {
    /// The zone `element` may be the root of.
    pub(crate) fn of(element: Element) -> Option<Root> {
        match element {
            Element::Article => Some(Root::Article),
            Element::Main => Some(Root::Main),
            Element::Body => Some(Root::Body),
            _ => None,
        }
    }
}

/// A place whose text is read, up to a cap.
#[derive(Default)]
struct Zone {
    /// Its element has been met (only the first counts).
    seen: bool,
    /// Text now met belongs to it.
    open: bool,
    cap: usize,
    text: String,
    chars: usize,
    /// A label word stood alone in it.
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

/// The zones of one page.
pub(crate) struct Zones {
    marked: Zone,
    article: Zone,
    main: Zone,
    body: Zone,
}

impl Default for Zones {
    fn default() -> Self {
        Zones {
            marked: Zone::with_cap(MARKED_CHARS),
            article: Zone::with_cap(TOP_CHARS),
            main: Zone::with_cap(TOP_CHARS),
            body: Zone::with_cap(TOP_CHARS),
        }
    }
}

impl Zones {
    /// An element that may be a zone root opens; true when it is the first of
    /// its kind, so its closing must be reported with [`Zones::close`].
    pub(crate) fn open(&mut self, root: Root) -> bool {
        let zone = self.zone(root);
        let first = !zone.seen;
        zone.seen = true;
        zone.open |= first;
        first
    }

    pub(crate) fn close(&mut self, root: Root) {
        self.zone(root).open = false;
    }

    /// Whether the top of the article, main or body still takes text.
    pub(crate) fn top_takes_text(&self) -> bool {
        self.article.takes_text() || self.main.takes_text() || self.body.takes_text()
    }

    /// Whether text now met is inside a marked area.
    pub(crate) fn set_marked(&mut self, marked: bool) {
        self.marked.open = marked;
    }

    fn zone(&mut self, root: Root) -> &mut Zone {
        match root {
            Root::Article => &mut self.article,
            Root::Main => &mut self.main,
            Root::Body => &mut self.body,
        }
    }

    fn all(&mut self) -> [&mut Zone; 4] {
        [
            &mut self.marked,
            &mut self.article,
            &mut self.main,
            &mut self.body,
        ]
    }

    /// An element edge: it separates words.
    pub(crate) fn boundary(&mut self) {
        if !self.marked.open && !self.top_takes_text() {
            return;
        }
        for zone in self.all() {
            if zone.takes_text() {
                push_space(&mut zone.text);
            }
        }
    }

    /// A readable text node.
    pub(crate) fn read(&mut self, text: &str) {
        if !self.marked.takes_text() && !self.top_takes_text() {
            return;
        }
        let mut label = None;
        for zone in self.all() {
            if zone.takes_text() {
                zone.chars += push_collapsed(&mut zone.text, text, zone.cap - zone.chars);
                zone.label |= *label.get_or_insert_with(|| sponsored::is_label(text));
            }
        }
    }

    /// The text for the rule: the first `article`'s top, else `main`'s; labels
    /// there or in marked areas; the `body`'s top for phrases only.
    pub(crate) fn finish(self) -> DisclosureText {
        let top = if self.article.seen {
            self.article
        } else {
            self.main
        };
        DisclosureText {
            label: self.marked.label || top.label,
            marked: trimmed(self.marked.text),
            article_top: trimmed(top.text),
            body_top: trimmed(self.body.text),
        }
    }
}

/// What the class or id pieces of an element say of its text.
pub(crate) const AD_SLOT: u8 = 1;
pub(crate) const MARKED: u8 = 2;

/// The [`AD_SLOT`] and [`MARKED`] bits of a class or id value's pieces.
pub(crate) fn area_bits(value: &str) -> u8 {
    let mut bits = 0;
    for token in value.split_ascii_whitespace() {
        any_piece(token, |piece| {
            bits |= piece_bits(piece);
            false
        });
    }
    bits
}

/// [`AD_SLOT`] for a piece of [`AD_SLOT_PIECES`], [`MARKED`] for one of
/// [`MARKED_AREA_PIECES`] (ASCII case-insensitive), else 0.
fn piece_bits(piece: &str) -> u8 {
    // Every listed piece starts with one of these: most pieces end here.
    let Some(first) = piece.as_bytes().first().map(u8::to_ascii_lowercase) else {
        return 0;
    };
    if !matches!(first, b'a' | b'd' | b'p' | b's') || piece.len() > 16 {
        return 0;
    }
    let mut lower = [0u8; 16];
    let lower = &mut lower[..piece.len()];
    lower.copy_from_slice(piece.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(piece) = std::str::from_utf8(lower) else {
        return 0;
    };
    if AD_SLOT_PIECES.contains(&piece) {
        AD_SLOT
    } else if MARKED_AREA_PIECES.contains(&piece) {
        MARKED
    } else {
        0
    }
}

/// The last few class values and their [`area_bits`]: pages repeat a few
/// class values thousands of times.
#[derive(Default)]
pub(crate) struct AreaMemo {
    entries: [(String, u8); 8],
    next: usize,
}

impl AreaMemo {
    pub(crate) fn get(&mut self, class: &str) -> u8 {
        if let Some((_, bits)) = self.entries.iter().find(|(seen, _)| seen == class) {
            return *bits;
        }
        let bits = area_bits(class);
        let entry = &mut self.entries[self.next];
        entry.0.clear();
        entry.0.push_str(class);
        entry.1 = bits;
        self.next = (self.next + 1) % self.entries.len();
        bits
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
mod tests {
    use super::*;

    #[test]
    fn pieces_of_both_lists_are_recognised_in_any_case() {
        for piece in AD_SLOT_PIECES {
            assert_eq!(piece_bits(piece), AD_SLOT, "{piece}");
            assert_eq!(piece_bits(&piece.to_uppercase()), AD_SLOT, "{piece}");
        }
        for piece in MARKED_AREA_PIECES {
            assert_eq!(piece_bits(piece), MARKED, "{piece}");
        }
        for piece in [
            "header",
            "add",
            "sponsor",
            "partners",
            "",
            "advertisementsandmore",
        ] {
            assert_eq!(piece_bits(piece), 0, "{piece}");
        }
    }

    #[test]
    fn class_values_combine_their_pieces() {
        assert_eq!(area_bits("post sponsored-label"), MARKED);
        assert_eq!(area_bits("adSlot sponsored"), AD_SLOT | MARKED);
        assert_eq!(area_bits("reference internal"), 0);
    }

    #[test]
    fn the_memo_agrees_with_the_pieces() {
        let mut memo = AreaMemo::default();
        let values = ["ad", "x", "sponsored", "x", "ad"];
        for round in 0..3 {
            for value in values
                .iter()
                .chain(["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"].iter())
            {
                assert_eq!(memo.get(value), area_bits(value), "{value} in round {round}");
            }
        }
        assert_eq!(memo.get(""), 0);
    }

    #[test]
    fn push_collapsed_caps_characters() {
        let mut out = String::new();
        assert_eq!(push_collapsed(&mut out, " a  b\tc ", 2), 2);
        assert_eq!(out, "a b ");
    }
}
