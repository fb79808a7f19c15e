//! The `rel` attribute: Google accepts both white space and commas between tokens.

/// Splits a rel attribute on ASCII white space and commas, lowercased,
/// de-duplicated, in order of first appearance.
pub fn parse_rel(rel: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for token in rel.split(|c: char| c == ',' || c.is_ascii_whitespace()) {
        if token.is_empty() || tokens.iter().any(|t| t.eq_ignore_ascii_case(token)) {
            continue;
        }
        tokens.push(token.to_ascii_lowercase());
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_on_spaces_and_commas() {
        assert_eq!(parse_rel("ugc nofollow"), ["ugc", "nofollow"]);
        assert_eq!(parse_rel("ugc,nofollow"), ["ugc", "nofollow"]);
        assert_eq!(parse_rel(" ugc ,\t nofollow\n"), ["ugc", "nofollow"]);
    }

    #[test]
    fn lowercases_and_deduplicates_in_order() {
        assert_eq!(
            parse_rel("NoFollow noopener NOFOLLOW Sponsored nofollow"),
            ["nofollow", "noopener", "sponsored"]
        );
    }

    #[test]
    fn empty_and_separator_only_values_have_no_tokens() {
        assert!(parse_rel("").is_empty());
        assert!(parse_rel(" , ,, \t").is_empty());
    }

    #[test]
    fn other_separators_stay_inside_tokens() {
        // Semicolons and non-ASCII spaces are not separators.
        assert_eq!(parse_rel("ugc;nofollow"), ["ugc;nofollow"]);
        assert_eq!(parse_rel("ugc\u{a0}nofollow"), ["ugc\u{a0}nofollow"]);
    }

    proptest! {
        #[test]
        fn tokens_obey_their_rules(rel in "[a-zA-Z ,\t\n\u{a0}İß;_-]{0,40}") {
            let tokens = parse_rel(&rel);
            for (i, token) in tokens.iter().enumerate() {
                prop_assert!(!token.is_empty());
                prop_assert_eq!(token, &token.to_ascii_lowercase());
                prop_assert!(!token.contains(|c: char| c == ',' || c.is_ascii_whitespace()));
                prop_assert!(!tokens[..i].contains(token));
            }
            // Order of first appearance: each token's first occurrence in the
            // lowercased input comes after the previous token's.
            let lowered = rel.to_ascii_lowercase();
            let words: Vec<&str> = lowered
                .split(|c: char| c == ',' || c.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .collect();
            let firsts: Vec<usize> = tokens
                .iter()
                .map(|t| words.iter().position(|w| w == t).unwrap_or(usize::MAX))
                .collect();
            prop_assert!(firsts.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(firsts.iter().all(|&p| p != usize::MAX));
            let mut distinct = words.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(distinct.len(), tokens.len());
        }
    }
}
