//! The settings file, `backlinks.toml`: reading it ([`ConfigFile`]), the defaults
//! every setting falls back to ([`defaults`]), and `backlinks init` ([`init`]).
//!
//! The file's keys are the long flag names of `audit`; a value given on the
//! command line replaces the file's. `settings` merges the two.

pub mod defaults;
mod file;
pub mod init;

pub use file::{ConfigFile, FailOnList, FileSettings, SizeSetting};

use std::fmt;
use std::path::PathBuf;

/// A settings file that cannot be used: always a usage error (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read settings file `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    /// `--config FILE` names a file that is not there.
    #[error("settings file `{}` does not exist (check the path given to `--config`, or create it with `backlinks init --path {}`)", .0.display(), .0.display())]
    Missing(PathBuf),
    /// A bad key or value, located as precisely as the file allows.
    #[error("{}", Located { path, line: *line, key: key.as_deref(), message })]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        key: Option<String>,
        message: String,
    },
}

/// `settings file `backlinks.toml`, line 3, key `concurrency`: MESSAGE`.
struct Located<'a> {
    path: &'a PathBuf,
    line: Option<usize>,
    key: Option<&'a str>,
    message: &'a str,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "settings file `{}`", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(key) = self.key {
            write!(f, ", key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where a setting's value came from, so a bad one is reported where the user
/// can fix it.
#[derive(Debug, Clone)]
pub enum Origin<'a> {
    /// `--NAME` on the command line.
    Flag(&'static str),
    /// A key of the settings file, on a line.
    File {
        file: &'a ConfigFile,
        /// Dotted for a table's key: `weights.hidden-link`.
        key: String,
        line: usize,
    },
}

impl Origin<'_> {
    /// The message, prefixed with where the value came from:
    /// `--concurrency: must be at least 1`, or the file, line and key.
    pub fn locate(&self, message: impl fmt::Display) -> String {
        match self {
            Origin::Flag(name) => format!("--{name}: {message}"),
            Origin::File { file, key, line } => ConfigError::Invalid {
                path: file.path.clone(),
                line: Some(*line),
                key: Some(key.clone()),
                message: message.to_string(),
            }
            .to_string(),
        }
    }
}
