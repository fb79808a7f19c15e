//! The scan as an HTML page: the summary, pictures of the links found (per
//! target, by type, top referring domains), the targets and the links.

use super::summary_lines;
use crate::model::{DiscoverReport, FoundLink, LinkType, LinkTypeCounts};
use crate::report::html::{bars, Bar, Cell, Page, Table};
use crate::report::text::anchor_label;
use std::collections::HashMap;

/// Referring domains drawn in the chart.
const TOP_DOMAINS: usize = 10;

pub(super) fn render(report: &DiscoverReport) -> String {
    let targets: Vec<&str> = report.summary.targets.iter().map(|t| t.target.as_str()).collect();
    let mut page = Page::new(
        "Links found in web archives",
        &format!("Targets: {}.", targets.join(", ")),
    );
    if report.partial {
        page.notice("Partial scan: it was interrupted before every archive was read.");
    }
    page.heading("Summary");
    page.facts(&summary_lines(report));
    if report.links.is_empty() {
        page.paragraph("No link to the targets in what was read.");
    } else {
        page.charts(&charts(report));
    }
    let mut table = Table::new(
        "Targets",
        &[
            ("Target", false),
            ("Links", true),
            ("Referring pages", true),
            ("Referring domains", true),
        ],
    );
    for t in &report.summary.targets {
        table.rows.push(vec![
            Cell::text(&t.target),
            Cell::text(t.links.to_string()),
            Cell::text(t.referring_pages.to_string()),
            Cell::text(t.referring_domains.to_string()),
        ]);
    }
    page.heading("Targets");
    page.table(&table);
    if !report.links.is_empty() {
        let title = format!("Links ({})", report.links.len());
        page.heading(&title);
        page.table(&links(title, &report.links));
    }
    page.finish(&report.tool)
}

fn charts(report: &DiscoverReport) -> Vec<String> {
    let per_target: Vec<Bar> = report
        .summary
        .targets
        .iter()
        .map(|t| Bar::count(&t.target, t.links as usize))
        .collect();
    let mut counts = LinkTypeCounts::default();
    for link in &report.links {
        counts.add(link.link_type);
    }
    let types: Vec<Bar> = LinkType::ALL
        .iter()
        .map(|&kind| Bar::count(kind.as_str(), counts.get(kind)))
        .collect();
    let mut domains: HashMap<&str, usize> = HashMap::new();
    for link in &report.links {
        *domains.entry(link.source_domain.as_str()).or_default() += 1;
    }
    let mut domains: Vec<(&str, usize)> = domains.into_iter().collect();
    domains.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<Bar> = domains
        .iter()
        .take(TOP_DOMAINS)
        .map(|&(domain, links)| Bar::count(domain, links))
        .collect();
    vec![
        bars("Links per target", "links", &per_target),
        bars("Link types", "links", &types),
        bars("Top referring domains", "links", &top),
    ]
}

fn links(title: String, links: &[FoundLink]) -> Table {
    let mut table = Table::new(
        title,
        &[
            ("Target", false),
            ("Source", false),
            ("Anchor", false),
            ("Links to", false),
            ("Type", false),
            ("Captured", false),
        ],
    );
    for link in links {
        table.rows.push(vec![
            Cell::text(&link.target),
            Cell::url(&link.source_url),
            Cell::text(anchor_label(&link.anchor_text)),
            Cell::url(&link.target_url),
            Cell::text(link.link_type.as_str()),
            Cell::text(&link.captured_at),
        ]);
    }
    table
}
