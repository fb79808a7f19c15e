//! The diff for a terminal: which audits, the counts, then one table per kind
//! of change, lost first. Every string from a page passes through
//! `terminal_safe` (by way of `safe` and `short_url`).

use super::overview::{anchor, detail, detail_heading, differences, group_title, Wording};
use crate::model::{Change, ChangeKind, Diff};
use crate::report::table::{self, new_table, paint, section, short_row, short_url, Style};
use crate::report::text::anchor_label;
use crate::report::RenderOptions;
use comfy_table::{Cell, Color, Row};

pub(super) fn render(diff: &Diff, options: RenderOptions) -> String {
    let style = Style::new(options);
    let wording = Wording { diff };
    let mut out = String::new();
    table::heading(&mut out, style, &wording.title());
    table::line(&mut out, style, &wording.between());
    table::line(&mut out, style, &wording.counts());
    let groups = wording.groups();
    if groups.is_empty() {
        out.push('\n');
        table::line(&mut out, style, "No changes.");
    }
    for (kind, changes) in groups {
        out.push('\n');
        table::heading(&mut out, style, &group_title(kind, changes.len()));
        let header = ["Source", "Target", "Anchor", detail_heading(kind)];
        let mut grid = new_table(style, &header);
        for change in changes {
            let cells = vec![
                Cell::new(short_url(&change.source_url)),
                Cell::new(short_url(&change.target_url)),
                Cell::new(anchor_label(&table::safe(anchor(change)))),
                paint(Cell::new(detail_lines(change)), style, colour(kind)),
            ];
            grid.add_row(fitted_row(cells, kind));
        }
        section(&mut out, grid);
    }
    out
}

/// The last column; a changed link's differences one a line, so none is cut.
fn detail_lines(change: &Change) -> String {
    match (&change.before, &change.after) {
        (Some(before), Some(after)) if change.change == ChangeKind::Changed => differences(before, after)
            .iter()
            .map(|d| table::safe(d))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => table::safe(&detail(change)),
    }
}

/// A row two lines high at most, like the audit's tables; a changed link's
/// row as high as its differences need (four at most).
fn fitted_row(cells: Vec<Cell>, kind: ChangeKind) -> Row {
    let mut row = short_row(cells);
    if kind == ChangeKind::Changed {
        row.max_height(4);
    }
    row
}

/// Lost links are the alarm; the rest are worth a look.
fn colour(kind: ChangeKind) -> Color {
    match kind {
        ChangeKind::Lost => Color::Red,
        ChangeKind::Unverified | ChangeKind::Changed => Color::Yellow,
        ChangeKind::New => Color::Green,
    }
}
