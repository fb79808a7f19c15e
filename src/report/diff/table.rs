//! The diff for a terminal: which audits, the counts, then one table per kind
//! of change, lost first. Every string from a page passes through
//! `terminal_safe` (by way of `safe` and `short_url`).

use super::overview::{anchor, detail, detail_heading, differences, group_title, Wording};
use crate::model::{Change, ChangeKind, Diff};
use crate::report::table::{self, section, short_url, Column, Grid, Item, Style};
use crate::report::text::anchor_label;
use crate::report::RenderOptions;
use comfy_table::Color;

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
        let columns = [
            Column::url("Source", 3),
            Column::url("Target", 2),
            Column::text("Anchor", 2),
            Column::text(detail_heading(kind), 2),
        ];
        let mut grid = Grid::new(style, &columns);
        for change in changes {
            let cells = vec![
                Item::from(short_url(&change.source_url)),
                Item::from(short_url(&change.target_url)),
                Item::from(anchor_label(&table::safe(anchor(change)))),
                Item::painted(detail_lines(change), colour(kind)),
            ];
            grid.tall_row(cells, row_lines(kind));
        }
        let grid = grid.table();
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

/// Two lines a row at most, like the audit's tables; a changed link's row as
/// high as its differences need (four at most).
fn row_lines(kind: ChangeKind) -> usize {
    if kind == ChangeKind::Changed {
        4
    } else {
        2
    }
}

/// Lost links are the alarm; the rest are worth a look.
fn colour(kind: ChangeKind) -> Color {
    match kind {
        ChangeKind::Lost => Color::Red,
        ChangeKind::Unverified | ChangeKind::Changed => Color::Yellow,
        ChangeKind::New => Color::Green,
    }
}
