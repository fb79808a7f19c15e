//! A start tag as the tokenizer hands it over, piece by piece: its name, then
//! each attribute's name and value. [`TagReader`] gathers the pieces into one
//! reused buffer, keeping only the attributes some rule reads
//! ([`Attr`], and `data-*`); [`StartTag`] is the finished tag the pass reads.

use super::elements::Element;
use std::ops::Range;

/// Attributes a tag keeps; later ones are dropped, so that reading a tag's
/// attributes (first one wins, as in a tree builder) stays bounded on a
/// hostile tag with a million of them.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// The attributes the rules read by name; every other one but `data-*` is
/// skipped as it is tokenized, never copied ([`kept`]). A tag finds each of
/// these in one step ([`StartTag::attr`]), as every element's are asked for.
///
/// - `href`, `rel`, `alt`: links, their images, `<base>`, `<link rel=canonical>`;
/// - `name`, `content`, `property`: `<meta>` directives, stated URL, AdSense;
/// - `hidden`, `style`: hidden links;
/// - `class`, `id`, `role`, `itemtype`, `itemprop`: landmarks, comment
///   areas, disclosure boxes, ad slots;
/// - `src` (and `data-*`): tracking IDs of tags, frames and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attr {
    Href,
    Rel,
    Alt,
    Name,
    Content,
    Property,
    Hidden,
    Style,
    Class,
    Id,
    Role,
    Itemtype,
    Itemprop,
    Src,
}

impl Attr {
    const COUNT: usize = 14;

    fn of(name: &[u8]) -> Option<Attr> {
        Some(match name {
            b"href" => Attr::Href,
            b"rel" => Attr::Rel,
            b"alt" => Attr::Alt,
            b"name" => Attr::Name,
            b"content" => Attr::Content,
            b"property" => Attr::Property,
            b"hidden" => Attr::Hidden,
            b"style" => Attr::Style,
            b"class" => Attr::Class,
            b"id" => Attr::Id,
            b"role" => Attr::Role,
            b"itemtype" => Attr::Itemtype,
            b"itemprop" => Attr::Itemprop,
            b"src" => Attr::Src,
            _ => return None,
        })
    }
}

/// Where a kept attribute goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Named(Attr),
    /// `data-*`, read by the tracking-ID scan of a few elements.
    Data,
}

/// The slot of attribute `name`, if some rule reads it.
fn kept(name: &[u8]) -> Option<Slot> {
    match Attr::of(name) {
        Some(attr) => Some(Slot::Named(attr)),
        None => name.starts_with(b"data-").then_some(Slot::Data),
    }
}

/// Index of each named attribute in a tag's list, plus one (0: absent).
type NamedIndex = [u16; Attr::COUNT];

/// The attribute being read.
#[derive(Default, Clone)]
enum Reading {
    #[default]
    Nothing,
    /// Its name, from `start` to the end of the buffer.
    Name { start: usize },
    /// Its value, from `start` to the end of the buffer.
    Value {
        slot: Slot,
        name: Range<usize>,
        start: usize,
    },
    /// Not read by any rule, a repeat, or over the cap: dropped.
    Skipped,
}

/// Collects the pieces of the start tag being read.
#[derive(Default)]
pub(crate) struct TagReader {
    /// Name and kept attribute names and values, one after the other.
    bytes: Vec<u8>,
    name_end: usize,
    attributes: Vec<(Range<usize>, Range<usize>)>,
    named: NamedIndex,
    reading: Reading,
}

impl TagReader {
    pub(crate) fn start(&mut self) {
        self.bytes.clear();
        self.attributes.clear();
        self.named = NamedIndex::default();
        self.name_end = 0;
        self.reading = Reading::Nothing;
    }

    /// More of the tag's name, which the tokenizer gives before any attribute.
    pub(crate) fn push_name(&mut self, name: &[u8]) {
        self.bytes.extend_from_slice(name);
        self.name_end = self.bytes.len();
    }

    pub(crate) fn start_attribute(&mut self) {
        self.finish_attribute();
        self.reading = Reading::Name {
            start: self.bytes.len(),
        };
    }

