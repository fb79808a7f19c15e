//! The vertex table: every vertex's name and host count by id, built once
//! from the vertex list and memory-mapped. The list is sorted by name (Common
//! Crawl's are, byte order), so the same table answers name → id by binary
//! search: one index serves both directions.
//!
//! Layout (little-endian): a 64-byte header (magic, count, names' length,
//! the list's stamp), the names back to back (padded to 8 bytes), `count + 1`
//! `u64` offsets into them, then `count` `u32` host counts (`u32::MAX`: none).

use super::cache::{self, u32_at, u64_at, Stamp};
use super::{GraphError, Progress, VertexId};
use memmap2::Mmap;
use std::fs::File;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"BLVERT01";
const HEADER: usize = 64;
const NO_HOSTS: u32 = u32::MAX;

/// `BASENAME-vertices.txt.gz`, or the plain `BASENAME-vertices.txt`.
pub(super) fn list_path(basename: &Path) -> Result<PathBuf, GraphError> {
    let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", basename.display()));
    [with("-vertices.txt.gz"), with("-vertices.txt")]
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| GraphError::NoVertices {
            basename: basename.display().to_string(),
        })
}

pub(super) struct Vertices {
    map: Mmap,
    count: u64,
    offsets_at: usize,
    hosts_at: usize,
}

impl Vertices {
    /// The table of `list`, built first if it is missing or stale.
    pub fn open(list: &Path, progress: &dyn Progress) -> Result<Vertices, GraphError> {
        let file_name = format!("{}.index", cache::stem(list));
        let index = cache::place(list, &file_name);
        let stamp = Stamp::of(list)?;
        if let Some(vertices) = Vertices::map(&index, stamp) {
            return Ok(vertices);
        }
        progress.begin(
            &format!(
                "building the vertex index of `{}` once (kept as `{}`)",
                list.display(),
                index.display()
            ),
            stamp.len,
        );
        let built = build(list, &index, stamp, progress);
        progress.end();
        built?;
        Vertices::map(&index, stamp).ok_or_else(|| GraphError::Damaged {
            path: index.clone(),
            detail: "the index just built does not read back".into(),
        })
    }

    /// The index at `path`, if it is whole and made from the list as it is now.
    fn map(path: &Path, stamp: Stamp) -> Option<Vertices> {
        let file = File::open(path).ok()?;
        // SAFETY: the index is ours and replaced only by rename, never written in place.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        if map.len() < HEADER || &map[..8] != MAGIC {
            return None;
        }
        let count = u64_at(&map, 8);
        let names_len = u64_at(&map, 16);
        let recorded = Stamp {
            len: u64_at(&map, 24),
            modified_ns: u64_at(&map, 32),
        };
        let offsets_at = HEADER + padded(names_len) as usize;
        let hosts_at = offsets_at + (count as usize + 1) * 8;
        let expected = hosts_at + count as usize * 4;
        (recorded == stamp && map.len() == expected).then_some(Vertices {
            map,
            count,
            offsets_at,
            hosts_at,
        })
    }

    pub fn len(&self) -> u64 {
        self.count
    }

    pub fn name(&self, id: VertexId) -> &[u8] {
        let at = self.offsets_at + id as usize * 8;
        let start = u64_at(&self.map, at) as usize;
        let end = u64_at(&self.map, at + 8) as usize;
        &self.map[HEADER + start..HEADER + end]
    }

    pub fn hosts(&self, id: VertexId) -> Option<u64> {
        let hosts = u32_at(&self.map, self.hosts_at + id as usize * 4);
        (hosts != NO_HOSTS).then_some(u64::from(hosts))
    }

    /// Binary search: the names are in byte order, as the list was checked to be.
    pub fn find(&self, name: &[u8]) -> Option<VertexId> {
        let (mut low, mut high) = (0, self.count);
        while low < high {
            let middle = low + (high - low) / 2;
            match self.name(middle).cmp(name) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }
}

fn padded(len: u64) -> u64 {
    len.div_ceil(8) * 8
}

