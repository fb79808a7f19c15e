//! `--check-targets` (SPEC section 13): every distinct page the backlinks
//! point to is asked once, after the sources, through the same fetcher (so
//! the same concurrency, per-host limits, delay, robots.txt, time-out, retries
//! and redirects), and each link is told what its page answered.
//!
//! Target URLs are treated like sources the user listed: the target is the
//! user's own site, which may well sit on a private network, so a target on a
//! loopback or private address is asked; only a redirect from a public address
//! to a private one is refused (as for sources, unless `--allow-private`).

use super::interrupt::Interrupt;
use super::source::Context;
use crate::fetch::Fetched;
use crate::model::{BrokenTarget, Link, SourceStatus, TargetCheck, TargetStatus};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use tokio::task::JoinSet;
use url::Url;

/// Checks every distinct target of `links` once and gives each link its
/// answer. False when an interrupt stopped it: links whose target was not
/// checked yet keep no target status.
pub async fn check_all(ctx: Arc<Context>, links: &mut [Link], interrupt: &Interrupt) -> bool {
    let distinct: BTreeSet<String> = links.iter().map(|l| page_of(&l.target_url)).collect();
    let mut running = JoinSet::new();
    for page in distinct {
        let ctx = ctx.clone();
        running.spawn(async move {
            let check = match Url::parse(&page) {
                Ok(url) => judge(&ctx.fetcher.check(&url).await),
                Err(_) => unreachable_page(),
            };
            (page, check)
        });
    }
    let mut checks: BTreeMap<String, TargetCheck> = BTreeMap::new();
    let finished = loop {
        let joined = tokio::select! {
            joined = running.join_next() => joined,
            () = interrupt.raised() => {
                running.abort_all();
                break false;
            }
        };
        match joined {
            None => break true,
            Some(Ok((page, check))) => {
                checks.insert(page, check);
            }
            Some(Err(e)) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Some(Err(_)) => {}
        }
    };
    for link in links.iter_mut() {
        if let Some(check) = checks.get(&page_of(&link.target_url)) {
            link.set_target_check(check);
        }
    }
    finished
}

/// The page a link points to: its URL without the fragment, which never
/// reaches the server.
fn page_of(target_url: &str) -> String {
    match Url::parse(target_url) {
        Ok(mut url) => {
            url.set_fragment(None);
            url.to_string()
        }
        Err(_) => target_url.to_string(),
    }
}

/// A target URL that does not parse: nothing could be asked.
fn unreachable_page() -> TargetCheck {
    TargetCheck {
        status: TargetStatus::Unreachable,
        final_url: None,
        http_status: None,
    }
}

/// What a fetch says of a target page: 2xx is `ok` (or `redirect` when it
/// took redirects to get there), 4xx/5xx `broken` (wherever the redirects
/// ended), and no answer to judge (no connection, a redirect that cannot be
/// followed, robots.txt disallowing the page) `unreachable`.
pub(super) fn judge(fetched: &Fetched) -> TargetCheck {
    let final_url = (!fetched.redirects.is_empty())
        .then(|| fetched.final_url.as_ref().map(Url::to_string))
        .flatten();
    let no_answer = matches!(
        &fetched.outcome,
        Err(failure) if matches!(failure.status, SourceStatus::Unreachable | SourceStatus::RobotsBlocked)
    );
    let status = match fetched.http_status {
        _ if no_answer => TargetStatus::Unreachable,
        Some(200..=299) if final_url.is_some() => TargetStatus::Redirect,
        Some(200..=299) => TargetStatus::Ok,
        Some(400..=599) => TargetStatus::Broken,
        _ => TargetStatus::Unreachable,
    };
    TargetCheck {
        status,
        final_url,
        http_status: fetched.http_status,
    }
}

/// The broken target pages, each with how many backlinks and referring
/// domains point to it: most referring domains first, then most backlinks,
/// then by URL.
pub fn broken_targets(links: &[Link]) -> Vec<BrokenTarget> {
    let mut pages: BTreeMap<String, (Option<u16>, usize, BTreeSet<&str>)> = BTreeMap::new();
    for link in links
        .iter()
        .filter(|l| l.target_status == Some(TargetStatus::Broken))
    {
        let entry =
            pages
                .entry(page_of(&link.target_url))
                .or_insert((link.target_http_status, 0, BTreeSet::new()));
        entry.1 += 1;
        entry.2.insert(&link.source_domain);
    }
    let mut broken: Vec<BrokenTarget> = pages
        .into_iter()
        .map(|(target_url, (http_status, backlinks, domains))| BrokenTarget {
            target_url,
            http_status,
            backlinks,
            referring_domains: domains.len(),
        })
        .collect();
    broken.sort_by(|a, b| {
        b.referring_domains
            .cmp(&a.referring_domains)
            .then(b.backlinks.cmp(&a.backlinks))
            .then_with(|| a.target_url.cmp(&b.target_url))
    });
    broken
}

#[cfg(test)]
#[path = "targets/tests.rs"]
mod tests;
