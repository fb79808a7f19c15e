//! Text from pages is hostile: nothing from a page may reach a terminal, a
//! Markdown table or a spreadsheet cell as a control character or an escape
//! sequence. Reports remove them (a cell has no room for `\u{1b}`); messages
//! on standard error show them as escapes instead (`error::printable`). Which
//! characters are unsafe is said once, by `error::is_unsafe_char`.

use crate::error::is_unsafe_char;
use std::borrow::Cow;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// String Terminator, the 8-bit form (the 7-bit form is `ESC \`).
const ST: char = '\u{9c}';

/// Removes C0 and C1 control characters and ANSI/VT escape sequences (CSI, OSC,
/// and lone ESC sequences); tabs and newlines become spaces. Unicode bidi
/// overrides and isolates go too: they can make `evil.com/moc.elpmaxe` display
/// as a different URL.
///
/// An escape sequence is removed whole, so `ESC [31m` leaves nothing behind.
/// A string sequence (OSC, DCS, ...) without its terminator loses only its
/// introducer: with every control gone, the text after it is inert, and an
/// undefined windows-1252 byte (decoded as U+009D) must not eat a title.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    clean(text, Layout::Spaces)
}

/// As [`terminal_safe`], for a CSV cell: tabs and line feeds stay (quoted
/// CSV holds them, and they move a terminal showing the file no further than
/// the next tab stop or line); a carriage return goes (a lone one would let
/// the rest of its line overwrite the start), so CRLF becomes LF.
pub fn cell_safe(text: &str) -> Cow<'_, str> {
    clean(text, Layout::Kept)
}

/// What becomes of tabs and line breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Each becomes a space: the text is one line.
    Spaces,
    /// Tabs and line feeds stay; carriage returns go.
    Kept,
}

fn clean(text: &str, layout: Layout) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    // Once a search for a string terminator fails, later ones would too:
    // remembering it keeps hostile text linear.
    let mut terminator_ahead = true;
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' if layout == Layout::Kept => out.push(c),
            '\r' if layout == Layout::Kept => {}
            '\t' | '\n' | '\r' => out.push(' '),
            ESC => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_control_sequence(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string_sequence(&mut chars, &mut terminator_ahead);
                }
                Some('\u{20}'..='\u{7e}') => skip_escape_sequence(&mut chars),
                // A lone ESC: dropped, and what follows is read as text.
                _ => {}
            },
            '\u{9b}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                skip_string_sequence(&mut chars, &mut terminator_ahead);
            }
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// CSI: parameter and intermediate bytes (0x20–0x3F) up to a final byte
/// (0x40–0x7E). Anything else ends the sequence and is read as text again.
fn skip_control_sequence(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// OSC, DCS, SOS, PM, APC: everything up to BEL or ST (`ESC \` or U+009C),
/// when one follows.
fn skip_string_sequence(chars: &mut Chars<'_>, terminator_ahead: &mut bool) {
    if !*terminator_ahead {
        return;
    }
    let mut ahead = chars.clone();
    while let Some(c) = ahead.next() {
        let terminated = match c {
            BEL | ST => true,
            ESC if ahead.peek() == Some(&'\\') => {
                ahead.next();
                true
            }
            _ => false,
        };
        if terminated {
            *chars = ahead;
            return;
        }
    }
    *terminator_ahead = false;
}

/// After ESC: intermediate bytes (0x20–0x2F), then one final byte (0x30–0x7E),
/// as in `ESC ( B` or `ESC c`.
fn skip_escape_sequence(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{20}'..='\u{2f}' => {
                chars.next();
            }
            '\u{30}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn clean(text: &str) -> String {
        terminal_safe(text).into_owned()
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Garden tools – beste Gartengeräte 園芸 مرحبا\u{200f}";
        assert!(matches!(terminal_safe(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn white_space_controls_become_spaces() {
        assert_eq!(clean("a\tb\nc\rd"), "a b c d");
    }

    #[test]
    fn other_c0_del_and_c1_controls_are_removed() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{8}d\u{7f}e\u{85}f\u{9c}g"), "abcdefg");
    }

    #[test]
    fn a_cell_keeps_tabs_and_line_feeds_but_no_carriage_return() {
        assert_eq!(cell_safe("a\tb\r\nc\rd"), "a\tb\ncd");
        assert_eq!(cell_safe("a\u{1b}[31m\nb\u{7}\u{202e}"), "a\nb");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(clean("a\u{1b}[2J\u{1b}[1;1Hb"), "ab");
        assert_eq!(clean("a\u{1b}[?25lb"), "ab");
        assert_eq!(clean("a\u{9b}31mb"), "ab", "8-bit CSI");
    }

    #[test]
    fn a_csi_cut_short_keeps_the_text_after_it() {
        assert_eq!(clean("a\u{1b}[31"), "a");
        assert_eq!(clean("a\u{1b}[3é"), "aé");
    }

    #[test]
    fn osc_sequences_are_removed_up_to_their_terminator() {
        assert_eq!(clean("a\u{1b}]0;title\u{7}b"), "ab", "BEL");
        assert_eq!(
            clean("a\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb",
            "ST"
        );
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab", "8-bit OSC and ST");
        assert_eq!(clean("a\u{1b}Pq#0\u{1b}\\b"), "ab", "DCS");
    }

    #[test]
    fn an_unterminated_string_sequence_loses_only_its_introducer() {
        assert_eq!(clean("a\u{1b}]0;title and more"), "a0;title and more");
        assert_eq!(clean("caf\u{9d} au lait"), "caf au lait");
        assert_eq!(
            clean("\u{9d}a\u{9d}0;t\u{7}b"),
            "b",
            "the first runs to the terminator"
        );
    }

    #[test]
    fn many_unterminated_introducers_take_linear_time() {
        // Quadratic rescanning would make this test hang, not fail.
        let text = "\u{9d}x".repeat(50_000);
        assert_eq!(clean(&text), "x".repeat(50_000));
    }

    #[test]
    fn other_escape_sequences_are_removed() {
        assert_eq!(clean("a\u{1b}cb"), "ab", "reset");
        assert_eq!(clean("a\u{1b}(Bb"), "ab", "charset designation");
        assert_eq!(clean("a\u{1b}"), "a", "ESC at the end");
        assert_eq!(clean("a\u{1b}\u{1b}[1mb"), "ab", "ESC ESC");
        assert_eq!(clean("a\u{1b}éb"), "aéb", "ESC before a non-ASCII letter");
        assert_eq!(clean("a\u{1b}\nb"), "a b", "ESC before a newline");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_removed() {
        let spoof = "https://evil.com/\u{202e}moc.elpmaxe";
        assert_eq!(clean(spoof), "https://evil.com/moc.elpmaxe");
        assert_eq!(clean("\u{202a}a\u{202c}\u{2066}b\u{2069}"), "ab");
        assert_eq!(clean("a\u{200e}b"), "a\u{200e}b", "marks stay");
    }

    fn forbidden(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }

    proptest! {
        #[test]
        fn output_never_holds_a_control_character(text in "(\\PC|\\pC|\u{1b}[\\[\\]P(]|\u{9b})*") {
            let out = terminal_safe(&text);
            prop_assert!(!out.chars().any(forbidden), "{:?} -> {:?}", text, out);
        }

        #[test]
        fn printable_text_is_unchanged(text in "\\PC*") {
            prop_assert_eq!(terminal_safe(&text), text.as_str());
        }
    }
}
