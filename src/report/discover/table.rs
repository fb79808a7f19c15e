//! The scan for a terminal: what was read and skipped, each target's counts,
//! then the links (the first [`ROWS`]; the other formats list them all).

use super::summary_lines;
use crate::model::DiscoverReport;
use crate::report::table::{
    self, bare_url, heading, line, safe, section, short_url, Column, Grid, Item, Style,
};
use crate::report::RenderOptions;

/// Links the table lists at most.
pub(super) const ROWS: usize = 50;

pub(super) fn render(report: &DiscoverReport, options: RenderOptions) -> String {
    let style = Style::new(options);
    let mut out = String::new();
    heading(&mut out, style, "Links found in web archives");
    for (label, value) in summary_lines(report) {
        line(&mut out, style, &format!(" {label:<18} {value}"));
    }
    targets(&mut out, style, report);
    links(&mut out, style, report);
    out
}

fn targets(out: &mut String, style: Style, report: &DiscoverReport) {
    let columns = [
        Column::url("Target", 1),
        Column::fit("Links").right(),
        Column::fit("Referring pages").right(),
        Column::fit("Referring domains").right(),
    ];
    let mut grid = Grid::new(style, &columns);
    for target in &report.summary.targets {
        grid.row(vec![
            Item::from(safe(&target.target)),
            Item::from(target.links.to_string()),
            Item::from(target.referring_pages.to_string()),
            Item::from(target.referring_domains.to_string()),
        ]);
    }
    section(out, grid.table());
}

fn links(out: &mut String, style: Style, report: &DiscoverReport) {
    let links = &report.links;
    if links.is_empty() {
        line(out, style, "No link to the targets in what was read.");
        return;
    }
    heading(out, style, &format!("Links ({})", links.len()));
    let several = report.summary.targets.len() > 1;
    let mut columns = vec![
        Column::url("Source", 3),
        Column::text("Anchor", 2),
        Column::url("Target", 2),
        Column::fit("Type"),
        Column::fit("Captured"),
    ];
    if several {
        columns.insert(0, Column::fit("For"));
    }
    let mut grid = Grid::new(style, &columns);
    for link in links.iter().take(ROWS) {
        let mut row = vec![
            Item::from(bare_url(&link.source_url)),
            Item::from(safe(&link.anchor_text)),
            Item::from(short_url(&link.target_url)),
            Item::from(link.link_type.as_str()),
            Item::from(
                link.captured_at
                    .get(..10)
                    .unwrap_or(&link.captured_at)
                    .to_string(),
            ),
        ];
        if several {
            row.insert(0, Item::from(safe(&link.target)));
        }
        grid.row(row);
    }
    section(out, grid.table());
    if links.len() > ROWS {
        table::line(
            out,
            style,
            &format!(
                "… and {} more: -o found.csv (or --format json) lists them all",
                links.len() - ROWS
            ),
        );
    }
}
