//! The plain edge list (`BASENAME-edges.txt.gz`, `from<TAB>to` a line). Read
//! as it is, "who links to X" would take a pass over the whole file per
//! query; so the first query turns it, in two passes, into its transpose
//! (`BASENAME-edges.index`), memory-mapped afterwards: a 64-byte header
//! (magic, vertices, arcs, the list's stamp), `vertices + 1` `u64` offsets,
//! then each vertex's sources as `u32`, sorted. Both passes write into the
//! mapped file, so the heap stays small however long the list is.

use super::cache::{self, u64_at, Stamp};
use super::{GraphError, Progress, VertexId};
use memmap2::{Mmap, MmapMut};
use std::fs::File;
use std::io::BufRead;
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

/// Pass 1 counts each vertex's arcs into the offsets; pass 2 places each
/// source at its target's next free slot; each slot range is then sorted.
fn build(
    list: &Path,
    index: &Path,
    stamp: Stamp,
    count: u64,
    progress: &dyn Progress,
) -> Result<(), GraphError> {
    let n = count as usize;
    let mut in_degree_map = scratch_counts(index, n)?;
    let arcs = {
        let counts = words(&mut in_degree_map);
        read_arcs(list, count, progress, |_, to| counts[to as usize] += 1)?
    };
    let out = cache::create(index)?;
    let sources_at = HEADER + (n + 1) * 8;
    out.as_file()
        .set_len((sources_at + arcs as usize * 4) as u64)
        .map_err(GraphError::write(index))?;
    // SAFETY: a temporary file of our own, mapped while no one else has it.
    let mut map = unsafe { MmapMut::map_mut(out.as_file()) }.map_err(GraphError::write(index))?;
    let (head, rest) = map.split_at_mut(sources_at);
    let offsets = words(&mut head[HEADER..]);
    let sources = quarter_words(rest);
    // Each vertex's first slot, then (while placing) its next free one.
    let counts = words(&mut in_degree_map);
    let mut total = 0;
    for (vertex, slot) in counts.iter_mut().enumerate() {
        offsets[vertex] = total;
        total += *slot;
        *slot = offsets[vertex];
    }
    offsets[n] = total;
    let placed = read_arcs(list, count, progress, |from, to| {
        let slot = &mut counts[to as usize];
        sources[*slot as usize] = from as u32;
        *slot += 1;
    })?;
    if placed != arcs {
        return Err(GraphError::Damaged {
            path: list.to_path_buf(),
            detail: "it changed while it was read".into(),
        });
    }
    for vertex in 0..n {
        sources[offsets[vertex] as usize..offsets[vertex + 1] as usize].sort_unstable();
    }
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    for word in [count, arcs, stamp.len, stamp.modified_ns] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    header.resize(HEADER, 0);
    head[..HEADER].copy_from_slice(&header);
    map.flush().map_err(GraphError::write(index))?;
    drop(map);
    cache::commit(out, index)
}

/// A zeroed scratch file of `n` `u64` counters, mapped: the counts of pass 1,
/// then the placing cursors of pass 2, off the heap.
fn scratch_counts(index: &Path, n: usize) -> Result<MmapMut, GraphError> {
    let file =
        tempfile::tempfile_in(index.parent().unwrap_or(Path::new("."))).map_err(GraphError::write(index))?;
    file.set_len((n.max(1) * 8) as u64)
        .map_err(GraphError::write(index))?;
    // SAFETY: an unnamed temporary file nobody else can open.
    unsafe { MmapMut::map_mut(&file) }.map_err(GraphError::write(index))
}

/// Mapped bytes as `u64`s (the maps are page-aligned and the offsets 8-aligned).
fn words(bytes: &mut [u8]) -> &mut [u64] {
    // SAFETY: any bit pattern is a u64; align_to_mut keeps what is unaligned out.
    let (before, words, _) = unsafe { bytes.align_to_mut::<u64>() };
    assert!(before.is_empty(), "a mapped index is 8-byte aligned");
    words
}

fn quarter_words(bytes: &mut [u8]) -> &mut [u32] {
    // SAFETY: any bit pattern is a u32; align_to_mut keeps what is unaligned out.
    let (before, words, _) = unsafe { bytes.align_to_mut::<u32>() };
    assert!(before.is_empty(), "a mapped index is 4-byte aligned");
    words
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
