//! The parts of HTML's tree construction the pass follows: the implied
//! `<head>`/`<body>`, the end tags a start tag implies, and end tags closing
//! what opened after them (docs/reference.md, Extraction).

use super::{Pass, Title};
use crate::extract::elements::{belongs_in_head, bounds_list_items, closes_p, is_heading};
use crate::extract::tag::StartTag;

impl Pass<'_> {
    /// What tree construction does with `<html>`, `<head>` and `<body>`, and
    /// the body a tag outside the head implies. False: the tag is dropped.
    pub(super) fn tree_allows(&mut self, name: &str) -> bool {
        match name {
            "html" => self.stack.is_empty(),
            "head" if self.body_open || self.head_seen => false,
            "head" => {
                self.head_seen = true;
                true
            }
            "body" if self.body_open => false,
            "body" => {
                self.close_head();
                self.body_open = true;
                true
            }
            _ => {
                if !self.body_open && !belongs_in_head(name) {
                    self.open_body();
                }
                true
            }
        }
    }

    pub(super) fn close_head(&mut self) {
        if let Some(depth) = self.find(|name| name == "head", |_| false) {
            self.pop_to(depth);
        }
    }

    /// The `<body>` a page leaves out: what the rules read as the body's top.
    pub(super) fn open_body(&mut self) {
        self.close_head();
        self.body_open = true;
        self.open(StartTag::bare("body"), false, false, false, false);
    }

    /// The end tags HTML implies before the start tag `name`.
    pub(super) fn close_implied(&mut self, name: &str) {
        if name == "a" && self.open_a > 0 {
            if let Some(depth) = self.find(|n| n == "a", |_| false) {
                self.pop_to(depth);
            }
        }
        if self.open_p > 0 && closes_p(name) {
            let scope = |n: &str| matches!(n, "button" | "table" | "td" | "th" | "caption" | "template");
            if let Some(depth) = self.find(|n| n == "p", scope) {
                self.pop_to(depth);
            }
        }
        if self.open_items > 0 && matches!(name, "li" | "dd" | "dt") {
            let item = |n: &str| match name {
                "li" => n == "li",
                _ => matches!(n, "dd" | "dt"),
            };
            if let Some(depth) = self.find(item, bounds_list_items) {
                self.pop_to(depth);
            }
        }
        if self.open_cells > 0 && matches!(name, "td" | "th" | "tr") {
            let cell = |n: &str| match name {
                "tr" => matches!(n, "tr"),
                _ => matches!(n, "td" | "th"),
            };
            if let Some(depth) = self.find(cell, |n| n == "table") {
                self.pop_to(depth);
            }
        }
        if is_heading(name) && is_heading(self.top_name()) {
            self.pop_to(self.stack.len() - 1);
        }
        if name == "option" && self.top_name() == "option" {
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// The depth of the nearest open element `is` accepts, looking down no
    /// further than one `stop` accepts.
    pub(super) fn find(&self, is: impl Fn(&str) -> bool, stop: impl Fn(&str) -> bool) -> Option<usize> {
        for depth in (0..self.stack.len()).rev() {
            let name = self.name_of(depth);
            if is(name) {
                return Some(depth);
            }
            if stop(name) {
                return None;
            }
        }
        None
    }

    pub(super) fn close_tag(&mut self, name: &str) {
        if matches!(name, "body" | "html") {
            return;
        }
        if let Some(depth) = self.find(|n| n == name, |_| false) {
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
            if self.title_state == Title::Reading && !frame.foreign && &self.names[frame.name_at..] == "title"
            {
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
