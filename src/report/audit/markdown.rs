//! The audit in Markdown (GitHub flavoured) for CI job summaries and
//! pull-request comments: the content of the terminal table as headings and
//! pipe tables, page text escaped by `report::markdown`.

use super::overview::{self, reason, title_and_note, toxic_reasons, toxic_reasons_title, Overview};
use super::view::{Limit, View};
use crate::model::{AuditReport, Link, SourceRecord, Summary};
use crate::report::markdown::{anchor_cell, capped_table, row, table, text, url, MAX_ROWS};
use crate::report::text::{percent, plural};

/// The audit in Markdown.
pub(super) fn render(report: &AuditReport, view: &View) -> String {
    let overview = Overview::new(report, view);
    let mut out = format!("## {}\n", text(&overview.title()));
    if report.partial {
        out.push_str(&format!("\n> **{}**\n", Overview::PARTIAL));
    }
    if let Some(filtered) = overview.filtered() {
        out.push_str(&format!("\n> {}\n", text(&filtered)));
    }
    out.push_str("\n### Summary\n\n| Measure | Value |\n| --- | --- |\n");
    for (label, value) in &overview.facts {
        row(&mut out, &[label, &text(value)]);
    }
    if report.links.is_empty() {
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
        out.push_str(
            "\n### Top referring domains\n\n| Referring domain | Links | Dofollow |\n| --- | ---: | ---: |\n",
        );
        for domain in &overview.domains {
            let links = domain.links.to_string();
            row(
                &mut out,
                &[&text(domain.domain), &links, &domain.dofollow_share()],
            );
        }
        broken_targets(&mut out, &report.summary);
        if view.only.shows_links() {
            let title = format!("Links, worst first ({})", overview.links.len());
            let header = "| Toxicity | Source | Anchor | Target | Type | Equity | Flags |\n\
                          | ---: | --- | --- | --- | --- | --- | --- |";
            let cap = match view.limit {
                Limit::Default => MAX_ROWS,
                Limit::All => usize::MAX,
                Limit::First(n) => n,
            };
            let links = (&overview.links[..], cap);
            capped_table(&mut out, &title, header, links, "links", link_row);
            why_toxic(&mut out, &overview.links);
        }
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

/// The broken target pages, best redirect first, when any were found.
fn broken_targets(out: &mut String, summary: &Summary) {
    let Some(broken) = summary.broken_targets.as_deref().filter(|b| !b.is_empty()) else {
        return;
    };
    out.push_str(&format!(
        "\n### {}\n\n| Target page | Status | Backlinks | Referring domains |\n| --- | --- | ---: | ---: |\n",
        text(&overview::broken_targets_title(broken.len()))
    ));
    for target in broken {
        let backlinks = target.backlinks.to_string();
        let domains = target.referring_domains.to_string();
        row(
            out,
            &[
                &url(&target.target_url),
                &overview::broken_status(target),
                &backlinks,
                &domains,
            ],
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

/// Every toxic link with the risk flags that made it so, as a list: the links
/// table stops at its cap, this does not.
fn why_toxic(out: &mut String, links: &[&Link]) {
    let toxic = toxic_reasons(links);
    if toxic.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {}\n\n", text(&toxic_reasons_title(toxic.len()))));
    for (link, risk) in toxic {
        let flags: Vec<String> = risk.iter().map(|f| flag(f.as_str())).collect();
        out.push_str(&format!(
            "- **{}** {} on {}: {}\n",
            link.toxicity,
            anchor_cell(&link.anchor_text),
            url(&link.source_url),
            flags.join(", ")
        ));
    }
}

fn without_link_row(source: &&SourceRecord) -> Vec<String> {
    vec![url(&source.url), text(&title_and_note(source))]
}

fn unchecked_row(source: &&SourceRecord) -> Vec<String> {
    vec![
        url(&source.url),
        source.status.as_str().to_string(),
        text(&reason(source)),
    ]
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
    use crate::report::audit::tests;
    use crate::report::Format;
    use crate::sample::audit::{report, report_without_links, results};

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
| Weak | 0 of 2 (0.0%) |
| Profile risk | high |
| Anchor diversity | 1.00 |
| Exact-match anchors | 50.0% (over-optimized) |
| Anchor kinds | 1 branded, 1 exact |

### Top anchors

| Anchor | Links | Share |
| --- | ---: | ---: |
| =best garden tools | 1 | 50.0% |
| example | 1 | 50.0% |

### Top referring domains

| Referring domain | Links | Dofollow |
| --- | ---: | ---: |
| example.org | 2 | 1 (50.0%) |

### Links, worst first (2)

| Toxicity | Source | Anchor | Target | Type | Equity | Flags |
| ---: | --- | --- | --- | --- | --- | --- |
| **60 toxic** | <https://blog.example.org/post/1> | =best garden tools | <https://example.com/shop?a=1\|2> | nofollow | no | `hidden-link`, `exact-match-anchor` |
| 0 | <https://blog.example.org/post/1> | Example | <https://example.com/> | dofollow | yes |  |

### Why 1 link is toxic (risk flags; weights in docs/scoring.md)

- **60** =best garden tools on <https://blog.example.org/post/1>: `hidden-link`, `exact-match-anchor`

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
        assert_eq!(tests::render(Format::Markdown), EXPECTED);
    }

    #[test]
    fn broken_target_pages_are_listed_after_the_referring_domains() {
        let mut report = report(&results());
        report.summary.broken_targets = Some(vec![crate::model::BrokenTarget {
            target_url: "https://example.com/old".into(),
            http_status: Some(404),
            backlinks: 3,
            referring_domains: 2,
        }]);
        let out = tests::render_with(Format::Markdown, Default::default(), &[], &report);
        assert!(
            out.contains("| Broken targets | 1 page, 3 backlinks: redirect them to live pages |"),
            "{out}"
        );
        assert!(
            out.contains(
                "### Broken target pages (1): redirect each to a live page\n\n\
                 | Target page | Status | Backlinks | Referring domains |\n\
                 | --- | --- | ---: | ---: |\n\
                 | <https://example.com/old> | HTTP 404 | 3 | 2 |\n\n### Links"
            ),
            "{out}"
        );
        report.summary.broken_targets = Some(Vec::new());
        let out = tests::render_with(Format::Markdown, Default::default(), &[], &report);
        assert!(out.contains("| Broken targets | none |"), "{out}");
        assert!(!out.contains("### Broken target pages"), "{out}");
    }

    #[test]
    fn flags_are_code_unless_they_look_odd() {
        assert_eq!(flag("link-farm"), "`link-farm`");
        assert_eq!(flag("a`b"), r"a\`b");
    }

    #[test]
    fn no_control_character_survives() {
        let mut report = report(&results());
        report.links[0].anchor_text = "\u{1b}]0;t\u{7}a\u{9b}2Jb\u{202e}".to_string();
        report.sources[2].error = Some("e\u{1b}[31m\r\n".to_string());
        let out = render(&report, &View::default());
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
        assert!(out.contains("| ab |"), "{out}");
    }

    #[test]
    fn an_audit_without_backlinks_says_so() {
        let out = render(&report_without_links(), &View::default());
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
        assert!(render(&report, &View::default()).contains(&format!("> **{}**", Overview::PARTIAL)));
    }

    #[test]
    fn the_links_table_stops_at_the_cap_and_says_how_many_more() {
        let mut report = report(&results());
        let link = report.links[0].clone();
        report.links = vec![link; MAX_ROWS + 5];
        let out = render(&report, &View::default());
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
        assert!(!render(&report, &View::default()).contains("The first"));
    }
}
