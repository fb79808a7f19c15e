//! Referring domains from a web graph: each target's predecessors (its
//! transpose's successors, or one pass over the edge list for all targets
//! and exclusions at once), self-links left out, with each domain's
//! authority from the ranks file.

use super::{Found, Query};
use crate::graph::{from_graph_name, to_graph_name, Graph, VertexId};
use crate::model::ReferringDomain;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Domains of the targets or exclusions the graph lacks: the question cannot be answered.
#[derive(Debug, thiserror::Error)]
#[error("not in the graph `{basename}`: {} (a domain that no crawled page linked to or from has no vertex; check the spelling, or give the registrable domain)", names.join(", "))]
pub struct Absent {
    pub basename: String,
    pub names: Vec<String>,
}

/// What the graph says of the query; the missing targets (every one named)
/// are an error. An excluded site the graph lacks excludes nothing, and is
/// returned so the caller can say so.
///
/// With `limit`, only the best `limit` domains (in [`super::finish`]'s
/// order) are kept, so that a target with millions of referring domains
/// costs memory for the rows listed, not for all of them.
pub fn from_graph(
    graph: &Graph,
    query: &Query,
    limit: Option<usize>,
) -> anyhow::Result<(Found, Vec<String>)> {
    let lookup = |domain: &str| graph.id(&to_graph_name(domain));
    let missing: Vec<String> = query
        .targets
        .iter()
        .filter(|t| lookup(&t.domain).is_none())
        .map(|t| t.domain.clone())
        .collect();
    if !missing.is_empty() {
        return Err(Absent {
            basename: graph.basename().display().to_string(),
            names: missing,
        }
        .into());
    }
    let targets: Vec<VertexId> = query.targets.iter().filter_map(|t| lookup(&t.domain)).collect();
    let (excluded, unknown): (Vec<_>, Vec<_>) =
        query.excluded.iter().partition(|e| lookup(&e.domain).is_some());
    let excluded_ids: Vec<VertexId> = excluded.iter().filter_map(|e| lookup(&e.domain)).collect();
    let asked: Vec<VertexId> = targets.iter().chain(&excluded_ids).copied().collect();
    let mut lists = graph.predecessors(&asked)?;
    let excluded_lists = lists.split_off(targets.len());

    let mut found = Found {
        per_target: vec![0; targets.len()],
        ..Found::default()
    };
    for (list, &site) in excluded_lists.iter().zip(&excluded_ids) {
        for &source in list.iter().filter(|&&s| s != site) {
            found.excluded.insert(from_graph_name(&graph.name(source)));
        }
    }
    let outreach = targets.len() > 1 || !excluded_ids.is_empty();
    let own = |id: VertexId| targets.contains(&id) || excluded_ids.contains(&id);
    let mut best = Best::new(limit);
    for (source, mut which) in merged(&lists) {
        which.retain(|&at| targets[at] != source);
        for &at in &which {
            found.per_target[at] += 1;
        }
        let excluded = excluded_lists.iter().any(|l| l.binary_search(&source).is_ok());
        if which.len() < query.min_shared.max(1) || excluded || (outreach && own(source)) {
            continue;
        }
        best.offer(graph, source, which);
    }
    if limit.is_some() {
        found.qualified = Some(best.offered);
    }
    for (source, which) in best.into_rows() {
        let domain = from_graph_name(&graph.name(source));
        found.domains.insert(
            domain.clone(),
            ReferringDomain {
                domain,
                links_to: which.iter().map(|&at| query.targets[at].label.clone()).collect(),
                authority: graph.authority(source),
                hosts: graph.hosts(source),
                pages: Vec::new(),
            },
        );
    }
    Ok((found, unknown.iter().map(|e| e.domain.clone()).collect()))
}

/// Every vertex in any of the sorted `lists`, ascending, with the lists it is in.
fn merged(lists: &[Vec<VertexId>]) -> impl Iterator<Item = (VertexId, Vec<usize>)> + '_ {
    let mut at = vec![0; lists.len()];
    std::iter::from_fn(move || {
        let next = lists
            .iter()
            .zip(&at)
            .filter_map(|(list, &i)| list.get(i))
            .min()
            .copied()?;
        let mut which = Vec::new();
        for (index, list) in lists.iter().enumerate() {
            if list.get(at[index]) == Some(&next) {
                which.push(index);
                at[index] += 1;
            }
        }
        Some((next, which))
    })
}

/// How [`super::finish`] orders graph rows: the most targets, the best
/// harmonic rank (unranked last), then the domain's name.
type Key = (Reverse<usize>, u64, String);

/// The qualifying domains, all of them or the best `limit` (a heap whose
/// top is the worst kept, so memory follows `limit`).
struct Best {
    limit: Option<usize>,
    offered: u64,
    all: Vec<(VertexId, Vec<usize>)>,
    heap: BinaryHeap<(Key, VertexId, Vec<usize>)>,
}

impl Best {
    fn new(limit: Option<usize>) -> Best {
        Best {
            limit,
            offered: 0,
            all: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn offer(&mut self, graph: &Graph, source: VertexId, which: Vec<usize>) {
        self.offered += 1;
        let Some(limit) = self.limit else {
            self.all.push((source, which));
            return;
        };
        let rank = graph.authority(source).map_or(u64::MAX, |a| a.harmonic_rank);
        let key = (Reverse(which.len()), rank, from_graph_name(&graph.name(source)));
        if self.heap.len() < limit {
            self.heap.push((key, source, which));
        } else if self.heap.peek().is_some_and(|(worst, _, _)| key < *worst) {
            self.heap.pop();
            self.heap.push((key, source, which));
        }
    }

    fn into_rows(self) -> Vec<(VertexId, Vec<usize>)> {
        match self.limit {
            None => self.all,
            Some(_) => self
                .heap
                .into_iter()
                .map(|(_, source, which)| (source, which))
                .collect(),
        }
    }
}
