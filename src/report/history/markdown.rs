//! The history in Markdown: one capped pipe table, newest first.

use super::EMPTY;
use crate::model::AuditRow;
use crate::report::markdown::{self, text};
use crate::report::target_label;

pub(super) fn render(rows: &[AuditRow]) -> String {
    if rows.is_empty() {
        return format!("## Audit history\n\n{EMPTY}\n");
    }
    let mut out = String::from("## Audit history\n");
    let header = "| ID | Target | Started | Sources | Backlinks | Toxic | Partial |\n\
                  | ---: | --- | --- | ---: | ---: | ---: | --- |";
    let title = format!("{} saved audits, newest first", rows.len());
    markdown::table(&mut out, &title, header, rows, "audits", |row| {
        vec![
            row.id.to_string(),
            text(&target_label(&row.target)),
            text(&row.started_at),
            row.sources_done(),
            row.backlinks.to_string(),
            row.toxic.to_string(),
            if row.partial { "partial" } else { "" }.to_string(),
        ]
    });
    out
}
