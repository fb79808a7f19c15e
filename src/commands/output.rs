//! Where a command's report goes: standard output in `--format` (none with
//! `--quiet`), and each `-o FILE` in the format of its extension, written
//! atomically.

use crate::cli::SavedArgs;
use crate::error::UsageError;
use crate::report::atomic::AtomicFile;
use crate::report::audit::{Filter, Limit};
use crate::report::{Format, RenderOptions};
use anyhow::Context as _;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

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
    AtomicFile::create(path).with_context(|| {
        format!(
            "cannot write report `{}` (check that its folder exists and is writable)",
            path.display()
        )
    })
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
        for (mut file, format) in self.files {
            let path = file.path().to_path_buf();
            let failed = || format!("cannot write report `{}`", path.display());
            let to = Destination {
                format,
                options: file_options(self.csv_bom),
                stdout: false,
            };
            render(to, file.writer()?).with_context(failed)?;
            file.commit().with_context(failed)?;
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
        Ok(())
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
