//! The BVGraph form, read through `webgraph` (the Rust port of WebGraph,
//! reading Java's big-endian files). "Who links to X" is X's successors in
//! the transposed graph (`BASENAME-t.graph`, which Common Crawl publishes);
//! random access to it needs an Elias–Fano offsets file (`.ef`), which is
//! not published, so it is built once: from `.offsets` when there is one,
//! else from one sequential pass over the graph. Without the transpose, it
//! is built once from `BASENAME.graph`. Everything built goes beside the
//! graph, or into the cache folder (with links to the graph's files) when
//! that folder is read-only.

use super::cache;
use super::{GraphError, Progress, VertexId};
use dsi_bitstream::prelude::BE;
use dsi_progress_logger::no_logging;
use std::path::{Path, PathBuf};
use webgraph::prelude::*;

/// Memory the transpose may use for its sorted batches (spilled to disk past this).
const TRANSPOSE_MEMORY: usize = 256 << 20;

/// The transposed graph, memory-mapped with random access.
pub(super) struct Transposed {
    /// The `-t.graph` file, named when it proves damaged.
    path: PathBuf,
    count: u64,
    successors: Box<dyn Fn(usize) -> Vec<usize> + Send + Sync>,
}

fn with(basename: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", basename.display()))
}

impl Transposed {
    pub fn open(basename: &Path, count: u64, progress: &dyn Progress) -> Result<Transposed, GraphError> {
        let transposed = match with(basename, "-t.graph").is_file() {
            true => with(basename, "-t"),
            false => transpose(basename, progress)?,
        };
        let path = with(&transposed, ".graph");
        let nodes = node_count(&transposed)?;
        if nodes as u64 != count {
            return Err(GraphError::Mismatch {
                path,
                detail: format!("it has {nodes} vertices, the vertex list {count}"),
            });
        }
        let readable = ensure_ef(&transposed, nodes, progress)?;
        let graph = BvGraph::with_basename(&readable).load().map_err(damaged(&path))?;
        Ok(Transposed {
            path,
            count,
            successors: Box::new(move |node| graph.successors(node).collect()),
        })
    }

    /// The vertices with an arc to `target`, sorted (BVGraph keeps successors
    /// sorted). An id beyond the vertex list can only come from a damaged file.
    pub fn predecessors(&self, target: VertexId) -> Result<Vec<VertexId>, GraphError> {
        let found: Vec<VertexId> = (self.successors)(target as usize)
            .into_iter()
            .map(|v| v as VertexId)
            .collect();
        match found.iter().find(|&&v| v >= self.count) {
            Some(bad) => Err(GraphError::Damaged {
                path: self.path.clone(),
                detail: format!(
                    "vertex {target} has an arc from vertex {bad}, beyond the {} of the vertex list",
                    self.count
                ),
            }),
            None => Ok(found),
        }
    }
}

fn damaged(path: &Path) -> impl Fn(anyhow::Error) -> GraphError + '_ {
    move |error| GraphError::Damaged {
        path: path.to_path_buf(),
        detail: format!("{error:#}"),
    }
}

/// Vertices of the BVGraph at `basename`, from its `.properties`.
fn node_count(basename: &Path) -> Result<usize, GraphError> {
    let properties = with(basename, ".properties");
    if !properties.is_file() {
        return Err(GraphError::Read {
            path: properties,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not found (it comes with the .graph file)",
            ),
        });
    }
    let graph = BvGraphSeq::with_basename(basename)
        .load()
        .map_err(damaged(&properties))?;
    Ok(graph.num_nodes())
}

/// The basename under which `basename`'s graph can be loaded with random
/// access: itself when its `.ef` is there and fresh (or can be written
/// beside it), else a folder in the cache with links to its files.
fn ensure_ef(basename: &Path, nodes: usize, progress: &dyn Progress) -> Result<PathBuf, GraphError> {
    let graph = with(basename, ".graph");
    if fresh(&with(basename, ".ef"), &graph) {
        return Ok(basename.to_path_buf());
    }
    let folder = basename
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let target = if cache::writable(folder) {
        basename.to_path_buf()
    } else {
        linked_in_cache(basename)?
    };
    let ef = with(&target, ".ef");
    if fresh(&ef, &graph) {
        return Ok(target);
    }
    progress.begin(
        &format!(
            "building the offsets of `{}` once (kept as `{}`)",
            graph.display(),
            ef.display()
        ),
        std::fs::metadata(&graph).map(|m| m.len()).unwrap_or(0),
    );
    let built = build_ef(basename, &target, nodes, progress);
    progress.end();
    built?;
    Ok(target)
}