    pub(crate) fn push_attribute_name(&mut self, name: &[u8]) {
        if let Reading::Name { .. } = self.reading {
            self.bytes.extend_from_slice(name);
        }
    }

    /// The name is whole: from here on, the value.
    pub(crate) fn start_value(&mut self) {
        if let Reading::Name { start } = self.reading {
            let end = self.bytes.len();
            self.reading = match self.keep(start) {
                Some(slot) => Reading::Value {
                    slot,
                    name: start..end,
                    start: end,
                },
                None => Reading::Skipped,
            };
        }
    }

    pub(crate) fn push_attribute_value(&mut self, value: &[u8]) {
        if let Reading::Value { .. } = self.reading {
            self.bytes.extend_from_slice(value);
        }
    }

    /// Where the attribute whose name starts at `start` is kept: none when
    /// no rule reads it, it repeats one (the first one wins) or the tag has
    /// [`MAX_ATTRIBUTES`]; then its name leaves the buffer.
    fn keep(&mut self, start: usize) -> Option<Slot> {
        let name = &self.bytes[start..];
        let slot = kept(name).filter(|slot| {
            self.attributes.len() < MAX_ATTRIBUTES
                && match slot {
                    Slot::Named(attr) => self.named[*attr as usize] == 0,
                    Slot::Data => !self
                        .attributes
                        .iter()
                        .any(|(seen, _)| &self.bytes[seen.clone()] == name),
                }
        });
        if slot.is_none() {
            self.bytes.truncate(start);
        }
        slot
    }

    /// Ends the attribute being read; one without a value has the empty value.
    fn finish_attribute(&mut self) {
        let (slot, name, value) = match std::mem::take(&mut self.reading) {
            Reading::Name { start } => {
                let Some(slot) = self.keep(start) else { return };
                let end = self.bytes.len();
                (slot, start..end, end..end)
            }
            Reading::Value { slot, name, start } => (slot, name, start..self.bytes.len()),
            Reading::Nothing | Reading::Skipped => return,
        };
        self.attributes.push((name, value));
        if let Slot::Named(attr) = slot {
            // At most MAX_ATTRIBUTES, far below u16::MAX.
            self.named[attr as usize] = self.attributes.len() as u16;
        }
    }

    /// The whole tag. The tokenizer decodes into UTF-8, so this is text;
    /// should it not be, the tag reads as nameless.
    pub(crate) fn finish(&mut self) -> StartTag<'_> {
        self.finish_attribute();
        let element = Element::of(&self.bytes[..self.name_end]);
        StartTag {
            element,
            text: std::str::from_utf8(&self.bytes).unwrap_or(""),
            name_end: self.name_end,
            attributes: &self.attributes,
            named: &self.named,
        }
    }
}

/// A start tag: name and attributes, lowercase names as the tokenizer gives them.
#[derive(Clone, Copy)]
pub(crate) struct StartTag<'a> {
    element: Element,
    text: &'a str,
    /// Where the name ends in `text` (it starts it).
    name_end: usize,
    attributes: &'a [(Range<usize>, Range<usize>)],
    named: &'a NamedIndex,
}

impl<'a> StartTag<'a> {
    /// A tag without attributes: one that tree construction implies.
    pub(crate) fn bare(name: &'a str) -> StartTag<'a> {
        StartTag {
            element: Element::of(name.as_bytes()),
            text: name,
            name_end: name.len(),
            attributes: &[],
            named: &[0; Attr::COUNT],
        }
    }

    /// The element its name names, looked up once.
    pub(crate) fn element(&self) -> Element {
        self.element
    }

    pub(crate) fn name(&self) -> &'a str {
        self.text.get(..self.name_end).unwrap_or("")
    }

    /// Whether it kept no attribute: most elements of a page.
    pub(crate) fn is_bare(&self) -> bool {
        self.attributes.is_empty()
    }

