//! The scan in Markdown, for job summaries: the summary as a list, each
//! target's counts, and the links in a capped table.

use super::summary_lines;
use crate::model::DiscoverReport;
use crate::report::markdown::{self, text, url};
use std::fmt::Write as _;

pub(super) fn render(report: &DiscoverReport) -> String {
    let mut out = String::from("## Links found in web archives\n\n");
    for (label, value) in summary_lines(report) {
        let _ = writeln!(out, "- **{label}**: {}", text(&value));
    }
    let header = "| Target | Links | Referring pages | Referring domains |\n| --- | ---: | ---: | ---: |";
    markdown::table(
        &mut out,
        "Targets",
        header,
        &report.summary.targets,
        "targets",
        |t| {
            vec![
                text(&t.target),
                t.links.to_string(),
                t.referring_pages.to_string(),
                t.referring_domains.to_string(),
            ]
        },
    );
    if report.links.is_empty() {
        out.push_str("\nNo link to the targets in what was read.\n");
        return out;
    }
    let header =
        "| Target | Source | Anchor | Links to | Type | Captured |\n| --- | --- | --- | --- | --- | --- |";
    let title = format!("Links ({})", report.links.len());
    markdown::table(&mut out, &title, header, &report.links, "links", |link| {
        vec![
            text(&link.target),
            url(&link.source_url),
            markdown::anchor_cell(&link.anchor_text),
            url(&link.target_url),
            link.link_type.as_str().to_string(),
            text(&link.captured_at),
        ]
    });
    out
}
