//! The ranks file (`BASENAME-ranks.txt.gz`): harmonic centrality and
//! PageRank per domain, one line each, sorted by rank and keyed by name:
//!
//! ```text
//! #harmonicc_pos #harmonicc_val #pr_pos #pr_val #host_rev #n_hosts   (tab separated)
//! 1 3.4626736E7 3 0.005384977821460953 com.facebook 3668
//! ```
//!
//! A lookup by id needs it the other way round, so it is turned once into an
//! array indexed by vertex id and memory-mapped: a 64-byte header (magic,
//! count, the file's stamp), then per vertex `u32` harmonic position, `u32`
//! PageRank position, `f64` harmonic value, `f64` PageRank value (position 0:
//! not ranked).

use super::cache::{self, u32_at, u64_at, Stamp};
use super::vertices::Vertices;
use super::{GraphError, Progress, VertexId};
use crate::model::Authority;
use memmap2::{Mmap, MmapMut};
use std::fs::File;
use std::io::BufRead;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"BLRANK01";
const HEADER: usize = 64;
const RECORD: usize = 24;

/// The columns read, by their header names; the name column is `#host_rev`
/// in Common Crawl's files (domain graphs included), `#domain_rev` in some.
const HARMONIC_POS: &str = "#harmonicc_pos";
const HARMONIC_VAL: &str = "#harmonicc_val";
const PAGERANK_POS: &str = "#pr_pos";
const PAGERANK_VAL: &str = "#pr_val";
const NAMES: [&str; 2] = ["#host_rev", "#domain_rev"];

/// `BASENAME-ranks.txt.gz` or `BASENAME-ranks.txt`, if there is one.
pub(super) fn list_path(basename: &Path) -> Option<PathBuf> {
    let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", basename.display()));
    [with("-ranks.txt.gz"), with("-ranks.txt")]
        .into_iter()
        .find(|p| p.is_file())
}

pub(super) struct Ranks {
    map: Mmap,
}

impl Ranks {
    pub fn open(list: &Path, vertices: &Vertices, progress: &dyn Progress) -> Result<Ranks, GraphError> {
        let index = cache::place(list, &format!("{}.index", cache::stem(list)));
        let stamp = Stamp::of(list)?;
        if let Some(ranks) = Ranks::map(&index, stamp, vertices.len()) {
            return Ok(ranks);
        }
        progress.begin(
            &format!(
                "building the ranks index of `{}` once (kept as `{}`)",
                list.display(),
                index.display()
            ),
            stamp.len,
        );
        let built = build(list, &index, stamp, vertices, progress);
        progress.end();
        built?;
        Ranks::map(&index, stamp, vertices.len()).ok_or_else(|| GraphError::Damaged {
            path: index.clone(),
            detail: "the index just built does not read back".into(),
        })
    }

    fn map(path: &Path, stamp: Stamp, count: u64) -> Option<Ranks> {
        let file = File::open(path).ok()?;
        // SAFETY: the index is ours and replaced only by rename, never written in place.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        let whole = map.len() == HEADER + count as usize * RECORD && &map[..8] == MAGIC;
        let fresh = whole
            && u64_at(&map, 8) == count
            && u64_at(&map, 16) == stamp.len
            && u64_at(&map, 24) == stamp.modified_ns;
        fresh.then_some(Ranks { map })
    }

    pub fn get(&self, id: VertexId) -> Option<Authority> {
        let at = HEADER + id as usize * RECORD;
        let harmonic_rank = u32_at(&self.map, at);
        if harmonic_rank == 0 {
            return None;
        }
        Some(Authority {
            harmonic_rank: u64::from(harmonic_rank),
            harmonic_value: f64::from_bits(u64_at(&self.map, at + 8)),
            pagerank_rank: u64::from(u32_at(&self.map, at + 4)),
            pagerank_value: f64::from_bits(u64_at(&self.map, at + 16)),
        })
    }
}

/// Where each wanted column is in a line.
struct Columns {
    harmonic_pos: usize,
    harmonic_val: usize,
    pagerank_pos: usize,
    pagerank_val: usize,
    name: usize,
}

