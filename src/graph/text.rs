//! The plain edge list (`BASENAME-edges.txt.gz`, `from<TAB>to` a line). Read
//! as it is, "who links to X" would take a pass over the whole file per
//! query; so the first query turns it, in two passes, into its transpose
//! (`BASENAME-edges.index`), memory-mapped afterwards: a 64-byte header
//! (magic, vertices, arcs, the list's stamp), `vertices + 1` `u64` offsets,
//! then each vertex's sources as `u32`, sorted. The build writes the index
//! front to back through bucket files (see `build_in_buckets`), so its memory
//! is the in-degrees and one bucket however long the list is.

use super::cache::{self, u64_at, Stamp};
use super::{GraphError, Progress, VertexId};
use memmap2::Mmap;
use std::fs::File;
use std::io::{BufRead, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"BLEDGE01";
const HEADER: usize = 64;

/// `BASENAME-edges.txt.gz` or `BASENAME-edges.txt`, if there is one.
pub(super) fn list_path(basename: &Path) -> Option<PathBuf> {
    let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", basename.display()));
    [with("-edges.txt.gz"), with("-edges.txt")]
        .into_iter()
        .find(|p| p.is_file())
}

/// The transposed edge list, mapped.
pub(super) struct EdgeIndex {
    map: Mmap,
    count: u64,
}

impl EdgeIndex {
    pub fn open(list: &Path, count: u64, progress: &dyn Progress) -> Result<EdgeIndex, GraphError> {
        if count > u64::from(u32::MAX) {
            return Err(GraphError::Mismatch {
                path: list.to_path_buf(),
                detail: format!("{count} vertices are more than an edge list index holds; use the BVGraph"),
            });
        }
        let index = cache::place(list, &format!("{}.index", cache::stem(list)));
        let stamp = Stamp::of(list)?;
        if let Some(edges) = EdgeIndex::map(&index, stamp, count) {
            return Ok(edges);
        }
        progress.begin(
            &format!(
                "building the transposed index of `{}` once, in two passes (kept as `{}`)",
                list.display(),
                index.display()
            ),
            stamp.len * 2,
        );
        let built = build(list, &index, stamp, count, progress);
        progress.end();
        built?;
        EdgeIndex::map(&index, stamp, count).ok_or_else(|| GraphError::Damaged {
            path: index.clone(),
            detail: "the index just built does not read back".into(),
        })
    }

    fn map(path: &Path, stamp: Stamp, count: u64) -> Option<EdgeIndex> {
        let file = File::open(path).ok()?;
        // SAFETY: the index is ours and replaced only by rename, never written in place.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        if map.len() < HEADER || &map[..8] != MAGIC {
            return None;
        }
        let arcs = u64_at(&map, 16);
        let expected = HEADER + (count as usize + 1) * 8 + arcs as usize * 4;
        let fresh = u64_at(&map, 8) == count
            && u64_at(&map, 24) == stamp.len
            && u64_at(&map, 32) == stamp.modified_ns
            && map.len() == expected;
        fresh.then_some(EdgeIndex { map, count })
    }

    /// The sources of the arcs to `target`, sorted, each once.
    pub fn predecessors(&self, target: VertexId) -> Vec<VertexId> {
        let at = HEADER + target as usize * 8;
        let (start, end) = (u64_at(&self.map, at) as usize, u64_at(&self.map, at + 8) as usize);
        let sources_at = HEADER + (self.count as usize + 1) * 8;
        let mut found: Vec<VertexId> = self.map[sources_at + start * 4..sources_at + end * 4]
            .chunks_exact(4)
            .map(|b| VertexId::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
            .collect();
        found.dedup();
        found
    }
}

/// Arcs a bucket of pass 2 holds: placing one takes 12 bytes an arc of
/// memory (its pairs, then its sources), 48 MB here, whatever the list.
const BUCKET_ARCS: u64 = 4 << 20;
/// Bucket files open at once, at most: the buckets grow past `BUCKET_ARCS`
/// rather than outnumber this.
const MAX_BUCKETS: u64 = 256;

fn build(
    list: &Path,
    index: &Path,
    stamp: Stamp,
    count: u64,
    progress: &dyn Progress,
) -> Result<(), GraphError> {
    build_in_buckets(list, index, stamp, count, progress, BUCKET_ARCS)
}

/// Pass 1 counts each vertex's inbound arcs. The vertices are then cut into
/// consecutive buckets of at most `bucket_arcs` arcs (a vertex with more has
/// one of its own); pass 2 appends each arc to its target's bucket file, a
/// plain sequential write. Then each bucket in turn is read back, its sources
/// placed by target and sorted, and written after the offsets. Memory is the
/// counts and one bucket; the disk holds 8 bytes an arc until the end.
fn build_in_buckets(
    list: &Path,
    index: &Path,
    stamp: Stamp,
    count: u64,
    progress: &dyn Progress,
    bucket_arcs: u64,
) -> Result<(), GraphError> {
    let n = count as usize;
    let mut in_degree = vec![0u32; n];
    let arcs = read_arcs(list, count, progress, |_, to| {
        let degree = &mut in_degree[to as usize];
        *degree = degree.saturating_add(1);
    })?;
    if in_degree.contains(&u32::MAX) {
        return Err(GraphError::Mismatch {
            path: list.to_path_buf(),
            detail: "a vertex has 4 billion arcs or more to it: use the BVGraph".into(),
        });
    }
    let bucket_arcs = bucket_arcs.max(arcs.div_ceil(MAX_BUCKETS)).max(1);
    let starts = bucket_starts(&in_degree, bucket_arcs);
    let folder = index.parent().unwrap_or(Path::new("."));
    let mut buckets = (0..starts.len() - 1)
        .map(|_| {
            let file = tempfile::tempfile_in(folder).map_err(GraphError::write(index))?;
            Ok(BufWriter::with_capacity(64 * 1024, file))
        })
        .collect::<Result<Vec<_>, GraphError>>()?;
    let mut failed = None;
    let placed = read_arcs(list, count, progress, |from, to| {
        // `starts` begins at 0, so the bucket is the last start at or before `to`.
        let bucket = starts.partition_point(|&start| start <= to as usize) - 1;
        let mut pair = [0; 8];
        pair[..4].copy_from_slice(&(to as u32).to_le_bytes());
        pair[4..].copy_from_slice(&(from as u32).to_le_bytes());
        if let Err(e) = buckets[bucket].write_all(&pair) {
            failed.get_or_insert(e);
        }
    })?;
    if let Some(error) = failed {
        return Err(GraphError::write(index)(error));
    }
    if placed != arcs {
        return Err(GraphError::Damaged {
            path: list.to_path_buf(),
            detail: "it changed while it was read".into(),
        });
    }
    let out = cache::create(index)?;
    let mut writer = BufWriter::with_capacity(1 << 20, out.as_file());
    let write = |writer: &mut BufWriter<&File>, bytes: &[u8]| {
        writer.write_all(bytes).map_err(GraphError::write(index))
    };
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    for word in [count, arcs, stamp.len, stamp.modified_ns] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    header.resize(HEADER, 0);
    write(&mut writer, &header)?;
    let mut offset = 0u64;
    for &degree in &in_degree {
        write(&mut writer, &offset.to_le_bytes())?;
        offset += u64::from(degree);
    }
    write(&mut writer, &offset.to_le_bytes())?;
    let (mut pairs, mut sources) = (Vec::new(), Vec::new());
    for (bucket, range) in buckets.into_iter().zip(starts.windows(2)) {
        let mut file = bucket
            .into_inner()
            .map_err(|e| GraphError::write(index)(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(GraphError::write(index))?;
        pairs.clear();
        file.read_to_end(&mut pairs).map_err(GraphError::write(index))?;
        place(&pairs, &in_degree[range[0]..range[1]], range[0], &mut sources);
        // The pairs' buffer is free again: it takes the sources' bytes.
        pairs.clear();
        pairs.extend(sources.iter().flat_map(|source| source.to_le_bytes()));
        write(&mut writer, &pairs)?;
    }
    writer.flush().map_err(GraphError::write(index))?;
    drop(writer);
    cache::commit(out, index)
}

/// The first vertex of each bucket, then `n`: consecutive vertices while
/// their arcs fit in `bucket_arcs`.
fn bucket_starts(in_degree: &[u32], bucket_arcs: u64) -> Vec<usize> {
    let mut starts = vec![0];
    let mut held = 0u64;
    for (vertex, &degree) in in_degree.iter().enumerate() {
        let degree = u64::from(degree);
        if held > 0 && held + degree > bucket_arcs {
            starts.push(vertex);
            held = 0;
        }
        held += degree;
    }
    starts.push(in_degree.len());
    starts
}

/// One bucket's `(to, from)` pairs → its vertices' sources, each vertex's
/// sorted, in vertex order. `degrees` are the bucket's vertices' from `first`.
fn place(pairs: &[u8], degrees: &[u32], first: usize, sources: &mut Vec<u32>) {
    let mut next: Vec<usize> = Vec::with_capacity(degrees.len() + 1);
    let mut total = 0;
    for &degree in degrees {
        next.push(total);
        total += degree as usize;
    }
    next.push(total);
    let bounds = next.clone();
    sources.clear();
    sources.resize(total, 0);
    for pair in pairs.chunks_exact(8) {
        let to = u32::from_le_bytes([pair[0], pair[1], pair[2], pair[3]]) as usize - first;
        let from = u32::from_le_bytes([pair[4], pair[5], pair[6], pair[7]]);
        sources[next[to]] = from;
        next[to] += 1;
    }
    for range in bounds.windows(2) {
        sources[range[0]..range[1]].sort_unstable();
    }
}

/// Every arc of the list, checked, handed to `each`; returns how many.
fn read_arcs(
    list: &Path,
    count: u64,
    progress: &dyn Progress,
    mut each: impl FnMut(u64, u64),
) -> Result<u64, GraphError> {
    let mut input = cache::open_text(list, progress)?;
    let (mut line, mut number, mut arcs) = (Vec::new(), 0u64, 0u64);
    loop {
        line.clear();
        if input
            .read_until(b'\n', &mut line)
            .map_err(|e| cache::read_failure(list, e))?
            == 0
        {
            return Ok(arcs);
        }
        number += 1;
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.is_empty() {
            continue;
        }
        let (from, to) = parse_arc(text).ok_or_else(|| GraphError::Line {
            path: list.to_path_buf(),
            line: number,
            reason: format!("`{}` is not `from<TAB>to`", String::from_utf8_lossy(text)),
        })?;
        if from >= count || to >= count {
            return Err(GraphError::Mismatch {
                path: list.to_path_buf(),
                detail: format!(
                    "line {number} names vertex {}, but the vertex list has {count}",
                    from.max(to)
                ),
            });
        }
        each(from, to);
        arcs += 1;
    }
}

/// Two decimal ids separated by a tab (the hot loop: no UTF-8 check, no allocation).
fn parse_arc(text: &[u8]) -> Option<(u64, u64)> {
    let tab = text.iter().position(|&b| b == b'\t')?;
    Some((number(&text[..tab])?, number(&text[tab + 1..])?))
}

fn number(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests;
