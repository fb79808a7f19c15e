//! The history as an HTML page: backlinks, referring domains and toxic links
//! over time (one chart per target, oldest first), then the saved audits.

use super::EMPTY;
use crate::model::{AuditRow, Tool};
use crate::report::html::{lines, Cell, Page, Table};
use crate::report::target_label;
use std::collections::BTreeMap;

pub(super) fn render(rows: &[AuditRow]) -> String {
    let mut page = Page::new("Audit history", &format!("{} saved audits.", rows.len()));
    if rows.is_empty() {
        page.paragraph(EMPTY);
        return page.finish(&Tool::current());
    }
    let mut charts = Vec::new();
    for (target, audits) in by_target(rows) {
        let finished: Vec<&AuditRow> = audits.into_iter().filter(|a| !a.partial).collect();
        if finished.len() < 2 {
            continue;
        }
        let when: Vec<String> = finished.iter().map(|a| a.started_at.clone()).collect();
        let count = |f: fn(&AuditRow) -> usize| finished.iter().map(|a| f(a) as f64).collect::<Vec<f64>>();
        charts.push(lines(
            &format!("{target} over time (finished audits)"),
            "count",
            &when,
            &[
                ("backlinks", "#2f6fdf", count(|a| a.backlinks)),
                (
                    "referring domains",
                    "#2e8b57",
                    count(|a| a.referring_domains.unwrap_or(0)),
                ),
                ("toxic links", "#c2372b", count(|a| a.toxic)),
            ],
        ));
    }
    if charts.is_empty() {
        page.paragraph("Charts over time appear once a target has two finished audits.");
    }
    page.charts(&charts);
    page.heading("Saved audits, newest first");
    let mut table = Table::new(
        format!("{} saved audits", rows.len()),
        &[
            ("ID", true),
            ("Target", false),
            ("Started", false),
            ("Sources", true),
            ("Backlinks", true),
            ("Referring domains", true),
            ("Toxic", true),
            ("Partial", false),
        ],
    );
    for row in rows {
        table.rows.push(vec![
            Cell::text(row.id.to_string()),
            Cell::text(target_label(&row.target)),
            Cell::text(&row.started_at),
            Cell::text(row.sources_done()),
            Cell::text(row.backlinks.to_string()),
            Cell::text(row.referring_domains.map(|n| n.to_string()).unwrap_or_default()),
            Cell::text(row.toxic.to_string()).warn(row.toxic > 0),
            Cell::text(if row.partial { "partial" } else { "" }),
        ]);
    }
    page.table(&table);
    page.finish(&Tool::current())
}

/// Audits per target, each oldest first (the rows come newest first).
fn by_target(rows: &[AuditRow]) -> BTreeMap<String, Vec<&AuditRow>> {
    let mut targets: BTreeMap<String, Vec<&AuditRow>> = BTreeMap::new();
    for row in rows.iter().rev() {
        targets.entry(target_label(&row.target)).or_default().push(row);
    }
    targets
}
