//! The report formats, how `-o FILE` names one, and how to render for a person.

use std::path::Path;

/// Report formats (`--format`, and `-o FILE` by extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
    Markdown,
    /// One self-contained page (SPEC section 12).
    Html,
}

/// The extensions `-o FILE` understands, and the format each asks for.
const EXTENSIONS: [(&str, Format); 9] = [
    ("csv", Format::Csv),
    ("json", Format::Json),
    ("jsonl", Format::Jsonl),
    ("ndjson", Format::Jsonl),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("txt", Format::Table),
    ("html", Format::Html),
    ("htm", Format::Html),
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
        // `out.json/` would pass for `out.json` until the rename at the end.
        if path
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::is_separator)
        {
            return Err(format!(
                "`{}` names a folder, not a report file: give a file name such as `{}report.json`",
                path.display(),
                path.display()
            ));
        }
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
    /// Start CSV with a UTF-8 byte order mark (`--csv-bom`), which Excel needs
    /// to read non-ASCII text right when the file is opened by double-click.
    pub csv_bom: bool,
}

impl Default for RenderOptions {
    /// What a report file gets: 120 columns, no colour, no byte order mark.
    fn default() -> Self {
        RenderOptions {
            width: 120,
            color: false,
            csv_bom: false,
        }
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
            ("out.html", Format::Html),
            ("Report.HTM", Format::Html),
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
            err.contains(".csv, .json, .jsonl, .ndjson, .md, .markdown, .txt, .html, .htm"),
            "{err}"
        );
        for path in ["out.jso", "out.csv.bak", "out.xhtml"] {
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
    fn a_path_ending_in_a_slash_is_refused_as_a_folder() {
        for path in ["out/", "out.json/", "reports/week.csv/"] {
            let err = Format::from_path(Path::new(path)).unwrap_err();
            assert!(err.contains("names a folder, not a report file"), "{path}: {err}");
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