/// Whether `ef` exists and is not older than the graph it indexes.
fn fresh(ef: &Path, graph: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(ef), modified(graph)), (Some(e), Some(g)) if e >= g)
}

/// A cache folder holding links to the graph's `.graph` and `.properties`
/// (and `.offsets`), so that the `.ef` can sit beside them.
fn linked_in_cache(basename: &Path) -> Result<PathBuf, GraphError> {
    let name = basename.file_name().unwrap_or_default();
    let target = cache::cache_folder(&with(basename, ".graph")).join(name);
    for suffix in [".graph", ".properties", ".offsets"] {
        let original = with(basename, suffix);
        let link = with(&target, suffix);
        if original.is_file() && !link.exists() {
            let original = std::fs::canonicalize(&original).map_err(GraphError::read(&original))?;
            link_file(&original, &link).map_err(GraphError::write(&link))?;
        }
    }
    Ok(target)
}

#[cfg(unix)]
fn link_file(original: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(original, link)
}

#[cfg(not(unix))]
fn link_file(original: &Path, link: &Path) -> std::io::Result<()> {
    std::fs::hard_link(original, link)
}

/// Writes `target.ef` (and `target.offsets` when the graph came without one).
fn build_ef(basename: &Path, target: &Path, nodes: usize, progress: &dyn Progress) -> Result<(), GraphError> {
    let graph_path = with(basename, ".graph");
    let offsets = with(target, ".offsets");
    if !fresh(&offsets, &graph_path) {
        write_offsets(basename, &offsets, progress).map_err(damaged(&graph_path))?;
    }
    let ef = with(target, ".ef");
    store_ef_with_data(nodes, &graph_path, &offsets, &ef, no_logging![]).map_err(|error| {
        GraphError::WriteIndex {
            path: ef.clone(),
            source: std::io::Error::other(format!("{error:#}")),
        }
    })
}

/// The γ-coded gaps between the bit offsets of successive nodes, as Java's
/// `BVGraph -O` writes them: one sequential pass over the graph.
fn write_offsets(basename: &Path, path: &Path, progress: &dyn Progress) -> anyhow::Result<()> {
    let graph = BvGraphSeq::with_basename(basename).load()?;
    let mut writer = OffsetsWriter::from_path(path, false)?;
    let mut iter = graph.offset_deg_iter();
    let mut previous = 0;
    for (offset, _degree) in &mut iter {
        writer.push(offset - previous)?;
        progress.advance((offset - previous) / 8);
        previous = offset;
    }
    writer.push(iter.get_pos() - previous)?;
    writer.flush()?;
    Ok(())
}

/// `basename`'s transpose, compressed once into `BASENAME-t` beside it (or in the cache).
fn transpose(basename: &Path, progress: &dyn Progress) -> Result<PathBuf, GraphError> {
    let graph_path = with(basename, ".graph");
    let name = format!("{}-t", basename.file_name().unwrap_or_default().to_string_lossy());
    let beside = basename.with_file_name(&name);
    let target = if cache::writable(
        basename
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    ) {
        beside
    } else {
        cache::cache_folder(&graph_path).join(&name)
    };
    if fresh(&with(&target, ".graph"), &graph_path) && with(&target, ".properties").is_file() {
        return Ok(target);
    }
    progress.begin(
        &format!(
            "building the transpose of `{}` once (kept as `{}`): publish-side `-t.graph` files save this step",
            graph_path.display(),
            with(&target, ".graph").display()
        ),
        std::fs::metadata(&graph_path).map(|m| m.len()).unwrap_or(0),
    );
    let built = (|| -> anyhow::Result<()> {
        let graph = BvGraphSeq::with_basename(basename).load()?;
        let sorted = transpose_seq(&graph, MemoryUsage::MemorySize(TRANSPOSE_MEMORY), no_logging![])?;
        BvComp::with_basename(&target).par_comp::<BE, _>(sorted)?;
        Ok(())
    })();
    progress.end();
    built.map_err(damaged(&graph_path))?;
    Ok(target)
}
