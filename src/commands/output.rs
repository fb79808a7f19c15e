//! Where a command's report goes: standard output in `--format` (none with
//! `--quiet`), and each `-o FILE` in the format of its extension, written
//! atomically.

use crate::cli::SavedArgs;
use crate::error::UsageError;
use crate::report::atomic::AtomicFile;
use crate::report::{Format, RenderOptions};
use anyhow::Context as _;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// How report files are rendered: no colour, a fixed width.
pub const FILE_OPTIONS: RenderOptions = RenderOptions {
    width: 120,
    color: false,
};

/// How standard output is rendered: the terminal's width and colour when it is one.
pub fn stdout_options() -> RenderOptions {
    let terminal = io::stdout().is_terminal();
    let width = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .filter(|_| terminal)
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100);
    RenderOptions {
        width,
        color: terminal && std::env::var_os("NO_COLOR").is_none(),
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
        })
    }

    /// Renders the report for each destination. Files come first, so a
    /// reader that closes standard output early (`| head`) does not cost them.
    pub fn write<F>(self, mut render: F) -> anyhow::Result<()>
    where
        F: FnMut(Format, RenderOptions, Box<dyn Write + Send>) -> io::Result<()>,
    {
        for (mut file, format) in self.files {
            let path = file.path().to_path_buf();
            let failed = || format!("cannot write report `{}`", path.display());
            render(format, FILE_OPTIONS, file.writer()?).with_context(failed)?;
            file.commit().with_context(failed)?;
        }
        if let Some(format) = self.stdout {
            // Every renderer flushes what it wrote, so an error shows here.
            let out = Box::new(io::BufWriter::new(io::stdout()));
            render(format, stdout_options(), out)?;
        }
        Ok(())
    }
}
