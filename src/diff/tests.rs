//! Every kind of change, with the near misses that must not be one.

use super::{diff, ChangeKind, Diff, DiffSummary, Side, TargetMismatch};
use crate::model::{AuditReport, Link, LinkType, SourceStatus, TargetCheck, TargetStatus};
use crate::sample::build::{link, report, source, target};
use crate::store::AuditId;

const PAGE: &str = "https://blog.example.org/post";
const HOME: &str = "https://example.com/";

fn compare(before: &AuditReport, after: &AuditReport) -> Diff {
    let from = Side {
        id: AuditId(1),
        report: before,
    };
    let to = Side {
        id: AuditId(2),
        report: after,
    };
    diff(from, to).unwrap()
}

/// An audit where PAGE has `links` and status ok (no-link when none).
fn page_with(links: Vec<Link>) -> AuditReport {
    let status = if links.is_empty() {
        SourceStatus::NoLink
    } else {
        SourceStatus::Ok
    };
    report(vec![source(PAGE, status, links.len())], links)
}

fn page_now(status: SourceStatus) -> AuditReport {
    report(vec![source(PAGE, status, 0)], vec![])
}

fn kinds(diff: &Diff) -> Vec<ChangeKind> {
    diff.changes.iter().map(|c| c.change).collect()
}

fn summary(new: usize, lost: usize, unverified: usize, changed: usize, unchanged: usize) -> DiffSummary {
    DiffSummary {
        new,
        lost,
        unverified,
        changed,
        unchanged,
    }
}

#[test]
fn the_same_link_twice_is_unchanged_and_listed_nowhere() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let d = compare(&before, &before.clone());
    assert_eq!(d.summary, summary(0, 0, 0, 0, 1));
    assert!(d.changes.is_empty());
}

#[test]
fn a_page_fetched_without_the_link_has_lost_it() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let d = compare(&before, &page_now(SourceStatus::NoLink));
    assert_eq!(d.summary, summary(0, 1, 0, 0, 0));
    let change = &d.changes[0];
    assert_eq!(change.change, ChangeKind::Lost);
    assert_eq!(
        (change.source_url.as_str(), change.target_url.as_str()),
        (PAGE, HOME)
    );
    assert_eq!(change.before, Some(before.links[0].clone()));
    assert_eq!(change.after, None);
    assert_eq!(change.source_status, Some(SourceStatus::NoLink));
    assert_eq!(d.lost().count(), 1);
}

#[test]
fn an_ok_page_that_now_links_elsewhere_on_the_target_has_lost_the_old_link() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let after = page_with(vec![link(PAGE, "https://example.com/pricing", "Example")]);
    let d = compare(&before, &after);
    assert_eq!(kinds(&d), vec![ChangeKind::New, ChangeKind::Lost]);
    assert_eq!(d.summary, summary(1, 1, 0, 0, 0));
}

#[test]
fn a_page_that_cannot_be_seen_now_leaves_its_links_unverified_never_lost() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    // Every status but the two of a page read whole.
    let unseen = SourceStatus::ALL
        .into_iter()
        .filter(|s| !matches!(s, SourceStatus::Ok | SourceStatus::NoLink));
    for status in unseen {
        let d = compare(&before, &page_now(status));
        assert_eq!(d.summary, summary(0, 0, 1, 0, 0), "{status}");
        assert_eq!(kinds(&d), vec![ChangeKind::Unverified], "{status}");
        assert_eq!(d.changes[0].source_status, Some(status));
        assert_eq!(d.lost().count(), 0, "{status}");
    }
}

#[test]
fn a_source_the_newer_audit_does_not_list_leaves_its_links_unverified() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let mut after = report(
        vec![source("https://other.example.org/", SourceStatus::NoLink, 0)],
        vec![],
    );
    after.partial = true;
    let d = compare(&before, &after);
    assert_eq!(d.summary, summary(0, 0, 1, 0, 0));
    assert_eq!(d.changes[0].source_status, None);
}

#[test]
fn a_truncated_page_without_the_link_leaves_it_unverified() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let mut after = page_now(SourceStatus::NoLink);
    after.sources[0].truncated = true;
    assert_eq!(compare(&before, &after).summary, summary(0, 0, 1, 0, 0));
}

