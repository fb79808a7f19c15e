//! Finding a list of terms in text in one pass, case-insensitively and on word
//! boundaries, for the spam and paid-content wording.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A compiled term list. Matching is ASCII case-insensitive; a term with
/// non-ASCII letters is also searched for in upper case, so `PUBLICITÉ` finds
/// `publicité` (mixed case inside a non-ASCII letter run is not).
pub(crate) struct Terms {
    /// `None` only if building failed, which only the automaton's size limits
    /// (far above a few hundred short terms) can cause.
    automaton: Option<AhoCorasick>,
    /// Pattern index → index of the term it spells.
    term_of: Vec<usize>,
}

impl Terms {
    /// Compiles `terms` (lowercase). Term indexes follow the input order.
    pub(crate) fn new<S: AsRef<str>>(terms: &[S]) -> Terms {
        let mut patterns = Vec::with_capacity(terms.len());
        let mut term_of = Vec::with_capacity(terms.len());
        for (index, term) in terms.iter().enumerate() {
            let term = term.as_ref();
            patterns.push(term.to_string());
            term_of.push(index);
            if !term.is_ascii() {
                let upper = term.to_uppercase();
                if upper != term {
                    patterns.push(upper);
                    term_of.push(index);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A DFA: page text is long and the lists are short; the default
            // picks a slower NFA past 100 patterns.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        Terms { automaton, term_of }
    }

    /// Calls `found` with the index of every term that occurs in `haystack`
    /// between word boundaries: the characters either side (if any) are not
    /// word characters. Overlapping matches all count, so `online casino`
    /// finds both `online casino` and `casino`.
    pub(crate) fn find(&self, haystack: &str, is_word_char: fn(char) -> bool, mut found: impl FnMut(usize)) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for hit in automaton.find_overlapping_iter(haystack) {
            let before = haystack[..hit.start()].chars().next_back();
            let after = haystack[hit.end()..].chars().next();
            if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
                found(self.term_of[hit.pattern().as_usize()]);
            }
        }
    }
}

/// Letters and digits: a term inside a longer word is not that term.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(terms: &[&str], haystack: &str) -> Vec<String> {
        let compiled = Terms::new(terms);
        let mut out = Vec::new();
        compiled.find(haystack, is_alphanumeric, |i| out.push(terms[i].to_string()));
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn matches_on_word_boundaries_in_any_ascii_case() {
        assert_eq!(found(&["casino"], "Best CASINO, ever"), ["casino"]);
        assert_eq!(found(&["casino"], "casino"), ["casino"]);
        assert_eq!(found(&["casino"], "online-casino."), ["casino"]);
        assert!(found(&["casino"], "casinos").is_empty());
        assert!(found(&["casino"], "megacasino").is_empty());
        assert!(found(&["casino"], "casino2").is_empty());
    }

    #[test]
    fn overlapping_terms_all_count() {
        assert_eq!(
            found(&["casino", "online casino"], "an Online Casino"),
            ["casino", "online casino"]
        );
    }

    #[test]
    fn non_ascii_terms_match_lower_and_upper_case() {
        assert_eq!(found(&["publicité"], "PUBLICITÉ"), ["publicité"]);
        assert_eq!(found(&["publicité"], "Publicité"), ["publicité"]);
        assert!(found(&["publicité"], "publicitée").is_empty());
        // A word boundary is Unicode-aware.
        assert!(found(&["casino"], "écasino").is_empty());
    }

    #[test]
    fn empty_list_finds_nothing() {
        assert!(found(&[], "anything").is_empty());
    }
}
