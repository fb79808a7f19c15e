//! `--only` and `--limit` in every format: each says it was filtered, lists
//! what the filter keeps, and counts the whole audit in its summary.

use super::render_view;
use crate::model::AuditReport;
use crate::report::audit::{Filter, Limit, Only, View};
use crate::report::{Format, RenderOptions};
use crate::sample::audit::{report, results};

fn only(conditions: &[Only]) -> View {
    View {
        only: Filter::new(conditions).unwrap(),
        limit: Limit::Default,
    }
}

fn render(format: Format, view: View, report: &AuditReport) -> String {
    let options = RenderOptions {
        width: 100,
        ..RenderOptions::default()
    };
    render_view(format, options, view, &results(), report)
}

#[test]
fn the_table_and_markdown_say_what_was_kept_and_keep_the_whole_summary() {
    let report = report(&results());
    for format in [Format::Table, Format::Markdown] {
        let out = render(format, only(&[Only::Toxic]), &report);
        assert!(out.contains("Filtered with --only toxic: 1 of 2 links"), "{out}");
        assert!(out.contains("count the whole audit"), "{out}");
        assert!(out.contains("Links, worst first (1)"), "{out}");
        assert!(out.contains("1 of 2 (50.0%)"), "the summary is whole: {out}");
        assert!(!out.contains("No link found on"), "{out}");
        assert!(!out.contains("Could not check"), "{out}");
        let whole = render(format, View::default(), &report);
        assert!(!whole.contains("Filtered with"), "{whole}");
    }
}

#[test]
fn source_conditions_list_sources_and_no_links() {
    let report = report(&results());
    for format in [Format::Table, Format::Markdown] {
        let out = render(format, only(&[Only::Unchecked]), &report);
        assert!(!out.contains("Links, worst first"), "{out}");
        assert!(out.contains("Could not check 1 source"), "{out}");
        assert!(!out.contains("No link found on"), "{out}");
        assert!(out.contains("Top referring domains"), "{out}");
    }
}

#[test]
fn a_filter_that_keeps_no_link_says_so_in_the_table() {
    let report = report(&results());
    let out = render(Format::Table, only(&[Only::Sponsored]), &report);
    assert!(out.contains("No link meets --only sponsored."), "{out}");
}

#[test]
fn json_and_json_lines_name_the_conditions_and_list_only_what_they_keep() {
    let report = report(&results());
    let view = || only(&[Only::Toxic, Only::NoEquity]);
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json, view(), &report)).unwrap();
    assert_eq!(json["only"], serde_json::json!(["toxic", "no-equity"]));
    assert_eq!(json["links"].as_array().unwrap().len(), 1);
    assert_eq!(json["sources"].as_array().unwrap().len(), 1);
    assert_eq!(json["summary"]["backlinks"], 2, "the summary is whole");

    let mut streamed = report.clone();
    streamed.sources.clear();
    let out = render(Format::Jsonl, view(), &streamed);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let count = |kind: &str| lines.iter().filter(|l| l["type"] == kind).count();
    assert_eq!(
        (count("source"), count("link"), count("summary")),
        (1, 1, 1),
        "{out}"
    );
    assert_eq!(
        lines.last().unwrap()["only"],
        serde_json::json!(["toxic", "no-equity"])
    );
}

#[test]
fn a_limit_cuts_the_links_and_says_how_to_see_them_all() {
    let mut report = report(&results());
    let link = report.links[0].clone();
    report.links = vec![link; 30];
    let view = |limit| View {
        limit,
        ..View::default()
    };
    let out = render(Format::Table, view(Limit::First(5)), &report);
    let rows = out.lines().filter(|l| l.contains("Example")).count();
    assert_eq!(rows, 5, "{out}");
    assert!(
        out.contains("… and 25 more links not shown: `--limit 0` lists them all"),
        "{out}"
    );
    let all = render(Format::Table, view(Limit::All), &report);
    assert_eq!(all.lines().filter(|l| l.contains("Example")).count(), 30);
    assert!(!all.contains("more links not shown"));

    let markdown = render(Format::Markdown, view(Limit::First(5)), &report);
    assert!(markdown.contains("The first 5 of 30 links"), "{markdown}");
}
