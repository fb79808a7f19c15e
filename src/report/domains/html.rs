//! The answer as an HTML page for outreach: the summary, referring domains
//! per target and the best-ranked domains as pictures, then every domain
//! with its authority and, from discovered links, its pages.

use super::{summary_lines, title};
use crate::model::DomainsReport;
use crate::report::html::{bars, Bar, Cell, Page, Table};

/// Domains drawn in the "best ranked" chart.
const TOP_DOMAINS: usize = 10;

pub(super) fn render(report: &DomainsReport) -> String {
    let mut page = Page::new(
        &title(report),
        &format!("Started {}, finished {}.", report.started_at, report.finished_at),
    );
    page.heading("Summary");
    page.facts(&summary_lines(report));
    if report.domains.is_empty() {
        page.paragraph("No domain qualifies.");
        return page.finish(&report.tool);
    }
    let per_target: Vec<Bar> = report
        .summary
        .targets
        .iter()
        .map(|t| Bar::count(&t.target, t.referring_domains as usize))
        .collect();
    let mut charts = vec![bars("Referring domains per target", "domains", &per_target)];
    let most: Vec<Bar> = report
        .domains
        .iter()
        .take(TOP_DOMAINS)
        .map(|d| Bar::count(&d.domain, d.links_to.len()))
        .collect();
    charts.push(bars("Best first: targets each domain links to", "targets", &most));
    page.charts(&charts);
    let title = format!("Domains ({})", report.domains.len());
    page.heading(&title);
    let mut table = Table::new(
        title,
        &[
            ("Domain", false),
            ("Links to", false),
            ("Harmonic rank", true),
            ("PageRank rank", true),
            ("Hosts", true),
            ("Pages", true),
            ("A linking page", false),
        ],
    );
    let or_dash = |n: Option<u64>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    for row in &report.domains {
        table.rows.push(vec![
            Cell::text(&row.domain),
            Cell::text(row.links_to.join(", ")),
            Cell::text(or_dash(row.authority.map(|a| a.harmonic_rank))),
            Cell::text(or_dash(row.authority.map(|a| a.pagerank_rank))),
            Cell::text(or_dash(row.hosts)),
            Cell::text(row.pages.len().to_string()),
            row.pages
                .first()
                .map_or_else(|| Cell::text(""), |p| Cell::url(&p.source_url)),
        ]);
    }
    page.table(&table);
    page.finish(&report.tool)
}
