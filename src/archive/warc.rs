//! WARC 1.0 and 1.1 records, one at a time, from plain or gzip input.
//!
//! A record is a version line (`WARC/1.0`, `WARC/1.1`), named fields (names
//! in any case, folded lines joined), a blank line, `Content-Length` bytes of
//! block, and two line ends (`\r\n\r\n`, or `\n\n`). A record is handed out
//! only once all of it checked out: its block is complete and followed by
//! the line ends (or by the end of its gzip member, or of the input), and its
//! gzip member inflated to the end when the record ends it.
//!
//! Damage is stepped over and handed out as [`Item::Damage`]: headers that do
//! not parse or a `Content-Length` that lies (the block is not followed by the
//! line ends, or runs past its gzip member: `BadRecord`; reading goes on at
//! the next line starting `WARC/1.`, where a new gzip member also starts a
//! line), a gzip member that does not inflate (`CorruptGzip`: on at the next
//! member that does), input that ends inside a record (`TruncatedRecord`, the
//! last item) and a failing source (`ArchiveUnreadable`, the last item).
//! Memory holds one block at most, and that up to the cap.

mod head;

use super::gzip::{Content, Fault};
use super::{Damage, Record, RecordHead};
use crate::model::SkipReason;
use head::{shorten, Fields};
use std::io::BufRead;

/// The named fields of a record may take this much; more is a `BadRecord`.
const MAX_HEAD: usize = 64 << 10;

/// What the reader hands out, in archive order.
#[derive(Debug)]
pub enum Item {
    /// A record `want` accepted, its block read (up to the cap).
    Record(Record),
    /// A record `want` declined: its block was read past, not kept.
    Passed(RecordHead),
    /// Damage stepped over; reading goes on after it, except after
    /// `TruncatedRecord` and `ArchiveUnreadable`, which are the last item.
    Damage(Damage),
}

pub struct Reader<R: BufRead> {
    content: Content<R>,
    max_block: usize,
    /// Damage met after a record was complete (in the next member, or the
    /// source failing), handed out after the record.
    pending: Option<Damage>,
    /// After a `BadRecord`: skip to the next line starting `WARC/1.`.
    resync: bool,
    done: bool,
    line: Vec<u8>,
    /// Where the line in `line` started (see [`Content::unit_offset`]).
    line_offset: u64,
}

/// How a line ended.
#[derive(PartialEq)]
enum LineEnd {
    Newline,
    /// A new gzip member began: its first byte starts a line.
    Member,
    /// The input ended (the line may hold bytes).
    End,
}

/// Why reading a record stopped.
enum Stop {
    Fault(Fault),
    /// `BadRecord` at an offset: reading goes on at the next version line.
    Bad(u64, String),
    /// The input ended inside the record at an offset.
    Truncated(u64, String),
}

impl From<Fault> for Stop {
    fn from(fault: Fault) -> Stop {
        Stop::Fault(fault)
    }
}

impl<R: BufRead> Reader<R> {
    /// `max_block`: bytes of a block kept; the rest is read past, `cut` set.
    pub fn new(input: R, max_block: usize) -> Reader<R> {
        Reader {
            content: Content::new(input),
            max_block,
            pending: None,
            resync: false,
            done: false,
            line: Vec::new(),
            line_offset: 0,
        }
    }

    /// Bytes of the (compressed) input read so far, for a progress bar.
    pub fn position(&self) -> u64 {
        self.content.position()
    }

    /// The next record, passed record or damage; `None` at the end.
    pub fn next_item(&mut self, want: impl FnMut(&RecordHead) -> bool) -> Option<Item> {
        if let Some(damage) = self.pending.take() {
            return Some(Item::Damage(damage));
        }
        if self.done {
            return None;
        }
        match self.read_record(want) {
            Ok(Some(item)) => Some(item),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(stop) => Some(Item::Damage(self.damage(stop))),
        }
    }

