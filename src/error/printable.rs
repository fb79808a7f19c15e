//! Outside text in a message (a line of a sources file, an export's cell, a
//! URL, a header, a title, a setting) is hostile: printed as it is, an escape
//! sequence could recolour, clear or retitle the user's terminal, and a bidi
//! override could make `evil.test/moc.elpmaxe` read as another URL. Messages
//! show such characters as Rust escapes (`\u{1b}`), so the user sees what
//! the input holds and where; reports of pages remove them instead
//! (`report::sanitize`), since a cell has no room for them.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` may not reach a terminal as it is: C0 and C1 controls, DEL,
/// bidi embeddings and overrides (U+202A–U+202E) and isolates
/// (U+2066–U+2069). The plain marks (LRM, RLM, ALM) stay: right-to-left text
/// needs them and they cannot reorder a run of text.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [unsafe](is_unsafe_char) character written as a Rust
/// escape (`\u{1b}`), tabs and line breaks included: a message is one line,
/// and a line break from outside could forge another.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "cannot read `links – Gartengeräte 園芸.txt`: مرحبا\u{200f}";
        assert!(matches!(printable(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_show_as_escapes() {
        assert_eq!(
            printable("`\u{1b}[31mnot a url\u{1b}]0;pwned\u{7}`"),
            r"`\u{1b}[31mnot a url\u{1b}]0;pwned\u{7}`"
        );
    }

    #[test]
    fn del_c1_and_line_breaks_show_as_escapes() {
        assert_eq!(printable("a\u{7f}b\u{9b}c\u{85}d"), r"a\u{7f}b\u{9b}c\u{85}d");
        assert_eq!(
            printable("a\nerror: forged\tb\r"),
            r"a\u{a}error: forged\u{9}b\u{d}"
        );
    }

    #[test]
    fn bidi_overrides_and_isolates_show_as_escapes() {
        assert_eq!(
            printable("evil.test/\u{202e}moc.elpmaxe"),
            r"evil.test/\u{202e}moc.elpmaxe"
        );
        assert_eq!(
            printable("\u{202a}a\u{2066}b\u{2069}"),
            r"\u{202a}a\u{2066}b\u{2069}"
        );
        assert_eq!(printable("a\u{200e}b"), "a\u{200e}b", "marks stay");
    }

    proptest! {
        #[test]
        fn output_never_holds_an_unsafe_character(text in "(\\PC|\\pC|\u{1b}[\\[\\]]|\u{202e})*") {
            let out = printable(&text);
            prop_assert!(!out.chars().any(is_unsafe_char), "{:?} -> {:?}", text, out);
        }

        #[test]
        fn safe_text_is_unchanged(text in "\\PC*") {
            prop_assume!(!text.chars().any(is_unsafe_char));
            prop_assert_eq!(printable(&text), text.as_str());
        }
    }
}
