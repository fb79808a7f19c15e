//! Every format of the diff, on one comparison with every kind of change.

use super::write;
use crate::diff::{diff, Side};
use crate::model::{AuditReport, LinkType, SourceStatus};
use crate::model::{ChangeKind, Diff};
use crate::report::{Format, RenderOptions};
use crate::sample::build::{link, report, source};
use crate::store::AuditId;
use serde_json::Value;

const BLOG: &str = "https://blog.example.org/post";
const DOWN: &str = "https://down.example.net/page";
const FRESH: &str = "https://new.example.org/";

/// Before: the blog links to /kept, /gone and /pricing; the other page to /.
fn before() -> AuditReport {
    let links = vec![
        link(BLOG, "https://example.com/kept", "Example"),
        link(BLOG, "https://example.com/gone", "Gone"),
        link(BLOG, "https://example.com/pricing", "Pricing"),
        link(DOWN, "https://example.com/", "Example"),
    ];
    let sources = vec![
        source(BLOG, SourceStatus::Ok, 3),
        source(DOWN, SourceStatus::Ok, 1),
    ];
    let mut report = report(sources, links);
    report.started_at = "2025-01-01T00:00:00Z".into();
    report
}

/// After: /gone is gone, /pricing is nofollow, the other page answers 503,
/// and a new page links.
fn after() -> AuditReport {
    let mut pricing = link(BLOG, "https://example.com/pricing", "Pricing");
    pricing.link_type = LinkType::Nofollow;
    pricing.passes_equity = false;
    let links = vec![
        link(BLOG, "https://example.com/kept", "Example"),
        pricing,
        link(FRESH, "https://example.com/", "Fresh"),
    ];
    let sources = vec![
        source(BLOG, SourceStatus::Ok, 2),
        source(DOWN, SourceStatus::HttpError, 0),
        source(FRESH, SourceStatus::Ok, 1),
    ];
    let mut report = report(sources, links);
    report.started_at = "2025-01-08T00:00:00Z".into();
    report
}

fn sample_diff() -> Diff {
    let (before, after) = (before(), after());
    let from = Side {
        id: AuditId(1),
        report: &before,
    };
    let to = Side {
        id: AuditId(2),
        report: &after,
    };
    diff(from, to).unwrap()
}

fn render(format: Format, diff: &Diff, width: usize) -> String {
    let mut out = Vec::new();
    let options = RenderOptions {
        width,
        color: false,
        csv_bom: false,
    };
    write(format, diff, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn keys(value: &Value) -> Vec<&str> {
    value.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn the_sample_has_every_kind_of_change() {
    let kinds: Vec<ChangeKind> = sample_diff().changes.iter().map(|c| c.change).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Changed,
            ChangeKind::Lost,
            ChangeKind::Unverified,
            ChangeKind::New
        ]
    );
    assert_eq!(sample_diff().summary.unchanged, 1);
}

#[test]
fn json_is_the_contract_document() {
    let out = render(Format::Json, &sample_diff(), 100);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        keys(&doc),
        ["schema_version", "target", "from", "to", "summary", "changes"]
    );
    assert_eq!(
        doc["from"],
        serde_json::json!({"id": 1, "started_at": "2025-01-01T00:00:00Z"})
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"new": 1, "lost": 1, "unverified": 1, "changed": 1, "unchanged": 1})
    );
    let changes = doc["changes"].as_array().unwrap();
    for change in changes {
        assert_eq!(
            keys(change),
            ["change", "source_url", "target_url", "before", "after"]
        );
    }
    let lost = &changes[1];
    assert_eq!(lost["change"], "lost");
    assert_eq!(lost["target_url"], "https://example.com/gone");
    assert_eq!(lost["before"]["anchor_text"], "Gone");
    assert_eq!(lost["after"], Value::Null);
    assert_eq!(changes[3]["before"], Value::Null);
    assert!(out.ends_with("}\n"));
}

#[test]
fn json_lines_has_a_line_per_change_then_the_summary() {
    let out = render(Format::Jsonl, &sample_diff(), 100);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    for line in &lines[..4] {
        assert_eq!(
            keys(line),
            ["type", "change", "source_url", "target_url", "before", "after"]
        );
        assert_eq!(line["type"], "change");
    }
    let summary = &lines[4];
    assert_eq!(
        keys(summary),
        ["type", "schema_version", "target", "from", "to", "summary"]
    );
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["summary"]["lost"], 1);
    assert_eq!(summary["to"]["id"], 2);
}