    fn damage(&mut self, stop: Stop) -> Damage {
        let (offset, reason, detail) = match stop {
            Stop::Bad(offset, detail) => {
                self.resync = true;
                (offset, SkipReason::BadRecord, detail)
            }
            Stop::Truncated(offset, detail) => {
                self.done = true;
                (offset, SkipReason::TruncatedRecord, detail)
            }
            Stop::Fault(Fault::Corrupt { offset, detail }) => {
                // The content already went on to a member that inflates: its
                // first line is a record's.
                self.resync = false;
                (offset, SkipReason::CorruptGzip, detail)
            }
            Stop::Fault(Fault::Truncated { offset }) => {
                self.done = true;
                let detail = "the archive ends inside a gzip member".to_string();
                (offset, SkipReason::TruncatedRecord, detail)
            }
            Stop::Fault(Fault::Source(error)) => {
                self.done = true;
                let offset = self.content.position();
                let detail = format!("reading the archive failed: {error}");
                (offset, SkipReason::ArchiveUnreadable, detail)
            }
        };
        Damage {
            offset,
            reason,
            detail,
        }
    }

    fn read_record(&mut self, mut want: impl FnMut(&RecordHead) -> bool) -> Result<Option<Item>, Stop> {
        if !self.find_version_line()? {
            return Ok(None);
        }
        let offset = self.line_offset;
        let version = trim_end(&self.line);
        if version != b"WARC/1.0" && version != b"WARC/1.1" {
            let found = shorten(&String::from_utf8_lossy(version));
            return Err(Stop::Bad(
                offset,
                format!("expected a WARC/1.0 or WARC/1.1 line, found {found}"),
            ));
        }
        let head = self.read_head(offset)?;
        let keep = want(&head);
        let (block, cut) = self.read_block(&head, keep)?;
        self.read_separator(&head)?;
        self.check_member_end(head.offset)?;
        Ok(Some(match keep {
            true => Item::Record(Record { head, block, cut }),
            false => Item::Passed(head),
        }))
    }

    /// Puts the next version line (or, after damage, the next line starting
    /// `WARC/1.`) in `self.line`, skipping blank lines; false at the end.
    fn find_version_line(&mut self) -> Result<bool, Stop> {
        // After damage the scan starts where the damage was seen, mid-line:
        // right after a lying Content-Length the next record may start at once.
        loop {
            let end = self.read_line(if self.resync { 16 } else { 64 })?;
            if end == LineEnd::End && self.line.is_empty() {
                return Ok(false);
            }
            let wanted = match self.resync {
                true => self.line.starts_with(b"WARC/1."),
                false => !trim_end(&self.line).is_empty(),
            };
            if wanted {
                self.resync = false;
                return Ok(true);
            }
        }
    }

    fn read_head(&mut self, offset: u64) -> Result<RecordHead, Stop> {
        let mut fields = Fields::default();
        let mut used = self.line.len();
        loop {
            let end = self.read_line(MAX_HEAD.saturating_sub(used))?;
            if end == LineEnd::End {
                return Err(Stop::Truncated(
                    offset,
                    "the archive ends inside a record's header".into(),
                ));
            }
            used += self.line.len();
            if used >= MAX_HEAD {
                return Err(Stop::Bad(
                    offset,
                    format!("a record header longer than {} KiB", MAX_HEAD >> 10),
                ));
            }
            let line = trim_end(&self.line);
            if line.is_empty() {
                break;
            }
            fields.push(line).map_err(|detail| Stop::Bad(offset, detail))?;
        }
        fields
            .into_head(offset)
            .map_err(|detail| Stop::Bad(offset, detail))
    }

