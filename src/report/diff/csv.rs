//! The diff as CSV: one row per change, in the JSON's order, each link field
//! before and after side by side (empty on the side where the link is absent).

use crate::model::Link;
use crate::model::{Change, Diff};
use crate::report::csv::{bool_word, safe_cell, start, write_record};
use std::borrow::Cow;
use std::io::{self, Write};

pub(super) const HEADER: [&str; 12] = [
    "change",
    "source_url",
    "target_url",
    "before_link_type",
    "after_link_type",
    "before_anchor_text",
    "after_anchor_text",
    "before_passes_equity",
    "after_passes_equity",
    "before_toxic",
    "after_toxic",
    "source_status",
];

pub(super) fn write(diff: &Diff, bom: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = start(out, bom)?;
    write_record(&mut csv, &HEADER)?;
    for change in &diff.changes {
        write_record(&mut csv, &row(change))?;
    }
    csv.flush()
}

/// `source_status` is the source's status in the newer audit: why a link is
/// unverified. Empty when the newer audit does not list the source.
fn row(change: &Change) -> [Cow<'_, str>; 12] {
    let (before, after) = (change.before.as_ref(), change.after.as_ref());
    let link_type = |link: Option<&Link>| link.map_or("", |l| l.link_type.as_str());
    let equity = |link: Option<&Link>| link.map_or("", |l| bool_word(l.passes_equity));
    let toxic = |link: Option<&Link>| link.map_or("", |l| bool_word(l.toxic));
    let cells: [&str; 12] = [
        change.change.as_str(),
        &change.source_url,
        &change.target_url,
        link_type(before),
        link_type(after),
        anchor_text(before),
        anchor_text(after),
        equity(before),
        equity(after),
        toxic(before),
        toxic(after),
        change.source_status.map_or("", |s| s.as_str()),
    ];
    cells.map(|cell| safe_cell(Cow::Borrowed(cell)))
}

fn anchor_text(link: Option<&Link>) -> &str {
    link.map_or("", |l| l.anchor_text.as_str())
}
