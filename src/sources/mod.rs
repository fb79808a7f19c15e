//! Inputs: turn positional arguments and `--sources` files (plain lists or other
//! tools' exports) into an ordered, de-duplicated list of source entries.
//!
//! An entry that is not usable is kept as `Err(reason)` so it is reported with
//! status `invalid`; only a failure to read an input at all is a `SourcesError`.

mod columns;
mod entry;
mod export;
mod format;
mod list;
mod parquet;
pub(crate) mod text; // also bounds `discover --archives` manifests

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use url::Url;

use format::Layout;

/// Where an entry came from, for messages that point at the line to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A positional argument.
    Argument,
    /// Line `line` (1-based) of a `--sources` file; `path` is `-` for standard input.
    File { path: String, line: usize },
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Argument => f.write_str("command line"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
        }
    }
}

/// A usable source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An http(s) URL, fragment dropped. `https_assumed`: the entry named no
    /// scheme (`example.org/page`, `//example.org/page`), so `https://` was
    /// put in front.
    Http { url: Url, https_assumed: bool },
    /// A saved HTML page on disk (a path, or a `file://` URL), with its `file://` URL.
    File { path: PathBuf, url: Url },
}

impl Location {
    /// The URL that identifies the source in reports.
    pub fn url(&self) -> &Url {
        match self {
            Location::Http { url, .. } => url,
            Location::File { url, .. } => url,
        }
    }

    /// For an entry given without a scheme: that https was assumed, and how
    /// to list the entry if the site has no HTTPS. For the end of an error
    /// message when connecting over https failed.
    pub fn https_assumed_hint(&self, input: &str) -> Option<String> {
        let Location::Http {
            url,
            https_assumed: true,
        } = self
        else {
            return None;
        };
        let mut plain = url.clone();
        plain.set_scheme("http").ok()?;
        Some(format!(
            "https:// was assumed for `{input}`: list it as `{plain}` if the site has no HTTPS"
        ))
    }
}

/// One entry of the input, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// The text of the entry as given (trimmed).
    pub input: String,
    pub origin: Origin,
    /// The usable source, or why the entry is not one. The reason names the
    /// origin, e.g. "links.csv:7: `htp:/x` is not a URL: ...".
    pub location: Result<Location, String>,
}

/// Failures that stop the audit before it starts (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum SourcesError {
    #[error("cannot read sources file `{path}`: {source} (check the path, or pass `--sources -` to read standard input)")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` is not a list of links: {reason}")]
    Refused { path: String, reason: String },
    #[error(
        "`{path}` is a device, not a file: give a file of links, or `--sources -` to read standard input"
    )]
    Device { path: String },
    #[error("`{path}`, line {line}, is longer than 64 KiB: a list of links has one URL a line, and an export one row a line (check that this is the right file)")]
    LongLine { path: String, line: usize },
    #[error("`{path}` holds more than 1 GiB of text: split it into smaller lists, each passed with its own `--sources`")]
    TooLarge { path: String },
    #[error("`{path}`, line {line}, holds a NUL character, so it is not text: a list of links is UTF-8 text, or UTF-16 with a byte order mark")]
    NotText { path: String, line: usize },
}

/// Reads every input in order: positional arguments first, then each `--sources`
/// file in the order given (`-` reads `stdin`). Entries are de-duplicated by their
/// normalised URL (first occurrence kept); invalid entries are kept as errors.
pub fn load(
    positional: &[String],
    files: &[String],
    stdin: &mut dyn std::io::Read,
) -> Result<Vec<SourceEntry>, SourcesError> {
    let mut entries: Vec<SourceEntry> = positional.iter().map(|arg| from_argument(arg)).collect();
    for file in files {
        // Relative paths in a list are relative to the list; stdin's to the
        // current directory (an empty base).
        let base = match file.as_str() {
            "-" => Path::new(""),
            path => Path::new(path).parent().unwrap_or(Path::new("")),
        };
        if file != "-" && parquet::is_parquet(Path::new(file)) {
            entries.extend(from_parquet(file, base)?);
            continue;
        }
        let text = read_input(file, stdin)?;
        entries.extend(parse(file, &text, base)?);
    }
    Ok(dedupe(entries))
}

/// The entries of one sources file's text, in file order, not de-duplicated.
fn parse(path: &str, text: &str, base: &Path) -> Result<Vec<SourceEntry>, SourcesError> {
    let layout = format::detect(text).map_err(|reason| SourcesError::Refused {
        path: path.to_string(),
        reason,
    })?;
    let raw = match layout {
        Layout::PlainList => list::read(text),
        Layout::Export {
            delimiter,
            column,
            header_start,
        } => export::read(text, delimiter, &column, header_start),
    };
    Ok(raw
        .into_iter()
        .map(|raw| {
            let origin = Origin::File {
                path: path.to_string(),
                line: raw.line,
            };
            let location = match raw.problem {
                Some(problem) => Err(problem),
                None => entry::locate(&raw.text, base),
            };
            SourceEntry::new(raw.text, origin, location)
        })
        .collect())
}

