//! A start tag as the tokenizer hands it over, piece by piece: its name, then
//! each attribute's name and value. [`TagReader`] gathers the pieces into one
//! reused buffer; [`StartTag`] is the finished tag the pass reads.

use std::ops::Range;

/// Attributes a tag keeps; later ones are dropped, so that reading a tag's
/// attributes (first one wins, as in a tree builder) stays bounded on a
/// hostile tag with a million of them.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// Collects the pieces of the start tag being read.
#[derive(Default)]
pub(crate) struct TagReader {
    /// Name and attribute names and values, one after the other.
    bytes: Vec<u8>,
    name: Range<usize>,
    attributes: Vec<(Range<usize>, Range<usize>)>,
    /// The attribute being read is a repeat or over the cap: dropped.
    skipping: bool,
}

impl TagReader {
    pub(crate) fn start(&mut self, name: &[u8]) {
        self.bytes.clear();
        self.attributes.clear();
        self.bytes.extend_from_slice(name);
        self.name = 0..name.len();
        self.skipping = false;
    }

    pub(crate) fn attribute_name(&mut self, name: &[u8]) {
        let repeated = self
            .attributes
            .iter()
            .any(|(seen, _)| &self.bytes[seen.clone()] == name);
        self.skipping = repeated || self.attributes.len() == MAX_ATTRIBUTES;
        if self.skipping {
            return;
        }
        let start = self.bytes.len();
        self.bytes.extend_from_slice(name);
        let end = self.bytes.len();
        self.attributes.push((start..end, end..end));
    }

    /// The value of the attribute just named; an attribute without one has
    /// the empty value.
    pub(crate) fn attribute_value(&mut self, value: &[u8]) {
        if self.skipping {
            return;
        }
        let start = self.bytes.len();
        self.bytes.extend_from_slice(value);
        let end = self.bytes.len();
        if let Some((_, range)) = self.attributes.last_mut() {
            *range = start..end;
        }
    }

    /// The tag read so far. The tokenizer decodes into UTF-8, so this is text;
    /// should it not be, the tag reads as nameless.
    pub(crate) fn tag(&self) -> StartTag<'_> {
        StartTag {
            text: std::str::from_utf8(&self.bytes).unwrap_or(""),
            name_end: self.name.end,
            attributes: &self.attributes,
        }
    }
}

/// A start tag: name and attributes, lowercase names as the tokenizer gives them.
#[derive(Clone, Copy)]
pub(crate) struct StartTag<'a> {
    text: &'a str,
    /// Where the name ends in `text` (it starts it).
    name_end: usize,
    attributes: &'a [(Range<usize>, Range<usize>)],
}

impl<'a> StartTag<'a> {
    pub(crate) fn name(&self) -> &'a str {
        self.text.get(..self.name_end).unwrap_or("")
    }

    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs().find(|&(n, _)| n == name).map(|(_, value)| value)
    }

    /// Every attribute, each name once, in source order.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let text = self.text;
        self.attributes.iter().map(move |(name, value)| {
            (
                text.get(name.clone()).unwrap_or(""),
                text.get(value.clone()).unwrap_or(""),
            )
        })
    }
}

/// Tests: `check` on the first start tag of `html` with attribute `attribute`.
#[cfg(test)]
pub(crate) fn with_first_tag<T>(html: &str, attribute: &str, check: impl FnOnce(StartTag<'_>) -> T) -> T {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    use html5gum::{Span, Tokenizer};
    let mut found: Option<TagReader> = None;
    let mut reader = TagReader::default();
    let emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, _: Span<()>| -> Option<std::convert::Infallible> {
            match event {
                CallbackEvent::OpenStartTag { name } => reader.start(name),
                CallbackEvent::AttributeName { name } => reader.attribute_name(name),
                CallbackEvent::AttributeValue { value } => reader.attribute_value(value),
                CallbackEvent::CloseStartTag { .. }
                    if found.is_none() && reader.tag().attr(attribute).is_some() =>
                {
                    found = Some(std::mem::take(&mut reader));
                }
                _ => {}
            }
            None
        },
    );
    let _ = Tokenizer::new_with_emitter(html, emitter).finish();
    let found = found.unwrap_or_else(|| panic!("no tag with {attribute} in {html}"));
    check(found.tag())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, attributes: &[(&str, Option<&str>)]) -> TagReader {
        let mut reader = TagReader::default();
        reader.start(name.as_bytes());
        for (name, value) in attributes {
            reader.attribute_name(name.as_bytes());
            if let Some(value) = value {
                reader.attribute_value(value.as_bytes());
            }
        }
        reader
    }

    #[test]
    fn first_attribute_of_a_name_wins_and_bare_ones_are_empty() {
        let reader = read("a", &[("href", Some("x")), ("hidden", None), ("href", Some("y"))]);
        let tag = reader.tag();
        assert_eq!(tag.name(), "a");
        assert_eq!(tag.attr("href"), Some("x"));
        assert_eq!(tag.attr("hidden"), Some(""));
        assert_eq!(tag.attr("rel"), None);
        assert_eq!(tag.attrs().count(), 2);
    }

    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let names: Vec<String> = (0..MAX_ATTRIBUTES + 10).map(|i| format!("data-{i}")).collect();
        let attributes: Vec<(&str, Option<&str>)> = names.iter().map(|n| (n.as_str(), Some("v"))).collect();
        let reader = read("div", &attributes);
        assert_eq!(reader.tag().attrs().count(), MAX_ATTRIBUTES);
        assert_eq!(reader.tag().attr(&names[MAX_ATTRIBUTES]), None);
    }
}
