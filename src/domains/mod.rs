//! `domains`' questions (SPEC section 11): which domains link to a target
//! (referring domains), and which link to at least N of several targets but
//! not to an excluded site (link intersect). Answered from a web graph
//! ([`graph`]: domains with their authority), from links `discover` found
//! ([`pages`]: the pages and anchors behind each domain), or from both (the
//! graph's rows, each with the pages the archive saw).

mod graph;
mod pages;
mod read;

pub use graph::from_graph;
pub use pages::from_links;
pub use read::{read_links, DiscoveredLink};

use crate::model::{ReferringDomain, TargetDomains};
use crate::target::Target;
use std::collections::BTreeMap;

/// A target, or an excluded site, as the questions need it.
#[derive(Debug, Clone)]
pub struct Sought {
    /// How reports name it: its domain for a graph, the audit's label with `--from` alone.
    pub label: String,
    /// Its registrable domain, lowercase ASCII (`bücher.de` → `xn--bcher-kva.de`).
    pub domain: String,
    /// The whole target, for page-level matching (section 2's rule).
    pub target: Target,
}

/// What is asked, checked.
#[derive(Debug, Clone)]
pub struct Query {
    /// `TARGET` first, then each `--also`, each once.
    pub targets: Vec<Sought>,
    pub excluded: Vec<Sought>,
    /// At least 1, at most the number of targets.
    pub min_shared: usize,
    pub top: Option<usize>,
}

/// Domains that link to the targets, before they are filtered and sorted.
#[derive(Debug, Default)]
pub struct Found {
    /// Keyed by domain (lowercase ASCII, usual order).
    pub domains: BTreeMap<String, ReferringDomain>,
    /// Domains that link to an excluded site.
    pub excluded: std::collections::BTreeSet<String>,
    /// Per target, how many domains link to it.
    pub per_target: Vec<u64>,
    /// When only the best rows were kept while reading: how many qualified.
    pub qualified: Option<u64>,
}

/// The answer: every target's count, the qualifying domains best first.
#[derive(Debug)]
pub struct Answer {
    pub targets: Vec<TargetDomains>,
    pub matched: u64,
    pub domains: Vec<ReferringDomain>,
}

/// Merges what the graph and the archive found: the graph's rows keep their
/// authority and gain the archive's pages; a domain only the archive saw
/// keeps what it has.
pub fn merge(graph: Found, pages: Found) -> Found {
    let mut merged = graph;
    for (domain, row) in pages.domains {
        match merged.domains.get_mut(&domain) {
            Some(known) => {
                known.pages = row.pages;
                for target in row.links_to {
                    if !known.links_to.contains(&target) {
                        known.links_to.push(target);
                    }
                }
            }
            None => {
                merged.domains.insert(domain, row);
            }
        }
    }
    merged.excluded.extend(pages.excluded);
    for (count, more) in merged.per_target.iter_mut().zip(pages.per_target) {
        *count = (*count).max(more);
    }
    merged
}

/// Keeps the domains that link to at least `min_shared` targets and to no
/// excluded site (and that are neither a target nor excluded themselves
/// when there is more than one target or an exclusion), best first: the most
/// targets, then the best harmonic centrality rank (unranked last), then the
/// most pages, then the name; then `--top`.
pub fn finish(found: Found, query: &Query) -> Answer {
    let order: Vec<&str> = query.targets.iter().map(|t| t.label.as_str()).collect();
    let outreach = query.targets.len() > 1 || !query.excluded.is_empty();
    let own = |domain: &str| {
        query
            .targets
            .iter()
            .chain(&query.excluded)
            .any(|s| s.domain == domain)
    };
    let mut domains: Vec<ReferringDomain> = found
        .domains
        .into_values()
        .filter(|row| row.links_to.len() >= query.min_shared)
        .filter(|row| !found.excluded.contains(&row.domain))
        .filter(|row| !(outreach && own(&row.domain)))
        .map(|mut row| {
            row.links_to.sort_by_key(|t| order.iter().position(|o| o == t));
            row
        })
        .collect();
    domains.sort_by(|a, b| {
        let rank = |r: &ReferringDomain| r.authority.map_or(u64::MAX, |a| a.harmonic_rank);
        b.links_to
            .len()
            .cmp(&a.links_to.len())
            .then(rank(a).cmp(&rank(b)))
            .then(b.pages.len().cmp(&a.pages.len()))
            .then(a.domain.cmp(&b.domain))
    });
    let matched = found.qualified.unwrap_or(domains.len() as u64);
    if let Some(top) = query.top {
        domains.truncate(top);
    }
    let targets = query
        .targets
        .iter()
        .zip(found.per_target.iter().chain(std::iter::repeat(&0)))
        .map(|(sought, &n)| TargetDomains {
            target: sought.label.clone(),
            referring_domains: n,
        })
        .collect();
    Answer {
        targets,
        matched,
        domains,
    }
}

#[cfg(test)]
mod tests;
