//! How long a page may take to parse, and who may stop it. A page of hundreds
//! of MB can take a minute to read; the pass checks its budget every
//! [`CHECK_EVERY`] bytes of input, so `--timeout` and Ctrl-C end it within a
//! fraction of a second. The clock is only read to stop: with
//! [`Budget::unlimited`] extraction stays a pure function of the page.

use html5gum::{Reader, StringReader};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Bytes of input between two checks: small enough to stop within
/// milliseconds on the slowest pages, large enough to cost nothing.
pub(crate) const CHECK_EVERY: usize = 64 * 1024;

/// When the pass over a page must stop.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    deadline: Option<Instant>,
    cancel: Option<Arc<AtomicBool>>,
}

impl Budget {
    /// Never stops.
    pub fn unlimited() -> Budget {
        Budget::default()
    }

    /// Stops at `deadline`, when given, and as soon as `cancel` is raised.
    pub fn new(deadline: Option<Instant>, cancel: Option<Arc<AtomicBool>>) -> Budget {
        Budget { deadline, cancel }
    }

    /// Whether the pass may go on, having read `read` bytes.
    fn check(&self, read: usize) -> Result<(), Cut> {
        if self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Cut::Cancelled);
        }
        if self.deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            return Err(Cut::TimedOut { read });
        }
        Ok(())
    }
}

/// Why a page was not read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Cut {
    /// The deadline passed after `read` bytes of the page.
    #[error("timed out while parsing ({read} bytes read)")]
    TimedOut { read: usize },
    /// The audit was interrupted.
    #[error("interrupted while parsing")]
    Cancelled,
}

/// The page as the tokenizer reads it, counting what it hands over and
/// checking the budget every [`CHECK_EVERY`] bytes.
pub(super) struct Metered<'a> {
    inner: StringReader<'a>,
    budget: &'a Budget,
    read: usize,
    next_check: usize,
}

impl<'a> Metered<'a> {
    pub(super) fn new(html: &'a str, budget: &'a Budget) -> Metered<'a> {
        Metered {
            inner: html5gum::Readable::to_reader(html),
            budget,
            read: 0,
            next_check: 0,
        }
    }

    /// Checks the budget once [`CHECK_EVERY`] bytes were read since the last
    /// check (and before the first byte). Called before each read, so a read
    /// can hand over a chunk that borrows the reader.
    fn check_due(&mut self) -> Result<(), Cut> {
        if self.read >= self.next_check {
            self.next_check = self.read + CHECK_EVERY;
            self.budget.check(self.read)?;
        }
        Ok(())
    }
}

impl Reader for Metered<'_> {
    type Error = Cut;

    #[inline(always)]
    fn read_byte(&mut self) -> Result<Option<u8>, Cut> {
        self.check_due()?;
        let Ok(byte) = self.inner.read_byte();
        self.read += usize::from(byte.is_some());
        Ok(byte)
    }

    #[inline(always)]
    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Cut> {
        self.check_due()?;
        let Ok(found) = self.inner.try_read_string(s, case_sensitive);
        if found {
            self.read += s.len();
        }
        Ok(found)
    }

    #[inline(always)]
    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        char_buf: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Cut> {
        self.check_due()?;
        let Ok(chunk) = self.inner.read_until(needle, char_buf);
        self.read += chunk.map_or(0, <[u8]>::len);
        Ok(chunk)
    }
}

#[cfg(test)]
mod tests;