    fn read_block(&mut self, head: &RecordHead, keep: bool) -> Result<(Vec<u8>, bool), Stop> {
        let kept = if keep {
            head.length.min(self.max_block as u64) as usize
        } else {
            0
        };
        let mut block = Vec::with_capacity(kept);
        let mut left = head.length;
        let mut member = None;
        while left > 0 {
            if self.content.fill()?.is_empty() {
                let detail = format!(
                    "the archive ends {left} bytes before the end of a {} byte block",
                    head.length
                );
                return Err(Stop::Truncated(head.offset, detail));
            }
            // A block ends with its gzip member at the latest, as warcio
            // reads them: a length that runs on into the next member lies,
            // and the record that member holds is read next.
            let now = self.content.member();
            if *member.get_or_insert(now) != now {
                let detail = format!(
                    "Content-Length {} runs {left} bytes past the end of the record's gzip member",
                    head.length
                );
                return Err(Stop::Bad(head.offset, detail));
            }
            let buf = self.content.fill()?;
            let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let room = kept - block.len();
            block.extend_from_slice(&buf[..n.min(room)]);
            self.content.consume(n);
            left -= n as u64;
        }
        Ok((block, keep && head.length > kept as u64))
    }

    /// The two line ends after the block. A new gzip member or the end of
    /// the input also closes the record (some writers leave them out).
    fn read_separator(&mut self, head: &RecordHead) -> Result<(), Stop> {
        let member = self.content.member();
        let mut line_ends = 0;
        let mut after_cr = false;
        while line_ends < 2 {
            let buf = self.content.fill()?;
            let Some(&byte) = buf.first() else { return Ok(()) };
            let mut peek = [0; 16];
            let seen = buf.len().min(peek.len());
            peek[..seen].copy_from_slice(&buf[..seen]);
            if self.content.member() != member {
                return Ok(());
            }
            match byte {
                b'\n' => (line_ends, after_cr) = (line_ends + 1, false),
                b'\r' if !after_cr => after_cr = true,
                _ => {
                    let found = shorten(&String::from_utf8_lossy(&peek[..seen]));
                    let detail = format!(
                        "Content-Length {} does not end the block: {found} follows it, not a blank line",
                        head.length
                    );
                    return Err(Stop::Bad(head.offset, detail));
                }
            }
            self.content.consume(1);
        }
        Ok(())
    }

    /// Peeks past the record so a gzip member it ends is inflated to its
    /// end and its CRC checked before the record is handed out. Damage that
    /// belongs to what follows waits for the next call.
    fn check_member_end(&mut self, record_offset: u64) -> Result<(), Stop> {
        let own = |offset: u64| offset == record_offset;
        match self.content.settle() {
            Ok(()) => Ok(()),
            Err(Fault::Corrupt { offset, detail }) if own(offset) => {
                Err(Stop::Fault(Fault::Corrupt { offset, detail }))
            }
            Err(Fault::Truncated { offset }) if own(offset) => Err(Stop::Fault(Fault::Truncated { offset })),
            Err(fault) => {
                self.pending = Some(self.damage(Stop::Fault(fault)));
                Ok(())
            }
        }
    }

    /// Reads one line into `self.line` without its `\n`, keeping at most
    /// `keep` bytes of it; a line also ends where a gzip member begins.
    fn read_line(&mut self, keep: usize) -> Result<LineEnd, Fault> {
        self.line.clear();
        let mut member = None;
        loop {
            let buf = self.content.fill()?;
            if buf.is_empty() {
                return Ok(LineEnd::End);
            }
            let now = self.content.member();
            match member {
                None => {
                    member = Some(now);
                    self.line_offset = self.content.unit_offset();
                }
                Some(started) if started != now => return Ok(LineEnd::Member),
                Some(_) => {}
            }
            let buf = self.content.fill()?;
            let (take, newline) = match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (at, true),
                None => (buf.len(), false),
            };
            let room = keep.saturating_sub(self.line.len());
            self.line.extend_from_slice(&buf[..take.min(room)]);
            self.content.consume(take + usize::from(newline));
            if newline {
                return Ok(LineEnd::Newline);
            }
        }
    }
}

fn trim_end(line: &[u8]) -> &[u8] {
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |at| at + 1);
    &line[..end]
}

#[cfg(test)]
mod tests;