#[test]
fn a_link_turned_nofollow_is_changed_with_before_and_after() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let mut now = link(PAGE, HOME, "Example");
    now.rel = vec!["nofollow".into()];
    now.link_type = LinkType::Nofollow;
    now.passes_equity = false;
    let after = page_with(vec![now.clone()]);
    let d = compare(&before, &after);
    assert_eq!(d.summary, summary(0, 0, 0, 1, 0));
    assert_eq!(d.changes[0].change, ChangeKind::Changed);
    assert_eq!(d.changes[0].before, Some(before.links[0].clone()));
    assert_eq!(d.changes[0].after, Some(now));
}

#[test]
fn anchor_text_equity_and_toxic_verdict_changes_count_but_other_fields_do_not() {
    let base = link(PAGE, HOME, "Example");
    type Edit = fn(&mut Link);
    let edits: [(Edit, bool); 8] = [
        (|l| l.anchor_text = "example".into(), true),
        (|l| l.passes_equity = false, true),
        (|l| l.toxic = true, true),
        (|l| l.link_type = LinkType::Sponsored, true),
        (|l| l.rel = vec!["noopener".into()], false),
        (|l| l.toxicity = 20, false),
        (|l| l.flags = vec![crate::model::Flag::Sitewide], false),
        (|l| l.placement = crate::model::Placement::Footer, false),
    ];
    for (i, (edit, counts)) in edits.into_iter().enumerate() {
        let mut now = base.clone();
        edit(&mut now);
        let d = compare(&page_with(vec![base.clone()]), &page_with(vec![now]));
        let expected = if counts {
            summary(0, 0, 0, 1, 0)
        } else {
            summary(0, 0, 0, 0, 1)
        };
        assert_eq!(d.summary, expected, "edit {i}");
    }
}

#[test]
fn two_identical_links_and_one_removed_is_one_lost_and_one_unchanged() {
    let before = page_with(vec![link(PAGE, HOME, "Example"), link(PAGE, HOME, "Example")]);
    let after = page_with(vec![link(PAGE, HOME, "Example")]);
    let d = compare(&before, &after);
    assert_eq!(d.summary, summary(0, 1, 0, 0, 1));
    assert_eq!(kinds(&d), vec![ChangeKind::Lost]);
}

#[test]
fn the_removed_one_of_two_different_links_to_one_url_is_the_one_lost() {
    let before = page_with(vec![link(PAGE, HOME, "Acme"), link(PAGE, HOME, "Acme tools")]);
    let after = page_with(vec![link(PAGE, HOME, "Acme tools")]);
    let d = compare(&before, &after);
    assert_eq!(d.summary, summary(0, 1, 0, 0, 1));
    assert_eq!(
        d.changes[0].before.as_ref().map(|l| l.anchor_text.as_str()),
        Some("Acme")
    );
}

#[test]
fn links_that_differ_are_paired_in_document_order() {
    let before = page_with(vec![link(PAGE, HOME, "one"), link(PAGE, HOME, "two")]);
    let after = page_with(vec![
        link(PAGE, HOME, "uno"),
        link(PAGE, HOME, "dos"),
        link(PAGE, HOME, "tres"),
    ]);
    let d = compare(&before, &after);
    assert_eq!(d.summary, summary(1, 0, 0, 2, 0));
    let pairs: Vec<_> = d
        .changes
        .iter()
        .map(|c| {
            let text = |l: &Option<Link>| l.as_ref().map(|l| l.anchor_text.clone());
            (c.change, text(&c.before), text(&c.after))
        })
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        pairs,
        vec![
            (ChangeKind::Changed, some("one"), some("uno")),
            (ChangeKind::Changed, some("two"), some("dos")),
            (ChangeKind::New, None, some("tres")),
        ]
    );
}

#[test]
fn a_new_source_brings_new_links() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let mut after = before.clone();
    let fresh = "https://fresh.example.net/";
    after.sources.push(source(fresh, SourceStatus::Ok, 1));
    after.links.push(link(fresh, HOME, "Example"));
    let d = compare(&before, &after);
    assert_eq!(d.summary, summary(1, 0, 0, 0, 1));
    assert_eq!(d.changes[0].change, ChangeKind::New);
    assert_eq!(d.changes[0].before, None);
    assert_eq!(d.changes[0].source_url, fresh);
}

