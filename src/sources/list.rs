//! Plain lists: one entry per line; blank lines and `#` comments skipped.

use super::RawEntry;

/// Every entry of a plain list, with its 1-based physical line number.
pub(crate) fn read(text: &str) -> Vec<RawEntry> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let entry = super::trim_entry(line);
            (!entry.is_empty() && !entry.starts_with('#')).then(|| RawEntry::new(index + 1, entry))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(usize, String)> {
        read(text).into_iter().map(|e| (e.line, e.text)).collect()
    }

    #[test]
    fn one_trimmed_entry_per_line_with_physical_line_numbers() {
        let text = "# backlinks to check\n\n  https://example.com/a \r\n\t\nexample.org\n   # indented comment\nlast";
        assert_eq!(
            entries(text),
            vec![
                (3, "https://example.com/a".to_string()),
                (5, "example.org".to_string()),
                (7, "last".to_string()),
            ]
        );
    }

    #[test]
    fn a_hash_inside_an_entry_is_not_a_comment() {
        assert_eq!(
            entries("example.com/#top\n"),
            vec![(1, "example.com/#top".to_string())]
        );
    }

    #[test]
    fn a_stray_byte_order_mark_is_trimmed() {
        assert_eq!(
            entries("\u{feff}example.com\n"),
            vec![(1, "example.com".to_string())]
        );
    }
}
