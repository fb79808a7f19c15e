//! Tables whose column widths are worked out here rather than by comfy-table,
//! so that every cell is cut to its column before layout: URLs in the middle
//! (the host's start and the path's end tell two pages apart), other text at
//! its end after as many lines as its row may take. comfy-table then lays out
//! cells no longer than what it shows, however long the page's text was.

use super::cut::{cut_middle, display_width, fit_lines};
use super::{align_right, new_table, paint, short_row, Style, ROW_LINES};
use comfy_table::{Cell, Color, ColumnConstraint, Table, Width};

/// How a column is sized and how its cells are cut.
#[derive(Clone, Copy)]
pub(in crate::report) struct Column {
    header: &'static str,
    fill: Fill,
    cut: Cut,
    right: bool,
}

/// How wide a column is.
#[derive(Clone, Copy)]
pub(in crate::report) enum Fill {
    /// As wide as its widest cell, taking at most a third of the room.
    Fit,
    /// A share of the room left by the `Fit` columns, in proportion to the
    /// other `Share` columns' (none wider than its widest cell).
    Share(usize),
}

/// Where a cell too long for its column is cut.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::report) enum Cut {
    /// At the end, once its row's lines are full.
    End,
    /// In the middle, to one line: a URL.
    Middle,
}

impl Column {
    /// A column of short words or figures, as wide as they need.
    pub(in crate::report) fn fit(header: &'static str) -> Column {
        Column {
            header,
            fill: Fill::Fit,
            cut: Cut::End,
            right: false,
        }
    }

    /// A column of text sharing the room by `weight`, cut at its end.
    pub(in crate::report) fn text(header: &'static str, weight: usize) -> Column {
        Column {
            fill: Fill::Share(weight),
            ..Column::fit(header)
        }
    }

    /// A column of URLs (or hosts) sharing the room by `weight`, cut in the middle.
    pub(in crate::report) fn url(header: &'static str, weight: usize) -> Column {
        Column {
            cut: Cut::Middle,
            ..Column::text(header, weight)
        }
    }

    /// The same column, its cells aligned right (figures).
    pub(in crate::report) fn right(self) -> Column {
        Column { right: true, ..self }
    }
}

/// A cell's text (made safe already) and its colour, if any.
pub(in crate::report) struct Item {
    text: String,
    color: Option<Color>,
}

impl Item {
    pub(in crate::report) fn painted(text: impl Into<String>, color: Color) -> Item {
        Item {
            text: text.into(),
            color: Some(color),
        }
    }
}

impl<T: Into<String>> From<T> for Item {
    fn from(text: T) -> Item {
        Item {
            text: text.into(),
            color: None,
        }
    }
}

/// A table's columns and rows, drawn by [`Grid::table`].
pub(in crate::report) struct Grid {
    style: Style,
    columns: Vec<Column>,
    rows: Vec<(Vec<Item>, usize)>,
}