impl Columns {
    fn from_header(header: &str) -> Result<Columns, String> {
        let names: Vec<&str> = header.split('\t').map(str::trim).collect();
        let find = |wanted: &str| names.iter().position(|n| *n == wanted);
        let missing = || {
            format!(
                "expected the header `{HARMONIC_POS}<TAB>{HARMONIC_VAL}<TAB>{PAGERANK_POS}<TAB>{PAGERANK_VAL}<TAB>#host_rev`, as Common Crawl writes it"
            )
        };
        Ok(Columns {
            harmonic_pos: find(HARMONIC_POS).ok_or_else(missing)?,
            harmonic_val: find(HARMONIC_VAL).ok_or_else(missing)?,
            pagerank_pos: find(PAGERANK_POS).ok_or_else(missing)?,
            pagerank_val: find(PAGERANK_VAL).ok_or_else(missing)?,
            name: NAMES.iter().find_map(|n| find(n)).ok_or_else(missing)?,
        })
    }
}

/// One line's values: (harmonic position, harmonic value, PageRank position, PageRank value, name).
fn parse_line<'a>(columns: &Columns, line: &'a str) -> Result<(u32, f64, u32, f64, &'a str), String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let field = |at: usize| {
        fields
            .get(at)
            .map(|f| f.trim())
            .ok_or_else(|| format!("{} fields where {} were expected", fields.len(), at + 1))
    };
    let position = |at: usize| -> Result<u32, String> {
        let text = field(at)?;
        let n: u64 = text
            .parse()
            .map_err(|_| format!("`{text}` is not a rank position"))?;
        u32::try_from(n)
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("rank position {n} is out of range (1 to {})", u32::MAX))
    };
    let value = |at: usize| -> Result<f64, String> {
        let text = field(at)?;
        text.parse().map_err(|_| format!("`{text}` is not a number"))
    };
    Ok((
        position(columns.harmonic_pos)?,
        value(columns.harmonic_val)?,
        position(columns.pagerank_pos)?,
        value(columns.pagerank_val)?,
        field(columns.name)?,
    ))
}

fn build(
    list: &Path,
    index: &Path,
    stamp: Stamp,
    vertices: &Vertices,
    progress: &dyn Progress,
) -> Result<(), GraphError> {
    let mut input = cache::open_text(list, progress)?;
    let out = cache::create(index)?;
    let count = vertices.len();
    out.as_file()
        .set_len((HEADER + count as usize * RECORD) as u64)
        .map_err(GraphError::write(index))?;
    // SAFETY: a temporary file of our own, mapped while no one else has it.
    let mut map = unsafe { MmapMut::map_mut(out.as_file()) }.map_err(GraphError::write(index))?;
    let (mut line, mut number, mut columns) = (String::new(), 0u64, None);
    loop {
        line.clear();
        if input
            .read_line(&mut line)
            .map_err(|e| cache::read_failure(list, e))?
            == 0
        {
            break;
        }
        number += 1;
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| GraphError::Line {
            path: list.to_path_buf(),
            line: number,
            reason,
        };
        let Some(columns) = &columns else {
            columns = Some(Columns::from_header(text).map_err(bad)?);
            continue;
        };
        let (hc_pos, hc_val, pr_pos, pr_val, name) = parse_line(columns, text).map_err(bad)?;
        let id = vertices
            .find(name.as_bytes())
            .ok_or_else(|| GraphError::Mismatch {
                path: list.to_path_buf(),
                detail: format!("line {number} ranks `{name}`, which the vertex list lacks"),
            })?;
        let at = HEADER + id as usize * RECORD;
        map[at..at + 4].copy_from_slice(&hc_pos.to_le_bytes());
        map[at + 4..at + 8].copy_from_slice(&pr_pos.to_le_bytes());
        map[at + 8..at + 16].copy_from_slice(&hc_val.to_bits().to_le_bytes());
        map[at + 16..at + 24].copy_from_slice(&pr_val.to_bits().to_le_bytes());
    }
    if columns.is_none() {
        return Err(GraphError::Line {
            path: list.to_path_buf(),
            line: 1,
            reason: "the file is empty: expected a header and a line per domain".into(),
        });
    }
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    for word in [count, stamp.len, stamp.modified_ns] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    header.resize(HEADER, 0);
    map[..HEADER].copy_from_slice(&header);
    map.flush().map_err(GraphError::write(index))?;
    drop(map);
    cache::commit(out, index)
}
