//! The tokenizer's emitter: html5gum hands it each token piece by piece, and
//! it hands the pass ([`Sink`]) whole start tags, end tags and text runs.
//!
//! Written for the pass rather than taken from html5gum (its callback
//! emitter copies every attribute twice and every comment once, and hands
//! each piece over through a callback), because the pass reads little of a
//! page:
//! - Attributes no rule reads ([`super::tag::Attr`], and `data-*`) are skipped as they
//!   are tokenized; the rest are copied once, into one reused buffer.
//! - Comments and doctypes are dropped.
//! - Parse errors are not asked for: the tokenizer then skips checking every
//!   character for them (control characters, noncharacters).
//! - Text is gathered only while the sink wants it ([`Sink::wants_text`], asked
//!   as the text is tokenized, after the sink has seen every tag before it),
//!   and handed over whole before the next tag, comment, doctype or the end,
//!   as html5gum's own emitters do. A run that is the page's own bytes (no
//!   character reference, NUL or CR in it: most runs) is handed over as a
//!   slice of the page, neither copied nor checked for UTF-8 again.

use super::elements::Element;
use super::stretch::Stretch;
use super::tag::{StartTag, TagReader};
use html5gum::{naive_next_state, Emitter, Error, State};
use std::convert::Infallible;

/// What the pass receives from the tokenizer, in document order.
pub(crate) trait Sink {
    fn start_tag(&mut self, tag: StartTag<'_>, self_closing: bool);
    /// An end tag: the element its lowercase name names, and the name.
    fn end_tag(&mut self, element: Element, name: &str);
    /// A text run, character references decoded.
    fn text(&mut self, text: &str);
    /// Whether the text that follows is read.
    fn wants_text(&self) -> bool;
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
}

/// Feeds a [`Sink`] from the tokenizer's reading of `page`; see the
/// module's documentation.
pub(crate) struct SinkEmitter<'s, 'p, S> {
    sink: &'s mut S,
    /// The page the tokenizer reads.
    page: &'p str,
    /// The text run so far, while it is one stretch of the page's bytes.
    run: Stretch,
    /// The tag being read, if any (comments and doctypes are not tags).
    kind: Option<TagKind>,
    start: TagReader,
    self_closing: bool,
    end_name: Vec<u8>,
    /// The start tag whose raw text the tokenizer reads (`script`, `style`,
    /// `title`...): only its own end tag ends that text.
    raw_text_of: Vec<u8>,
    /// The text run, copied, once it is not one stretch of the page.
    text: Vec<u8>,
}

impl<'s, 'p, S: Sink> SinkEmitter<'s, 'p, S> {
    /// `page` must be what the tokenizer reads, for runs to be taken from it.
    pub(crate) fn new(sink: &'s mut S, page: &'p str) -> Self {
        SinkEmitter {
            sink,
            page,
            run: Stretch::default(),
            kind: None,
            start: TagReader::default(),
            self_closing: false,
            end_name: Vec::new(),
            raw_text_of: Vec::new(),
            text: Vec::new(),
        }
    }

    fn flush_text(&mut self) {
        if let Some(run) = self.run.take() {
            // Tokens split the page at ASCII bytes, so this is a `str`
            // slice; should it not be, the run is dropped, as a copy that is
            // not UTF-8 would be.
            if let Some(text) = self.page.get(run) {
                self.sink.text(text);
            }
            return;
        }
        if self.text.is_empty() {
            return;
        }
        if let Ok(text) = std::str::from_utf8(&self.text) {
            self.sink.text(text);
        }
        self.text.clear();
    }

    fn in_start_tag(&self) -> bool {
        self.kind == Some(TagKind::Start)
    }
}

impl<S: Sink> Emitter for SinkEmitter<'_, '_, S> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.raw_text_of.clear();
        self.raw_text_of
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
    }

    fn emit_error(&mut self, _: Error) {}

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    #[inline]
    fn emit_string(&mut self, s: &[u8]) {
        if !self.sink.wants_text() {
            return;
        }
        if self.text.is_empty() {
            if self.run.extend(self.page, s) {
                return;
            }
            if let Some(run) = self.run.take() {
                self.text.extend_from_slice(&self.page.as_bytes()[run]);
            }
        }
        self.text.extend_from_slice(s);
    }

    fn init_start_tag(&mut self) {
        self.kind = Some(TagKind::Start);
        self.self_closing = false;
        self.start.start();
    }

    fn init_end_tag(&mut self) {
        self.kind = Some(TagKind::End);
        self.end_name.clear();
    }

    fn init_comment(&mut self) {
        self.flush_text();
        self.kind = None;
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        match self.kind.take() {
            Some(TagKind::Start) => {
                let tag = self.start.finish();
                let next = naive_next_state(tag.name().as_bytes());
                self.raw_text_of.clear();
                if next.is_some() {
                    self.raw_text_of.extend_from_slice(tag.name().as_bytes());
                }
                self.sink.start_tag(tag, self.self_closing);
                next
            }
            Some(TagKind::End) => {
                self.raw_text_of.clear();
                // A known element's name is its own: only another needs
                // checking as text.
                let element = Element::of(&self.end_name);
                let name = match element {
                    Element::Other => std::str::from_utf8(&self.end_name).ok(),
                    known => Some(known.name()),
                };
                if let Some(name) = name {
                    self.sink.end_tag(element, name);
                }
                None
            }
            None => None,
        }
    }

    fn emit_current_comment(&mut self) {}

    fn emit_current_doctype(&mut self) {}

    fn set_self_closing(&mut self) {
        self.self_closing = self.in_start_tag();
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        match self.kind {
            Some(TagKind::Start) => self.start.push_name(s),
            Some(TagKind::End) => self.end_name.extend_from_slice(s),
            None => {}
        }
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, _: &[u8]) {}

    fn init_doctype(&mut self) {
        self.flush_text();
        self.kind = None;
    }

    fn init_attribute(&mut self) {
        if self.in_start_tag() {
            self.start.start_attribute();
        }
    }

    fn init_attribute_value(&mut self) {
        if self.in_start_tag() {
            self.start.start_value();
        }
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        if self.in_start_tag() {
            self.start.push_attribute_name(s);
        }
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if self.in_start_tag() {
            self.start.push_attribute_value(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.kind == Some(TagKind::End) && !self.raw_text_of.is_empty() && self.raw_text_of == self.end_name
    }
}

#[cfg(test)]
mod tests;
