//! Versions: a database from the first schema is migrated, one from a newer
//! backlinks is refused untouched, somebody else's is left alone.

use super::{pretty, save, temp_db};
use crate::sample::build::rich_report;
use crate::store::{AuditId, Store, StoreError, Which, DB_VERSION};
use rusqlite::Connection;
use std::path::Path;

/// A database as backlinks wrote it with schema version 1: its exact DDL and
/// two audits, one finished and one cut short by a crash. Never regenerate it.
const V1_DATABASE: &str = include_str!("../../../fixtures/history/v1.sql");
/// What the finished audit in it printed.
const V1_AUDIT_JSON: &str = include_str!("../../../fixtures/history/v1-audit-1.json");

fn user_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn schema_of(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open(path).unwrap();
    let mut select = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    let rows = select
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn v1_database(path: &Path) {
    Connection::open(path)
        .unwrap()
        .execute_batch(V1_DATABASE)
        .unwrap();
    assert_eq!(user_version(path), 1);
}

#[test]
fn a_new_database_gets_the_current_version() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    assert_eq!(user_version(&path), DB_VERSION);
    assert_eq!(DB_VERSION, 3);
}

/// The audit JSON as this build writes it: fields added since the audit was
/// saved come at the end of each object, at the value that says "not known
/// then" (`rendered` false, no render note, not rendered-only).
fn with_later_fields(saved: &str) -> String {
    let source_end = regex::Regex::new(r#"(?m)^(      "links": \d+)\n    \}"#).unwrap();
    let with_sources = source_end.replace_all(
        saved,
        "$1,\n      \"rendered\": false,\n      \"render_note\": null\n    }",
    );
    with_sources.replace(
        "      \"target_http_status\": null\n    }",
        "      \"target_http_status\": null,\n      \"rendered_only\": false\n    }",
    )
}

#[test]
fn a_database_from_the_first_schema_is_migrated_and_reads_back() {
    let (_dir, path) = temp_db();
    v1_database(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(user_version(&path), DB_VERSION);
    let finished = store.load(AuditId(1)).unwrap();
    assert_eq!(pretty(&finished) + "\n", with_later_fields(V1_AUDIT_JSON));
    let crashed = store.load(AuditId(2)).unwrap();
    assert!(crashed.partial);
    let listed = store.list(None).unwrap();
    assert!(
        listed.iter().all(|row| row.sources_given.is_none()),
        "an old audit does not know how many sources it was given: {listed:?}"
    );
    assert_eq!(crashed.sources.len(), 2);
    assert_eq!(store.latest(None, Which::Partial).unwrap(), Some(AuditId(2)));
    // And it takes new audits, numbered after the old ones.
    assert_eq!(save(&mut store, &rich_report()), AuditId(3));
}

#[test]
fn a_migrated_database_has_the_schema_of_a_new_one() {
    let (_old, migrated) = temp_db();
    v1_database(&migrated);
    Store::open(&migrated).unwrap();
    let (_new, fresh) = temp_db();
    Store::open(&fresh).unwrap();
    assert_eq!(schema_of(&migrated), schema_of(&fresh));
}

#[test]
fn a_database_from_a_newer_backlinks_is_refused_untouched() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let err = Store::open(&path)
        .err()
        .expect("a newer database must be refused");
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 999,
                supported: 3,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    for part in [
        "newer backlinks",
        "999",
        "version 3",
        "upgrade backlinks",
        "history.db",
    ] {
        assert!(message.contains(part), "{message} lacks {part}");
    }
    assert_eq!(user_version(&path), 999);
}

#[test]
fn the_current_version_opens_again_without_migrating() {
    let (_dir, path) = temp_db();
    let id = save(&mut Store::open(&path).unwrap(), &rich_report());
    assert_eq!(Store::open(&path).unwrap().load(id).unwrap(), rich_report());
}

#[test]
fn another_programs_database_is_left_alone() {
    let (_dir, path) = temp_db();
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE notes (text TEXT)")
        .unwrap();
    let err = Store::open(&path)
        .err()
        .expect("a foreign database must be refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err:?}");
    assert!(err.to_string().contains("--db PATH"), "{err}");
}

#[test]
fn an_empty_file_becomes_a_database() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    Store::open(&path).unwrap();
    assert_eq!(user_version(&path), DB_VERSION);
}

#[test]
fn a_file_that_is_not_a_database_is_an_error_naming_it() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, "url\nhttps://example.org/\n".repeat(100)).unwrap();
    let err = Store::open(&path).err().expect("a text file is not a database");
    assert!(err.to_string().contains("history.db"), "{err}");
}

#[test]
fn missing_folders_are_created() {
    let (dir, _) = temp_db();
    let path = dir.path().join("a/b/history.db");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

/// Flags are part of the wire format: a word this backlinks does not know (a
/// newer one wrote it, or the file was edited) makes the audit unreadable with
/// a message naming it, rather than being dropped or guessed at, so that `show`
/// never prints a report other than the one saved.
#[test]
fn a_saved_link_with_an_unknown_flag_is_refused_as_damaged() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = save(&mut store, &rich_report());
    let changed = Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE links SET link = replace(coalesce(link, found), '\"hidden-link\"', '\"no-such-flag\"')",
            [],
        )
        .unwrap();
    assert!(changed > 0);
    let error = store.load(id).unwrap_err();
    assert!(matches!(error, StoreError::Damaged { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("cannot be read back (a link)")
            && message.contains("unknown variant `no-such-flag`"),
        "{message}"
    );
}
