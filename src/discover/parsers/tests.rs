//! Pages parsed on several threads come back in the order they were read,
//! between the items that needed no parse.

use super::*;
use crate::archive::{RecordHead, RecordKind};
use crate::discover::{ScanContext, Sought};
use crate::model::SkipReason;
use crate::target::Target;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn plan(parsers: usize) -> Arc<Plan> {
    Arc::new(Plan {
        archives: Vec::new(),
        context: ScanContext {
            sought: vec![Sought {
                target: Target::parse("example.com").unwrap(),
                label: "example.com".into(),
            }],
            max_page: 1 << 24,
            parse_timeout: Duration::from_secs(60),
            cancel: Arc::new(AtomicBool::new(false)),
        },
        remote: crate::archive::RemoteOptions {
            timeout: Duration::from_secs(1),
            retries: 0,
            backoff: Duration::ZERO,
            user_agent: String::new(),
        },
        threads: 1,
        parsers,
    })
}

/// A captured page whose one link names `n`; `filler` bytes of markup before
/// it make some pages far slower to parse than their neighbours.
fn page(n: u64, filler: usize) -> Item {
    let html = format!(
        "<!DOCTYPE html><html><body>{}<a href=\"https://example.com/{n}\">page {n}</a></body></html>",
        "<p>words</p>".repeat(filler)
    );
    let block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    Item::Record(Record {
        head: RecordHead {
            offset: n,
            kind: RecordKind::Response,
            target_uri: Some(format!("https://site{n}.org/")),
            date: Some("2026-11-01T00:00:00Z".into()),
            content_type: Some("application/http; msgtype=response".into()),
            length: block.len() as u64,
        },
        block: block.into_bytes(),
        cut: false,
    })
}

fn damage(n: u64) -> Item {
    Item::Damage(Damage {
        offset: n,
        reason: SkipReason::CorruptGzip,
        detail: "test".into(),
    })
}

/// What a step says, as `(offset, link target)` for pages.
fn seen(step: Step) -> (u64, String) {
    match step {
        Step::Record {
            offset,
            scanned: Scanned::Page { links, .. },
        } => (offset, links.iter().map(|l| l.target_url.clone()).collect()),
        Step::Damage(damage) => (damage.offset, "damage".into()),
        Step::Passed => (u64::MAX, "passed".into()),
        Step::Record { offset, .. } => (offset, "not a page".into()),
    }
}

#[test]
fn pages_come_back_in_the_order_read_whatever_the_parsers_did() {
    let plan = plan(3);
    let (reply, replies) = mpsc::channel();
    let mut in_order = InOrder::new(Parsers::start(&plan), "test.warc.gz", reply);
    let mut expected = Vec::new();
    for n in 0..60u64 {
        // Every seventh page is long: the pages after it finish first.
        let item = match n % 10 {
            3 => damage(n),
            _ => page(n, if n % 7 == 0 { 20_000 } else { 1 }),
        };
        expected.push(match n % 10 {
            3 => (n, "damage".to_string()),
            _ => (n, format!("https://example.com/{n}")),
        });
        in_order.push(item);
    }
    let (mut got, mut parsed) = (Vec::new(), Vec::new());
    while !in_order.is_empty() {
        let Ok(Event::Parsed(place, outcome)) = replies.recv() else {
            panic!("only parsed pages come back");
        };
        parsed.push(place);
        in_order.place(place, outcome);
        while let Some(step) = in_order.pop_ready() {
            got.push(seen(step));
        }
    }
    assert_eq!(got, expected);
    assert!(
        parsed.windows(2).any(|w| w[0] > w[1]),
        "the test's pages did not finish out of order: {parsed:?}"
    );
}

#[test]
fn a_parse_that_panicked_is_raised_again_where_its_page_is_placed() {
    let plan = plan(1);
    let (reply, _replies) = mpsc::channel();
    let mut in_order = InOrder::new(Parsers::start(&plan), "test.warc.gz", reply);
    in_order.waiting.push_back(Waiting::Parsing { offset: 7 });
    // The reply a parser sends when it caught a panic.
    let caught: Box<dyn Any + Send> = Box::new("boom");
    let raised = panic::catch_unwind(AssertUnwindSafe(|| in_order.place(0, Err(caught))));
    let payload = raised.expect_err("the panic is raised again");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
}
