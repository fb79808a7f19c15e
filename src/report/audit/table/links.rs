//! The links table: one line per link (toxicity, where the link is, anchor,
//! target, type), and under it, across the table, the link's flags in full.
//!
//! Column widths are worked out here rather than by the table, so that URLs
//! are cut in the middle (the host's start and the path's end are what tell
//! two pages apart) and every row stays one line high, which is what lets the
//! flags line be slipped in under its row.

use crate::model::{Flag, Link, LinkType};
use crate::report::table::{
    align_right, bare_url, cut_middle, display_width, fit, new_table, paint, safe, Style,
};
use crate::report::table::{grid_widths, table_room, Fill};
use crate::report::text::anchor_label;
use comfy_table::{Cell, Color, ColumnConstraint, Row, Width};

const HEADER: [&str; 5] = ["Toxicity", "Source", "Anchor", "Target", "Type"];
/// Toxicity and type as wide as they need; the page, the anchor and the
/// target share what width is left, the page most, since it is what tells
/// links apart.
const FILLS: [Fill; 5] = [
    Fill::Fit,
    Fill::Share(5),
    Fill::Share(3),
    Fill::Share(3),
    Fill::Fit,
];
/// Marks the flags line of the link above.
const FLAGS_MARK: &str = "↳ ";

/// The table, each row followed by its flags line. A target on `host` (the
/// audited one) shows its path alone.
pub(super) fn table(links: &[&Link], style: Style, host: &str) -> String {
    let rows: Vec<Texts> = links.iter().map(|l| Texts::of(l, host)).collect();
    let widths = widths(&rows, style.width);
    let mut table = new_table(style, &HEADER);
    for (at, width) in widths.iter().enumerate() {
        if let Some(column) = table.column_mut(at) {
            // The table's fixed width counts the padding on either side.
            let width = u16::try_from(*width + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
        }
    }
    for (link, texts) in links.iter().zip(&rows) {
        let toxicity = if link.toxic {
            paint(Cell::new(&texts.toxicity), style, Color::Red)
        } else {
            Cell::new(&texts.toxicity)
        };
        let link_type = if texts.page_nofollow {
            paint(Cell::new(&texts.link_type), style, Color::Yellow)
        } else {
            Cell::new(&texts.link_type)
        };
        let mut row = Row::from(vec![
            toxicity,
            Cell::new(cut_middle(&texts.source, widths[1])),
            Cell::new(fit(&texts.anchor, widths[2])),
            Cell::new(cut_middle(&texts.target, widths[3])),
            link_type,
        ]);
        row.max_height(1);
        table.add_row(row);
    }
    align_right(&mut table, &[0]);
    with_flag_lines(&table.trim_fmt(), links, widths[0] + 3)
}

/// What a row shows, before any cut.
struct Texts {
    toxicity: String,
    source: String,
    anchor: String,
    target: String,
    link_type: String,
    /// A dofollow link on a nofollow page: its type in colour (its
    /// `page-nofollow` flag says so in words).
    page_nofollow: bool,
}

impl Texts {
    fn of(link: &Link, host: &str) -> Texts {
        let page_nofollow = !link.passes_equity && link.link_type == LinkType::Dofollow;
        Texts {
            toxicity: if link.toxic {
                format!("{} toxic", link.toxicity)
            } else {
                link.toxicity.to_string()
            },
            source: source_label(link),
            anchor: anchor_label(&safe(&link.anchor_text)).to_string(),
            target: target_label(&link.target_url, host),
            link_type: link.link_type.as_str().to_string(),
            page_nofollow,
        }
    }

    fn columns(&self) -> [&str; 5] {
        [
            &self.toxicity,
            &self.source,
            &self.anchor,
            &self.target,
            &self.link_type,
        ]
    }
}

/// Where the link is: the page's host and path, or for a saved page the host
/// the page says it was saved from (the file's path says little and is long).
fn source_label(link: &Link) -> String {
    if link.source_url.starts_with("file:") && !link.source_host.is_empty() {
        format!("{} (saved)", safe(&link.source_host))
    } else {
        bare_url(&link.source_url)
    }
}

/// The target's path when it is on the audited host (the heading says which),
/// else its host and path.
fn target_label(url: &str, host: &str) -> String {
    let bare = bare_url(url);
    match bare.strip_prefix(host) {
        Some(path) if path.starts_with('/') => path.to_string(),
        _ => bare,
    }
}

/// Each column's width, from its widest cell (every cell is cut to it
/// before layout, so the table never lays out a page's whole text).
fn widths(rows: &[Texts], width: usize) -> [usize; 5] {
    let mut needs = HEADER.map(display_width);
    for row in rows {
        for (need, text) in needs.iter_mut().zip(row.columns()) {
            *need = (*need).max(display_width(text));
        }
    }
    let widths = grid_widths(table_room(width, HEADER.len()), &needs, &FILLS);
    std::array::from_fn(|at| widths[at])
}

/// The drawn table with a line under each row that has flags, inside the
/// frame, indented to start under the page column. Rows are one line each,
/// and the body starts under the header's separator.
fn with_flag_lines(drawn: &str, links: &[&Link], indent: usize) -> String {
    let lines: Vec<&str> = drawn.lines().collect();
    let inner = lines
        .last()
        .map_or(0, |bottom| display_width(bottom).saturating_sub(4));
    let body = lines.iter().position(|l| l.contains('╞')).map_or(0, |at| at + 1);
    let mut out = String::new();
    let mut links = links.iter();
    for (at, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let is_row = at >= body && at + 1 < lines.len();
        let Some(link) = is_row.then(|| links.next()).flatten() else {
            continue;
        };
        for text in flag_lines(&link.flags, inner, indent) {
            out.push_str("│ ");
            out.push_str(&text);
            out.push_str(" │\n");
        }
    }
    out
}

/// The flags, wrapped at `inner` columns after `indent` spaces and a mark,
/// each line padded to `inner`. None for a link without flags.
fn flag_lines(flags: &[Flag], inner: usize, indent: usize) -> Vec<String> {
    let indent = indent.min(inner / 3);
    let room = inner.saturating_sub(indent + display_width(FLAGS_MARK)).max(1);
    let mut lines: Vec<String> = Vec::new();
    for word in Flag::words(flags) {
        match lines.last_mut() {
            Some(current) if display_width(current) + 2 + display_width(word) <= room => {
                current.push_str(", ");
                current.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(at, text)| {
            let mark = if at == 0 { FLAGS_MARK } else { "  " };
            let text = fit(&format!("{}{mark}{text}", " ".repeat(indent)), inner);
            format!("{text:<inner$}")
        })
        .collect()
}

#[cfg(test)]
mod tests;
