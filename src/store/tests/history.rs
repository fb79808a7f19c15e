//! `history`'s list and the lookups `show`, `diff` and `--fail-on lost` use.

use super::{save, temp_db};
use crate::model::{AuditReport, SourceStatus};
use crate::sample::build::{report, rich_report, source, target};
use crate::store::{AuditId, AuditRow, Store, TargetKey, Which};

fn audit_of(input: &str, host: &str, path_prefix: &str) -> AuditReport {
    let mut report = report(
        vec![source("https://a.example.org/", SourceStatus::NoLink, 0)],
        vec![],
    );
    report.target = target(input, host, path_prefix);
    report.summary.sources.total = 1;
    report
}

fn key<'a>(host: &'a str, path_prefix: &'a str) -> TargetKey<'a> {
    TargetKey { host, path_prefix }
}

fn ids(rows: &[AuditRow]) -> Vec<i64> {
    rows.iter().map(|row| row.id.0).collect()
}

#[test]
fn history_lists_newest_first_with_the_contract_fields() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = save(&mut store, &rich_report());
    let second = save(&mut store, &audit_of("example.com", "example.com", "/"));
    let rows = store.list(None).unwrap();
    assert_eq!(ids(&rows), vec![second.0, first.0]);
    let row = &rows[1];
    assert_eq!(row.target, rich_report().target);
    assert_eq!(row.started_at, "2025-01-02T03:04:05Z");
    assert_eq!(
        (row.sources, row.backlinks, row.toxic, row.partial),
        (5, 3, 1, false)
    );
    let json = serde_json::to_string(row).unwrap();
    assert!(
        json.starts_with(r#"{"id":1,"target":{"input":"https://www.Example.com","host":"example.com","path_prefix":"/"},"started_at":"#),
        "{json}"
    );
    assert!(
        json.ends_with(r#""sources":5,"backlinks":3,"toxic":1,"partial":false,"sources_given":null,"referring_domains":2}"#),
        "{json}"
    );
}

#[test]
fn an_unfinished_audit_is_listed_as_partial_with_what_it_saved() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let original = rich_report();
    let id = store.begin_audit(&original).unwrap();
    for result in crate::report::audit::results(&original).iter().take(2) {
        store.save_result(id, result).unwrap();
    }
    let row = &store.list(None).unwrap()[0];
    assert_eq!(
        (row.sources, row.backlinks, row.toxic, row.partial),
        (2, 3, 1, true)
    );
}

#[test]
fn a_host_filter_lists_every_path_of_that_host_and_nothing_else() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let root = save(&mut store, &audit_of("example.com", "example.com", "/"));
    let blog = save(
        &mut store,
        &audit_of("https://example.com/blog/", "example.com", "/blog/"),
    );
    let other = save(&mut store, &audit_of("notexample.com", "notexample.com", "/"));
    assert_eq!(
        ids(&store.list(Some(key("example.com", "/"))).unwrap()),
        vec![blog.0, root.0]
    );
    assert_eq!(
        ids(&store.list(Some(key("example.com", "/blog/"))).unwrap()),
        vec![blog.0]
    );
    assert_eq!(
        ids(&store.list(Some(key("notexample.com", "/"))).unwrap()),
        vec![other.0]
    );
    assert!(store.list(Some(key("ample.com", "/"))).unwrap().is_empty());
}

#[test]
fn latest_and_previous_stay_within_one_target_and_kind() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let complete = save(&mut store, &audit_of("example.com", "example.com", "/"));
    let mut interrupted = audit_of("https://www.example.com/", "example.com", "/");
    interrupted.partial = true;
    let partial = save(&mut store, &interrupted);
    let blog = save(
        &mut store,
        &audit_of("example.com/blog/", "example.com", "/blog/"),
    );
    let root = key("example.com", "/");
    assert_eq!(store.latest(Some(root), Which::Any).unwrap(), Some(partial));
    assert_eq!(store.latest(Some(root), Which::Complete).unwrap(), Some(complete));
    assert_eq!(store.latest(Some(root), Which::Partial).unwrap(), Some(partial));
    assert_eq!(store.latest(None, Which::Any).unwrap(), Some(blog));
    assert_eq!(
        store.latest(Some(key("other.com", "/")), Which::Any).unwrap(),
        None
    );
    assert_eq!(store.previous(root, partial, Which::Any).unwrap(), Some(complete));
    assert_eq!(
        store.previous(root, AuditId(i64::MAX), Which::Complete).unwrap(),
        Some(complete)
    );
    assert_eq!(store.previous(root, complete, Which::Any).unwrap(), None);
    assert_eq!(
        store
            .previous(key("example.com", "/blog/"), blog, Which::Any)
            .unwrap(),
        None
    );
}

#[test]
fn a_partial_audit_knows_how_many_sources_it_was_given() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let audit = store
        .begin_audit(&audit_of("example.com", "example.com", "/"))
        .unwrap();
    store.set_sources_given(audit, 200).unwrap();
    let row = &store.list(None).unwrap()[0];
    assert_eq!(
        (row.sources, row.sources_given, row.partial),
        (0, Some(200), true)
    );
    assert_eq!(row.sources_done(), "0 of 200");
    assert!(store.set_sources_given(AuditId(99), 1).is_err(), "no such audit");
}
