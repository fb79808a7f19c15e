//! An archive's content: its bytes as they are, or its gzip members inflated
//! one after another, each with its offset in the compressed input.
//!
//! Common Crawl compresses each record into a gzip member of its own, so a
//! member's offset is where an HTTP Range request for that record starts. A
//! file that is one gzip stream of many records reads the same way, but all
//! its records share the one member's offset (0): such a file cannot be
//! entered in the middle. Which of the two an input is, and whether it is
//! gzip at all, is seen from its bytes (`1f 8b`), never from its name.
//!
//! A member that does not inflate (bad header, bad deflate data, bad CRC) is
//! reported once as a [`Fault::Corrupt`] with its offset; reading then goes
//! on at the next `1f 8b 08` after the member's start that opens a member
//! which inflates.

mod rewind;

use flate2::bufread::GzDecoder;
use rewind::Rewind;
use std::io::{self, BufRead, Read};

/// Inflated bytes handed out at a time.
const CHUNK: usize = 64 << 10;

/// Why the content stopped or skipped.
#[derive(Debug)]
pub enum Fault {
    /// The gzip member at `offset` does not inflate; the next read goes on at
    /// the next member that does.
    Corrupt { offset: u64, detail: String },
    /// The input ends inside the gzip member at `offset`; nothing follows.
    Truncated { offset: u64 },
    /// The source itself failed; nothing follows.
    Source(io::Error),
}

enum State<R: BufRead> {
    /// Not looked at yet: plain or gzip is decided by the first bytes.
    Unknown(Rewind<R>),
    Plain(Rewind<R>),
    /// Between gzip members.
    Between(Rewind<R>),
    Member(GzDecoder<Rewind<R>>),
    /// The input ended, or failed.
    Done,
}

/// The content of an archive, read as a [`BufRead`] would be, but with
/// [`Fault`]s instead of plain I/O errors.
pub struct Content<R: BufRead> {
    state: State<R>,
    out: Box<[u8]>,
    start: usize,
    end: usize,
    /// Offset in the input of the gzip member the buffered bytes come from.
    member_offset: u64,
    /// Members begun so far: a change tells a reader a new member started.
    members: u64,
    /// Raw bytes read, kept when the source is gone.
    read: u64,
}

impl<R: BufRead> Content<R> {
    pub fn new(input: R) -> Content<R> {
        Content {
            state: State::Unknown(Rewind::new(input)),
            out: vec![0; CHUNK].into_boxed_slice(),
            start: 0,
            end: 0,
            member_offset: 0,
            members: 0,
            read: 0,
        }
    }

    /// Bytes of the (compressed) input read so far, for a progress bar.
    pub fn position(&self) -> u64 {
        match &self.state {
            State::Unknown(raw) | State::Plain(raw) | State::Between(raw) => raw.read(),
            State::Member(decoder) => decoder.get_ref().read(),
            State::Done => self.read,
        }
    }

    /// Where the next byte [`Content::fill`] hands out belongs: in gzip input
    /// the offset of its member, in plain input its own offset. Meaningful
    /// after `fill`.
    pub fn unit_offset(&self) -> u64 {
        match &self.state {
            State::Plain(raw) => raw.offset(),
            _ => self.member_offset,
        }
    }

    /// A count that changes when a new gzip member begins (always 0 in plain
    /// input). Meaningful after `fill`.
    pub fn member(&self) -> u64 {
        self.members
    }

    pub fn is_gzip(&self) -> bool {
        matches!(self.state, State::Between(_) | State::Member(_)) || self.members > 0
    }

