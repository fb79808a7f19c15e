//! Counting the words and characters of a page's visible text while keeping
//! a collapsed copy of it (for the spam terms). This runs over every byte of
//! text of every judged page, so it works on runs, not characters: most text
//! nodes are a few words between single spaces, copied in one piece.

/// Words, characters (white space excluded) and the text so far.
#[derive(Debug, Default)]
pub(crate) struct TextStats {
    pub words: usize,
    pub chars: usize,
    /// The text, every white space run and word-ending element edge as one space.
    pub text: String,
    /// The last text seen ended inside a word (`foo<b>bar</b>` is one word).
    in_word: bool,
}

impl TextStats {
    /// An element edge that ends a word (`<li>a</li><li>b</li>` is two words).
    pub(crate) fn boundary(&mut self) {
        self.in_word = false;
        push_space(&mut self.text);
    }

    /// Adds a text node; returns how many characters (not white space) it had.
    pub(crate) fn add(&mut self, text: &str) -> usize {
        let bytes = text.as_bytes();
        let (mut at, mut chars) = (0, 0);
        // The part of `text` not yet copied: words with single spaces between.
        let mut span: Option<(usize, usize)> = None;
        while at < bytes.len() {
            let white_start = at;
            while let Some(width) = white_width(text, at) {
                at += width;
            }
            if at > white_start {
                self.in_word = false;
            }
            if at == bytes.len() {
                break;
            }
            let word_start = at;
            while at < bytes.len() && white_width(text, at).is_none() {
                at += 1;
            }
            let word = &text[word_start..at];
            chars += if word.is_ascii() {
                word.len()
            } else {
                word.chars().count()
            };
            let new_word = !self.in_word;
            self.words += usize::from(new_word);
            let one_space = word_start == white_start + 1 && bytes[white_start] == b' ';
            span = match span {
                Some((start, _)) if one_space => Some((start, at)),
                _ => {
                    if let Some((start, end)) = span {
                        self.text.push_str(&text[start..end]);
                    }
                    if new_word {
                        push_space(&mut self.text);
                    }
                    Some((word_start, at))
                }
            };
            self.in_word = true;
        }
        if let Some((start, end)) = span {
            self.text.push_str(&text[start..end]);
        }
        self.chars += chars;
        chars
    }

    /// The text without the space an element edge may have left at its end.
    pub(crate) fn into_text(mut self) -> String {
        if self.text.ends_with(' ') {
            self.text.pop();
        }
        self.text
    }
}

/// The width of the white-space character at `at`, or `None` when there is
/// none (the end of `text`, another character, or the middle of one: a word is
/// skipped byte by byte).
fn white_width(text: &str, at: usize) -> Option<usize> {
    match *text.as_bytes().get(at)? {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Some(1),
        b if b.is_ascii() => None,
        _ => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
    }
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

    proptest! {
        #[test]
        fn fast_agrees_with_slow(
            pieces in prop::collection::vec(
                prop::option::weighted(0.8, "[ a\t\n\u{a0}\u{2003}é東x]{0,12}"),
                0..8,
            )
        ) {
            let pieces: Vec<Option<&str>> = pieces.iter().map(|p| p.as_deref()).collect();
            prop_assert_eq!(fast(&pieces), slow(&pieces));
        }
    }
}
