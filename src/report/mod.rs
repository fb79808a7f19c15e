//! Reports: one file per format. Writers see results as they arrive
//! (`on_result`) and the finished audit (`finish`); they never touch the network.

use crate::model::{AuditReport, SourceResult};
use std::io::{self, Write};
use std::path::Path;

pub mod atomic;
mod csv;
pub mod diff;
pub mod history;
mod json;
mod jsonl;
mod markdown;
mod overview;
pub mod sanitize;
mod table;

pub(crate) use overview::target_label;

#[cfg(test)]
mod fixture;
#[cfg(test)]
#[path = "../../tests/contract/mirror.rs"]
mod mirror;

/// Report formats (`--format`, and `-o FILE` by extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
    Markdown,
}

/// The extensions `-o FILE` understands, and the format each asks for.
const EXTENSIONS: [(&str, Format); 7] = [
    ("csv", Format::Csv),
    ("json", Format::Json),
    ("jsonl", Format::Jsonl),
    ("ndjson", Format::Jsonl),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("txt", Format::Table),
];

impl std::fmt::Display for Format {
    /// The name `--format` takes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use clap::ValueEnum as _;
        match self.to_possible_value() {
            Some(value) => f.write_str(value.get_name()),
            None => Ok(()),
        }
    }
}

impl Format {
    /// The format a report file's extension asks for: `.csv`, `.json`,
    /// `.jsonl`/`.ndjson`, `.md`/`.markdown`, `.txt` (table without colour).
    /// The extension's case does not matter.
    pub fn from_path(path: &Path) -> Result<Format, String> {
        let accepted = EXTENSIONS
            .iter()
            .map(|(ext, _)| format!(".{ext}"))
            .collect::<Vec<_>>()
            .join(", ");
        let Some(extension) = path.extension() else {
            return Err(format!(
                "cannot tell the report format of `{}`: it has no extension (use one of {accepted})",
                path.display()
            ));
        };
        let lowercase = extension.to_string_lossy().to_ascii_lowercase();
        EXTENSIONS
            .iter()
            .find(|(ext, _)| *ext == lowercase)
            .map(|&(_, format)| format)
            .ok_or_else(|| {
                format!(
                    "cannot tell the report format of `{}` from its extension `.{}` (use one of {accepted})",
                    path.display(),
                    extension.to_string_lossy()
                )
            })
    }

    /// Whether the writer needs every source at `finish` (all but JSON Lines,
    /// which streams them). Links are always there.
    pub fn needs_sources(self) -> bool {
        !matches!(self, Format::Jsonl)
    }
}

/// How to render for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Columns available for the table (the terminal's width, or 100 when not a terminal).
    pub width: usize,
    /// ANSI colour allowed (a terminal, and `NO_COLOR` unset).
    pub color: bool,
}

/// A report being written.
pub trait ReportWriter: Send {
    /// Called once per source, in arrival order (not input order).
    fn on_result(&mut self, result: &SourceResult) -> io::Result<()>;
    /// Called once at the end with the whole audit. Flushes what it wrote, so
    /// an `AtomicFile` can be committed right after.
    fn finish(&mut self, report: &AuditReport) -> io::Result<()>;
}

/// A writer of `format` onto `out`. Write errors (a broken pipe included) come
/// back as they are.
pub fn writer(format: Format, out: Box<dyn Write + Send>, options: RenderOptions) -> Box<dyn ReportWriter> {
    match format {
        Format::Table => Box::new(table::TableWriter::new(out, options)),
        Format::Csv => Box::new(csv::CsvWriter::new(out)),
        Format::Json => Box::new(json::JsonWriter::new(out)),
        Format::Jsonl => Box::new(jsonl::JsonlWriter::new(out)),
        Format::Markdown => Box::new(markdown::MarkdownWriter::new(out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_choose_the_format_whatever_their_case() {
        let cases = [
            ("out.csv", Format::Csv),
            ("out.json", Format::Json),
            ("out.jsonl", Format::Jsonl),
            ("out.ndjson", Format::Jsonl),
            ("out.md", Format::Markdown),
            ("out.markdown", Format::Markdown),
            ("out.txt", Format::Table),
            ("dir/OUT.CSV", Format::Csv),
            ("Report.Json", Format::Json),
            ("a.b.NDJSON", Format::Jsonl),
        ];
        for (path, format) in cases {
            assert_eq!(Format::from_path(Path::new(path)), Ok(format), "{path}");
        }
    }

    #[test]
    fn an_unknown_extension_is_refused_with_the_accepted_ones() {
        let err = Format::from_path(Path::new("out.xml")).unwrap_err();
        assert!(err.contains("`.xml`"), "{err}");
        assert!(
            err.contains(".csv, .json, .jsonl, .ndjson, .md, .markdown, .txt"),
            "{err}"
        );
        for path in ["out.jso", "out.csv.bak", "out.html"] {
            assert!(Format::from_path(Path::new(path)).is_err(), "{path}");
        }
    }

    #[test]
    fn a_missing_extension_is_refused() {
        for path in ["report", ".json", "dir.csv/report"] {
            let err = Format::from_path(Path::new(path)).unwrap_err();
            assert!(err.contains("no extension"), "{path}: {err}");
        }
    }

    #[test]
    fn only_json_lines_streams() {
        for format in [Format::Table, Format::Csv, Format::Json, Format::Markdown] {
            assert!(format.needs_sources(), "{format:?}");
        }
        assert!(!Format::Jsonl.needs_sources());
    }
}
