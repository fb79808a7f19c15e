//! The parts of HTML's tree construction the pass follows: the implied
//! `<head>`/`<body>`, the end tags a start tag implies, and end tags closing
//! what opened after them (docs/reference.md, Extraction).

use super::{Pass, Title};
use crate::extract::elements::{Element, Traits};
use crate::extract::tag::StartTag;

impl Pass<'_> {
    /// What tree construction does with `<html>`, `<head>` and `<body>`, and
    /// the body a tag outside the head implies. False: the tag is dropped.
    pub(super) fn tree_allows(&mut self, element: Element) -> bool {
        match element {
            Element::Html => self.stack.is_empty(),
            Element::Head if self.body_open || self.head_seen => false,
            Element::Head => {
                self.head_seen = true;
                true
            }
            Element::Body if self.body_open => false,
            Element::Body => {
                self.close_head();
                self.body_open = true;
                true
            }
            _ => {
                if !self.body_open && !element.has(Traits::IN_HEAD) {
                    self.open_body();
                }
                true
            }
        }
    }

    pub(super) fn close_head(&mut self) {
        if let Some(depth) = self.find(|e| e == Element::Head, |_| false) {
            self.pop_to(depth);
        }
    }

    /// The `<body>` a page leaves out: what the rules read as the body's top.
    pub(super) fn open_body(&mut self) {
        self.close_head();
        self.body_open = true;
        self.open(StartTag::bare("body"), false, false, false, false);
    }

    /// The end tags HTML implies before the start tag of `element`.
    pub(super) fn close_implied(&mut self, element: Element) {
        use Element::{Dd, Dt, Li, Option, Td, Th, Tr, A, P};
        if element == A && self.open_a > 0 {
            if let Some(depth) = self.find(|e| e == A, |_| false) {
                self.pop_to(depth);
            }
        }
        if self.open_p > 0 && element.has(Traits::CLOSES_P) {
            if let Some(depth) = self.find(|e| e == P, |e| e.has(Traits::BOUNDS_P)) {
                self.pop_to(depth);
            }
        }
        if self.open_items > 0 && matches!(element, Li | Dd | Dt) {
            let item = |e: Element| match element {
                Li => e == Li,
                _ => matches!(e, Dd | Dt),
            };
            if let Some(depth) = self.find(item, |e| e.has(Traits::BOUNDS_ITEMS)) {
                self.pop_to(depth);
            }
        }
        if self.open_cells > 0 && matches!(element, Td | Th | Tr) {
            let cell = |e: Element| match element {
                Tr => e == Tr,
                _ => matches!(e, Td | Th),
            };
            if let Some(depth) = self.find(cell, |e| e == Element::Table) {
                self.pop_to(depth);
            }
        }
        let top = self.top();
        if element.has(Traits::HEADING) && top.is_some_and(|top| top.has(Traits::HEADING)) {
            self.pop_to(self.stack.len() - 1);
        }
        if element == Option && top == Some(Option) {
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// The depth of the nearest open element `is` accepts, looking down no
    /// further than one `stop` accepts.
    pub(super) fn find(&self, is: impl Fn(Element) -> bool, stop: impl Fn(Element) -> bool) -> Option<usize> {
        for (depth, frame) in self.stack.iter().enumerate().rev() {
            if is(frame.element) {
                return Some(depth);
            }
            if stop(frame.element) {
                return None;
            }
        }
        None
    }

    /// The end tag of `element`, named `name`.
    pub(super) fn close_tag(&mut self, element: Element, name: &str) {
        let depth = match element {
            Element::Body | Element::Html => return,
            Element::Other => (0..self.stack.len())
                .rev()
                .find(|&depth| self.stack[depth].element == Element::Other && self.name_of(depth) == name),
            known => self.find(|e| e == known, |_| false),
        };
        if let Some(depth) = depth {
            self.pop_to(depth);
        }
    }

    /// Closes the element at `depth` and every one opened after it.
    pub(super) fn pop_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            let Some(frame) = self.stack.pop() else { break };
            if let Some(counted) = frame.counted {
                *self.open_count(counted) -= 1;
            }
            if self.title_state == Title::Reading && !frame.foreign && frame.element == Element::Title {
                self.title_state = Title::Read;
            }
            self.names.truncate(frame.name_at);
            if self.reading.last().is_some_and(|&(_, at)| at == self.stack.len()) {
                self.reading.pop();
            }
            if let Some(walker) = &mut self.walker {
                walker.close();
            }
        }
    }
}
