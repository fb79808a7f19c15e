//! Pairing the links of two audits and sorting out what became of each.

use super::{Change, ChangeKind, DiffSummary};
use crate::model::{AuditReport, Link, LinkType, SourceRecord, SourceStatus, TargetTurn};
use std::collections::{HashMap, HashSet, VecDeque};

/// Whether two links with one source and target count as unchanged: the same
/// link type, equity, anchor text and toxic verdict, and a target page that
/// neither broke nor came back (see [`TargetTurn`]). Other differences (rel
/// tokens such as `noopener`, placement, flags, the toxicity score) are not changes.
pub fn same_link(a: &Link, b: &Link) -> bool {
    looks(a) == looks(b) && TargetTurn::between(a, b).is_none()
}

type Looks<'a> = (LinkType, bool, &'a str, bool);

fn looks(link: &Link) -> Looks<'_> {
    (link.link_type, link.passes_equity, &link.anchor_text, link.toxic)
}

/// A link's identity: source URL and target URL.
type Key<'a> = (&'a str, &'a str);

/// Where a change sorts: its source's rank, new and changed links before lost
/// and unverified ones, then the link's position in its audit.
type Order = (usize, u8, usize);

pub(super) fn compare(from: &AuditReport, to: &AuditReport) -> (DiffSummary, Vec<Change>) {
    let before = by_key(&from.links);
    let after = by_key(&to.links);
    let mut newer_sources: HashMap<&str, &SourceRecord> = HashMap::new();
    for source in &to.sources {
        newer_sources.entry(source.url.as_str()).or_insert(source);
    }
    let rank = source_ranks(from, to);
    let rank_of = |url: &str| rank.get(url).copied().unwrap_or(usize::MAX);
    let mut summary = DiffSummary::default();
    let mut changes: Vec<(Order, Change)> = Vec::new();
    let mut keys: Vec<Key<'_>> = before.keys().chain(after.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let old = before.get(&key).map_or(&[][..], Vec::as_slice);
        let new = after.get(&key).map_or(&[][..], Vec::as_slice);
        let newer_source = newer_sources.get(key.0).copied();
        let paired = pair(old, new, &from.links, &to.links);
        for (b, a) in paired.both {
            let (before, after) = (&from.links[b], &to.links[a]);
            if same_link(before, after) {
                summary.unchanged += 1;
                continue;
            }
            summary.changed += 1;
            let change = change(ChangeKind::Changed, Some(before), Some(after), newer_source);
            changes.push(((rank_of(key.0), 0, a), change));
        }
        for b in paired.only_before {
            let kind = if can_tell_absence(newer_source) {
                summary.lost += 1;
                ChangeKind::Lost
            } else {
                summary.unverified += 1;
                ChangeKind::Unverified
            };
            let change = change(kind, Some(&from.links[b]), None, newer_source);
            changes.push(((rank_of(key.0), 1, b), change));
        }
        for a in paired.only_after {
            summary.new += 1;
            let change = change(ChangeKind::New, None, Some(&to.links[a]), newer_source);
            changes.push(((rank_of(key.0), 0, a), change));
        }
    }
    // Every order is distinct (a position appears once per phase), so the
    // result does not depend on the hash maps' order.
    changes.sort_unstable_by_key(|(order, _)| *order);
    (summary, changes.into_iter().map(|(_, change)| change).collect())
}

/// Only a page fetched and parsed whole says a link is absent. A truncated
/// page may hold the link past the cut; a source the newer audit lacks (an
/// interrupted audit, a shorter list) was not looked at.
fn can_tell_absence(newer_source: Option<&SourceRecord>) -> bool {
    newer_source.is_some_and(|s| matches!(s.status, SourceStatus::Ok | SourceStatus::NoLink) && !s.truncated)
}

fn change(
    kind: ChangeKind,
    before: Option<&Link>,
    after: Option<&Link>,
    source: Option<&SourceRecord>,
) -> Change {
    let link = before.or(after);
    Change {
        change: kind,
        source_url: link.map(|l| l.source_url.clone()).unwrap_or_default(),
        target_url: link.map(|l| l.target_url.clone()).unwrap_or_default(),
        before: before.cloned(),
        after: after.cloned(),
        source_status: source.map(|s| s.status),
    }
}

/// Positions of each identity's links, in document order.
fn by_key(links: &[Link]) -> HashMap<Key<'_>, Vec<usize>> {
    let mut map: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
    for (position, link) in links.iter().enumerate() {
        map.entry((&link.source_url, &link.target_url))
            .or_default()
            .push(position);
    }
    map
}

/// Sources ranked by first appearance: the newer audit's input order, then
/// sources only the older audit has.
fn source_ranks<'a>(from: &'a AuditReport, to: &'a AuditReport) -> HashMap<&'a str, usize> {
    let urls = (to.sources.iter().map(|s| s.url.as_str()))
        .chain(to.links.iter().map(|l| l.source_url.as_str()))
        .chain(from.sources.iter().map(|s| s.url.as_str()))
        .chain(from.links.iter().map(|l| l.source_url.as_str()));
    let mut rank = HashMap::new();
    for url in urls {
        let next = rank.len();
        rank.entry(url).or_insert(next);
    }
    rank
}

#[derive(Debug, Default, PartialEq)]
struct Paired {
    both: Vec<(usize, usize)>,
    only_before: Vec<usize>,
    only_after: Vec<usize>,
}

/// Pairs the links of one identity: first links that look the same (so
/// removing the first of two different links loses that one, not changes the
/// other), then the rest in document order: the n-th left before with the
/// n-th left after.
fn pair(old: &[usize], new: &[usize], from: &[Link], to: &[Link]) -> Paired {
    let mut by_looks: HashMap<Looks<'_>, VecDeque<usize>> = HashMap::new();
    for &a in new {
        by_looks.entry(looks(&to[a])).or_default().push_back(a);
    }
    let mut paired = Paired::default();
    let mut unmatched_old = Vec::new();
    for &b in old {
        match by_looks.get_mut(&looks(&from[b])).and_then(VecDeque::pop_front) {
            Some(a) => paired.both.push((b, a)),
            None => unmatched_old.push(b),
        }
    }
    let taken: HashSet<usize> = paired.both.iter().map(|&(_, a)| a).collect();
    let mut unmatched_new = new.iter().copied().filter(|a| !taken.contains(a));
    for b in unmatched_old {
        match unmatched_new.next() {
            Some(a) => paired.both.push((b, a)),
            None => paired.only_before.push(b),
        }
    }
    paired.only_after.extend(unmatched_new);
    paired
}
