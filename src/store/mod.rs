//! The audit history: every audit saved to one SQLite file as its results
//! arrive, so `history`, `show`, `diff`, `--fail-on lost` and `--resume` can read
//! it back without fetching anything.
//!
//! Each audit is one `audits` row; each source and each link is a row holding
//! its wire-format JSON (lossless, so `show` prints what the run printed) next to
//! the few columns that queries need. A result is committed on its own, so a
//! crash keeps everything saved before it; such an audit loads as partial.

mod error;
mod load;
mod path;
mod read;
mod save;
mod schema;
mod writer;

pub use crate::model::{AuditId, AuditRow};
pub use error::StoreError;
pub use path::{default_path, resolve_path, DB_ENV};
pub use save::ResumedAudit;
pub use schema::DB_VERSION;
pub use writer::HistoryWriter;

use crate::model::TargetInfo;
use crate::target::Target;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// An open history database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Which saved audits a lookup considers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Audits that ran to the end.
    Complete,
    /// Audits that were interrupted, crashed, or are still running.
    Partial,
    Any,
}

/// What makes two audits audits of the same target: the normalised host and
/// path prefix (how the target was typed does not matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetKey<'a> {
    pub host: &'a str,
    pub path_prefix: &'a str,
}

impl<'a> From<&'a Target> for TargetKey<'a> {
    fn from(target: &'a Target) -> Self {
        TargetKey {
            host: &target.host,
            path_prefix: &target.path_prefix,
        }
    }
}

impl<'a> From<&'a TargetInfo> for TargetKey<'a> {
    fn from(target: &'a TargetInfo) -> Self {
        TargetKey {
            host: &target.host,
            path_prefix: &target.path_prefix,
        }
    }
}

impl Store {
    /// Opens (creating it and its folders when missing) the database at `path`:
    /// WAL journal and a busy time-out so concurrent audits wait for each other
    /// instead of failing, older schemas migrated, newer ones refused. A file
    /// or folder we may not write is refused as [`StoreError::ReadOnly`] before
    /// SQLite leaves a `-wal` or `-shm` file beside it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::writable(conn, path)
    }

    /// A connection a writer may use: refused when SQLite fell back to
    /// reading a file it may not write (a writer wants to know now), else
    /// with its schema prepared.
    pub(super) fn writable(conn: Connection, path: &Path) -> Result<Store, StoreError> {
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        schema::prepare(&mut store.conn, path)?;
        Ok(store)
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Wraps an SQLite error with the database's path.
    fn sqlite(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }
}

#[cfg(test)]
mod tests;
