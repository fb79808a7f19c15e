//! A saved audit reads back as the run printed it, finished or not.

use super::{pretty, save, save_streamed, temp_db};
use crate::model::{Flag, SourceStatus, Summary};
use crate::report::audit::results;
use crate::sample::build::{link, report, rich_report, source};
use crate::store::{AuditId, Store, StoreError, Which};

#[test]
fn a_saved_audit_loads_as_the_json_the_run_printed_byte_for_byte() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let original = rich_report();
    let id = store.begin_audit(&original).unwrap();
    // Results arrive in completion order, not input order.
    for result in results(&original).iter().rev() {
        store.save_result(id, result).unwrap();
    }
    store.finish_audit(id, &original).unwrap();
    drop(store);
    let loaded = Store::open(&path).unwrap().load(id).unwrap();
    assert_eq!(pretty(&loaded), pretty(&original));
    assert_eq!(loaded, original);
}

#[test]
fn floats_come_back_to_the_bit() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut original = rich_report();
    // Parsed back a bit off by serde_json's default float parser.
    original.summary.anchors.diversity = Some(3.026_199_944_157_320_3e-52);
    original.summary.anchors.top[0].share = 2.0 / 3.0;
    let id = save(&mut store, &original);
    let loaded = store.load(id).unwrap();
    assert_eq!(
        loaded.summary.anchors.diversity.map(f64::to_bits),
        original.summary.anchors.diversity.map(f64::to_bits)
    );
    assert_eq!(pretty(&loaded), pretty(&original));
}

#[test]
fn the_final_links_replace_the_streamed_ones_which_resume_still_sees() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let streamed = rich_report();
    let id = save_streamed(&mut store, &streamed);
    // The profile pass at the end adds flags and can make a link toxic.
    let mut finished = streamed.clone();
    finished.links[2].flags.push(Flag::Sitewide);
    finished.links[2].toxicity = 70;
    finished.links[2].toxic = true;
    store.finish_audit(id, &finished).unwrap();
    assert_eq!(pretty(&store.load(id).unwrap()), pretty(&finished));
    let saved = store.saved_results(id).unwrap();
    assert_eq!(saved[1].links, vec![streamed.links[2].clone()]);
}

#[test]
fn a_report_without_its_links_keeps_the_saved_ones() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let full = rich_report();
    let id = save_streamed(&mut store, &full);
    let mut without_links = full.clone();
    without_links.links.clear();
    without_links.sources.clear();
    store.finish_audit(id, &without_links).unwrap();
    assert_eq!(store.load(id).unwrap().links, full.links);
}

#[test]
fn final_links_that_differ_from_the_saved_ones_take_their_place() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let streamed = rich_report();
    let id = save_streamed(&mut store, &streamed);
    let mut finished = streamed.clone();
    finished.links.remove(0);
    store.finish_audit(id, &finished).unwrap();
    assert_eq!(pretty(&store.load(id).unwrap()), pretty(&finished));
}

#[test]
fn a_crash_keeps_every_result_saved_before_it() {
    let (_dir, path) = temp_db();
    let original = rich_report();
    let id = {
        let mut store = Store::open(&path).unwrap();
        let id = store.begin_audit(&original).unwrap();
        for result in results(&original).iter().take(3) {
            store.save_result(id, result).unwrap();
        }
        id // dropped without finish_audit, as by a crash
    };
    let store = Store::open(&path).unwrap();
    let loaded = store.load(id).unwrap();
    assert!(loaded.partial);
    assert_eq!(loaded.sources, original.sources[..3].to_vec());
    assert_eq!(loaded.links, original.links);
    assert_eq!(loaded.started_at, original.started_at);
    assert!(!loaded.finished_at.is_empty());
    // The summary is computed from what was saved.
    assert_eq!(loaded.summary.sources.total, 3);
    assert_eq!(loaded.summary.sources.by_status.http_error, 1);
    assert_eq!(loaded.summary.backlinks, 3);
    assert_eq!(loaded.summary.toxic, 1);
    assert_eq!(store.latest(None, Which::Partial).unwrap(), Some(id));
    assert_eq!(store.latest(None, Which::Complete).unwrap(), None);
}

#[test]
fn an_interrupted_audit_is_partial_with_the_summary_it_reported() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut interrupted = report(
        vec![source("https://a.example.org/", SourceStatus::NoLink, 0)],
        vec![],
    );
    interrupted.partial = true;
    interrupted.summary = Summary::default();
    interrupted.summary.sources.total = 1;
    let id = save(&mut store, &interrupted);
    let loaded = store.load(id).unwrap();
    assert!(loaded.partial);
    assert_eq!(pretty(&loaded), pretty(&interrupted));
    assert_eq!(store.latest(None, Which::Partial).unwrap(), Some(id));
}

#[test]
fn saving_a_result_again_replaces_it() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut original = report(
        vec![source("https://a.example.org/", SourceStatus::Ok, 1)],
        vec![link("https://a.example.org/", "https://example.com/", "one")],
    );
    let id = store.begin_audit(&original).unwrap();
    store.save_result(id, &results(&original)[0]).unwrap();
    original.links[0].anchor_text = "two".into();
    store.save_result(id, &results(&original)[0]).unwrap();
    let loaded = store.load(id).unwrap();
    assert_eq!(loaded.sources.len(), 1);
    assert_eq!(loaded.links, original.links);
}

#[test]
fn an_unknown_id_is_named_in_the_error() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let err = store.load(AuditId(42)).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(AuditId(42))));
    assert!(err.to_string().contains("42"), "{err}");
    let result = &results(&rich_report())[0];
    assert!(matches!(
        store.save_result(AuditId(7), result),
        Err(StoreError::NotFound(AuditId(7)))
    ));
    assert!(matches!(
        store.finish_audit(AuditId(7), &rich_report()),
        Err(StoreError::NotFound(_))
    ));
}
