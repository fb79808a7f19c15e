//! Opening the history for the commands that only read it (`history`, `show`,
//! `diff`), which must work on a database or folder we may not write and leave
//! nothing behind.
//!
//! SQLite's own read-only open is not enough: in a writable folder it leaves
//! `-wal` and `-shm` files behind (a read-only connection may not remove them),
//! and in a read-only folder it cannot read a WAL database at all. So:
//! - when we may write the file and its folder, it is opened as a writer opens
//!   it (an older schema is upgraded, concurrent audits are seen) and nothing
//!   is written; closing the last connection removes the `-wal` and `-shm`;
//! - otherwise it is opened read-only, and when no `-wal` file is beside it
//!   (no audit is writing it, none crashed mid-write) as immutable: SQLite then
//!   reads the file alone and creates nothing.

use super::{schema, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

impl Store {
    /// Opens the existing database at `path` to read it. Never creates a file,
    /// a folder or a table; an older schema is upgraded only when the file is
    /// writable (read-only, it is refused with [`StoreError::TooOldToRead`]).
    pub fn open_read(path: &Path) -> Result<Store, StoreError> {
        match open_writable(path) {
            Err(StoreError::ReadOnly { .. }) => open_read_only(path),
            result => result,
        }
    }
}

fn open_writable(path: &Path) -> Result<Store, StoreError> {
    // No CREATE: a file removed meanwhile is an error, not a new empty history.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    Store::writable(conn, path)
}

fn open_read_only(path: &Path) -> Result<Store, StoreError> {
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    // A `-wal` file may hold committed audits not yet copied into the file:
    // then SQLite must read it, and may make a `-shm` beside it if it can.
    let immutable = !sidecar(path, "-wal").exists();
    let uri = uri(path, immutable);
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags).map_err(open_error)?;
    schema::check_readable(&conn, path)?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
    })
}

/// `history.db-wal` beside `history.db`.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The `file:` URI SQLite needs for its `mode` and `immutable` parameters:
/// the absolute path, with every byte a URI could misread percent-encoded.
fn uri(path: &Path, immutable: bool) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push('/'); // `file:/C:/...` on Windows
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str(if immutable {
        "?mode=ro&immutable=1"
    } else {
        "?mode=ro"
    });
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::build::rich_report;

    /// A history with one finished audit, closed, so no `-wal` is left.
    fn saved() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.db");
        let mut store = Store::open(&path).unwrap();
        let report = rich_report();
        let id = store.begin_audit(&report).unwrap();
        store.finish_audit(id, &report).unwrap();
        drop(store);
        (dir, path)
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn read_only_it_reads_the_file_alone_and_creates_nothing() {
        let (dir, path) = saved();
        let bytes = std::fs::read(&path).unwrap();
        let store = open_read_only(&path).unwrap();
        assert_eq!(store.list(None).unwrap().len(), 1);
        assert_eq!(files(dir.path()), ["history.db"], "no -wal or -shm while open");
        drop(store);
        assert_eq!(files(dir.path()), ["history.db"]);
        assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
    }

    #[test]
    fn read_only_it_sees_audits_still_in_the_wal() {
        let (_dir, path) = saved();
        let mut writer = Store::open(&path).unwrap();
        writer.conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        let report = rich_report();
        let id = writer.begin_audit(&report).unwrap();
        writer.finish_audit(id, &report).unwrap();
        // The writer is still open: the second audit is in the -wal only.
        let store = open_read_only(&path).unwrap();
        assert_eq!(store.list(None).unwrap().len(), 2);
    }

    #[test]
    fn read_only_an_older_schema_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA application_id = 1112297035; PRAGMA user_version = 1; CREATE TABLE audits (id INTEGER);",
        )
        .unwrap();
        drop(conn);
        let Err(err) = open_read_only(&path) else {
            panic!("an older schema was read without its upgrade");
        };
        assert!(matches!(err, StoreError::TooOldToRead { found: 1, .. }), "{err}");
        assert!(err.to_string().contains("write access"), "{err}");
    }

    #[test]
    fn the_uri_encodes_what_a_uri_would_misread() {
        let uri = uri(Path::new("/tmp/a b/h?#%.db"), true);
        assert_eq!(uri, "file:/tmp/a%20b/h%3F%23%25.db?mode=ro&immutable=1");
    }

    #[test]
    fn the_sidecar_is_named_after_the_whole_file_name() {
        assert_eq!(sidecar(Path::new("d/h.db"), "-wal"), PathBuf::from("d/h.db-wal"));
    }
}
