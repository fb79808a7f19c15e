//! What can go wrong with the history database: each message names the file
//! and says what to do.

use super::AuditId;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot find a data directory for the history database: pass `--db PATH`, set BACKLINKS_DB, or pass `--no-save`")]
    NoDataDir,

    #[error("cannot create the folder `{}` for the history database: {source} (pass `--db PATH` to put it elsewhere, or `--no-save`)", path.display())]
    CreateDir { path: PathBuf, source: std::io::Error },

    #[error("cannot open the history database `{}`: {source} (pass `--db PATH` to use another file, or `--no-save`)", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },

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
