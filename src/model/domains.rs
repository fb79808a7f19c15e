//! What `domains` reports: the domains that link to one or more targets,
//! from a web graph or from links `discover` found (SPEC section 11). Like
//! the audit's types these are the JSON wire format (key order is field
//! order), versioned by [`DOMAINS_SCHEMA_VERSION`] (docs/domains-output.md).

use super::{LinkType, Tool};
use serde::{Deserialize, Serialize};

/// Bumped on any breaking change of domains' JSON, JSON Lines or CSV.
pub const DOMAINS_SCHEMA_VERSION: u32 = 1;

/// Where the answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A domain-level web graph (`--graph`): domains only, no pages.
    Graph,
    /// Links `discover` found (`--from`): the pages and anchors behind each domain.
    Discovered,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Graph => "graph",
            Basis::Discovered => "discovered",
        }
    }
}

/// A domain's authority in the graph's ranks file: harmonic centrality and
/// PageRank, each as a position (1 is the highest) and a value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Authority {
    pub harmonic_rank: u64,
    pub harmonic_value: f64,
    pub pagerank_rank: u64,
    pub pagerank_value: f64,
}

/// One page behind a referring domain (`--from` only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferringPage {
    /// The target the link points at, as the report labels it.
    pub target: String,
    pub source_url: String,
    pub target_url: String,
    pub anchor_text: String,
    pub link_type: LinkType,
}

/// A domain that links to one or more of the targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferringDomain {
    /// Lowercase ASCII (punycode), as the graph holds it, in the usual order
    /// (`bbc.co.uk`, not Common Crawl's `uk.co.bbc`).
    pub domain: String,
    /// The targets it links to, in the order they were given.
    pub links_to: Vec<String>,
    /// Null without a ranks file, for a domain the ranks file lacks, and with `--from`.
    pub authority: Option<Authority>,
    /// Hosts of the domain the graph counted (null with `--from`, or when the vertex list has none).
    pub hosts: Option<u64>,
    /// With `--from`: its pages that link to a target, in the file's order; empty for a graph.
    pub pages: Vec<ReferringPage>,
}

/// Per target: how many domains link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetDomains {
    /// The target as reports label it: its domain for a graph, the audit's label with `--from`.
    pub target: String,
    pub referring_domains: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainsSummary {
    pub basis: Basis,
    /// The `--graph` basename or the `--from` file, as given.
    pub input: String,
    /// In the order given: `TARGET` first, then each `--also`.
    pub targets: Vec<TargetDomains>,
    /// The `--exclude` domains: a domain that links to one is left out.
    pub excluded: Vec<String>,
    /// The fewest targets a listed domain links to.
    pub min_shared: u64,
    /// Domains that qualified, before `--top`.
    pub matched: u64,
    /// Domains listed (after `--top`).
    pub listed: u64,
}

/// The JSON document of `domains`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainsReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub started_at: String,
    pub finished_at: String,
    pub summary: DomainsSummary,
    /// Best first: the most targets linked to, then the best harmonic
    /// centrality rank (none last), then by name.
    pub domains: Vec<ReferringDomain>,
}
