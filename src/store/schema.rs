//! The database schema and its migrations. `PRAGMA user_version` holds the
//! schema version and `PRAGMA application_id` marks the file as ours, so a
//! newer database is refused and somebody else's is left alone.

use super::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The schema version this build writes and reads.
pub const DB_VERSION: i64 = MIGRATIONS.len() as i64;

/// "BLNK": tells our databases from other SQLite files.
const APPLICATION_ID: i64 = 0x424C_4E4B;

/// How long a writer waits for another audit's transaction before giving up.
/// Transactions last one result, so this is generous.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// `MIGRATIONS[n]` takes a database from version `n` to `n + 1`. A released
/// step is never edited (old databases went through it as it was): add one.
const MIGRATIONS: [&str; 3] = [V1, V2, V3];

/// Version 1: audits, their sources and their links. Each row keeps its
/// wire-format JSON (so a saved audit reloads exactly) beside the columns that
/// queries need. Ids are AUTOINCREMENT so a deleted audit's id is never reused.
const V1: &str = "
CREATE TABLE audits (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    target_host   TEXT NOT NULL,
    target_path   TEXT NOT NULL,
    target        TEXT NOT NULL,
    tool          TEXT NOT NULL,
    report_schema INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    finished_at   TEXT,
    partial       INTEGER NOT NULL DEFAULT 1,
    summary       TEXT,
    sources       INTEGER,
    backlinks     INTEGER,
    toxic         INTEGER
);
CREATE INDEX audits_by_target ON audits (target_host, target_path, id);
CREATE TABLE sources (
    audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    url      TEXT NOT NULL,
    status   TEXT NOT NULL,
    record   TEXT NOT NULL,
    PRIMARY KEY (audit_id, idx)
);
CREATE TABLE links (
    audit_id   INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
    source_idx INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    source_url TEXT NOT NULL,
    target_url TEXT NOT NULL,
    found      TEXT NOT NULL,
    link       TEXT,
    PRIMARY KEY (audit_id, source_idx, position)
);
";

/// Version 2: a link's or a source's history across audits is looked up by URL.
const V2: &str = "
CREATE INDEX sources_by_url ON sources (url);
CREATE INDEX links_by_url ON links (source_url, target_url);
";

/// Version 3: how many sources an audit was given, so a partial one can say
/// how far it got ("57 of 200"). Audits saved before have none (NULL).
const V3: &str = "
ALTER TABLE audits ADD COLUMN sources_given INTEGER;
";

/// Sets the connection up and brings the schema to [`DB_VERSION`]. Two audits
/// opening a new file at once race to switch it to WAL and create the schema,
/// and SQLite answers some of those steps "busy" without waiting (the busy
/// handler would risk a deadlock there). Every step is idempotent, so the
/// setup is tried again until it passes or the busy time-out is spent.
pub(super) fn prepare(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match prepare_once(conn, path) {
            Err(StoreError::Sqlite { source, .. })
                if is_busy(&source) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            // A folder we may not write: SQLite cannot make its `-wal` or `-shm` there.
            Err(StoreError::Sqlite { source, .. })
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) =>
            {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                })
            }
            result => return result,
        }
    }
}

/// Checks a database opened read-only: ours, and of this very version, since
/// an older one cannot be upgraded without writing.
pub(super) fn check_readable(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    let state = State::read(conn).map_err(sqlite)?;
    state.check(path)?;
    if state.version < DB_VERSION {
        return Err(StoreError::TooOldToRead {
            path: path.to_path_buf(),
            found: state.version,
            supported: DB_VERSION,
        });
    }
    Ok(())
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn prepare_once(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    // Checked before anything is written: a newer database is left untouched.
    let state = State::read(conn).map_err(sqlite)?;
    state.check(path)?;
    conn.pragma_update(None, "foreign_keys", true).map_err(sqlite)?;
    // WAL lets readers and one writer work at once; NORMAL syncs at checkpoints
    // only: a power cut may lose the last results, a crash of the process loses none.
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .map_err(sqlite)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite)?;
    if state.version < DB_VERSION {
        migrate(conn, path)?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sqlite)?;
    // Read again under the write lock: another audit may have migrated meanwhile.
    let state = State::read(&tx).map_err(sqlite)?;
    state.check(path)?;
    let from = usize::try_from(state.version).unwrap_or(MIGRATIONS.len());
    for step in MIGRATIONS.iter().skip(from) {
        tx.execute_batch(step).map_err(sqlite)?;
    }
    tx.pragma_update(None, "user_version", DB_VERSION)
        .map_err(sqlite)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(sqlite)?;
    tx.commit().map_err(sqlite)
}

/// What the file says about itself.
struct State {
    version: i64,
    application_id: i64,
    tables: i64,
}

impl State {
    /// One statement, so one snapshot: never a version from before another
    /// connection's migration with tables from after it.
    fn read(conn: &Connection) -> rusqlite::Result<State> {
        conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master WHERE type = 'table')",
            [],
            |r| {
                Ok(State {
                    version: r.get(0)?,
                    application_id: r.get(1)?,
                    tables: r.get(2)?,
                })
            },
        )
    }

    fn check(&self, path: &Path) -> Result<(), StoreError> {
        let foreign = || StoreError::Foreign {
            path: path.to_path_buf(),
        };
        if self.application_id != 0 && self.application_id != APPLICATION_ID {
            return Err(foreign());
        }
        if self.version > DB_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: self.version,
                supported: DB_VERSION,
            });
        }
        // Tables without our mark: another program's database.
        if self.application_id == 0 && (self.version > 0 || self.tables > 0) {
            return Err(foreign());
        }
        Ok(())
    }
}