#[test]
fn json_lines_of_no_change_is_the_summary_alone() {
    let mut diff = sample_diff();
    diff.changes.clear();
    let out = render(Format::Jsonl, &diff, 100);
    assert_eq!(out.lines().count(), 1);
    assert!(
        out.starts_with(r#"{"type":"summary","schema_version":1,"#),
        "{out}"
    );
}

#[test]
fn csv_has_a_row_per_change_with_both_sides() {
    let expected = "change,source_url,target_url,before_link_type,after_link_type,\
        before_anchor_text,after_anchor_text,before_passes_equity,after_passes_equity,\
        before_toxic,after_toxic,source_status\n\
        changed,https://blog.example.org/post,https://example.com/pricing,dofollow,nofollow,\
        Pricing,Pricing,true,false,false,false,ok\n\
        lost,https://blog.example.org/post,https://example.com/gone,dofollow,,Gone,,true,,false,,ok\n\
        unverified,https://down.example.net/page,https://example.com/,dofollow,,Example,,true,,false,,http-error\n\
        new,https://new.example.org/,https://example.com/,,dofollow,,Fresh,,true,,false,ok\n";
    assert_eq!(render(Format::Csv, &sample_diff(), 100), expected);
}

#[test]
fn csv_guards_cells_that_start_a_formula_and_leaves_an_unlisted_source_empty() {
    let mut diff = sample_diff();
    if let Some(after) = diff.changes[3].after.as_mut() {
        after.anchor_text = "=HYPERLINK(\"http://evil\")".into();
    }
    diff.changes[2].source_status = None;
    let out = render(Format::Csv, &diff, 100);
    assert!(out.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), "{out}");
    assert!(out.contains(",Example,,true,,false,,\nnew,"), "{out}");
}

#[test]
fn the_table_groups_the_changes_lost_first_with_the_reasons() {
    let out = render(Format::Table, &sample_diff(), 160);
    let order: Vec<usize> = ["Lost (1)", "Unverified (1)", "Changed (1)", "New (1)"]
        .iter()
        .map(|title| out.find(title).unwrap_or_else(|| panic!("no {title}:\n{out}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    for text in [
        "Backlink changes for example.com",
        "audit 1 (2025-01-01T00:00:00Z) → audit 2 (2025-01-08T00:00:00Z)",
        "1 new, 1 lost, 1 unverified, 1 changed, 1 unchanged",
        "not counted as lost",
        "http-error",
        "type dofollow → nofollow",
        "passes equity yes → no",
        "example.com/gone",
        "Fresh",
    ] {
        assert!(out.contains(text), "missing {text:?}:\n{out}");
    }
}

#[test]
fn every_table_line_fits_and_page_text_carries_no_control() {
    let mut diff = sample_diff();
    if let Some(after) = diff.changes[0].after.as_mut() {
        after.anchor_text = "\u{1b}[31mred\u{1b}]0;title\u{7}\u{202e}".into();
    }
    diff.changes[1].source_url = format!("https://blog.example.org/{}", "a".repeat(300));
    for width in [40, 80, 120] {
        let out = render(Format::Table, &diff, width);
        for line in out.lines() {
            assert!(line.chars().count() <= width, "wider than {width}: {line}");
        }
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
        assert!(!out.contains('\u{202e}'), "{out}");
    }
}

#[test]
fn no_change_says_so() {
    let mut diff = sample_diff();
    diff.changes.clear();
    assert!(render(Format::Table, &diff, 100).contains("\nNo changes.\n"));
    assert!(render(Format::Markdown, &diff, 100).ends_with("\nNo changes.\n"));
}

#[test]
fn markdown_groups_the_changes_in_pipe_tables() {
    let expected = "## Backlink changes for example.com\n\n\
audit 1 (2025-01-01T00:00:00Z) → audit 2 (2025-01-08T00:00:00Z): **1 new, 1 lost, 1 unverified, 1 changed, 1 unchanged**\n\
\n### Lost (1): the page was fetched and the link is not there\n\n\
| Source | Target | Anchor | Was |\n| --- | --- | --- | --- |\n\
| <https://blog.example.org/post> | <https://example.com/gone> | Gone | dofollow |\n\
\n### Unverified (1): the page could not be seen, so the link may still be there; not counted as lost\n\n\
| Source | Target | Anchor | Source now |\n| --- | --- | --- | --- |\n\
| <https://down.example.net/page> | <https://example.com/> | Example | http-error |\n\
\n### Changed (1): type, equity, anchor text, toxicity or target page changed\n\n\
| Source | Target | Anchor | What changed |\n| --- | --- | --- | --- |\n\
| <https://blog.example.org/post> | <https://example.com/pricing> | Pricing | type dofollow → nofollow; passes equity yes → no |\n\
\n### New (1): not there before\n\n\
| Source | Target | Anchor | Type |\n| --- | --- | --- | --- |\n\
| <https://new.example.org/> | <https://example.com/> | Fresh | dofollow |\n";
    assert_eq!(render(Format::Markdown, &sample_diff(), 100), expected);
}

#[test]
fn markdown_escapes_page_text() {
    let mut diff = sample_diff();
    if let Some(before) = diff.changes[1].before.as_mut() {
        before.anchor_text = "a | b <script> @team".into();
    }
    let out = render(Format::Markdown, &diff, 100);
    assert!(out.contains("a \\| b \\<script\\> @&#8203;team"), "{out}");
}
