//! Flags of the anchor text: money anchors, stuffed anchors, and anchors a
//! reader cannot see or read. Raised only on links that pass equity (the caller
//! checks), since anchor text manipulates ranking only through followed links.

use super::Flag;
use crate::analyze::Thresholds;
use crate::model::AnchorKind;
use std::collections::HashMap;

/// The anchor flags of one link. `folded` is the case-folded anchor text,
/// `keywords` the case-folded money keywords.
pub fn flags(
    folded: &str,
    kind: AnchorKind,
    keywords: &[String],
    thresholds: &Thresholds,
    out: &mut Vec<Flag>,
) {
    match kind {
        AnchorKind::Image => return,
        AnchorKind::Empty => {
            out.push(Flag::EmptyAnchor);
            return;
        }
        AnchorKind::Exact => out.push(Flag::ExactMatchAnchor),
        _ => {}
    }
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        // Google names "a link on a single character" as a way to hide a link.
        (Some(c), None) if c.is_alphabetic() => out.push(Flag::OneCharacterAnchor),
        _ if !folded.chars().any(char::is_alphanumeric) => out.push(Flag::SymbolAnchor),
        _ => {}
    }
    if is_stuffed(folded, keywords, thresholds) {
        out.push(Flag::KeywordStuffedAnchor);
    }
}

/// Several money keywords in one anchor, or one word said over and over.
fn is_stuffed(folded: &str, keywords: &[String], thresholds: &Thresholds) -> bool {
    let words = words(folded);
    let occurrences = keyword_occurrences(&words, keywords);
    if occurrences as f64 >= thresholds.stuffed_anchor_keywords {
        return true;
    }
    // Four letters or more: "the" and "der" repeat in honest titles.
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for word in words.iter().filter(|w| w.chars().count() >= 4) {
        *repeats.entry(word).or_default() += 1;
    }
    let most = repeats.values().copied().max().unwrap_or(0);
    most as f64 >= thresholds.stuffed_anchor_repeats
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Occurrences of the keywords as whole words, leftmost-longest and without
/// overlap, so "garden tools" with keywords "garden tools" and "tools" is one.
fn keyword_occurrences(words: &[&str], keywords: &[String]) -> usize {
    let keywords: Vec<Vec<&str>> = keywords
        .iter()
        .map(|k| self::words(k))
        .filter(|k| !k.is_empty())
        .collect();
    let mut count = 0;
    let mut at = 0;
    while at < words.len() {
        let longest = keywords
            .iter()
            .filter(|k| words[at..].starts_with(k))
            .map(Vec::len)
            .max();
        match longest {
            Some(len) => {
                count += 1;
                at += len;
            }
            None => at += 1,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::anchor::fold;

    fn flags_of(text: &str, kind: AnchorKind) -> Vec<Flag> {
        let keywords = [
            "garden tools".to_string(),
            "tools".to_string(),
            "shovels".to_string(),
        ];
        let mut out = Vec::new();
        flags(&fold(text), kind, &keywords, &Thresholds::default(), &mut out);
        out
    }

    #[test]
    fn exact_match_anchor_only_for_exact_kind() {
        assert_eq!(
            flags_of("Garden Tools", AnchorKind::Exact),
            [Flag::ExactMatchAnchor]
        );
        assert!(flags_of("best garden tools", AnchorKind::Partial).is_empty());
    }

    #[test]
    fn empty_anchor_is_empty_text_not_an_image() {
        assert_eq!(flags_of("", AnchorKind::Empty), [Flag::EmptyAnchor]);
        assert!(
            flags_of("", AnchorKind::Image).is_empty(),
            "an image without alt is visible"
        );
    }

    #[test]
    fn symbol_anchor_has_no_letter_or_digit() {
        assert_eq!(flags_of("»", AnchorKind::Other), [Flag::SymbolAnchor]);
        assert_eq!(flags_of("- . -", AnchorKind::Other), [Flag::SymbolAnchor]);
        assert!(flags_of("» more", AnchorKind::Other).is_empty());
        assert!(
            flags_of("[1]", AnchorKind::Other).is_empty(),
            "a footnote is not a symbol"
        );
    }

    #[test]
    fn one_character_anchor_is_a_single_letter() {
        assert_eq!(flags_of("x", AnchorKind::Other), [Flag::OneCharacterAnchor]);
        assert_eq!(flags_of("ü", AnchorKind::Other), [Flag::OneCharacterAnchor]);
        assert!(
            flags_of("1", AnchorKind::Other).is_empty(),
            "footnote numbers are honest"
        );
        assert!(flags_of("xy", AnchorKind::Other).is_empty());
    }

    #[test]
    fn keyword_stuffed_anchor_needs_two_keyword_occurrences() {
        assert_eq!(
            flags_of("garden tools and shovels", AnchorKind::Partial),
            [Flag::KeywordStuffedAnchor]
        );
        assert_eq!(
            flags_of("Garden tools, garden tools!", AnchorKind::Partial),
            [Flag::KeywordStuffedAnchor]
        );
        // "tools" inside "garden tools" is the same occurrence, not a second one.
        assert!(flags_of("the best garden tools", AnchorKind::Partial).is_empty());
        // Whole words only: "toolshed" holds no keyword.
        assert!(flags_of("garden tools toolshed", AnchorKind::Partial).is_empty());
    }

    #[test]
    fn keyword_stuffed_anchor_also_for_one_word_repeated() {
        assert_eq!(
            flags_of("cheap boots cheap bags cheap shoes", AnchorKind::Other),
            [Flag::KeywordStuffedAnchor]
        );
        assert!(flags_of("cheap boots and cheap bags", AnchorKind::Other).is_empty());
        assert!(
            flags_of("the lord of the rings: the return of the king", AnchorKind::Other).is_empty(),
            "short words repeat in honest titles"
        );
    }
}
