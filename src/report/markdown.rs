//! Markdown (GitHub flavoured) for CI job summaries and pull-request comments:
//! the content of the terminal table as headings and pipe tables. Page text is
//! escaped so it can neither break a table nor render as Markdown or HTML, and
//! cannot mention (notify) anyone.

use super::overview::{anchor_label, percent, plural, reason, Overview};
use super::sanitize::terminal_safe;
use super::ReportWriter;
use crate::model::{AuditReport, Link, SourceRecord, SourceResult};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Rows a table shows at most; the JSON and CSV reports have everything.
const MAX_ROWS: usize = 100;

pub(super) struct MarkdownWriter {
    out: Box<dyn Write + Send>,
}

impl MarkdownWriter {
    pub(super) fn new(out: Box<dyn Write + Send>) -> Self {
        MarkdownWriter { out }
    }
}

impl ReportWriter for MarkdownWriter {
    fn on_result(&mut self, _result: &SourceResult) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, report: &AuditReport) -> io::Result<()> {
        self.out.write_all(render(report).as_bytes())?;
        self.out.flush()
    }
}

pub(super) fn render(report: &AuditReport) -> String {
    let overview = Overview::new(report);
    let mut out = format!("## {}\n", text(&overview.title()));
    if report.partial {
        out.push_str(&format!("\n> **{}**\n", Overview::PARTIAL));
    }
    out.push_str("\n### Summary\n\n| Measure | Value |\n| --- | --- |\n");
    for (label, value) in &overview.facts {
        row(&mut out, &[label, &text(value)]);
    }
    if overview.links.is_empty() {
        out.push_str(&format!("\n{}\n", text(&overview.no_backlinks())));
    } else {
        out.push_str("\n### Top anchors\n\n| Anchor | Links | Share |\n| --- | ---: | ---: |\n");
        for anchor in &report.summary.anchors.top {
            let count = anchor.count.to_string();
            row(
                &mut out,
                &[&anchor_cell(&anchor.text), &count, &percent(anchor.share)],
            );
        }
        let title = format!("Links, worst first ({})", overview.links.len());
        let header = "| Toxicity | Source | Anchor | Target | Type | Equity | Flags |\n\
                      | ---: | --- | --- | --- | --- | --- | --- |";
        table(&mut out, &title, header, &overview.links, "links", link_row);
    }
    if !overview.without_link.is_empty() {
        let title = format!(
            "No link found on {}",
            plural(overview.without_link.len(), "source")
        );
        let header = "| Source | Title |\n| --- | --- |";
        table(
            &mut out,
            &title,
            header,
            &overview.without_link,
            "sources",
            without_link_row,
        );
    }
    if !overview.unchecked.is_empty() {
        let title = format!("Could not check {}", plural(overview.unchecked.len(), "source"));
        let header = "| Source | Status | Reason |\n| --- | --- | --- |";
        table(
            &mut out,
            &title,
            header,
            &overview.unchecked,
            "sources",
            unchecked_row,
        );
    }
    out
}

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
    let _ = write!(out, "\n### {}\n\n{header}\n", text(title));
    for item in items.iter().take(MAX_ROWS) {
        let cells = cells(item);
        row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if items.len() > MAX_ROWS {
        let _ = write!(
            out,
            "\nThe first {MAX_ROWS} of {} {noun}; the JSON and CSV reports have them all.\n",
            items.len()
        );
    }
}

fn link_row(link: &&Link) -> Vec<String> {
    let toxicity = if link.toxic {
        format!("**{} toxic**", link.toxicity)
    } else {
        link.toxicity.to_string()
    };
    let flags: Vec<String> = link.flags.iter().map(|f| flag(f.as_str())).collect();
    vec![
        toxicity,
        url(&link.source_url),
        anchor_cell(&link.anchor_text),
        url(&link.target_url),
        link.link_type.as_str().to_string(),
        if link.passes_equity { "yes" } else { "no" }.to_string(),
        flags.join(", "),
    ]
}

fn without_link_row(source: &&SourceRecord) -> Vec<String> {
    vec![
        url(&source.url),
        source.title.as_deref().map(text).unwrap_or_default(),
    ]
}

