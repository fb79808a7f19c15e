//! Where a command's report goes: standard output in `--format` (none with
//! `--quiet`), and each `-o FILE` in the format of its extension, written
//! atomically.

use crate::cli::SavedArgs;
use crate::error::UsageError;
use crate::report::atomic::AtomicFile;
use crate::report::audit::{Filter, Limit};
use crate::report::{Format, RenderOptions};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How report files are rendered: no colour, a fixed width.
pub fn file_options(csv_bom: bool) -> RenderOptions {
    RenderOptions {
        csv_bom,
        ..RenderOptions::default()
    }
}

/// How standard output is rendered: the terminal's width and colour when it
/// is one; else `COLUMNS` wide, or 100 columns.
pub fn stdout_options(csv_bom: bool) -> RenderOptions {
    let terminal = io::stdout().is_terminal();
    let width = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .filter(|_| terminal)
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100);
    RenderOptions {
        width,
        color: terminal && std::env::var_os("NO_COLOR").is_none(),
        csv_bom,
    }
}

/// The links a table on standard output lists when `--limit` is not given:
/// about a screenful (each link takes a line and most a flags line) on a
/// terminal, every one otherwise.
pub fn stdout_limit(given: Option<Limit>) -> Limit {
    if let Some(limit) = given {
        return limit;
    }
    if !io::stdout().is_terminal() {
        return Limit::Default;
    }
    let rows = terminal_size::terminal_size().map_or(24, |(_, h)| usize::from(h.0));
    Limit::First((rows.saturating_sub(8) / 2).max(10))
}

/// Said on standard error when `--only` filtered a CSV report, which has no
/// room to say so itself (every other format does).
pub fn say_csv_filtered(only: &Filter, mut formats: impl Iterator<Item = Format>) {
    if !only.is_empty() && formats.any(|f| f == Format::Csv) {
        eprintln!(
            "note: the CSV lists only the rows {} keeps; the other formats say so, and their summary counts the whole audit",
            only.flag()
        );
    }
}

/// A report file's temporary, created now so that an unwritable path fails
/// before any work; it replaces `path` when committed.
pub fn create_report_file(path: &Path) -> anyhow::Result<AtomicFile> {
    AtomicFile::create(path).map_err(|error| {
        let hint = match error.kind() {
            io::ErrorKind::PermissionDenied => " (check that its folder is writable)",
            _ => "",
        };
        anyhow::Error::new(error).context(format!("cannot write report `{}`{hint}", path.display()))
    })
}

/// Report files that could not be written, each with why; the others were.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.text())]
pub struct ReportsNotWritten {
    pub failures: Vec<(PathBuf, io::Error)>,
    /// How many report files were written.
    pub written: usize,
}

impl ReportsNotWritten {
    fn text(&self) -> String {
        let each: Vec<String> = self
            .failures
            .iter()
            .map(|(path, error)| format!("cannot write report `{}`: {error}", path.display()))
            .collect();
        let others = match self.written {
            0 => "",
            1 => " (the other report was written)",
            _ => " (the other reports were written)",
        };
        format!("{}{others}", each.join("; "))
    }

    /// `Err` when any file failed.
    pub fn check(failures: Vec<(PathBuf, io::Error)>, total: usize) -> Result<(), ReportsNotWritten> {
        if failures.is_empty() {
            return Ok(());
        }
        let written = total - failures.len();
        Err(ReportsNotWritten { failures, written })
    }
}

/// Commits every file, whatever became of the others.
pub fn commit_all(files: Vec<AtomicFile>) -> Result<(), ReportsNotWritten> {
    let total = files.len();
    let mut failures = Vec::new();
    for file in files {
        let path = file.path().to_path_buf();
        if let Err(error) = file.commit() {
            failures.push((path, error));
        }
    }
    ReportsNotWritten::check(failures, total)
}

/// The destinations of a report rendered whole (`history`, `show`, `diff`).
pub struct Destinations {
    stdout: Option<Format>,
    files: Vec<(AtomicFile, Format)>,
    csv_bom: bool,
}

impl Destinations {
    /// Checks every `-o` extension and creates the files' temporaries first,
    /// so a bad `-o` is a usage error before anything is read.
    pub fn open(args: &SavedArgs) -> anyhow::Result<Destinations> {
        let mut files = Vec::new();
        for path in &args.outputs {
            let format = Format::from_path(path).map_err(UsageError)?;
            files.push((create_report_file(path)?, format));
        }
        Ok(Destinations {
            stdout: (!args.quiet).then_some(args.format),
            files,
            csv_bom: args.csv_bom,
        })
    }

    /// The formats written, standard output's included.
    pub fn formats(&self) -> impl Iterator<Item = Format> + '_ {
        self.stdout
            .iter()
            .copied()
            .chain(self.files.iter().map(|(_, f)| *f))
    }

    /// Renders the report for each destination. Files come first, so a
    /// reader that closes standard output early (`| head`) does not cost them.
    /// `render` is told whether it writes to standard output.
    pub fn write<F>(self, mut render: F) -> anyhow::Result<()>
    where
        F: FnMut(Destination, Box<dyn Write + Send>) -> io::Result<()>,
    {
        // One file that cannot be written does not cost the others.
        let total = self.files.len();
        let mut failures = Vec::new();
        for (mut file, format) in self.files {
            let path = file.path().to_path_buf();
            let to = Destination {
                format,
                options: file_options(self.csv_bom),
                stdout: false,
            };
            let written = file.writer().and_then(|out| render(to, out));
            if let Err(error) = written.and_then(|()| file.commit()) {
                failures.push((path, error));
            }
        }
        if let Some(format) = self.stdout {
            // Every renderer flushes what it wrote, so an error shows here.
            let out = Box::new(io::BufWriter::new(io::stdout()));
            let to = Destination {
                format,
                options: stdout_options(self.csv_bom),
                stdout: true,
            };
            render(to, out)?;
        }
        Ok(ReportsNotWritten::check(failures, total)?)
    }
}

/// Where one rendering of a report goes.
#[derive(Debug, Clone, Copy)]
pub struct Destination {
    pub format: Format,
    pub options: RenderOptions,
    /// Standard output rather than a `-o` file.
    pub stdout: bool,
}