impl Grid {
    pub(in crate::report) fn new(style: Style, columns: &[Column]) -> Grid {
        Grid {
            style,
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// A row at most `ROW_LINES` high.
    pub(in crate::report) fn row(&mut self, cells: Vec<Item>) {
        self.tall_row(cells, ROW_LINES);
    }

    /// A row at most `lines` high.
    pub(in crate::report) fn tall_row(&mut self, cells: Vec<Item>, lines: usize) {
        self.rows.push((cells, lines.max(1)));
    }

    /// The table, every cell cut to its column's width before layout.
    pub(in crate::report) fn table(self) -> Table {
        let headers: Vec<&str> = self.columns.iter().map(|c| c.header).collect();
        let shown = if headers.iter().all(|h| h.is_empty()) {
            &[][..]
        } else {
            &headers[..]
        };
        let mut table = new_table(self.style, shown);
        let widths = self.widths(table_room(self.style.width, self.columns.len()));
        for (at, width) in widths.iter().enumerate() {
            if let Some(column) = table.column_mut(at) {
                // A fixed width counts the padding on either side.
                let width = u16::try_from(width + 2).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
        }
        for (cells, lines) in &self.rows {
            let row = cells
                .iter()
                .zip(&self.columns)
                .zip(&widths)
                .map(|((item, column), &width)| {
                    let text = match column.cut {
                        Cut::Middle => cut_middle(&item.text, width),
                        Cut::End => fit_lines(&item.text, width.saturating_mul(*lines)),
                    };
                    match item.color {
                        Some(color) => paint(Cell::new(text), self.style, color),
                        None => Cell::new(text),
                    }
                });
            let mut row = short_row(row.collect());
            row.max_height(*lines);
            table.add_row(row);
        }
        let right: Vec<usize> = (0..self.columns.len())
            .filter(|&at| self.columns[at].right)
            .collect();
        align_right(&mut table, &right);
        table
    }

    /// Each column's width in `room` columns, from the widest of its cells
    /// (a cell's widest line) and its header.
    fn widths(&self, room: usize) -> Vec<usize> {
        let mut needs: Vec<usize> = self.columns.iter().map(|c| display_width(c.header)).collect();
        for (cells, _) in &self.rows {
            for (need, item) in needs.iter_mut().zip(cells) {
                let widest = item.text.split('\n').map(display_width).max().unwrap_or(0);
                *need = (*need).max(widest);
            }
        }
        let fills: Vec<Fill> = self.columns.iter().map(|c| c.fill).collect();
        widths(room, &needs, &fills)
    }
}

/// What a table `width` wide with `columns` columns leaves for their text:
/// the borders and padding take the rest.
pub(in crate::report) fn table_room(width: usize, columns: usize) -> usize {
    width.saturating_sub(1 + 3 * columns)
}

/// Each column's width in `room`, from what it needs and how it fills: `Fit`
/// columns first (at most a third of the room each, and shrunk together when
/// even that is too much), then the `Share` columns share what is left.
pub(in crate::report) fn widths(room: usize, needs: &[usize], fills: &[Fill]) -> Vec<usize> {
    let fit: Vec<usize> = (0..needs.len())
        .filter(|&at| matches!(fills[at], Fill::Fit))
        .collect();
    let shared: Vec<(usize, usize)> = (0..needs.len())
        .filter_map(|at| match fills[at] {
            Fill::Share(weight) => Some((at, weight.max(1))),
            Fill::Fit => None,
        })
        .collect();
    let mut out = vec![0; needs.len()];
    let capped: Vec<usize> = fit.iter().map(|&at| needs[at].min(room / 3).max(1)).collect();
    let fitted = share(room.saturating_sub(shared.len()), &capped, &capped);
    for (&at, width) in fit.iter().zip(fitted) {
        out[at] = width;
    }
    let left = room.saturating_sub(out.iter().sum());
    let shared_needs: Vec<usize> = shared.iter().map(|&(at, _)| needs[at]).collect();
    let weights: Vec<usize> = shared.iter().map(|&(_, weight)| weight).collect();
    for (&(at, _), width) in shared.iter().zip(share(left, &shared_needs, &weights)) {
        out[at] = width;
    }
    out
}

/// `room` shared in proportion to `weights`; a column that needs less than
/// its share leaves the rest to the others. Each gets one at least.
pub(in crate::report) fn share(room: usize, needs: &[usize], weights: &[usize]) -> Vec<usize> {
    let mut widths = vec![0; needs.len()];
    let mut order: Vec<usize> = (0..needs.len()).collect();
    // The least demanding first, so what they leave goes to the others.
    order.sort_by_key(|&at| needs[at].saturating_mul(100) / weights[at].max(1));
    let mut left = room;
    let mut total: usize = weights.iter().map(|&w| w.max(1)).sum();
    for at in order {
        let weight = weights[at].max(1);
        let fair = left * weight / total.max(1);
        widths[at] = needs[at].min(fair).max(1);
        left = left.saturating_sub(widths[at]);
        total -= weight;
    }
    widths
}

#[cfg(test)]
mod tests;
