//! `--disavow FILE`: the referring domains of toxic links in Google's disavow
//! format, `domain:` lines under a `#` header, each after a comment naming the
//! risk flags that made its links toxic.
//!
//! A disavow file is a person's work, and an upload replaces the list Google
//! has, so an existing file keeps every byte it had; new domains are appended in
//! a dated, commented block, within Google's limits. Mistakes already in the
//! file are reported, never fixed. The tool proposes, a person decides.

mod evidence;
mod existing;
mod merge;

pub use evidence::{toxic_domains, Evidence, Proposals};
pub use merge::Stamp;

use crate::error::printable;
use crate::model::{AuditReport, TargetInfo};
use crate::report::atomic::AtomicFile;
use existing::Existing;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Google's limits for a disavow file. "2 MB" is read as 2,000,000 bytes, the
/// smaller reading, so a file we write is never refused for its size.
pub const MAX_BYTES: usize = 2_000_000;
/// Lines, blank and comment lines included.
pub const MAX_LINES: usize = 100_000;
/// Characters of one URL.
pub const MAX_URL_CHARS: usize = 2_048;

/// What an update did.
#[derive(Debug, Default, PartialEq)]
pub struct DisavowOutcome {
    /// Domains appended, sorted.
    pub added: Vec<String>,
    /// Toxic domains the file already covered.
    pub already_present: usize,
    /// Toxic domains that did not fit within Google's limits.
    pub left_out: Vec<String>,
    /// Toxic "domains" that cannot be a `domain:` line (IP addresses, saved pages).
    pub skipped: usize,
    /// Mistakes in the file (`line 4: ...`) and domains that could not be added.
    pub warnings: Vec<String>,
    /// Whether the file was written; it is left alone when nothing is new.
    pub written: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DisavowError {
    #[error("cannot write disavow file `{}`: {source} (check that its folder exists and is writable)", path.display())]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot read disavow file `{}`: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write disavow file `{}`: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// A disavow file opened before the audit, so an unwritable path is a usage
/// error before anything is fetched. Dropped without `update`, it leaves the
/// file as it was.
pub struct PendingDisavow {
    path: PathBuf,
    file: AtomicFile,
}

impl PendingDisavow {
    pub fn open(path: &Path) -> Result<PendingDisavow, DisavowError> {
        let fail = |source| DisavowError::Create {
            path: path.to_path_buf(),
            source,
        };
        let file = AtomicFile::create(path).map_err(fail)?;
        // An existing file we could not read could not be merged: say so now.
        if path.exists() {
            std::fs::File::open(path).map_err(|source| DisavowError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        }
        Ok(PendingDisavow {
            path: path.to_path_buf(),
            file,
        })
    }

    /// After the audit: adds the referring domains of its toxic links, dated
    /// today (UTC), and tells on `err` what was done and what looks wrong.
    pub fn finish(self, report: &AuditReport, err: &mut dyn Write) -> Result<DisavowOutcome, DisavowError> {
        let path = self.path.clone();
        let target = target_label(&report.target);
        let date = today_utc();
        let outcome = self.update(
            &toxic_domains(&report.links),
            Stamp {
                target: &target,
                date: &date,
            },
        )?;
        // Standard error going away must not undo a written file.
        let _ = print_outcome(&outcome, &path, err);
        Ok(outcome)
    }

    /// Adds the domains of `toxic_domains` that the file does not cover yet.
    pub fn update(
        mut self,
        toxic_domains: &Proposals,
        stamp: Stamp<'_>,
    ) -> Result<DisavowOutcome, DisavowError> {
        let before = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(source) => {
                return Err(DisavowError::Read {
                    path: self.path,
                    source,
                })
            }
        };
        let existing = Existing::read(&before);
        let plan = merge::plan(&existing, toxic_domains, stamp);
        let mut warnings = existing.warnings;
        warnings.extend(plan.warnings);
        let written = !plan.append.is_empty();
        if written {
            let fail = |source| DisavowError::Write {
                path: self.path.clone(),
                source,
            };
            let mut out = self.file.writer().map_err(fail)?;
            out.write_all(&before).map_err(fail)?;
            out.write_all(&plan.append).map_err(fail)?;
            drop(out);
            self.file.commit().map_err(fail)?;
        }
        Ok(DisavowOutcome {
            added: plan.added,
            already_present: plan.already_present.len(),
            left_out: plan.left_out,
            skipped: plan.skipped.len(),
            warnings,
            written,
        })
    }
}

/// Opens and updates in one step.
pub fn update(
    path: &Path,
    toxic_domains: &Proposals,
    stamp: Stamp<'_>,
) -> Result<DisavowOutcome, DisavowError> {
    PendingDisavow::open(path)?.update(toxic_domains, stamp)
}

/// The audited site as the file's comments name it: `example.com`, or
/// `example.com/blog/` for a URL target.
pub fn target_label(target: &TargetInfo) -> String {
    match target.path_prefix.as_str() {
        "/" => target.host.clone(),
        prefix => format!("{}{prefix}", target.host),
    }
}

/// Today's date in UTC, `YYYY-MM-DD`, from the system clock.
pub fn today_utc() -> String {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    now.get(..10).unwrap_or(&now).to_string()
}

/// Warnings shown before "and N more".
const SHOWN_WARNINGS: usize = 20;

/// Tells on standard error what happened to the file, and its warnings.
pub fn print_outcome(outcome: &DisavowOutcome, path: &Path, err: &mut dyn Write) -> io::Result<()> {
    let shown = path.display();
    let shown = printable(&shown.to_string()).into_owned();
    for warning in outcome.warnings.iter().take(SHOWN_WARNINGS) {
        writeln!(err, "warning: disavow file `{shown}`: {}", printable(warning))?;
    }
    if outcome.warnings.len() > SHOWN_WARNINGS {
        let more = outcome.warnings.len() - SHOWN_WARNINGS;
        writeln!(
            err,
            "warning: disavow file `{shown}`: {more} more warnings not shown"
        )?;
    }
    let present = match outcome.already_present {
        0 => String::new(),
        1 => " (1 was already there)".into(),
        n => format!(" ({n} were already there)"),
    };
    if outcome.written {
        let n = outcome.added.len();
        let (s, them) = if n == 1 { ("", "it") } else { ("s", "them") };
        writeln!(
            err,
            "disavow: added {n} domain{s} to `{shown}`{present}; review {them} before uploading the file to Google"
        )
    } else if outcome.already_present > 0 {
        writeln!(
            err,
            "disavow: `{shown}` not rewritten: it already covers every toxic referring domain{present}"
        )
    } else if !outcome.left_out.is_empty() {
        writeln!(
            err,
            "disavow: `{shown}` not rewritten: no new domain fits within Google's limits"
        )
    } else if outcome.skipped > 0 {
        writeln!(
            err,
            "disavow: `{shown}` not rewritten: no toxic link has a domain a `domain:` line can name"
        )
    } else {
        writeln!(err, "disavow: no toxic links; `{shown}` not written")
    }
}

#[cfg(test)]
mod tests;
