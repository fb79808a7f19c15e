//! Where a graph's indexes are kept, and whether one is still good. An index
//! goes beside its input (`BASENAME-vertices.index`) when that folder is
//! writable, else in the user's cache folder under a name made from the
//! input's absolute path; it records its input's size and modification time
//! and is rebuilt when either changes.

use super::GraphError;
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// An input file's size and modification time, as an index records them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub len: u64,
    pub modified_ns: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Result<Stamp, GraphError> {
        let meta = fs::metadata(path).map_err(GraphError::read(path))?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        Ok(Stamp {
            len: meta.len(),
            modified_ns,
        })
    }
}

/// Where the index named `name` of `input` goes: beside it, or in the cache folder.
pub(super) fn place(input: &Path, name: &str) -> PathBuf {
    let folder = input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if writable(folder) {
        return folder.join(name);
    }
    cache_folder(input).join(name)
}

/// The cache folder for the indexes of `input`'s graph, created if needed.
pub(super) fn cache_folder(input: &Path) -> PathBuf {
    let absolute = fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
    let key: String = absolute
        .parent()
        .unwrap_or(Path::new("/"))
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let root = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
    let folder = root.join("backlinks").join("graphs").join(key.trim_matches('_'));
    let _ = fs::create_dir_all(&folder);
    folder
}

/// Whether a file can be created in `folder` (permissions alone do not say:
/// root, read-only mounts).
pub(super) fn writable(folder: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".backlinks-probe")
        .tempfile_in(folder)
        .is_ok()
}

/// A new index file, written in full before it replaces any older one.
pub(super) fn create(path: &Path) -> Result<tempfile::NamedTempFile, GraphError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(".backlinks-index")
        .tempfile_in(folder)
        .map_err(GraphError::write(path))
}

pub(super) fn commit(file: tempfile::NamedTempFile, path: &Path) -> Result<(), GraphError> {
    // Readable by all, as the graph beside it is (a temporary file starts private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(0o644);
        file.as_file()
            .set_permissions(readable)
            .map_err(GraphError::write(path))?;
    }
    file.as_file().sync_all().map_err(GraphError::write(path))?;
    file.persist(path).map_err(|e| GraphError::WriteIndex {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Copies the whole of `from` (a scratch file) to the end of `to`.
pub(super) fn append(to: &mut impl Write, from: &mut fs::File, path: &Path) -> Result<(), GraphError> {
    from.seek(SeekFrom::Start(0)).map_err(GraphError::write(path))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, Read::by_ref(from));
    std::io::copy(&mut reader, to).map_err(GraphError::write(path))?;
    Ok(())
}

/// An input's name without `.gz` and `.txt`: `x-vertices.txt.gz` → `x-vertices`.
pub(super) fn stem(input: &Path) -> String {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

/// A little-endian `u64` at byte `at` of a mapped index.
pub(super) fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

pub(super) fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

/// A gzip or plain text input, read with a count of the bytes taken from disk.
pub(super) fn open_text<'a>(
    path: &Path,
    progress: &'a dyn super::Progress,
) -> Result<Box<dyn std::io::BufRead + 'a>, GraphError> {
    let file = fs::File::open(path).map_err(GraphError::read(path))?;
    let counted = Counted {
        inner: file,
        progress,
    };
    let gzip = path.extension().is_some_and(|e| e == "gz");
    Ok(if gzip {
        Box::new(std::io::BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 20, counted)),
        ))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 20, counted))
    })
}

struct Counted<'a, R> {
    inner: R,
    progress: &'a dyn super::Progress,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

/// A read error of a gzip stream: damage, not a missing file.
pub(super) fn read_failure(path: &Path, error: std::io::Error) -> GraphError {
    match error.kind() {
        std::io::ErrorKind::InvalidData
        | std::io::ErrorKind::InvalidInput
        | std::io::ErrorKind::UnexpectedEof => GraphError::Damaged {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
        _ => GraphError::Read {
            path: path.to_path_buf(),
            source: error,
        },
    }
}
