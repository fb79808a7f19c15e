//! Report files are written to a temporary file beside the destination and renamed
//! into place on success, so a reader never sees half a report.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tempfile::NamedTempFile;

/// A report file in the making. Created before the audit starts, so an
/// unwritable destination is a usage error before anything is fetched.
///
/// Dropped without `commit` (an error, a panic), it removes its temporary file
/// and leaves the destination as it was.
pub struct AtomicFile {
    path: PathBuf,
    temp: NamedTempFile,
    /// Shared with every handle `writer` gives out, so `commit` can flush what
    /// they buffered even if their owner forgot to.
    buffer: Arc<Mutex<BufWriter<File>>>,
}

impl AtomicFile {
    /// Creates the temporary file in the destination's directory (a rename
    /// across file systems would not be atomic). Fails when the directory is
    /// missing or unwritable, or the destination is a directory.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        if path.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory, not a file",
            ));
        }
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".backlinks-").suffix(".tmp");
        #[cfg(unix)]
        builder.permissions(ordinary_permissions(path));
        let temp = builder.tempfile_in(dir)?;
        let file = temp.as_file().try_clone()?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp,
            buffer: Arc::new(Mutex::new(BufWriter::new(file))),
        })
    }

    /// The destination.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A handle the writer writes to (buffered); the data reach the destination
    /// only on `commit`. Every handle writes to the same buffer.
    pub fn writer(&mut self) -> io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(SharedWriter(Arc::clone(&self.buffer))))
    }

    /// Flushes, syncs to disk and renames into place.
    pub fn commit(self) -> io::Result<()> {
        {
            let mut buffer = lock(&self.buffer);
            buffer.flush()?;
            buffer.get_ref().sync_all()?;
        }
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// tempfile creates 0600 files; a report gets the permissions of the file it
/// replaces, or those of any new file (0666), less the umask `open` applies.
#[cfg(unix)]
fn ordinary_permissions(path: &Path) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    match fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => fs::Permissions::from_mode(0o666),
    }
}

/// A poisoned lock only means another handle panicked mid-write; the bytes
/// are still ours to flush or drop.
fn lock(buffer: &Mutex<BufWriter<File>>) -> MutexGuard<'_, BufWriter<File>> {
    buffer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct SharedWriter(Arc<Mutex<BufWriter<File>>>);

impl Write for SharedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        lock(&self.0).write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        lock(&self.0).write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        lock(&self.0).flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_report(file: &mut AtomicFile, text: &str) {
        let mut out = file.writer().unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_destination_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        let mut file = AtomicFile::create(&path).unwrap();
        write_report(&mut file, "{}\n");
        assert!(!path.exists());
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}\n");
        assert_eq!(entries(dir.path()), ["report.json"], "no temporary file left");
    }

    #[test]
    fn commit_flushes_what_a_handle_still_buffers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        let mut file = AtomicFile::create(&path).unwrap();
        let mut out = file.writer().unwrap();
        out.write_all(b"a,b\n").unwrap();
        file.commit().unwrap();
        drop(out);
        assert_eq!(fs::read_to_string(&path).unwrap(), "a,b\n");
    }

    #[test]
    fn commit_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        fs::write(&path, "old and longer").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        write_report(&mut file, "new");
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn dropping_without_commit_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        write_report(&mut file, "half a rep");
        drop(file);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[test]
    fn a_missing_directory_fails_at_create() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("report.json");
        let err = AtomicFile::create(&path).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_directory_as_destination_fails_at_create() {
        let dir = tempfile::tempdir().unwrap();
        let err = AtomicFile::create(dir.path()).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_report_gets_ordinary_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ordinary = dir.path().join("ordinary");
        File::create(&ordinary).unwrap();
        let path = dir.path().join("report.json");
        AtomicFile::create(&path).unwrap().commit().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&path), mode(&ordinary));
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_report_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let ordinary = dir.path().join("ordinary");
        File::create(&ordinary).unwrap();
        let umask = 0o666 & !mode(&ordinary);
        let path = dir.path().join("report.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        AtomicFile::create(&path).unwrap().commit().unwrap();
        assert_eq!(mode(&path), 0o640 & !umask);
    }
}
