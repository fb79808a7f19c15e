//! The history for a terminal: one table, newest first, toxic counts in red
//! and partial audits in yellow.

use super::EMPTY;
use crate::model::AuditRow;
use crate::report::table::{self, section, Column, Grid, Item, Style};
use crate::report::{target_label, RenderOptions};
use comfy_table::Color;

pub(super) fn render(rows: &[AuditRow], options: RenderOptions) -> String {
    let style = Style::new(options);
    let mut out = String::new();
    if rows.is_empty() {
        table::line(&mut out, style, EMPTY);
        return out;
    }
    table::heading(&mut out, style, &format!("Saved audits ({})", rows.len()));
    let columns = [
        Column::fit("ID").right(),
        Column::url("Target", 1),
        Column::fit("Started"),
        Column::fit("Sources").right(),
        Column::fit("Backlinks").right(),
        Column::fit("Toxic").right(),
        Column::fit("Partial"),
    ];
    let mut grid = Grid::new(style, &columns);
    for row in rows {
        let toxic = if row.toxic > 0 {
            Item::painted(row.toxic.to_string(), Color::Red)
        } else {
            Item::from(row.toxic.to_string())
        };
        let partial = if row.partial {
            Item::painted("partial", Color::Yellow)
        } else {
            Item::from("")
        };
        grid.row(vec![
            Item::from(row.id.to_string()),
            Item::from(table::safe(&target_label(&row.target))),
            Item::from(row.started_at.as_str()),
            Item::from(row.sources_done()),
            Item::from(row.backlinks.to_string()),
            toxic,
            partial,
        ]);
    }
    let grid = grid.table();
    section(&mut out, grid);
    out
}
