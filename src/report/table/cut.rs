//! Text cut to a number of terminal columns (its display width, so a CJK
//! character counts two), before a table lays it out: the table's layout
//! costs more than linear time in a cell's length, and a page can hand us a
//! 10 MB URL. Every function here reads no further into the text than the
//! width it keeps, plus one character.

use unicode_width::UnicodeWidthChar;

/// The mark of a cut.
const MARK: char = '…';

/// The columns `c` takes on a terminal (controls, already removed, none).
fn columns_of(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The columns `text` takes on a terminal.
pub(in crate::report) fn display_width(text: &str) -> usize {
    text.chars().map(columns_of).sum()
}

/// Whether `text` fits in `width` columns, read no further than needed.
fn fits(text: &str, width: usize) -> bool {
    let mut taken = 0;
    for c in text.chars() {
        taken += columns_of(c);
        if taken > width {
            return false;
        }
    }
    true
}

/// The longest start of `text` that takes at most `width` columns, and the
/// columns it takes.
fn head(text: &str, width: usize) -> (&str, usize) {
    let mut taken = 0;
    for (at, c) in text.char_indices() {
        let next = taken + columns_of(c);
        if next > width {
            return (&text[..at], taken);
        }
        taken = next;
    }
    (text, taken)
}

/// The longest end of `text` that takes at most `width` columns.
fn tail(text: &str, width: usize) -> &str {
    let mut taken = 0;
    for (at, c) in text.char_indices().rev() {
        let next = taken + columns_of(c);
        if next > width {
            return &text[at + c.len_utf8()..];
        }
        taken = next;
    }
    text
}

/// `text` in at most `width` columns, an ellipsis marking the cut at its end.
pub(in crate::report) fn fit(text: &str, width: usize) -> String {
    if fits(text, width) {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut cut = head(text, width - 1).0.to_string();
    cut.push(MARK);
    cut
}

/// `text` in at most `width` columns. A longer one keeps its start up to the
/// first `/` (a URL's host) when that takes at most two thirds of the width,
/// else half the width, and as much of its end (the path, which tells pages
/// of one site apart) as fits, with `…` between.
pub(in crate::report) fn cut_middle(text: &str, width: usize) -> String {
    if fits(text, width) {
        return text.to_string();
    }
    if width <= 1 {
        return fit(text, width);
    }
    let room = width - 1;
    let (host, _) = head(text, room * 2 / 3);
    let (start, used) = match host.find('/') {
        Some(slash) => (&text[..=slash], display_width(&host[..=slash])),
        None => head(text, room.div_ceil(2)),
    };
    let mut cut = start.to_string();
    cut.push(MARK);
    cut.push_str(tail(&text[start.len()..], room - used));
    cut
}

/// Each line of `text` cut at its end to `width` columns: a cell with lines
/// of its own (a diff's changes) keeps every one.
pub(in crate::report) fn fit_lines(text: &str, width: usize) -> String {
    if !text.contains('\n') {
        return fit(text, width);
    }
    text.split('\n')
        .map(|line| fit(line, width))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
