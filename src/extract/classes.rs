//! Reading intent from `class` and `id` values: a token such as `comment-body`,
//! `commentBody` or `disqus_thread` is cut into lowercase-insensitive word
//! pieces (`comment`, `body`), so rules can match whole pieces and a class like
//! `recommended` never reads as `comment`.

/// Calls `piece` for every word piece of `token`: runs of ASCII letters and
/// digits, cut again where a lowercase letter or digit meets an uppercase one
/// (`ipsSignature` → `ips`, `Signature`). Stops early when `piece` returns true,
/// and returns whether it did.
pub(crate) fn any_piece<'a>(token: &'a str, mut piece: impl FnMut(&'a str) -> bool) -> bool {
    let bytes = token.as_bytes();
    let mut start = None;
    // A byte loop (classes are read for every element of a judged page); the
    // cut points are ASCII bytes, so every piece is a valid `str` slice.
    for at in 0..=bytes.len() {
        let byte = bytes.get(at).copied();
        let alphanumeric = byte.is_some_and(|b| b.is_ascii_alphanumeric());
        let camel = alphanumeric
            && start.is_some()
            && byte.is_some_and(|b| b.is_ascii_uppercase())
            && !bytes[at - 1].is_ascii_uppercase();
        if let Some(from) = start {
            if !alphanumeric || camel {
                if piece(&token[from..at]) {
                    return true;
                }
                start = None;
            }
        }
        if alphanumeric && start.is_none() {
            start = Some(at);
        }
    }
    false
}

/// The word pieces of `token`, in order.
pub(crate) fn pieces(token: &str) -> Vec<&str> {
    let mut out = Vec::new();
    any_piece(token, |piece| {
        out.push(piece);
        false
    });
    out
}

/// Whether `piece` is one of `words` (lowercase), ignoring ASCII case.
pub(crate) fn is_one_of(piece: &str, words: &[&str]) -> bool {
    words.iter().any(|word| piece.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_on_punctuation_and_camel_case() {
        assert_eq!(pieces("comment-body"), ["comment", "body"]);
        assert_eq!(pieces("disqus_thread"), ["disqus", "thread"]);
        assert_eq!(pieces("ipsSignature"), ["ips", "Signature"]);
        assert_eq!(pieces("bbp-reply-content"), ["bbp", "reply", "content"]);
        assert_eq!(pieces("post_message_123"), ["post", "message", "123"]);
        assert_eq!(pieces("HTMLComment"), ["HTMLComment"]);
        assert_eq!(pieces("--"), Vec::<&str>::new());
        assert_eq!(pieces("recommended"), ["recommended"]);
        assert_eq!(pieces("é-comment"), ["comment"]);
    }

    #[test]
    fn any_piece_stops_at_the_first_hit() {
        let mut seen = Vec::new();
        let hit = any_piece("a-b-c", |p| {
            seen.push(p.to_string());
            p == "b"
        });
        assert!(hit);
        assert_eq!(seen, ["a", "b"]);
    }
}
