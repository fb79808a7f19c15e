//! A domain-level web graph read from disk, as Common Crawl publishes it
//! (SPEC section 11): the vertex list (`id<TAB>reversed domain<TAB>hosts`,
//! gzip, sorted by name), the optional ranks file, and the arcs either as
//! BVGraph files (read through the `webgraph` crate) or as a plain gzip edge
//! list (`from<TAB>to`). Nothing is loaded whole: what a lookup needs (a
//! vertex table, a ranks array, the BVGraph's offsets) is built once, cached
//! beside the graph ([`cache`]), and memory-mapped afterwards.

mod arcs;
#[cfg(feature = "webgraph")]
mod bvgraph;
mod cache;
mod error;
mod names;
mod ranks;
mod text;
mod vertices;

pub use error::GraphError;
pub use names::{from_graph_name, to_graph_name};

use crate::model::Authority;
use arcs::Arcs;
use ranks::Ranks;
use std::path::{Path, PathBuf};
use vertices::Vertices;

/// A vertex: its line in the vertex list, from 0.
pub type VertexId = u64;

/// Told about each index built, so that a person waiting sees why (the
/// command layer draws a bar on a terminal). Byte counts are of the input read.
pub trait Progress: Sync {
    /// A build starts; `what` says what is built, once, and where it is kept.
    fn begin(&self, what: &str, total_bytes: u64);
    fn advance(&self, bytes: u64);
    fn end(&self);
}

/// A [`Progress`] that says nothing (tests, `--quiet`).
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn end(&self) {}
}

/// An open graph: names, authority and arcs, ready for queries.
pub struct Graph {
    basename: PathBuf,
    vertices: Vertices,
    ranks: Option<Ranks>,
    arcs: Arcs,
}

impl Graph {
    /// Opens the graph whose files start with `basename`, building (once)
    /// the indexes that are missing or older than their input.
    pub fn open(basename: &Path, progress: &dyn Progress) -> Result<Graph, GraphError> {
        let vertex_list = vertices::list_path(basename)?;
        let located = Arcs::locate(basename)?;
        let vertices = Vertices::open(&vertex_list, progress)?;
        let ranks = match ranks::list_path(basename) {
            Some(path) => Some(Ranks::open(&path, &vertices, progress)?),
            None => None,
        };
        let arcs = located.open(vertices.len(), progress)?;
        Ok(Graph {
            basename: basename.to_path_buf(),
            vertices,
            ranks,
            arcs,
        })
    }

    pub fn basename(&self) -> &Path {
        &self.basename
    }

    /// "BVGraph" or "edge list": how the arcs are read.
    pub fn arcs_kind(&self) -> &'static str {
        self.arcs.kind()
    }

    pub fn has_ranks(&self) -> bool {
        self.ranks.is_some()
    }

    pub fn len(&self) -> u64 {
        self.vertices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vertices.len() == 0
    }

    /// The vertex named `graph_name` (reversed: `com.example`).
    pub fn id(&self, graph_name: &str) -> Option<VertexId> {
        self.vertices.find(graph_name.as_bytes())
    }

    /// A vertex's name, reversed as in the graph (`com.example`).
    pub fn name(&self, id: VertexId) -> String {
        String::from_utf8_lossy(self.vertices.name(id)).into_owned()
    }

    /// Hosts of the domain, when the vertex list gives them.
    pub fn hosts(&self, id: VertexId) -> Option<u64> {
        self.vertices.hosts(id)
    }

    /// Harmonic centrality and PageRank, when a ranks file was given and lists the vertex.
    pub fn authority(&self, id: VertexId) -> Option<Authority> {
        self.ranks.as_ref().and_then(|r| r.get(id))
    }

    /// For each of `targets`, the vertices with an arc to it: sorted, each once.
    pub fn predecessors(&self, targets: &[VertexId]) -> Result<Vec<Vec<VertexId>>, GraphError> {
        self.arcs.predecessors(targets)
    }
}

#[cfg(test)]
pub(crate) mod tests;
