//! Referring domains from a web graph: each target's predecessors (its
//! transpose's successors, or one pass over the edge list for all targets
//! and exclusions at once), self-links left out, with each domain's
//! authority from the ranks file.

use super::{Found, Query};
use crate::graph::{from_graph_name, to_graph_name, Graph, Progress, VertexId};
use crate::model::ReferringDomain;

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
pub fn from_graph(
    graph: &Graph,
    query: &Query,
    progress: &dyn Progress,
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
    let mut lists = graph.predecessors(&asked, progress)?;
    let excluded_lists = lists.split_off(targets.len());

    let mut found = Found::default();
    for (sought, (list, &target)) in query.targets.iter().zip(lists.iter().zip(&targets)) {
        let mut count = 0;
        for &source in list.iter().filter(|&&s| s != target) {
            count += 1;
            let domain = from_graph_name(&graph.name(source));
            let row = found
                .domains
                .entry(domain.clone())
                .or_insert_with(|| ReferringDomain {
                    domain,
                    links_to: Vec::new(),
                    authority: graph.authority(source),
                    hosts: graph.hosts(source),
                    pages: Vec::new(),
                });
            row.links_to.push(sought.label.clone());
        }
        found.per_target.push(count);
    }
    for (list, &site) in excluded_lists.iter().zip(&excluded_ids) {
        for &source in list.iter().filter(|&&s| s != site) {
            found.excluded.insert(from_graph_name(&graph.name(source)));
        }
    }
    Ok((found, unknown.iter().map(|e| e.domain.clone()).collect()))
}
