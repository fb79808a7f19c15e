//! English for messages: a count with its noun in the right number.

/// The plural ending for `n` things: `""` for one, `"s"` for any other count.
pub fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `1 link`, `2 links`, `0 links`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", s(n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "link"), "1 link");
        assert_eq!(super::count(0, "link"), "0 links");
        assert_eq!(super::count(2, "page"), "2 pages");
    }
}
