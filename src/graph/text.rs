//! The plain edge list (`BASENAME-edges.txt.gz`, `from<TAB>to` a line): read
//! from start to end for each query, every target at once. Nothing is kept
//! but the answers, so memory stays flat; time grows with the file, which
//! suits small graphs (a BVGraph answers from its transpose without a scan).

use super::{cache, GraphError, Progress, VertexId};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// `BASENAME-edges.txt.gz` or `BASENAME-edges.txt`, if there is one.
pub(super) fn list_path(basename: &Path) -> Option<PathBuf> {
    let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", basename.display()));
    [with("-edges.txt.gz"), with("-edges.txt")]
        .into_iter()
        .find(|p| p.is_file())
}

/// For each of `targets`, the sources of its arcs, sorted, each once.
pub(super) fn predecessors(
    list: &Path,
    targets: &[VertexId],
    count: u64,
    progress: &dyn Progress,
) -> Result<Vec<Vec<VertexId>>, GraphError> {
    let size = std::fs::metadata(list).map_err(GraphError::read(list))?.len();
    progress.begin(&format!("reading the edge list `{}`", list.display()), size);
    let found = scan(list, targets, count, progress);
    progress.end();
    let mut found = found?;
    for sources in &mut found {
        sources.sort_unstable();
        sources.dedup();
    }
    Ok(found)
}

fn scan(
    list: &Path,
    targets: &[VertexId],
    count: u64,
    progress: &dyn Progress,
) -> Result<Vec<Vec<VertexId>>, GraphError> {
    let mut input = cache::open_text(list, progress)?;
    let mut found = vec![Vec::new(); targets.len()];
    let (mut line, mut number) = (Vec::new(), 0u64);
    loop {
        line.clear();
        if input
            .read_until(b'\n', &mut line)
            .map_err(|e| cache::read_failure(list, e))?
            == 0
        {
            return Ok(found);
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
        for (at, _) in targets.iter().enumerate().filter(|(_, &t)| t == to) {
            found[at].push(from);
        }
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
