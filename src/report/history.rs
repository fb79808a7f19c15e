//! `history`: the saved audits, newest first, in every format. The columns are
//! the contract's: id, target, started_at, sources, backlinks, toxic, partial.

use super::csv::{bool_word, formula_safe, write_record};
use super::markdown;
use super::table::{self, align_right, new_table, paint, section, short_row, Style};
use super::{target_label, Format, RenderOptions};
use crate::store::AuditRow;
use comfy_table::{Cell, Color};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// The version of `history`'s JSON and JSON Lines, bumped on any breaking change.
pub const SCHEMA_VERSION: u32 = 1;

const HEADER: [&str; 7] = [
    "id",
    "target",
    "started_at",
    "sources",
    "backlinks",
    "toxic",
    "partial",
];

/// Said by the table and Markdown when there is nothing to list.
const EMPTY: &str = "No saved audits.";

/// Writes `rows` (newest first) as `format` and flushes.
pub fn write(
    format: Format,
    rows: &[AuditRow],
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(render_table(rows, options).as_bytes())?,
        Format::Markdown => out.write_all(render_markdown(rows).as_bytes())?,
        Format::Json => {
            let doc = Document {
                schema_version: SCHEMA_VERSION,
                audits: rows,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            out.write_all(b"\n")?;
        }
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, &Line::Audit(row))?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => write_csv(rows, &mut *out)?,
    }
    out.flush()
}

/// The JSON document: an object rather than a bare array, so fields can be
/// added without breaking readers.
#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    audits: &'a [AuditRow],
}

/// A JSON Lines line, `"type"` first like every other JSON Lines output.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Audit(&'a AuditRow),
}

fn write_csv(rows: &[AuditRow], out: &mut dyn Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    write_record(&mut csv, &HEADER)?;
    for row in rows {
        let cells = [
            row.id.to_string(),
            target_label(&row.target),
            row.started_at.clone(),
            row.sources.to_string(),
            row.backlinks.to_string(),
            row.toxic.to_string(),
            bool_word(row.partial).to_string(),
        ];
        write_record(&mut csv, &cells.map(|cell| formula_safe(Cow::Owned(cell))))?;
    }
    csv.flush()
}

fn render_table(rows: &[AuditRow], options: RenderOptions) -> String {
    let style = Style {
        width: options.width.max(table::MIN_WIDTH),
        color: options.color,
    };
    let mut out = String::new();
    if rows.is_empty() {
        table::line(&mut out, style, EMPTY);
        return out;
    }
    table::heading(&mut out, style, &format!("Saved audits ({})", rows.len()));
    let header = [
        "ID",
        "Target",
        "Started",
        "Sources",
        "Backlinks",
        "Toxic",
        "Partial",
    ];
    let mut grid = new_table(style, &header);
    for row in rows {
        let toxic = if row.toxic > 0 {
            paint(Cell::new(row.toxic), style, Color::Red)
        } else {
            Cell::new(row.toxic)
        };
        let partial = if row.partial {
            paint(Cell::new("partial"), style, Color::Yellow)
        } else {
            Cell::new("")
        };
        grid.add_row(short_row(vec![
            Cell::new(row.id),
            Cell::new(table::safe(&target_label(&row.target))),
            Cell::new(&row.started_at),
            Cell::new(row.sources),
            Cell::new(row.backlinks),
            toxic,
            partial,
        ]));
    }
    align_right(&mut grid, &[0, 3, 4, 5]);
    section(&mut out, grid);
    out
}

fn render_markdown(rows: &[AuditRow]) -> String {
    if rows.is_empty() {
        return format!("## Audit history\n\n{EMPTY}\n");
    }
    let mut out = String::from("## Audit history\n");
    let header = "| ID | Target | Started | Sources | Backlinks | Toxic | Partial |\n\
                  | ---: | --- | --- | ---: | ---: | ---: | --- |";
    let title = format!("{} saved audits, newest first", rows.len());
    markdown::table(&mut out, &title, header, rows, "audits", |row| {
        vec![
            row.id.to_string(),
            markdown::text(&target_label(&row.target)),
            markdown::text(&row.started_at),
            row.sources.to_string(),
            row.backlinks.to_string(),
            row.toxic.to_string(),
            if row.partial { "partial" } else { "" }.to_string(),
        ]
    });
    out
}

#[cfg(test)]
mod tests {
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
            lines[1].ends_with(r#""sources":12,"backlinks":9,"toxic":0,"partial":false}"#),
            "{out}"
        );
    }

    #[test]
    fn csv_has_the_header_and_a_row_per_audit() {
        let expected = "id,target,started_at,sources,backlinks,toxic,partial\n\
                        2,example.com/blog/,2025-01-02T03:04:05Z,12,9,1,true\n\
                        1,example.com,2025-01-01T03:04:05Z,12,9,0,false\n";
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
            | 2 | example.com/blog/ | 2025-01-02T03:04:05Z | 12 | 9 | 1 | partial |\n\
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
}
