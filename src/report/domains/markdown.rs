//! The answer in Markdown, for job summaries and outreach notes: the summary
//! as a list, then the domains in a capped table.

use super::{summary_lines, title};
use crate::model::DomainsReport;
use crate::report::markdown::{self, text, url};
use std::fmt::Write as _;

pub(super) fn render(report: &DomainsReport) -> String {
    let mut out = format!("## {}\n\n", text(&title(report)));
    for (label, value) in summary_lines(report) {
        let _ = writeln!(out, "- **{label}**: {}", text(&value));
    }
    if report.domains.is_empty() {
        out.push_str("\nNo domain qualifies.\n");
        return out;
    }
    let header = "| Domain | Links to | Harmonic rank | PageRank rank | Hosts | Pages | A linking page |\n| --- | --- | ---: | ---: | ---: | ---: | --- |";
    let title = format!("Domains ({})", report.domains.len());
    let or_dash = |n: Option<u64>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    markdown::table(&mut out, &title, header, &report.domains, "domains", |row| {
        vec![
            text(&row.domain),
            text(&row.links_to.join(", ")),
            or_dash(row.authority.map(|a| a.harmonic_rank)),
            or_dash(row.authority.map(|a| a.pagerank_rank)),
            or_dash(row.hosts),
            row.pages.len().to_string(),
            row.pages.first().map(|p| url(&p.source_url)).unwrap_or_default(),
        ]
    });
    out
}
