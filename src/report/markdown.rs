//! What every Markdown report shares (GitHub flavoured, for CI job summaries
//! and pull-request comments): pipe tables capped at `MAX_ROWS`, and escaping.
//! Page text is escaped so it can neither break a table nor render as
//! Markdown or HTML, and cannot mention (notify) anyone.

use super::sanitize::terminal_safe;
use super::text::anchor_label;
use std::fmt::Write as _;

/// Rows a table shows at most; the JSON and CSV reports have everything.
pub(super) const MAX_ROWS: usize = 100;

/// A section with a table of at most `MAX_ROWS` rows, and a line saying how
/// many more there are.
pub(super) fn table<T>(
    out: &mut String,
    title: &str,
    header: &str,
    items: &[T],
    noun: &str,
    cells: impl Fn(&T) -> Vec<String>,
) {
    capped_table(out, title, header, (items, MAX_ROWS), noun, cells);
}

/// A section with a table of at most `cap` of `items`, and a line saying how
/// many more there are.
pub(super) fn capped_table<T>(
    out: &mut String,
    title: &str,
    header: &str,
    (items, cap): (&[T], usize),
    noun: &str,
    cells: impl Fn(&T) -> Vec<String>,
) {
    let _ = write!(out, "\n### {}\n\n{header}\n", text(title));
    for item in items.iter().take(cap) {
        let cells = cells(item);
        row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if items.len() > cap {
        let _ = write!(
            out,
            "\nThe first {cap} of {} {noun}; the JSON and CSV reports have them all.\n",
            items.len()
        );
    }
}

pub(super) fn row(out: &mut String, cells: &[&str]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(cell);
        out.push_str(" |");
    }
    out.push('\n');
}

pub(super) fn anchor_cell(anchor: &str) -> String {
    if anchor.is_empty() {
        format!("*{}*", text(anchor_label(anchor)))
    } else {
        text(anchor)
    }
}

/// Text as it reads: controls and escape sequences removed, every character
/// that means something to Markdown, HTML or a table escaped, and `@` kept
/// from mentioning anyone (a zero-width space after it).
pub(super) fn text(raw: &str) -> String {
    let clean = terminal_safe(raw);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '!' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '@' => out.push_str("@&#8203;"),
            c => out.push(c),
        }
    }
    out
}

/// An http(s) URL as an autolink (`<…>`: clickable, taken literally, no
/// escapes inside); anything else as text.
pub(super) fn url(raw: &str) -> String {
    let clean = terminal_safe(raw);
    let is_web = clean.starts_with("https://") || clean.starts_with("http://");
    let autolinkable = clean
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '\\'));
    if is_web && autolinkable {
        // The table splits cells before links are read; `\|` is its escape.
        format!("<{}>", clean.replace('|', "\\|"))
    } else {
        text(&clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_cannot_break_the_table_or_render_as_markup() {
        let escaped = text("a|b *c* _d_ [e](f) <img src=x> &amp; `g` ~h~ $i$ \\ !j");
        assert_eq!(
            escaped,
            r"a\|b \*c\* \_d\_ \[e\](f) \<img src=x\> \&amp; \`g\` \~h\~ \$i\$ \\ \!j"
        );
    }

    #[test]
    fn page_text_loses_controls_and_newlines() {
        assert_eq!(text("a\nb\r\n\u{1b}[31mc\u{202e}"), "a b  c");
    }

    #[test]
    fn page_text_cannot_mention_anyone() {
        assert_eq!(text("thanks @octocat"), "thanks @&#8203;octocat");
    }

    #[test]
    fn web_urls_become_autolinks_with_pipes_escaped() {
        assert_eq!(url("https://a.example/x_y*z"), "<https://a.example/x_y*z>");
        assert_eq!(url("http://a.example/?q=1|2"), r"<http://a.example/?q=1\|2>");
    }

    #[test]
    fn anything_else_stays_escaped_text() {
        assert_eq!(url("not a url_"), r"not a url\_");
        assert_eq!(url("ftp://a.example/"), "ftp://a.example/");
        assert_eq!(url("https://a.example/<x>"), r"https://a.example/\<x\>");
        assert_eq!(url("https://a.example/a b"), "https://a.example/a b");
    }

    #[test]
    fn an_empty_anchor_is_named_as_such() {
        assert_eq!(anchor_cell(""), "*(no text)*");
        assert_eq!(anchor_cell("x"), "x");
    }
}