fn unchecked_row(source: &&SourceRecord) -> Vec<String> {
    vec![
        url(&source.url),
        source.status.as_str().to_string(),
        text(&reason(source)),
    ]
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

/// A flag word in code; anything unexpected as text.
fn flag(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        format!("`{word}`")
    } else {
        text(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::{self, report, report_without_links, results};
    use crate::report::Format;

    const EXPECTED: &str = r#"## Backlink audit of example.com

### Summary

| Measure | Value |
| --- | --- |
| Sources | 3 (1 ok, 1 no-link, 1 http-error) |
| Backlinks | 2 |
| Referring pages | 1 |
| Referring domains | 1 |
| Link types | 1 dofollow, 1 nofollow |
| Passes equity | 1 of 2 (50.0%) |
| Toxic | 1 of 2 (50.0%) |
| Profile risk | high |
| Anchor diversity | 1.00 |
| Exact-match anchors | 50.0% (over-optimized) |
| Anchor kinds | 1 branded, 1 exact |

### Top anchors

| Anchor | Links | Share |
| --- | ---: | ---: |
| =best garden tools | 1 | 50.0% |
| example | 1 | 50.0% |

### Links, worst first (2)

| Toxicity | Source | Anchor | Target | Type | Equity | Flags |
| ---: | --- | --- | --- | --- | --- | --- |
| **60 toxic** | <https://blog.example.org/post/1> | =best garden tools | <https://example.com/shop?a=1\|2> | nofollow | no | `hidden-link`, `exact-match-anchor` |
| 0 | <https://blog.example.org/post/1> | Example | <https://example.com/> | dofollow | yes |  |

### No link found on 1 source

| Source | Title |
| --- | --- |
| <https://news.example.net/a> |  |

### Could not check 1 source

| Source | Status | Reason |
| --- | --- | --- |
| <https://gone.test.org/x> | http-error | HTTP 404 Not Found |
"#;

    #[test]
    fn writes_the_overview_as_markdown() {
        assert_eq!(fixture::render(Format::Markdown), EXPECTED);
    }

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
    fn flags_are_code_unless_they_look_odd() {
        assert_eq!(flag("link-farm"), "`link-farm`");
        assert_eq!(flag("a`b"), r"a\`b");
    }

    #[test]
    fn an_empty_anchor_is_named_as_such() {
        assert_eq!(anchor_cell(""), "*(no text)*");
        assert_eq!(anchor_cell("x"), "x");
    }

    #[test]
    fn no_control_character_survives() {
        let mut report = report(&results());
        report.links[0].anchor_text = "\u{1b}]0;t\u{7}a\u{9b}2Jb\u{202e}".to_string();
        report.sources[2].error = Some("e\u{1b}[31m\r\n".to_string());
        let out = render(&report);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
        assert!(out.contains("| ab |"), "{out}");
    }

    #[test]
    fn an_audit_without_backlinks_says_so() {
        let out = render(&report_without_links());
        assert!(
            out.contains("\nNo backlinks to example.com found in 2 sources.\n"),
            "{out}"
        );
        assert!(!out.contains("Top anchors"), "{out}");
        assert!(out.contains("### Could not check 1 source"), "{out}");
    }

    #[test]
    fn a_partial_audit_says_so() {
        let mut report = report(&results());
        report.partial = true;
        assert!(render(&report).contains(&format!("> **{}**", Overview::PARTIAL)));
    }

    #[test]
    fn the_links_table_stops_at_the_cap_and_says_how_many_more() {
        let mut report = report(&results());
        let link = report.links[0].clone();
        report.links = vec![link; MAX_ROWS + 5];
        let out = render(&report);
        let rows = out.lines().filter(|l| l.starts_with("| 0 |")).count();
        assert_eq!(rows, MAX_ROWS);
        assert!(
            out.contains("The first 100 of 105 links; the JSON and CSV reports have them all."),
            "{out}"
        );
    }

    #[test]
    fn a_table_at_the_cap_says_nothing_more() {
        let mut report = report(&results());
        let link = report.links[0].clone();
        report.links = vec![link; MAX_ROWS];
        assert!(!render(&report).contains("The first"));
    }
}