#[test]
fn changes_follow_the_newer_audits_source_order_then_the_older_ones() {
    let (a, b, c) = (
        "https://a.example.org/",
        "https://b.example.org/",
        "https://c.example.org/",
    );
    let before = report(
        vec![source(a, SourceStatus::Ok, 2), source(c, SourceStatus::Ok, 1)],
        vec![
            link(a, HOME, "a1"),
            link(a, "https://example.com/x", "a2"),
            link(c, HOME, "c"),
        ],
    );
    // b is new and listed first; a lost its first link and gained one; c is gone from the list.
    let after = report(
        vec![source(b, SourceStatus::Ok, 1), source(a, SourceStatus::Ok, 2)],
        vec![
            link(b, HOME, "b"),
            link(a, "https://example.com/x", "a2"),
            link(a, "https://example.com/y", "a3"),
        ],
    );
    let d = compare(&before, &after);
    let order: Vec<_> = d
        .changes
        .iter()
        .map(|c| {
            (
                c.change,
                c.after
                    .as_ref()
                    .or(c.before.as_ref())
                    .unwrap()
                    .anchor_text
                    .clone(),
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![
            (ChangeKind::New, "b".to_string()),
            (ChangeKind::New, "a3".to_string()),
            (ChangeKind::Lost, "a1".to_string()),
            (ChangeKind::Unverified, "c".to_string()),
        ]
    );
}

#[test]
fn the_json_has_the_contract_shape_and_key_order() {
    let before = page_with(vec![link(PAGE, HOME, "Example")]);
    let d = compare(&before, &page_now(SourceStatus::NoLink));
    let json = serde_json::to_value(&d).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&json),
        ["schema_version", "target", "from", "to", "summary", "changes"]
    );
    assert_eq!(json["schema_version"], 1);
    assert_eq!(
        json["target"],
        serde_json::json!({"input": "example.com", "host": "example.com", "path_prefix": "/"})
    );
    assert_eq!(
        json["from"],
        serde_json::json!({"id": 1, "started_at": "2025-01-02T03:04:05Z"})
    );
    assert_eq!(
        keys(&json["summary"]),
        ["new", "lost", "unverified", "changed", "unchanged"]
    );
    let change = &json["changes"][0];
    assert_eq!(
        keys(change),
        ["change", "source_url", "target_url", "before", "after"]
    );
    assert_eq!(change["change"], "lost");
    assert_eq!(change["after"], serde_json::Value::Null);
    assert_eq!(change["before"]["anchor_text"], "Example");
}

#[test]
fn audits_of_different_targets_are_not_compared() {
    let before = page_with(vec![]);
    let mut blog = page_with(vec![]);
    blog.target = target("example.com/blog/", "example.com", "/blog/");
    let err = diff(
        Side {
            id: AuditId(3),
            report: &before,
        },
        Side {
            id: AuditId(4),
            report: &blog,
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "audit 3 is of example.com/ and audit 4 of example.com/blog/: diff compares two audits of one target"
    );
    assert!(matches!(err, TargetMismatch { .. }));
    // The same target typed another way is the same target.
    let mut typed = page_with(vec![]);
    typed.target = target("https://www.example.com", "example.com", "/");
    assert_eq!(compare(&before, &typed).target, typed.target);
}

#[test]
fn a_target_page_that_broke_is_a_change_and_one_that_came_back_too() {
    let check = |status: TargetStatus, http: u16| TargetCheck {
        status,
        final_url: None,
        http_status: Some(http),
    };
    let with = |c: Option<TargetCheck>| {
        let mut l = link(PAGE, HOME, "Example");
        if let Some(c) = c {
            l.set_target_check(&c);
        }
        l
    };
    let ok = || Some(check(TargetStatus::Ok, 200));
    let broken = || Some(check(TargetStatus::Broken, 404));
    let cases = [
        (ok(), broken(), summary(0, 0, 0, 1, 0)),
        (None, broken(), summary(0, 0, 0, 1, 0)),
        (broken(), ok(), summary(0, 0, 0, 1, 0)),
        (broken(), None, summary(0, 0, 0, 0, 1)),
        (broken(), broken(), summary(0, 0, 0, 0, 1)),
        (
            ok(),
            Some(check(TargetStatus::Unreachable, 0)),
            summary(0, 0, 0, 0, 1),
        ),
    ];
    for (i, (before, after, expected)) in cases.into_iter().enumerate() {
        let d = compare(&page_with(vec![with(before)]), &page_with(vec![with(after)]));
        assert_eq!(d.summary, expected, "case {i}");
    }
}
