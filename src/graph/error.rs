//! What can be wrong with a graph's files: each message names the file and
//! says what to do. All of them end the command with exit 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("no vertex list for graph `{basename}`: expected `{basename}-vertices.txt.gz` (pass --graph the common prefix of the graph's files, as Common Crawl names them)")]
    NoVertices { basename: String },

    #[error("no arcs for graph `{basename}`: expected the BVGraph `{basename}.graph` (or its transpose `{basename}-t.graph`) or the edge list `{basename}-edges.txt.gz`")]
    NoArcs { basename: String },

    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("`{}` line {line}: {reason}", path.display())]
    Line {
        path: PathBuf,
        line: u64,
        reason: String,
    },

    #[error("`{}` is damaged: {detail} (download it again)", path.display())]
    Damaged { path: PathBuf, detail: String },

    #[error("`{}` does not match the vertex list: {detail} (are both files of the same graph release?)", path.display())]
    Mismatch { path: PathBuf, detail: String },

    #[error("cannot write the index `{}`: {source} (check that the folder, or the cache folder, is writable)", path.display())]
    WriteIndex {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("`{}` is a BVGraph, which this build of backlinks cannot read: it was built without the `webgraph` feature (reinstall with default features, or give the edge list `-edges.txt.gz`)", path.display())]
    NoWebgraph { path: PathBuf },
}

impl GraphError {
    pub(super) fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> GraphError {
        let path = path.into();
        move |source| GraphError::Read { path, source }
    }

    pub(super) fn write(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> GraphError {
        let path = path.into();
        move |source| GraphError::WriteIndex { path, source }
    }
}
