//! Every format of the history, on two saved audits.

use super::*;
use crate::model::TargetInfo;
use crate::store::AuditId;

fn row(id: i64, path_prefix: &str, partial: bool) -> AuditRow {
    AuditRow {
        id: AuditId(id),
        target: TargetInfo {
            input: format!("https://www.example.com{path_prefix}"),
            host: "example.com".into(),
            path_prefix: path_prefix.into(),
        },
        started_at: format!("2025-01-0{id}T03:04:05Z"),
        sources: 12,
        backlinks: 9,
        toxic: usize::from(partial),
        partial,
        sources_given: partial.then_some(40),
        referring_domains: (!partial).then_some(4),
    }
}

fn rows() -> Vec<AuditRow> {
    vec![row(2, "/blog/", true), row(1, "/", false)]
}

fn render(format: Format, rows: &[AuditRow]) -> String {
    let mut out = Vec::new();
    let options = RenderOptions {
        width: 100,
        color: false,
        csv_bom: false,
    };
    write(format, rows, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn json_is_an_object_with_the_rows_in_contract_order() {
    let out = render(Format::Json, &rows());
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["schema_version"], 1);
    let audit = &doc["audits"][1];
    let keys: Vec<&str> = audit.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, HEADER);
    assert_eq!(audit["target"]["host"], "example.com");
    assert_eq!(doc["audits"][0]["id"], 2);
    assert!(out.ends_with("}\n"), "{out}");
}

#[test]
fn json_lines_has_one_typed_line_per_audit() {
    let out = render(Format::Jsonl, &rows());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(r#"{"type":"audit","id":2,"target":{"#),
        "{out}"
    );
    assert!(
        lines[1].ends_with(r#""sources":12,"backlinks":9,"toxic":0,"partial":false,"sources_given":null,"referring_domains":4}"#),
        "{out}"
    );
}

#[test]
fn csv_has_the_header_and_a_row_per_audit() {
    let expected = "id,target,started_at,sources,backlinks,toxic,partial,sources_given,referring_domains\n\
                    2,example.com/blog/,2025-01-02T03:04:05Z,12,9,1,true,40,\n\
                    1,example.com,2025-01-01T03:04:05Z,12,9,0,false,,4\n";
    assert_eq!(render(Format::Csv, &rows()), expected);
}

#[test]
fn csv_cells_that_start_a_formula_are_guarded() {
    let mut rows = rows();
    rows[0].started_at = "=cmd()".into();
    assert!(render(Format::Csv, &rows).contains(",'=cmd(),"));
}

#[test]
fn the_table_lists_every_column() {
    let out = render(Format::Table, &rows());
    assert!(out.starts_with("Saved audits (2)\n"), "{out}");
    for word in [
        "ID",
        "Target",
        "Started",
        "Partial",
        "example.com/blog/",
        "partial",
        "2025-01-01T03:04:05Z",
    ] {
        assert!(out.contains(word), "missing {word:?}:\n{out}");
    }
    let newest = out.find("2025-01-02").unwrap();
    let oldest = out.find("2025-01-01").unwrap();
    assert!(newest < oldest, "newest first:\n{out}");
}

#[test]
fn markdown_is_a_pipe_table() {
    let expected = "## Audit history\n\n### 2 saved audits, newest first\n\n\
        | ID | Target | Started | Sources | Backlinks | Toxic | Partial |\n\
        | ---: | --- | --- | ---: | ---: | ---: | --- |\n\
        | 2 | example.com/blog/ | 2025-01-02T03:04:05Z | 12 of 40 | 9 | 1 | partial |\n\
        | 1 | example.com | 2025-01-01T03:04:05Z | 12 | 9 | 0 |  |\n";
    assert_eq!(render(Format::Markdown, &rows()), expected);
}

#[test]
fn an_empty_history_says_so_in_the_human_formats_and_is_empty_in_the_others() {
    assert_eq!(render(Format::Table, &[]), "No saved audits.\n");
    assert!(render(Format::Markdown, &[]).contains("No saved audits."));
    assert_eq!(render(Format::Jsonl, &[]), "");
    assert_eq!(render(Format::Csv, &[]), format!("{}\n", HEADER.join(",")));
    let doc: serde_json::Value = serde_json::from_str(&render(Format::Json, &[])).unwrap();
    assert_eq!(doc, serde_json::json!({"schema_version": 1, "audits": []}));
}

#[test]
fn a_hostile_target_input_never_reaches_the_terminal() {
    let mut rows = rows();
    rows[0].target.host = "evil\u{1b}[31m.example".into();
    let out = render(Format::Table, &rows);
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn a_partial_audit_shows_how_far_it_got_in_the_table_and_markdown() {
    for format in [Format::Table, Format::Markdown] {
        let out = render(format, &rows());
        assert!(out.contains("12 of 40"), "{format}: {out}");
    }
    let mut unknown = rows();
    unknown[0].sources_given = None;
    assert!(!render(Format::Table, &unknown).contains(" of "));
}