    /// The value of attribute `attr`.
    pub(crate) fn attr(&self, attr: Attr) -> Option<&'a str> {
        let at = usize::from(self.named[attr as usize]).checked_sub(1)?;
        self.text.get(self.attributes.get(at)?.1.clone())
    }

    /// The `data-*` attributes, in source order.
    pub(crate) fn data(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.attrs().filter(|(name, _)| name.starts_with("data-"))
    }

    /// Tests: the value of attribute `name`, named or `data-*`.
    #[cfg(test)]
    pub(crate) fn attr_named(&self, name: &str) -> Option<&'a str> {
        self.attrs().find(|&(n, _)| n == name).map(|(_, value)| value)
    }

    /// Every kept attribute, each name once, in source order.
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
    use super::emitter::{Sink, SinkEmitter};
    struct First<'a, T, F> {
        attribute: &'a str,
        check: Option<F>,
        found: Option<T>,
    }
    impl<T, F: FnOnce(StartTag<'_>) -> T> Sink for First<'_, T, F> {
        fn start_tag(&mut self, tag: StartTag<'_>, _: bool) {
            if tag.attr_named(self.attribute).is_some() {
                if let Some(check) = self.check.take() {
                    self.found = Some(check(tag));
                }
            }
        }
        fn end_tag(&mut self, _: Element, _: &str) {}
        fn text(&mut self, _: &str) {}
        fn wants_text(&self) -> bool {
            false
        }
    }
    let mut first = First {
        attribute,
        check: Some(check),
        found: None,
    };
    let _ = html5gum::Tokenizer::new_with_emitter(html, SinkEmitter::new(&mut first, html)).finish();
    first
        .found
        .unwrap_or_else(|| panic!("no tag with {attribute} in {html}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader fed as the tokenizer feeds it: a value may come in pieces.
    fn read(name: &str, attributes: &[(&str, Option<&str>)]) -> TagReader {
        let mut reader = TagReader::default();
        reader.start();
        reader.push_name(name.as_bytes());
        for (name, value) in attributes {
            reader.start_attribute();
            reader.push_attribute_name(name.as_bytes());
            if let Some(value) = value {
                reader.start_value();
                let (head, tail) = value.split_at(value.len() / 2);
                reader.push_attribute_value(head.as_bytes());
                reader.push_attribute_value(tail.as_bytes());
            }
        }
        reader
    }

    #[test]
    fn first_attribute_of_a_name_wins_and_bare_ones_are_empty() {
        let mut reader = read("a", &[("href", Some("x")), ("hidden", None), ("href", Some("y"))]);
        let tag = reader.finish();
        assert_eq!(tag.name(), "a");
        assert_eq!(tag.attr(Attr::Href), Some("x"));
        assert_eq!(tag.attr(Attr::Hidden), Some(""));
        assert_eq!(tag.attr(Attr::Rel), None);
        assert_eq!(tag.attrs().count(), 2);
    }

    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let names: Vec<String> = (0..MAX_ATTRIBUTES + 10).map(|i| format!("data-{i}")).collect();
        let attributes: Vec<(&str, Option<&str>)> = names.iter().map(|n| (n.as_str(), Some("v"))).collect();
        let mut reader = read("div", &attributes);
        let tag = reader.finish();
        assert_eq!(tag.attrs().count(), MAX_ATTRIBUTES);
        assert_eq!(tag.attr_named(&names[MAX_ATTRIBUTES]), None);
    }

    #[test]
    fn attributes_no_rule_reads_are_not_kept() {
        let mut reader = read(
            "a",
            &[
                ("onclick", Some("go()")),
                ("href", Some("https://example.org/")),
                ("title", None),
                ("aria-label", Some("x")),
                ("rel", Some("nofollow")),
                ("data-id", Some("7")),
            ],
        );
        let tag = reader.finish();
        let kept: Vec<_> = tag.attrs().collect();
        assert_eq!(
            kept,
            [
                ("href", "https://example.org/"),
                ("rel", "nofollow"),
                ("data-id", "7")
            ]
        );
    }

    #[test]
    fn skipped_attributes_do_not_count_towards_the_cap() {
        let names: Vec<String> = (0..MAX_ATTRIBUTES * 4).map(|i| format!("x{i}")).collect();
        let mut attributes: Vec<(&str, Option<&str>)> =
            names.iter().map(|n| (n.as_str(), Some("v"))).collect();
        attributes.push(("href", Some("kept")));
        let mut reader = read("a", &attributes);
        assert_eq!(reader.finish().attr(Attr::Href), Some("kept"));
    }
}
