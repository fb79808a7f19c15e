//! Counting the words and characters of a page's visible text while keeping
//! a collapsed copy of it (for the spam terms). This runs over every text
//! node of every judged page, a million on a large site's documentation: most
//! are a few bytes, so the per-node work is kept small, and ASCII goes eight
//! bytes at a time where it can.

/// Words, characters (white space excluded) and the text so far.
#[derive(Debug, Default)]
pub(crate) struct TextStats {
    pub words: usize,
    pub chars: usize,
    /// The text, every white space run and word-ending element edge as one
    /// space. Only `str` pieces and ASCII go in, so it stays UTF-8. The last
    /// text ended inside a word when this ends with anything but a space: so
    /// `foo<b>bar</b>` is one word.
    text: Vec<u8>,
}

impl TextStats {
    /// An element edge that ends a word (`<li>a</li><li>b</li>` is two words).
    pub(crate) fn boundary(&mut self) {
        if self.text.last().is_some_and(|&b| b != b' ') {
            self.text.push(b' ');
        }
    }

    /// Adds a text node; returns how many characters (not white space) it had.
    /// ASCII runs take the byte loop; only the characters past ASCII (a
    /// typographic quote in an English paragraph) take the slower one.
    pub(crate) fn add(&mut self, text: &str) -> usize {
        if text.is_ascii() {
            return self.add_ascii(text.as_bytes());
        }
        let mut chars = 0;
        let mut rest = text;
        while !rest.is_empty() {
            let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            // ASCII bytes are character boundaries: both splits are sound.
            let (run, after) = rest.split_at(ascii);
            chars += self.add_ascii(run.as_bytes());
            let other = after.bytes().position(|b| b.is_ascii()).unwrap_or(after.len());
            let (run, after) = after.split_at(other);
            chars += self.add_chars(run);
            rest = after;
        }
        chars
    }

    fn add_ascii(&mut self, text: &[u8]) -> usize {
        if text.is_empty() {
            return 0;
        }
        let mut cursor = Cursor {
            end: 0,
            chars: 0,
            words: 0,
            last_white: self.ends_word(),
        };
        let start = self.text.len();
        self.text.resize(start + text.len(), 0);
        let out = &mut self.text[start..];
        let (words8, tail) = text.as_chunks::<8>();
        for (word, at) in words8.iter().zip((0..).step_by(8)) {
            if !cursor.word(out, word) {
                for (&byte, i) in word.iter().zip(at..) {
                    cursor.byte(out, byte, i);
                }
            }
        }
        for (&byte, i) in tail.iter().zip(text.len() - tail.len()..) {
            cursor.byte(out, byte, i);
        }
        self.text.truncate(start + cursor.end);
        self.chars += cursor.chars;
        self.words += cursor.words;
        cursor.chars
    }

