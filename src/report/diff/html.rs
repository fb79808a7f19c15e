//! The diff as an HTML page: the counts as a chart, then one table per kind
//! of change, lost first, as in the Markdown.

use super::overview::{anchor, detail, detail_heading, group_title, Wording};
use crate::model::{ChangeKind, Diff, Tool};
use crate::report::html::{bars, Bar, Cell, Page, Table};

pub(super) fn render(diff: &Diff) -> String {
    let wording = Wording { diff };
    let mut page = Page::new(
        &wording.title(),
        &format!("{}: {}.", wording.between(), wording.counts()),
    );
    let summary = &diff.summary;
    page.charts(&[bars(
        "Links by change",
        "links",
        &[
            Bar::count("new", summary.new),
            Bar::count("lost", summary.lost).bad(),
            Bar::count("unverified", summary.unverified),
            Bar::count("changed", summary.changed),
            Bar::count("unchanged", summary.unchanged),
        ],
    )]);
    let groups = wording.groups();
    if groups.is_empty() {
        page.paragraph("No changes.");
    }
    for (kind, changes) in groups {
        let title = group_title(kind, changes.len());
        page.heading(&title);
        let mut table = Table::new(
            title,
            &[
                ("Source", false),
                ("Target", false),
                ("Anchor", false),
                (detail_heading(kind), false),
            ],
        );
        for change in changes {
            table.rows.push(vec![
                Cell::url(&change.source_url),
                Cell::url(&change.target_url),
                Cell::text(anchor(change)),
                Cell::text(detail(change)).warn(kind == ChangeKind::Lost),
            ]);
        }
        page.table(&table);
    }
    page.finish(&Tool::current())
}
