//! Which archives to read: an `ARCHIVE` argument or a `--archives` manifest
//! entry → a [`Location`]; a manifest file → its entries; `--shard I/N` → the
//! entries one worker of N reads.

use crate::sources::text::{self, TextError};
use std::fmt;
use std::io::{self, Read};
use std::path::PathBuf;
use std::str::FromStr;
use url::Url;

/// Common Crawl's public HTTPS endpoint: the base of the relative entries of
/// its `warc.paths.gz` / `wat.paths.gz` manifests, and what `s3://commoncrawl/`
/// is read through (no AWS account needed).
pub const COMMON_CRAWL_BASE: &str = "https://data.commoncrawl.org/";

/// The bucket that holds Common Crawl, as its S3 URLs name it.
const COMMON_CRAWL_S3: &str = "s3://commoncrawl/";

/// Where an archive is: as given, for reports (`FoundLink::archive`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Path(PathBuf),
    Stdin,
    Url(Url),
}

impl Location {
    /// `-` is standard input; `http://`/`https://` a URL; `s3://commoncrawl/KEY`
    /// is read as `https://data.commoncrawl.org/KEY` (the same object over
    /// HTTPS); `file://` a path; another `scheme://` is refused. Anything else
    /// is a path, except that a relative one is joined to `base` when there is
    /// one (a manifest's entry with `--base-url`). An entry starting with `/`
    /// is an absolute local path even with a base.
    pub fn parse(entry: &str, base: Option<&Url>) -> Result<Location, String> {
        let entry = entry.trim();
        if entry.is_empty() {
            return Err("an empty entry names no archive".to_string());
        }
        if entry == "-" {
            return Ok(Location::Stdin);
        }
        if let Some(key) = strip_prefix_ignore_case(entry, COMMON_CRAWL_S3) {
            return web_url(&format!("{COMMON_CRAWL_BASE}{key}"), entry);
        }
        match scheme(entry) {
            Some("http" | "https") => web_url(entry, entry),
            Some("file") => Url::parse(entry)
                .ok()
                .and_then(|url| url.to_file_path().ok())
                .map(Location::Path)
                .ok_or_else(|| format!("`{entry}` is not a usable file:// URL: give the file's path instead")),
            Some("s3") => Err(format!(
                "`{entry}`: only Common Crawl's bucket is read from S3 URLs ({COMMON_CRAWL_S3}..., over HTTPS); \
                 download other S3 objects first, or give their https:// URL"
            )),
            Some(other) => Err(format!(
                "`{entry}`: archives are read from paths, `-` (standard input) or http(s):// URLs, not {other}://"
            )),
            None => match base {
                Some(base) if !entry.starts_with('/') => base
                    .join(entry)
                    .map(Location::Url)
                    .map_err(|error| format!("`{entry}` cannot be joined to `{base}`: {error}")),
                _ => Ok(Location::Path(PathBuf::from(entry))),
            },
        }
    }

    /// The archive as reports name it: the path as given, `-`, or the URL
    /// read (after joining or rewriting), which a Range request can fetch again.
    pub fn name(&self) -> String {
        match self {
            Location::Path(path) => path.display().to_string(),
            Location::Stdin => "-".to_string(),
            Location::Url(url) => url.to_string(),
        }
    }

    fn is_relative_path(&self) -> bool {
        matches!(self, Location::Path(path) if path.is_relative())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// `--base-url`: an http(s) URL. A missing final `/` is added, so
/// `https://host/prefix` keeps `prefix` when entries are joined to it.
pub fn parse_base_url(text: &str) -> Result<Url, String> {
    let mut url = Url::parse(text.trim()).map_err(|error| {
        format!("`--base-url {text}` is not a URL ({error}): Common Crawl's is {COMMON_CRAWL_BASE}")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "`--base-url {text}` is not an http(s) URL: Common Crawl's is {COMMON_CRAWL_BASE}"
        ));
    }
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url)
}

