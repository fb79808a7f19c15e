//! The history for a terminal: one table, newest first, toxic counts in red
//! and partial audits in yellow.

use super::EMPTY;
use crate::model::AuditRow;
use crate::report::table::{self, align_right, new_table, paint, section, short_row, Style};
use crate::report::{target_label, RenderOptions};
use comfy_table::{Cell, Color};

pub(super) fn render(rows: &[AuditRow], options: RenderOptions) -> String {
    let style = Style::new(options);
    let mut out = String::new();
    if rows.is_empty() {
        table::line(&mut out, style, EMPTY);
        return out;
    }
    table::heading(&mut out, style, &format!("Saved audits ({})", rows.len()));
    let header = [
        "ID",
        "Target",
        "Started",
        "Sources",
        "Backlinks",
        "Toxic",
        "Partial",
    ];
    let mut grid = new_table(style, &header);
    for row in rows {
        let toxic = if row.toxic > 0 {
            paint(Cell::new(row.toxic), style, Color::Red)
        } else {
            Cell::new(row.toxic)
        };
        let partial = if row.partial {
            paint(Cell::new("partial"), style, Color::Yellow)
        } else {
            Cell::new("")
        };
        grid.add_row(short_row(vec![
            Cell::new(row.id),
            Cell::new(table::safe(&target_label(&row.target))),
            Cell::new(&row.started_at),
            Cell::new(row.sources_done()),
            Cell::new(row.backlinks),
            toxic,
            partial,
        ]));
    }
    align_right(&mut grid, &[0, 3, 4, 5]);
    section(&mut out, grid);
    out
}