/// The `source_url` of each row of a Parquet file (`discover`'s output).
fn from_parquet(path: &str, base: &Path) -> Result<Vec<SourceEntry>, SourcesError> {
    let rows = parquet::read(Path::new(path)).map_err(|reason| SourcesError::Refused {
        path: path.to_string(),
        reason,
    })?;
    Ok(rows
        .into_iter()
        .map(|(row, url)| {
            let text = trim_entry(&url).to_string();
            let location = if text.is_empty() {
                Err("an empty source_url".to_string())
            } else {
                entry::locate(&text, base)
            };
            let origin = Origin::File {
                path: path.to_string(),
                line: row,
            };
            SourceEntry::new(text, origin, location)
        })
        .collect())
}

fn from_argument(arg: &str) -> SourceEntry {
    let text = trim_entry(arg);
    let location = if text.is_empty() {
        Err("an empty argument is not a URL".to_string())
    } else {
        match entry::list_file_argument(text) {
            Some(hint) => Err(hint),
            None => entry::locate(text, Path::new("")),
        }
    };
    SourceEntry::new(text.to_string(), Origin::Argument, location)
}

/// The text of one `--sources` input, read with the bounds of [`text::read`].
/// A device is refused before it is read (`/dev/zero` never ends); a pipe
/// (`-`, or `<(...)` in a shell) is read, and stopped by those bounds.
fn read_input(file: &str, stdin: &mut dyn std::io::Read) -> Result<String, SourcesError> {
    let path = file.to_string();
    let read_error = |source| SourcesError::Read {
        path: file.to_string(),
        source,
    };
    let text = if file == "-" {
        text::read(stdin, text::Limits::DOCUMENTED)
    } else {
        if is_device(&std::fs::metadata(file).map_err(read_error)?) {
            return Err(SourcesError::Device { path });
        }
        let mut opened = std::fs::File::open(file).map_err(read_error)?;
        text::read(&mut opened, text::Limits::DOCUMENTED)
    };
    text.map_err(|error| match error {
        text::TextError::Io(source) => SourcesError::Read { path, source },
        text::TextError::LongLine { line } => SourcesError::LongLine { path, line },
        text::TextError::TooLarge => SourcesError::TooLarge { path },
        text::TextError::NotText { line } => SourcesError::NotText { path, line },
    })
}

#[cfg(unix)]
pub(crate) fn is_device(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    kind.is_char_device() || kind.is_block_device()
}

#[cfg(not(unix))]
pub(crate) fn is_device(_: &std::fs::Metadata) -> bool {
    false
}

impl SourceEntry {
    /// An entry whose error reason, if any, is prefixed with its origin.
    fn new(input: String, origin: Origin, location: Result<Location, String>) -> SourceEntry {
        let location = location.map_err(|reason| format!("{origin}: {reason}"));
        SourceEntry {
            input,
            origin,
            location,
        }
    }
}

/// Keeps the first entry of each normalised URL, and of each invalid text.
/// Invalid entries without text (an empty cell) are all kept: each is its own row.
fn dedupe(entries: Vec<SourceEntry>) -> Vec<SourceEntry> {
    #[derive(PartialEq, Eq, Hash)]
    enum Key {
        Url(String),
        Invalid(String),
    }
    let mut seen = HashSet::new();
    entries
        .into_iter()
        .filter(|entry| {
            let key = match &entry.location {
                Ok(location) => Key::Url(location.url().as_str().to_string()),
                Err(_) if entry.input.is_empty() => return true,
                Err(_) => Key::Invalid(entry.input.clone()),
            };
            seen.insert(key)
        })
        .collect()
}

/// One entry as read from a file, before it is resolved.
#[derive(Debug)]
struct RawEntry {
    /// 1-based physical line.
    line: usize,
    text: String,
    /// Why the row yields no entry text (an empty or missing cell).
    problem: Option<String>,
}

impl RawEntry {
    fn new(line: usize, text: &str) -> RawEntry {
        RawEntry {
            line,
            text: text.to_string(),
            problem: None,
        }
    }

    fn invalid(line: usize, problem: String) -> RawEntry {
        RawEntry {
            line,
            text: String::new(),
            problem: Some(problem),
        }
    }
}

/// White space and stray byte-order marks (from concatenated files) around an entry.
fn trim_entry(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Keeps a message to one readable line when a cell holds a paragraph.
fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
