//! What every terminal report shares: tables that fit the width they are
//! given (long cells cut with an ellipsis rather than wrapped into tall rows),
//! headings and lines, colour only when allowed. Every string from a page or
//! an input passes through `terminal_safe`.

mod cut;
mod grid;

use super::sanitize::terminal_safe;
use super::RenderOptions;
use comfy_table::{
    modifiers, presets, Attribute, Cell, CellAlignment, Color, ContentArrangement, Row, Table,
};
pub(super) use cut::{cut_middle, display_width, fit};
pub(super) use grid::{table_room, widths as grid_widths, Column, Fill, Grid, Item};

/// Narrower than this, the tables cannot fit their borders; they get this width.
pub(super) const MIN_WIDTH: usize = 40;
/// Lines a table row may take before its cells are cut short.
const ROW_LINES: usize = 2;

/// How a table is drawn: its width, and whether colour is allowed.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) width: usize,
    pub(super) color: bool,
}

impl Style {
    /// The options' width, widened to `MIN_WIDTH`, and their colour.
    pub(super) fn new(options: RenderOptions) -> Style {
        Style {
            width: options.width.max(MIN_WIDTH),
            color: options.color,
        }
    }
}

pub(super) fn new_table(style: Style, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .apply_modifier(modifiers::UTF8_ROUND_CORNERS)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(style.width).unwrap_or(u16::MAX))
        .set_truncation_indicator("…");
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if !header.is_empty() {
        table.set_header(header.to_vec());
    }
    table
}

/// A row at most `ROW_LINES` high: longer cells end in an ellipsis.
pub(super) fn short_row(cells: Vec<Cell>) -> Row {
    let mut row = Row::from(cells);
    row.max_height(ROW_LINES);
    row
}

pub(super) fn align_right(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

pub(super) fn paint(cell: Cell, style: Style, color: Color) -> Cell {
    if style.color {
        cell.fg(color).add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// Page text made safe for a terminal.
pub(super) fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

/// A URL made safe, without the `https://` every other one starts with (the
/// width is better spent on the host and path; `http://` stays visible).
pub(super) fn short_url(url: &str) -> String {
    let url = url.strip_prefix("https://").unwrap_or(url);
    safe(url)
}

/// A web URL made safe, without its scheme: the host and path are what a
/// person reads (`non-https` says the rest when it matters).
pub(super) fn bare_url(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    safe(rest)
}

pub(super) fn section(out: &mut String, table: Table) {
    out.push_str(&table.trim_fmt());
    out.push('\n');
}

pub(super) fn heading(out: &mut String, style: Style, text: &str) {
    let text = fit(&terminal_safe(text), style.width);
    if style.color {
        out.push_str(&format!("\u{1b}[1m{text}\u{1b}[0m\n"));
    } else {
        out.push_str(&text);
        out.push('\n');
    }
}

pub(super) fn line(out: &mut String, style: Style, text: &str) {
    out.push_str(&fit(&terminal_safe(text), style.width));
    out.push('\n');
}

/// Text wrapped at word boundaries to the width, for sentences too long to
/// cut (a word longer than a line is cut by `line`).
pub(super) fn paragraph(out: &mut String, style: Style, text: &str) {
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && display_width(&current) + 1 + display_width(word) > style.width {
            line(out, style, &current);
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        line(out, style, &current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_is_left_out_whichever_it_is() {
        assert_eq!(bare_url("https://a.example/x"), "a.example/x");
        assert_eq!(bare_url("http://a.example/x"), "a.example/x");
        assert_eq!(bare_url("file:///tmp/x.html"), "file:///tmp/x.html");
    }
}