    /// The next bytes, empty at the end of the content.
    pub fn fill(&mut self) -> Result<&[u8], Fault> {
        loop {
            if self.start < self.end {
                return Ok(&self.out[self.start..self.end]);
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(&[]),
                State::Unknown(mut raw) => {
                    let head = raw.fill_buf().map_err(Fault::Source)?;
                    self.state = if head.first() == Some(&0x1f) {
                        State::Between(raw)
                    } else {
                        State::Plain(raw)
                    };
                }
                State::Plain(raw) => {
                    self.state = State::Plain(raw);
                    let State::Plain(raw) = &mut self.state else {
                        unreachable!("just set")
                    };
                    return raw.fill_buf().map_err(Fault::Source);
                }
                State::Between(mut raw) => {
                    self.read = raw.read();
                    if raw.fill_buf().map_err(Fault::Source)?.is_empty() {
                        return Ok(&[]);
                    }
                    self.member_offset = raw.offset();
                    self.members += 1;
                    raw.mark();
                    self.state = State::Member(GzDecoder::new(raw));
                }
                State::Member(mut decoder) => match decoder.read(&mut self.out) {
                    Ok(0) => self.state = State::Between(decoder.into_inner()),
                    Ok(n) => {
                        (self.start, self.end) = (0, n);
                        self.state = State::Member(decoder);
                    }
                    Err(error) => return self.failed(decoder, error),
                },
            }
        }
    }

    /// When everything inflated so far has been handed out, reads the current
    /// member on to its end if that end is all that is left of it (checking
    /// its CRC), without waiting for the bytes after it: a record that ends a
    /// member is then complete even on a stream that stalls there.
    pub fn settle(&mut self) -> Result<(), Fault> {
        if self.start < self.end {
            return Ok(());
        }
        match std::mem::replace(&mut self.state, State::Done) {
            State::Member(mut decoder) => match decoder.read(&mut self.out) {
                Ok(0) => self.state = State::Between(decoder.into_inner()),
                Ok(n) => {
                    (self.start, self.end) = (0, n);
                    self.state = State::Member(decoder);
                }
                Err(error) => {
                    self.failed(decoder, error)?;
                }
            },
            other => self.state = other,
        }
        Ok(())
    }

    /// Marks `n` bytes of those [`Content::fill`] handed out as read.
    pub fn consume(&mut self, n: usize) {
        match &mut self.state {
            State::Plain(raw) => raw.consume(n),
            _ => self.start = (self.start + n).min(self.end),
        }
    }

    /// A member failed: tell why, and find the next one that inflates.
    fn failed(&mut self, decoder: GzDecoder<Rewind<R>>, error: io::Error) -> Result<&[u8], Fault> {
        let mut raw = decoder.into_inner();
        self.read = raw.read();
        if raw.failed {
            return Err(Fault::Source(error));
        }
        let offset = self.member_offset;
        let ended = raw.saw_end && error.kind() == io::ErrorKind::UnexpectedEof;
        raw.rewind(offset + 1);
        match self.resync(raw) {
            Ok(true) => Err(Fault::Corrupt {
                offset,
                detail: format!("gzip member does not inflate ({error})"),
            }),
            Ok(false) if ended => Err(Fault::Truncated { offset }),
            Ok(false) => Err(Fault::Corrupt {
                offset,
                detail: format!("gzip member does not inflate ({error}); no member follows"),
            }),
            Err(error) => Err(Fault::Source(error)),
        }
    }

    /// Tries each candidate after a failed member until one inflates (its
    /// first bytes are then buffered); false when the input ends first.
    fn resync(&mut self, mut raw: Rewind<R>) -> io::Result<bool> {
        loop {
            if !raw.skip_to_magic()? {
                self.read = raw.read();
                return Ok(false);
            }
            let candidate = raw.offset();
            raw.mark();
            let mut decoder = GzDecoder::new(raw);
            match decoder.read(&mut self.out) {
                Ok(n) => {
                    self.member_offset = candidate;
                    self.members += 1;
                    (self.start, self.end) = (0, n);
                    self.state = match n {
                        0 => State::Between(decoder.into_inner()),
                        _ => State::Member(decoder),
                    };
                    return Ok(true);
                }
                Err(error) => {
                    raw = decoder.into_inner();
                    if raw.failed {
                        self.read = raw.read();
                        return Err(error);
                    }
                    raw.rewind(candidate + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
