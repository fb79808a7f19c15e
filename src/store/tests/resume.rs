//! `--resume`: a partial audit reopened, the sources it has kept, the rest
//! saved under the same id, ending as one complete audit.

use super::{pretty, save_streamed, temp_db};
use crate::model::{AuditReport, Flag, SourceStatus};
use crate::report::audit::results;
use crate::sample::build::{link, report, source};
use crate::store::{Store, Which};

const A: &str = "https://a.example.org/";
const B: &str = "https://b.example.org/";
const C: &str = "https://c.example.org/";

/// The complete audit of A, B and C, in that input order.
fn complete() -> AuditReport {
    report(
        vec![
            source(A, SourceStatus::Ok, 1),
            source(B, SourceStatus::Ok, 2),
            source(C, SourceStatus::Unreachable, 0),
        ],
        vec![
            link(A, "https://example.com/", "a"),
            link(B, "https://example.com/", "b1"),
            link(B, "https://example.com/x", "b2"),
        ],
    )
}

fn inputs(urls: &[&str]) -> Vec<String> {
    urls.iter().map(|u| u.to_string()).collect()
}

#[test]
fn resuming_returns_the_saved_results_at_their_new_positions_and_reopens_the_audit() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let full = complete();
    let all = results(&full);
    let id = store.begin_audit(&full).unwrap();
    store.save_result(id, &all[0]).unwrap();
    store.save_result(id, &all[1]).unwrap();
    // Interrupted: finished as partial, with a profile flag on a link.
    let mut interrupted = store.load(id).unwrap();
    interrupted.partial = true;
    interrupted.links[0].flags.push(Flag::FrequentAnchor);
    store.finish_audit(id, &interrupted).unwrap();

    // The resumed run lists C first this time.
    let resumed = store.resume_audit(id, &inputs(&[C, A, B])).unwrap();
    assert_eq!(resumed.started_at, full.started_at);
    let positions: Vec<_> = resumed.results.iter().map(|r| r.index).collect();
    assert_eq!(positions, vec![1, 2]);
    assert_eq!(resumed.results[0].source, all[0].source);
    // Links as their page judged them: the partial profile's flags are gone.
    assert_eq!(resumed.results[0].links, all[0].links);
    assert_eq!(resumed.results[1].links, all[1].links);
    assert_eq!(store.latest(None, Which::Partial).unwrap(), Some(id));
    assert!(store.load(id).unwrap().partial);

    // The run fetches C only and ends as one complete audit under the same id.
    let mut missing = all[2].clone();
    missing.index = 0;
    store.save_result(id, &missing).unwrap();
    let mut end = complete();
    end.sources = vec![
        full.sources[2].clone(),
        full.sources[0].clone(),
        full.sources[1].clone(),
    ];
    store.finish_audit(id, &end).unwrap();
    assert_eq!(pretty(&store.load(id).unwrap()), pretty(&end));
    assert_eq!(store.list(None).unwrap().len(), 1);
    assert_eq!(store.latest(None, Which::Complete).unwrap(), Some(id));
}

#[test]
fn sources_the_resumed_run_no_longer_lists_are_dropped() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let full = complete();
    let id = save_streamed(&mut store, &full);
    let resumed = store.resume_audit(id, &inputs(&[B])).unwrap();
    assert_eq!(resumed.results.len(), 1);
    assert_eq!(resumed.results[0].index, 0);
    assert_eq!(resumed.results[0].source.url, B);
    assert_eq!(resumed.results[0].links.len(), 2);
    let loaded = store.load(id).unwrap();
    assert_eq!(loaded.sources.len(), 1);
    assert!(loaded.links.iter().all(|l| l.source_url == B));
}

#[test]
fn saved_results_group_each_sources_links_in_document_order() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let full = complete();
    let id = store.begin_audit(&full).unwrap();
    for result in results(&full).iter().rev() {
        store.save_result(id, result).unwrap();
    }
    assert_eq!(store.saved_results(id).unwrap(), results(&full));
}
