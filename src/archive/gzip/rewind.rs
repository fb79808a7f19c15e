//! The raw archive bytes, with the bytes of the current gzip member kept so a
//! reader can step back into them: a member that fails may have swallowed the
//! start of the next one, and the resynchronisation must scan those bytes too.

use std::io::{self, BufRead, Read};

/// Bytes of a member kept for a rewind. Common Crawl's members are a record
/// each (tens of KiB); past this, a failing member is scanned on from where
/// the failure was met, not from its start.
const KEEP_CAP: usize = 4 << 20;

pub(super) struct Rewind<R> {
    inner: R,
    /// Bytes from offset `kept_start` on: consumed ones (for a rewind), then
    /// replayed ones not yet consumed again.
    kept: Vec<u8>,
    kept_start: u64,
    /// Index in `kept` of the next byte to hand out; at `kept.len()` the next
    /// byte comes from `inner`.
    cursor: usize,
    keeping: bool,
    /// Offset of the next byte handed out.
    offset: u64,
    /// Bytes taken from `inner`: how far the source has been read.
    read: u64,
    /// `inner` reported its end at least once.
    pub(super) saw_end: bool,
    /// `inner` failed: the error is the source's, not the data's.
    pub(super) failed: bool,
}

impl<R: BufRead> Rewind<R> {
    pub(super) fn new(inner: R) -> Rewind<R> {
        Rewind {
            inner,
            kept: Vec::new(),
            kept_start: 0,
            cursor: 0,
            keeping: false,
            offset: 0,
            read: 0,
            saw_end: false,
            failed: false,
        }
    }

    /// Offset of the next byte in the raw input.
    pub(super) fn offset(&self) -> u64 {
        self.offset
    }

    /// Bytes read from the source so far.
    pub(super) fn read(&self) -> u64 {
        self.read
    }

    /// Keeps the bytes from here on, so [`Rewind::rewind`] can come back to
    /// any of them; forgets those before.
    pub(super) fn mark(&mut self) {
        self.kept.drain(..self.cursor);
        self.kept_start = self.offset;
        self.cursor = 0;
        self.keeping = true;
    }

    /// Hands out the bytes from `offset` again, if they were kept; otherwise
    /// reading goes on from where it is.
    pub(super) fn rewind(&mut self, offset: u64) {
        let end = self.kept_start + self.cursor as u64;
        if offset >= self.kept_start && offset <= end && self.keeping {
            self.cursor = (offset - self.kept_start) as usize;
            self.offset = offset;
        }
    }

    /// Consumes bytes up to the next `0x1f` that may open a gzip member
    /// (`1f 8b 08` when the bytes are at hand); false at the end of input.
    pub(super) fn skip_to_magic(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let mut skip = buf.len();
            let mut found = false;
            for (at, _) in buf.iter().enumerate().filter(|(_, &b)| b == 0x1f) {
                let rest = &buf[at..];
                // A magic cut by the buffer's end is tried as a member: the
                // decoder reads on and refuses it if it is not one.
                if rest.len() < 3 || rest.starts_with(&[0x1f, 0x8b, 0x08]) {
                    skip = at;
                    found = true;
                    break;
                }
            }
            self.consume(skip);
            if found {
                return Ok(true);
            }
        }
    }
}

impl<R: BufRead> Read for Rewind<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Rewind<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.cursor < self.kept.len() {
            return Ok(&self.kept[self.cursor..]);
        }
        match self.inner.fill_buf() {
            Ok(buf) => {
                self.saw_end |= buf.is_empty();
                Ok(buf)
            }
            Err(error) => {
                self.failed = error.kind() != io::ErrorKind::Interrupted;
                Err(error)
            }
        }
    }

    fn consume(&mut self, n: usize) {
        self.offset += n as u64;
        if self.cursor < self.kept.len() {
            self.cursor += n;
            return;
        }
        if self.keeping {
            // fill_buf again hands back the same bytes, without reading.
            if let Ok(buf) = self.inner.fill_buf() {
                self.kept.extend_from_slice(&buf[..n.min(buf.len())]);
                self.cursor = self.kept.len();
            }
            if self.kept.len() > KEEP_CAP {
                self.kept.clear();
                self.kept_start = self.offset;
                self.cursor = 0;
                self.keeping = false;
            }
        }
        self.read += n as u64;
        self.inner.consume(n);
    }
}