fn web_url(text: &str, entry: &str) -> Result<Location, String> {
    let url = Url::parse(text).map_err(|error| format!("`{entry}` is not a valid URL: {error}"))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{entry}` is not a valid URL: it names no host"));
    }
    Ok(Location::Url(url))
}

/// The scheme of `scheme://...`, lower-cased; `None` for a path (a Windows
/// drive letter `C:\` has no `//`).
fn scheme(entry: &str) -> Option<&str> {
    let (scheme, _) = entry.split_once("://")?;
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| match scheme {
        s if s.eq_ignore_ascii_case("http") => "http",
        s if s.eq_ignore_ascii_case("https") => "https",
        s if s.eq_ignore_ascii_case("file") => "file",
        s if s.eq_ignore_ascii_case("s3") => "s3",
        s => s,
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The longest manifest line: Common Crawl's are about 140 bytes.
const MAX_LINE_BYTES: usize = 8 * 1024;
/// The most text a manifest may hold once inflated: a month of Common Crawl
/// (about 100,000 WARC and WAT paths) is about 15 MB; this stops a
/// decompression bomb or an endless pipe long before memory runs out.
const MAX_MANIFEST_BYTES: usize = 256 << 20;

/// Why a manifest gave no list of archives. Each names the file (`-` for
/// standard input) and, where there is one, the line to fix.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("cannot read the list of archives `{path}`: {source} (check the path, or pass `--archives -` to read standard input)")]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("the list of archives `{path}` is a {kind}, not a file: give a file with one archive a line, or `--archives -` to read standard input")]
    NotAFile { path: String, kind: &'static str },
    #[error(
        "the list of archives `{path}` starts like gzip but does not inflate: {source} (download it again)"
    )]
    Gzip {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("`{path}`, line {line}, is longer than 8 KiB: a list of archives has one path or URL a line (check that this is the right file)")]
    LongLine { path: String, line: usize },
    #[error("the list of archives `{path}` holds more than 256 MiB of text: split it, or use `--shard I/N` on smaller lists")]
    TooLarge { path: String },
    #[error("`{path}`, line {line}, holds a NUL character, so it is not a list of archives (a WARC file is given as an ARCHIVE argument, not with `--archives`)")]
    NotText { path: String, line: usize },
    #[error("`{path}`:{line}: {reason}")]
    Entry {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("`{path}`:{line}: `{entry}` is relative: pass `--base-url {COMMON_CRAWL_BASE}` for Common Crawl's warc.paths.gz or wat.paths.gz (or the base its entries are relative to), or list local files by absolute path")]
    Relative {
        path: String,
        line: usize,
        entry: String,
    },
    #[error("`{path}`:{line}: `-` (standard input) cannot be an archive when the list itself is read from standard input")]
    StdinTwice { path: String, line: usize },
    #[error("the list of archives `{path}` names no archive: it is empty or holds only blank lines")]
    Empty { path: String },
}

/// `--archives FILE`: one entry a line, each parsed by [`Location::parse`];
/// gzip (recognised by its magic bytes, whatever the name) is inflated, as
/// Common Crawl's `warc.paths.gz`; blank lines are skipped; CRLF is
/// tolerated; `-` reads standard input. A relative entry needs `base`.
pub fn read_manifest(path: &str, base: Option<&Url>) -> Result<Vec<Location>, ManifestError> {
    if path == "-" {
        return parse_manifest(path, &mut io::stdin(), base);
    }
    let read_error = |source| ManifestError::Read {
        path: path.to_string(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if let Some(kind) = not_a_file(&metadata) {
        return Err(ManifestError::NotAFile {
            path: path.to_string(),
            kind,
        });
    }
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    parse_manifest(path, &mut file, base)
}

/// What a path that cannot hold a manifest is instead: a folder, or a device
/// that may never end (`/dev/zero`). A pipe (`<(...)`) is read, within bounds.
pub(crate) fn not_a_file(metadata: &std::fs::Metadata) -> Option<&'static str> {
    if metadata.is_dir() {
        Some("folder")
    } else if crate::sources::is_device(metadata) {
        Some("device")
    } else {
        None
    }
}

/// The entries of a manifest read from `input`; `path` names it in errors.
pub(crate) fn parse_manifest(
    path: &str,
    input: &mut dyn Read,
    base: Option<&Url>,
) -> Result<Vec<Location>, ManifestError> {
    let text = read_text(path, input)?;
    let mut locations = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let entry = line.trim();
        if entry.is_empty() {
            continue;
        }
        let location = Location::parse(entry, base).map_err(|reason| ManifestError::Entry {
            path: path.to_string(),
            line: line_number,
            reason,
        })?;
        if location.is_relative_path() {
            return Err(ManifestError::Relative {
                path: path.to_string(),
                line: line_number,
                entry: entry.to_string(),
            });
        }
        if location == Location::Stdin && path == "-" {
            return Err(ManifestError::StdinTwice {
                path: path.to_string(),
                line: line_number,
            });
        }
        locations.push(location);
    }
    if locations.is_empty() {
        return Err(ManifestError::Empty {
            path: path.to_string(),
        });
    }
    Ok(locations)
}

/// The manifest's text, inflated first when it starts with gzip's magic
/// bytes, read with the sources files' bounds (line length, total, NUL).
fn read_text(path: &str, input: &mut dyn Read) -> Result<String, ManifestError> {
    const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
    let mut head = Vec::with_capacity(2);
    input
        .take(2)
        .read_to_end(&mut head)
        .map_err(|source| ManifestError::Read {
            path: path.to_string(),
            source,
        })?;
    let gzip = head == GZIP_MAGIC;
    let mut whole = io::Cursor::new(head).chain(input);
    let limits = text::Limits {
        line: MAX_LINE_BYTES,
        total: MAX_MANIFEST_BYTES,
    };
    let text = if gzip {
        text::read(&mut flate2::read::MultiGzDecoder::new(whole), limits)
    } else {
        text::read(&mut whole, limits)
    };
    let path = path.to_string();
    text.map_err(|error| match error {
        TextError::Io(source) if gzip => ManifestError::Gzip { path, source },
        TextError::Io(source) => ManifestError::Read { path, source },
        TextError::LongLine { line } => ManifestError::LongLine { path, line },
        TextError::TooLarge => ManifestError::TooLarge { path },
        TextError::NotText { line } => ManifestError::NotText { path, line },
    })
}

/// `--shard I/N`: worker `index` of `count` (0-based), which reads every
/// `count`-th entry starting at `index`, so `count` workers cover a manifest
/// without overlap, whatever its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// The entries this shard reads, in manifest order.
    pub fn select<T>(&self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .skip(self.index)
            .step_by(self.count.max(1))
            .collect()
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let usage = |problem: &str| {
            format!("`--shard {text}`: {problem}; it takes I/N, worker I (0-based) of N, like 0/4 to 3/4")
        };
        let (index, count) = text
            .trim()
            .split_once('/')
            .ok_or_else(|| usage("there is no `/`"))?;
        let number = |part: &str, what: &str| {
            part.trim()
                .parse::<usize>()
                .map_err(|_| usage(&format!("{what} `{part}` is not a whole number")))
        };
        let (index, count) = (number(index, "I")?, number(count, "N")?);
        if count == 0 {
            return Err(usage("N must be at least 1"));
        }
        if index >= count {
            return Err(usage(&format!(
                "I must be below N (the last of {count} workers is {})",
                count - 1
            )));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests;
