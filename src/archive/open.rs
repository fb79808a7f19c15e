//! An archive's raw bytes as a blocking reader, streamed, never loaded whole:
//! a local file, standard input, or an `http(s)://` URL whose dropped
//! connections resume with a Range request ([`remote`]).
//!
//! The bytes are the file's bytes (no transparent decompression anywhere), so
//! an offset counted by the archive reader is an offset in the file, which a
//! user's Range request can fetch again.
//!
//! Everything here blocks: call it from the archive reader's own thread
//! (`std::thread` or `tokio::task::spawn_blocking`), never from async code.

mod identity;
mod remote;

use super::manifest::{not_a_file, Location};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::time::Duration;

/// How remote archives are read; `discover`'s `--timeout`, `--retries`,
/// `--backoff` and `--user-agent`.
#[derive(Debug, Clone)]
pub struct RemoteOptions {
    /// The longest wait for a connection, for an answer's headers, and for
    /// the next byte of a body; also the cap of the backoff.
    pub timeout: Duration,
    /// Attempts after a failure, in a row: a reconnection that delivers new
    /// bytes starts the count again, so a long download survives many drops.
    pub retries: u32,
    /// The first wait before a retry, doubled each time, capped at `timeout`.
    pub backoff: Duration,
    pub user_agent: String,
}

/// Reads of a local file or a pipe: large enough that a system call brings a
/// good part of a gzip member, small enough to stay out of the memory budget.
const BUFFER_BYTES: usize = 256 * 1024;

/// Opens `location` for reading from its first byte. A URL is requested here
/// (retried like a dropped connection), so a 404 or an unreachable host is
/// this call's error; a failure past the retries later mid-body is an error of
/// a read, which says how far it got.
pub fn open(location: &Location, options: &RemoteOptions) -> io::Result<Box<dyn BufRead + Send>> {
    open_sized(location, options).map(|(reader, _)| reader)
}

/// [`open`], with the archive's length in bytes when known (a regular file,
/// or a URL whose answer gave it): the total of a progress bar in bytes.
pub fn open_sized(
    location: &Location,
    options: &RemoteOptions,
) -> io::Result<(Box<dyn BufRead + Send>, Option<u64>)> {
    match location {
        Location::Path(path) => open_file(path),
        Location::Stdin => Ok((
            Box::new(BufReader::with_capacity(BUFFER_BYTES, io::stdin())),
            None,
        )),
        Location::Url(url) => {
            let reader = remote::RemoteReader::open(url.clone(), options)?;
            let length = reader.length();
            Ok((Box::new(reader), length))
        }
    }
}

/// A regular file or a pipe (`<(curl ...)`); a folder or a device is refused
/// by name before anything is read.
fn open_file(path: &Path) -> io::Result<(Box<dyn BufRead + Send>, Option<u64>)> {
    let named = |error: io::Error| {
        io::Error::new(
            error.kind(),
            format!("cannot open archive `{}`: {error}", path.display()),
        )
    };
    let metadata = std::fs::metadata(path).map_err(named)?;
    if let Some(kind) = not_a_file(&metadata) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "archive `{}` is a {kind}, not a file: give a WARC or WAT file, or `-` to read standard input",
                path.display()
            ),
        ));
    }
    let file = File::open(path).map_err(named)?;
    // A pipe's length says nothing about what it will bring.
    let length = metadata.is_file().then_some(metadata.len());
    Ok((Box::new(BufReader::with_capacity(BUFFER_BYTES, file)), length))
}

#[cfg(test)]
mod tests;