    fn add_chars(&mut self, text: &str) -> usize {
        let mut chars = 0;
        let mut buffer = [0; 4];
        for c in text.chars() {
            if c.is_whitespace() {
                self.boundary();
            } else {
                chars += 1;
                self.words += usize::from(self.ends_word());
                self.text.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
        self.chars += chars;
        chars
    }

    /// Whether the next letter starts a new word: the text is empty or ends
    /// with a space.
    fn ends_word(&self) -> bool {
        self.text.last().is_none_or(|&b| b == b' ')
    }

    /// The text, without the space an element edge may have left at its end.
    pub(crate) fn into_text(mut self) -> String {
        if self.text.last() == Some(&b' ') {
            self.text.pop();
        }
        String::from_utf8(self.text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Where [`TextStats::add_ascii`] writes its input's collapsed copy, and what
/// it counted so far. `end` trails the input position by the white space
/// dropped, so a write at `end` never passes the byte being read.
struct Cursor {
    end: usize,
    chars: usize,
    words: usize,
    last_white: bool,
}

impl Cursor {
    /// The byte at input position `at`. Every byte is written where the next
    /// one goes, and the end moves on unless it is white space after white
    /// space: no branch and no capacity check per byte, as `push` would have.
    #[inline(always)]
    fn byte(&mut self, out: &mut [u8], byte: u8, at: usize) {
        let white = is_white(byte);
        out[self.end.min(at)] = if white { b' ' } else { byte };
        self.end += usize::from(!(white & self.last_white));
        self.chars += usize::from(!white);
        self.words += usize::from(!white & self.last_white);
        self.last_white = white;
    }

    /// Eight bytes at once, unless white space follows white space among
    /// them (false: then nothing was done).
    #[inline(always)]
    fn word(&mut self, out: &mut [u8], word: &[u8; 8]) -> bool {
        let x = u64::from_le_bytes(*word);
        let white = white_bytes(x);
        let after_white = (white << 8) | (u64::from(self.last_white) << 7);
        if white & after_white != 0 {
            return false;
        }
        // Each byte stays, white space as a space.
        let spaces = (white >> 7) * 0xff;
        let kept = (x & !spaces) | (SPACES & spaces);
        out[self.end..self.end + 8].copy_from_slice(&kept.to_le_bytes());
        self.end += 8;
        self.chars += 8 - white.count_ones() as usize;
        self.words += (!white & HIGH & after_white).count_ones() as usize;
        self.last_white = white >> 63 != 0;
        true
    }
}

/// ASCII white space, as `char::is_whitespace` sees it.
fn is_white(byte: u8) -> bool {
    (byte == b' ') | (byte.wrapping_sub(0x09) < 5)
}

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
const SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// [`is_white`] for each of eight ASCII bytes at once: the high bit of each
/// white-space byte set, every other bit clear. Every step stays within its
/// byte (no carry or borrow crosses), so the answer is exact.
fn white_bytes(x: u64) -> u64 {
    // A space: the byte XOR 0x20 is zero.
    let y = x ^ SPACES;
    let nonzero = (((y & !HIGH) + !HIGH) | y) & HIGH;
    let space = !nonzero & HIGH;
    // 0x09..=0x0d: with the high bit set first, b - 9 keeps it iff b >= 9,
    // and then b - 9 - 5 clears it iff b - 9 < 5.
    let from_tab = (x | HIGH) - ONES * 0x09;
    let past_cr = from_tab - ONES * 0x05;
    space | (from_tab & !past_cr & HIGH)
}

/// Appends one space unless `out` is empty or already ends with one.
pub(crate) fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious character-by-character version the fast one must agree with.
    fn slow(pieces: &[Option<&str>]) -> (usize, usize, String) {
        let (mut words, mut chars, mut text, mut in_word) = (0, 0, String::new(), false);
        for piece in pieces {
            match piece {
                None => {
                    in_word = false;
                    push_space(&mut text);
                }
                Some(piece) => {
                    for c in piece.chars() {
                        if c.is_whitespace() {
                            in_word = false;
                            push_space(&mut text);
                        } else {
                            chars += 1;
                            words += usize::from(!in_word);
                            in_word = true;
                            text.push(c);
                        }
                    }
                }
            }
        }
        if text.ends_with(' ') {
            text.pop();
        }
        (words, chars, text)
    }

    /// Text nodes (`Some`) and word-ending element edges (`None`).
    fn fast(pieces: &[Option<&str>]) -> (usize, usize, String) {
        let mut stats = TextStats::default();
        for piece in pieces {
            match piece {
                None => stats.boundary(),
                Some(piece) => {
                    stats.add(piece);
                }
            }
        }
        (stats.words, stats.chars, stats.into_text())
    }

    #[test]
    fn words_join_across_inline_edges_and_split_on_block_edges() {
        let pieces = [Some("foo"), Some("bar"), None, Some("baz")];
        assert_eq!(fast(&pieces), (2, 9, "foobar baz".to_string()));
        let pieces = [Some("one "), Some(" two"), Some("\n\tthree  four\u{a0}five ")];
        assert_eq!(fast(&pieces), (5, 19, "one two three four five".to_string()));
    }

    #[test]
    fn non_ascii_text_counts_characters_not_bytes() {
        assert_eq!(
            fast(&[Some("Grüße\u{3000}東京")]),
            (2, 7, "Grüße 東京".to_string())
        );
    }

    #[test]
    fn add_returns_the_characters_of_the_node() {
        let mut stats = TextStats::default();
        assert_eq!(stats.add("  ab c "), 3);
        assert_eq!(stats.add(""), 0);
    }

    #[test]
    fn white_bytes_agrees_with_is_white_on_every_ascii_byte() {
        for byte in 0..0x80u8 {
            for at in 0..8 {
                // The byte among others of every kind, so a carry or borrow
                // crossing bytes would show.
                let mut word = [0x7f, 0x00, b' ', 0x09, 0x0d, 0x0e, b'a', 0x08];
                word[at] = byte;
                let white = white_bytes(u64::from_le_bytes(word)).to_le_bytes();
                for (i, &b) in word.iter().enumerate() {
                    assert_eq!(white[i] == 0x80, is_white(b), "{b:#x} at {i} of {word:x?}");
                    assert!(white[i] == 0x80 || white[i] == 0, "{word:x?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn fast_agrees_with_slow(
            pieces in prop::collection::vec(
                prop::option::weighted(0.8, "[ a\t\n\r\u{b}\u{c}\u{1c}\u{a0}\u{2003}é東x]{0,40}"),
                0..8,
            )
        ) {
            let pieces: Vec<Option<&str>> = pieces.iter().map(|p| p.as_deref()).collect();
            prop_assert_eq!(fast(&pieces), slow(&pieces));
        }

        #[test]
        fn fast_agrees_with_slow_on_long_ascii(
            pieces in prop::collection::vec(prop::option::weighted(0.9, "[ a\t\n\rx.]{0,70}"), 0..6)
        ) {
            let pieces: Vec<Option<&str>> = pieces.iter().map(|p| p.as_deref()).collect();
            prop_assert_eq!(fast(&pieces), slow(&pieces));
        }
    }
}
