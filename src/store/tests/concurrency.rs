//! Two audits writing one database at once both succeed.

use super::temp_db;
use crate::model::{SourceResult, SourceStatus};
use crate::sample::build::{link, report, source};
use crate::store::{AuditId, Store};
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;

const RESULTS: usize = 300;

fn run_audit(path: &Path, name: &str, start: &Barrier) -> AuditId {
    let mut store = Store::open(path).unwrap();
    let head = report(vec![], vec![]);
    start.wait();
    let id = store.begin_audit(&head).unwrap();
    for index in 0..RESULTS {
        let url = format!("https://{name}{index}.example.org/");
        let result = SourceResult {
            index,
            source: source(&url, SourceStatus::Ok, 1),
            links: vec![link(&url, "https://example.com/", name)],
        };
        store.save_result(id, &result).unwrap();
    }
    let mut finished = store.load(id).unwrap();
    finished.partial = false;
    store.finish_audit(id, &finished).unwrap();
    id
}

fn audit_in_thread(path: &Path, name: &'static str, start: &Arc<Barrier>) -> thread::JoinHandle<AuditId> {
    let (path, start) = (path.to_path_buf(), start.clone());
    thread::spawn(move || run_audit(&path, name, &start))
}

#[test]
fn two_audits_writing_one_database_at_once_both_keep_every_result() {
    let (_dir, path) = temp_db();
    let start = Arc::new(Barrier::new(2));
    let one = audit_in_thread(&path, "one", &start);
    let two = audit_in_thread(&path, "two", &start);
    let ids = [one.join().unwrap(), two.join().unwrap()];
    assert_ne!(ids[0], ids[1]);
    let store = Store::open(&path).unwrap();
    for (id, name) in ids.into_iter().zip(["one", "two"]) {
        let loaded = store.load(id).unwrap();
        assert!(!loaded.partial);
        assert_eq!(loaded.sources.len(), RESULTS);
        assert_eq!(loaded.links.len(), RESULTS);
        assert!(loaded.links.iter().all(|l| l.anchor_text == name));
        assert_eq!(loaded.summary.backlinks, RESULTS);
    }
    assert_eq!(store.list(None).unwrap().len(), 2);
}

#[test]
fn two_runs_creating_the_database_at_once_both_open_it() {
    let (_dir, path) = temp_db();
    let start = Arc::new(Barrier::new(4));
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let (path, start) = (path.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                Store::open(&path).map(|_| ())
            })
        })
        .collect();
    for opener in openers {
        opener.join().unwrap().unwrap();
    }
}
