//! What a person reads of a diff, whether as a terminal table or as
//! Markdown: the title, the counts, the changes grouped by kind (what needs
//! action first), and each change's detail. Text here is raw; each renderer
//! escapes it.

use crate::model::{AuditRef, Change, ChangeKind, Diff};
use crate::model::{Link, LinkType, TargetTurn};
use crate::report::target_label;

/// The order the table and Markdown list the kinds in: what needs action first.
const KIND_ORDER: [ChangeKind; 4] = [
    ChangeKind::Lost,
    ChangeKind::Unverified,
    ChangeKind::Changed,
    ChangeKind::New,
];

/// What a person reads, as raw text (each renderer escapes it).
pub(super) struct Wording<'a> {
    pub(super) diff: &'a Diff,
}

impl<'a> Wording<'a> {
    pub(super) fn title(&self) -> String {
        format!("Backlink changes for {}", target_label(&self.diff.target))
    }

    /// `audit 3 (2025-01-02T03:04:05Z) → audit 4 (...)`.
    pub(super) fn between(&self) -> String {
        let side = |r: &AuditRef| format!("audit {} ({})", r.id, r.started_at);
        format!("{} → {}", side(&self.diff.from), side(&self.diff.to))
    }

    /// `1 new, 1 lost, 1 unverified, 2 changed, 4 unchanged`.
    pub(super) fn counts(&self) -> String {
        let s = &self.diff.summary;
        format!(
            "{} new, {} lost, {} unverified, {} changed, {} unchanged",
            s.new, s.lost, s.unverified, s.changed, s.unchanged
        )
    }

    /// The kinds that have changes, in `KIND_ORDER`, each with its changes in
    /// the diff's order.
    pub(super) fn groups(&self) -> Vec<(ChangeKind, Vec<&'a Change>)> {
        KIND_ORDER
            .iter()
            .map(|&kind| {
                let changes: Vec<&Change> = self.diff.changes.iter().filter(|c| c.change == kind).collect();
                (kind, changes)
            })
            .filter(|(_, changes)| !changes.is_empty())
            .collect()
    }
}

/// A group's heading: the kind, how many, and what it means.
pub(super) fn group_title(kind: ChangeKind, count: usize) -> String {
    let meaning = match kind {
        ChangeKind::Lost => "the page was fetched and the link is not there",
        ChangeKind::Unverified => {
            "the page could not be seen, so the link may still be there; not counted as lost"
        }
        ChangeKind::Changed => "type, equity, anchor text, toxicity or target page changed",
        ChangeKind::New => "not there before",
    };
    format!("{} ({count}): {meaning}", capitalized(kind.as_str()))
}

/// The last column's heading for a group.
pub(super) fn detail_heading(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Lost => "Was",
        ChangeKind::Unverified => "Source now",
        ChangeKind::Changed => "What changed",
        ChangeKind::New => "Type",
    }
}

/// The anchor a change shows: the link as it is now, else as it was.
pub(super) fn anchor(change: &Change) -> &str {
    change
        .after
        .as_ref()
        .or(change.before.as_ref())
        .map_or("", |link| link.anchor_text.as_str())
}

/// The last column: the type it had or has, why it is unverified, or every
/// difference, before → after.
pub(super) fn detail(change: &Change) -> String {
    match (change.change, &change.before, &change.after) {
        (ChangeKind::Unverified, _, _) => match change.source_status {
            Some(status) => status.as_str().to_string(),
            None => "not in the newer audit".to_string(),
        },
        (ChangeKind::Changed, Some(before), Some(after)) => differences(before, after).join("; "),
        (_, _, Some(link)) | (_, Some(link), None) => kind_of(link),
        (_, None, None) => String::new(),
    }
}

/// `dofollow`, `nofollow, toxic`, `dofollow, no equity` (a followed link on a
/// nofollow page).
fn kind_of(link: &Link) -> String {
    let mut words = vec![link.link_type.as_str()];
    if !link.passes_equity && link.link_type == LinkType::Dofollow {
        words.push("no equity");
    }
    if link.toxic {
        words.push("toxic");
    }
    words.join(", ")
}

/// The differences `diff` counts as a change, each as `what before → after`.
pub(super) fn differences(before: &Link, after: &Link) -> Vec<String> {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut out = Vec::new();
    if before.link_type != after.link_type {
        out.push(format!(
            "type {} → {}",
            before.link_type.as_str(),
            after.link_type.as_str()
        ));
    }
    if before.passes_equity != after.passes_equity {
        out.push(format!(
            "passes equity {} → {}",
            yes_no(before.passes_equity),
            yes_no(after.passes_equity)
        ));
    }
    if before.anchor_text != after.anchor_text {
        out.push(format!(
            "anchor \"{}\" → \"{}\"",
            before.anchor_text, after.anchor_text
        ));
    }
    if before.toxic != after.toxic {
        out.push(format!(
            "toxic {} → {} (toxicity {} → {})",
            yes_no(before.toxic),
            yes_no(after.toxic),
            before.toxicity,
            after.toxicity
        ));
    }
    match TargetTurn::between(before, after) {
        Some(TargetTurn::Broke) => out.push(format!(
            "target page broke ({}): redirect it",
            after
                .target_http_status
                .map_or_else(|| "no status".to_string(), |code| format!("HTTP {code}"))
        )),
        Some(TargetTurn::Repaired) => out.push(format!(
            "target page answers again ({})",
            after.target_status.map_or("checked", |s| s.as_str())
        )),
        None => {}
    }
    out
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::build::link;

    const BLOG: &str = "https://blog.example.org/post";

    #[test]
    fn a_changed_anchor_and_toxicity_are_spelled_out() {
        let (mut before, mut after) = (
            link(BLOG, "https://example.com/", "Old"),
            link(BLOG, "https://example.com/", "New"),
        );
        before.toxicity = 10;
        after.toxicity = 60;
        after.toxic = true;
        assert_eq!(
            differences(&before, &after),
            ["anchor \"Old\" → \"New\"", "toxic no → yes (toxicity 10 → 60)"]
        );
        assert_eq!(kind_of(&after), "dofollow, toxic");
        before.passes_equity = false;
        assert_eq!(kind_of(&before), "dofollow, no equity");
    }

    #[test]
    fn a_target_page_that_broke_or_came_back_is_spelled_out() {
        let unchecked = link(BLOG, "https://example.com/old", "Example");
        let mut broken = unchecked.clone();
        broken.set_target_check(&crate::model::TargetCheck {
            status: crate::model::TargetStatus::Broken,
            final_url: None,
            http_status: Some(410),
        });
        let mut redirected = unchecked.clone();
        redirected.set_target_check(&crate::model::TargetCheck {
            status: crate::model::TargetStatus::Redirect,
            final_url: Some("https://example.com/new".into()),
            http_status: Some(200),
        });
        assert_eq!(
            differences(&unchecked, &broken),
            ["target page broke (HTTP 410): redirect it"]
        );
        assert_eq!(
            differences(&broken, &redirected),
            ["target page answers again (redirect)"]
        );
        assert!(differences(&broken, &unchecked).is_empty());
    }
}
