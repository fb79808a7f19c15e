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
    /// `None` when the destination is written in place (a device, a pipe).
    temp: Option<NamedTempFile>,
    /// Shared with every handle `writer` gives out, so `commit` can flush what
    /// they buffered even if their owner forgot to.
    shared: Arc<Mutex<Shared>>,
}

/// What the handles write to, and the first error they met.
struct Shared {
    out: BufWriter<File>,
    failed: Option<io::Error>,
}

/// How many symbolic links a destination may go through, as Linux allows.
const MAX_LINKS: usize = 40;

impl AtomicFile {
    /// Creates the temporary file beside the destination (a rename across file
    /// systems would not be atomic). A symbolic link is followed, so the file
    /// it points to is replaced and the link kept. A destination that exists
    /// and is not a regular file (a device such as `/dev/full`, a pipe) is
    /// written in place, as it cannot be replaced. Fails when the folder is
    /// missing, not a folder or unwritable, or the destination is a folder.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        if let Ok(existing) = fs::metadata(path) {
            if existing.is_dir() {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a directory, not a file",
                ));
            }
            if !existing.is_file() {
                let file = fs::OpenOptions::new().write(true).open(path)?;
                return Ok(AtomicFile::new(path, None, file));
            }
        }
        let target = follow_links(path)?;
        let dir = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        check_folder(dir)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".backlinks-").suffix(".tmp");
        #[cfg(unix)]
        builder.permissions(ordinary_permissions(&target));
        let temp = builder.tempfile_in(dir)?;
        let file = temp.as_file().try_clone()?;
        Ok(AtomicFile::new(&target, Some(temp), file))
    }

    fn new(path: &Path, temp: Option<NamedTempFile>, file: File) -> AtomicFile {
        AtomicFile {
            path: path.to_path_buf(),
            temp,
            shared: Arc::new(Mutex::new(Shared {
                out: BufWriter::new(file),
                failed: None,
            })),
        }
    }

    /// The destination.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A handle the writer writes to (buffered); the data reach the destination
    /// only on `commit`. Every handle writes to the same buffer. A write error
    /// is kept for `commit` to return, and the handle then takes every write
    /// without writing it: one full disk must not stop the writers of the
    /// other reports of a run.
    pub fn writer(&mut self) -> io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(SharedWriter(Arc::clone(&self.shared))))
    }

    /// Flushes, syncs to disk and renames into place; or returns the first
    /// error a handle met, leaving the destination as it was.
    pub fn commit(self) -> io::Result<()> {
        {
            let mut shared = lock(&self.shared);
            if let Some(error) = shared.failed.take() {
                return Err(error);
            }
            shared.out.flush()?;
            if self.temp.is_some() {
                shared.out.get_ref().sync_all()?;
            }
        }
        if let Some(temp) = self.temp {
            temp.persist(&self.path).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

/// The file a chain of symbolic links ends at (existing or not), so the
/// rename replaces it rather than the link.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if !current.is_symlink() {
            return Ok(current);
        }
        let target = fs::read_link(&current)?;
        let base = current.parent().unwrap_or(Path::new(""));
        current = base.join(target);
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links to follow"
    )))
}

/// A missing folder is not created: a typo in `-o` should not make folders.
fn check_folder(dir: &Path) -> io::Result<()> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("`{}` is not a folder", dir.display()),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("folder `{}` does not exist (create it first)", dir.display()),
        )),
        Err(e) => Err(e),
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
fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct SharedWriter(Arc<Mutex<Shared>>);

impl SharedWriter {
    /// Runs `op` unless an earlier one failed; keeps its error for `commit`.
    fn guarded(&self, op: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>) {
        let mut shared = lock(&self.0);
        if shared.failed.is_none() {
            if let Err(error) = op(&mut shared.out) {
                shared.failed = Some(error);
            }
        }
    }
}

impl Write for SharedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.guarded(|out| out.write_all(buf));
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.guarded(|out| out.write_all(buf));
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.guarded(|out| out.flush());
        Ok(())
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
    fn a_missing_folder_is_named_and_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("report.json");
        let err = AtomicFile::create(&path).err().unwrap();
        assert!(err.to_string().contains("no-such-dir` does not exist"), "{err}");
        assert!(!dir.path().join("no-such-dir").exists());
    }

    #[test]
    fn a_file_as_folder_fails_at_create() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "").unwrap();
        let path = dir.path().join("notes.txt").join("report.json");
        let err = AtomicFile::create(&path).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::NotADirectory);
        assert!(err.to_string().contains("notes.txt` is not a folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/report.json");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real/report.json", &link).unwrap();
        let mut file = AtomicFile::create(&link).unwrap();
        assert_eq!(file.path(), dir.path().join("real/report.json"));
        write_report(&mut file, "new");
        file.commit().unwrap();
        assert!(link.is_symlink(), "the link is kept");
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(entries(&dir.path().join("real")), ["report.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_creates_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("later.json", &link).unwrap();
        let mut file = AtomicFile::create(&link).unwrap();
        write_report(&mut file, "{}");
        file.commit().unwrap();
        assert!(link.is_symlink());
        assert_eq!(fs::read_to_string(dir.path().join("later.json")).unwrap(), "{}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_written_in_place_and_its_error_kept_for_commit() {
        let mut file = AtomicFile::create(Path::new("/dev/full")).unwrap();
        let mut out = file.writer().unwrap();
        // Writes past the buffer reach the device and fail; the handle goes on.
        out.write_all(&[b'x'; 20_000]).unwrap();
        out.write_all(b"more").unwrap();
        out.flush().unwrap();
        let err = file.commit().unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOSPC), "{err}");
        assert!(Path::new("/dev/full").exists(), "the device is not replaced");
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
