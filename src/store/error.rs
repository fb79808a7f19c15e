//! What can go wrong with the history database: each message names the file
//! and says what to do with the flags every command that reads or writes the
//! history has (`--db`); a command adds its own (`audit`'s `--no-save`).

use super::AuditId;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot find a data directory for the history database: pass `--db PATH` or set BACKLINKS_DB")]
    NoDataDir,

    #[error("cannot create the folder `{}` for the history database: {source} (pass `--db PATH` to put it elsewhere)", path.display())]
    CreateDir { path: PathBuf, source: std::io::Error },

    #[error("cannot open the history database `{}`: {source} (pass `--db PATH` to use another file)", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },

    #[error("the history database `{}` cannot be written (the file or its folder is read-only): make both writable, or pass `--db PATH` to use another file", path.display())]
    ReadOnly { path: PathBuf },

    #[error("the history database `{}` was written by an older backlinks (database version {found}) and is read-only, so it cannot be upgraded to version {supported}: run `backlinks history` once with write access to it, or pass `--db PATH` to use another file", path.display())]
    TooOldToRead {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("the history database `{}` was written by a newer backlinks (database version {found}; this backlinks reads up to version {supported}): upgrade backlinks, or pass `--db PATH` to use another file", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("`{}` is not a backlinks history database (it holds other data): pass `--db PATH` to use another file", path.display())]
    Foreign { path: PathBuf },

    #[error("history database `{}`: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },

    #[error("no saved audit has the id {0} (`backlinks history` lists them)")]
    NotFound(AuditId),

    #[error("cannot save {what} in the history database: {source}")]
    Encode {
        what: &'static str,
        source: serde_json::Error,
    },

    #[error("saved audit {id} cannot be read back ({what}): {source}")]
    Damaged {
        id: AuditId,
        what: &'static str,
        source: serde_json::Error,
    },
}

impl StoreError {
    /// Whether the database could not be opened or set up at all, as opposed
    /// to an audit in it being missing or unreadable.
    pub fn is_unusable(&self) -> bool {
        matches!(
            self,
            StoreError::NoDataDir
                | StoreError::CreateDir { .. }
                | StoreError::Open { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::TooOldToRead { .. }
                | StoreError::TooNew { .. }
                | StoreError::Foreign { .. }
                | StoreError::Sqlite { .. }
        )
    }
}
