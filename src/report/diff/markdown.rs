//! The diff in Markdown, for CI job summaries and pull-request comments: the
//! counts, then one table per kind of change, lost first. Escaped like the
//! audit's Markdown.

use super::overview::{anchor, detail, detail_heading, group_title, Wording};
use crate::model::Diff;
use crate::report::markdown::{anchor_cell, table, text, url};

pub(super) fn render(diff: &Diff) -> String {
    let wording = Wording { diff };
    let mut out = format!(
        "## {}\n\n{}: **{}**\n",
        text(&wording.title()),
        text(&wording.between()),
        wording.counts()
    );
    let groups = wording.groups();
    if groups.is_empty() {
        out.push_str("\nNo changes.\n");
    }
    for (kind, changes) in groups {
        let header = format!(
            "| Source | Target | Anchor | {} |\n| --- | --- | --- | --- |",
            detail_heading(kind)
        );
        let title = group_title(kind, changes.len());
        table(&mut out, &title, &header, &changes, "changes", |change| {
            vec![
                url(&change.source_url),
                url(&change.target_url),
                anchor_cell(anchor(change)),
                text(&detail(change)),
            ]
        });
    }
    out
}
