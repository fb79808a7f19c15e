//! Which form the arcs come in, found from the files beside the basename:
//! a BVGraph (its transpose answers "who links here" directly) before the
//! plain edge list.

use super::{text, GraphError, Progress, VertexId};
use std::path::{Path, PathBuf};

/// The arcs' files, found but not yet opened.
pub(super) enum Located {
    /// `BASENAME.graph` and/or `BASENAME-t.graph`.
    BvGraph(PathBuf),
    EdgeList(PathBuf),
}

pub(super) enum Arcs {
    #[cfg(feature = "webgraph")]
    BvGraph(super::bvgraph::Transposed),
    EdgeList(text::EdgeIndex),
}

impl Arcs {
    pub fn locate(basename: &Path) -> Result<Located, GraphError> {
        let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", basename.display()));
        if with(".graph").is_file() || with("-t.graph").is_file() {
            return Ok(Located::BvGraph(basename.to_path_buf()));
        }
        match text::list_path(basename) {
            Some(list) => Ok(Located::EdgeList(list)),
            None => Err(GraphError::NoArcs {
                basename: basename.display().to_string(),
            }),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            #[cfg(feature = "webgraph")]
            Arcs::BvGraph(_) => "BVGraph",
            Arcs::EdgeList(_) => "edge list",
        }
    }

    pub fn predecessors(&self, targets: &[VertexId]) -> Result<Vec<Vec<VertexId>>, GraphError> {
        match self {
            #[cfg(feature = "webgraph")]
            Arcs::BvGraph(graph) => targets.iter().map(|&t| graph.predecessors(t)).collect(),
            Arcs::EdgeList(index) => Ok(targets.iter().map(|&t| index.predecessors(t)).collect()),
        }
    }
}

impl Located {
    /// Opens the arcs, checking they are of a graph with `count` vertices.
    pub fn open(self, count: u64, progress: &dyn Progress) -> Result<Arcs, GraphError> {
        match self {
            #[cfg(feature = "webgraph")]
            Located::BvGraph(basename) => Ok(Arcs::BvGraph(super::bvgraph::Transposed::open(
                &basename, count, progress,
            )?)),
            #[cfg(not(feature = "webgraph"))]
            Located::BvGraph(basename) => {
                let _ = (count, progress);
                Err(GraphError::NoWebgraph {
                    path: PathBuf::from(format!("{}.graph", basename.display())),
                })
            }
            Located::EdgeList(list) => Ok(Arcs::EdgeList(text::EdgeIndex::open(&list, count, progress)?)),
        }
    }
}