/// Reads the list once: names into the table, offsets and host counts into
/// scratch files appended after them, so memory stays flat however long it is.
fn build(list: &Path, index: &Path, stamp: Stamp, progress: &dyn Progress) -> Result<(), GraphError> {
    let mut input = cache::open_text(list, progress)?;
    let out = cache::create(index)?;
    let scratch = |index: &Path| {
        tempfile::tempfile_in(index.parent().unwrap_or(Path::new("."))).map_err(GraphError::write(index))
    };
    let (mut offsets_file, mut hosts_file) = (scratch(index)?, scratch(index)?);
    let mut names = BufWriter::with_capacity(1 << 20, out.as_file());
    let mut offsets = BufWriter::with_capacity(1 << 20, &offsets_file);
    let mut hosts = BufWriter::with_capacity(1 << 20, &hosts_file);
    names.write_all(&[0; HEADER]).map_err(GraphError::write(index))?;
    let (mut count, mut written, mut previous) = (0u64, 0u64, Vec::new());
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|e| cache::read_failure(list, e))?;
        if read == 0 {
            break;
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.is_empty() {
            continue;
        }
        let bad = |reason: String| GraphError::Line {
            path: list.to_path_buf(),
            line: count + 1,
            reason,
        };
        let (name, host_count) = parse_line(text, count).map_err(bad)?;
        if count > 0 && name <= previous.as_slice() {
            return Err(bad(format!(
                "`{}` comes after `{}`: the vertex list must be sorted by name in byte order, as Common Crawl's are",
                String::from_utf8_lossy(name),
                String::from_utf8_lossy(&previous)
            )));
        }
        offsets
            .write_all(&written.to_le_bytes())
            .map_err(GraphError::write(index))?;
        hosts
            .write_all(&host_count.to_le_bytes())
            .map_err(GraphError::write(index))?;
        names.write_all(name).map_err(GraphError::write(index))?;
        written += name.len() as u64;
        previous.clear();
        previous.extend_from_slice(name);
        count += 1;
    }
    offsets
        .write_all(&written.to_le_bytes())
        .map_err(GraphError::write(index))?;
    offsets.flush().map_err(GraphError::write(index))?;
    hosts.flush().map_err(GraphError::write(index))?;
    drop((offsets, hosts));
    let padding = (padded(written) - written) as usize;
    names
        .write_all(&vec![0; padding])
        .map_err(GraphError::write(index))?;
    cache::append(&mut names, &mut offsets_file, index)?;
    cache::append(&mut names, &mut hosts_file, index)?;
    names.flush().map_err(GraphError::write(index))?;
    drop(names);
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    for word in [count, written, stamp.len, stamp.modified_ns] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    header.resize(HEADER, 0);
    use std::io::{Seek, SeekFrom};
    let mut file = out.as_file();
    file.seek(SeekFrom::Start(0)).map_err(GraphError::write(index))?;
    file.write_all(&header).map_err(GraphError::write(index))?;
    cache::commit(out, index)
}

/// `id<TAB>name[<TAB>hosts]`: the id must be the line's number from 0.
fn parse_line(text: &[u8], expected: u64) -> Result<(&[u8], u32), String> {
    let mut fields = text.split(|&b| b == b'\t');
    let id = fields.next().unwrap_or_default();
    let name = fields
        .next()
        .ok_or("expected `id<TAB>reversed domain<TAB>hosts`")?;
    let id: u64 = std::str::from_utf8(id)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| format!("`{}` is not a vertex id", String::from_utf8_lossy(id)))?;
    if id != expected {
        return Err(format!(
            "id {id} where {expected} was expected: ids must count up from 0, one a line"
        ));
    }
    if name.is_empty() {
        return Err("the vertex has no name".into());
    }
    let hosts = match fields.next() {
        Some(field) => std::str::from_utf8(field)
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map(|n| n.min(u64::from(NO_HOSTS - 1)) as u32)
            .ok_or_else(|| format!("`{}` is not a host count", String::from_utf8_lossy(field)))?,
        None => NO_HOSTS,
    };
    Ok((name, hosts))
}
