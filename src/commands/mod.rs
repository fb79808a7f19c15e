//! The commands that read the audit history (spec section 9): `history` lists
//! the saved audits, `show` prints one again, `diff` compares two. None of
//! them fetches anything, and none creates a database that does not exist.

mod diff;
mod history;
mod show;

pub use diff::diff;
pub use history::history;
pub use show::{show, AuditPick};

use crate::cli::SavedArgs;
use crate::model::TargetInfo;
use crate::report::atomic::AtomicFile;
use crate::report::{Format, RenderOptions};
use crate::settings::UsageError;
use crate::store::{self, Store};
use crate::target::Target;
use anyhow::Context as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where a command's report goes: standard output in `--format` (none with
/// `--quiet`), and each `-o FILE` in the format of its extension.
struct Destinations {
    stdout: Option<Format>,
    files: Vec<(AtomicFile, Format)>,
}

impl Destinations {
    /// Checks every `-o` extension and creates the files' temporaries first,
    /// so a bad `-o` is a usage error before anything is read.
    fn open(args: &SavedArgs) -> anyhow::Result<Destinations> {
        let mut files = Vec::new();
        for path in &args.outputs {
            let format = Format::from_path(path).map_err(UsageError)?;
            let file = AtomicFile::create(path).with_context(|| {
                format!(
                    "cannot write report `{}` (check that its folder exists and is writable)",
                    path.display()
                )
            })?;
            files.push((file, format));
        }
        Ok(Destinations {
            stdout: (!args.quiet).then_some(args.format),
            files,
        })
    }

    /// Renders the report for each destination. Files come first, so a
    /// reader that closes standard output early (`| head`) does not cost them.
    fn write<F>(self, mut render: F) -> anyhow::Result<()>
    where
        F: FnMut(Format, RenderOptions, Box<dyn Write + Send>) -> io::Result<()>,
    {
        let plain = RenderOptions {
            width: 120,
            color: false,
        };
        for (mut file, format) in self.files {
            let path = file.path().to_path_buf();
            let failed = || format!("cannot write report `{}`", path.display());
            render(format, plain, file.writer()?).with_context(failed)?;
            file.commit().with_context(failed)?;
        }
        if let Some(format) = self.stdout {
            // Every renderer flushes what it wrote, so an error shows here.
            let out = Box::new(io::BufWriter::new(io::stdout()));
            render(format, crate::app::stdout_options(), out)?;
        }
        Ok(())
    }
}

/// The history database `--db`, `BACKLINKS_DB` or the data directory names,
/// opened when it exists. Reading commands never create one.
fn open_existing(db: Option<PathBuf>) -> anyhow::Result<(PathBuf, Option<Store>)> {
    let path = store::resolve_path(db).map_err(|e| UsageError(e.to_string()))?;
    if !path.exists() {
        return Ok((path, None));
    }
    let store = Store::open(&path).map_err(|e| UsageError(e.to_string()))?;
    Ok((path, Some(store)))
}

/// Said by `show` and `diff` when there is no history to read.
fn nothing_saved(path: &Path) -> UsageError {
    UsageError(format!(
        "no saved audits in `{}`: run `backlinks audit TARGET ...` first (every audit is saved unless `--no-save`; `--db PATH` or BACKLINKS_DB name another database)",
        path.display()
    ))
}

fn parse_target(input: &str) -> Result<Target, UsageError> {
    Target::parse(input).map_err(|e| UsageError(e.to_string()))
}

/// `example.com`, or `example.com/blog/` for a URL target.
fn label(target: &Target) -> String {
    crate::report::target_label(&TargetInfo::from(target))
}
