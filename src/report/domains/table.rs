//! The answer for a terminal: what was asked and found, then the domains
//! best first (the first [`ROWS`]; the other formats list them all).

use super::{summary_lines, title};
use crate::model::{DomainsReport, ReferringDomain};
use crate::report::table::{self, bare_url, heading, line, safe, section, Column, Grid, Item, Style};
use crate::report::RenderOptions;

/// Domains the table lists at most.
pub(super) const ROWS: usize = 50;

pub(super) fn render(report: &DomainsReport, options: RenderOptions) -> String {
    let style = Style::new(options);
    let mut out = String::new();
    heading(&mut out, style, &title(report));
    for (label, value) in summary_lines(report) {
        line(&mut out, style, &format!(" {label:<14} {value}"));
    }
    domains(&mut out, style, report);
    out
}

fn domains(out: &mut String, style: Style, report: &DomainsReport) {
    let rows = &report.domains;
    if rows.is_empty() {
        line(out, style, "No domain qualifies.");
        return;
    }
    let several = report.summary.targets.len() > 1;
    let pages = rows.iter().any(|r| !r.pages.is_empty());
    let ranked = rows.iter().any(|r| r.authority.is_some());
    let hosts = rows.iter().any(|r| r.hosts.is_some());
    let mut columns = vec![Column::url("Domain", 3)];
    if several {
        columns.push(Column::text("Links to", 2));
    }
    if ranked {
        columns.push(Column::fit("Harmonic rank").right());
        columns.push(Column::fit("PageRank rank").right());
    }
    if hosts {
        columns.push(Column::fit("Hosts").right());
    }
    if pages {
        columns.push(Column::fit("Pages").right());
        columns.push(Column::url("A linking page", 3));
    }
    let mut grid = Grid::new(style, &columns);
    for row in rows.iter().take(ROWS) {
        grid.row(cells(row, several, ranked, hosts, pages));
    }
    section(out, grid.table());
    if rows.len() > ROWS {
        table::line(
            out,
            style,
            &format!(
                "… and {} more: -o domains.csv (or --format json) lists them all",
                rows.len() - ROWS
            ),
        );
    }
}

fn cells(row: &ReferringDomain, several: bool, ranked: bool, hosts: bool, pages: bool) -> Vec<Item> {
    let mut cells = vec![Item::from(safe(&row.domain))];
    if several {
        cells.push(Item::from(safe(&row.links_to.join(", "))));
    }
    if ranked {
        let rank = |r: Option<u64>| r.map_or_else(|| "-".to_string(), |r| r.to_string());
        cells.push(Item::from(rank(row.authority.map(|a| a.harmonic_rank))));
        cells.push(Item::from(rank(row.authority.map(|a| a.pagerank_rank))));
    }
    if hosts {
        cells.push(Item::from(
            row.hosts.map_or_else(|| "-".to_string(), |h| h.to_string()),
        ));
    }
    if pages {
        cells.push(Item::from(row.pages.len().to_string()));
        cells.push(Item::from(
            row.pages
                .first()
                .map(|p| bare_url(&p.source_url))
                .unwrap_or_default(),
        ));
    }
    cells
}
