//! Damage is named on standard error as it is met: every unreadable archive,
//! and the first few damaged records (all of them with `--verbose`), so a
//! long scan shows trouble early without flooding the terminal. The summary
//! counts everything either way.

use crate::error::printable;
use crate::model::SkipReason;
use std::sync::atomic::{AtomicU64, Ordering};

/// Damaged records named before the rest are only counted.
pub const NAMED_BY_DEFAULT: u64 = 5;

pub struct Notes {
    limit: u64,
    damaged: AtomicU64,
    /// Where a line goes: standard error, through the progress bar when
    /// there is one so the bar is not torn.
    say: Box<dyn Fn(&str) + Send + Sync>,
}

impl Notes {
    pub fn new(verbose: bool, say: Box<dyn Fn(&str) + Send + Sync>) -> Notes {
        Notes {
            limit: if verbose { u64::MAX } else { NAMED_BY_DEFAULT },
            damaged: AtomicU64::new(0),
            say,
        }
    }

    /// An archive that could not be read, or not to its end.
    pub fn archive(&self, archive: &str, error: &str) {
        (self.say)(&format!("{}: {}", printable(archive), printable(error)));
    }

    /// A damaged record or gzip member, stepped over.
    pub fn damage(&self, archive: &str, offset: u64, reason: SkipReason, detail: &str) {
        if self.damaged.fetch_add(1, Ordering::Relaxed) < self.limit {
            (self.say)(&format!(
                "{} at byte {offset}: {}: {}",
                printable(archive),
                reason.as_str(),
                printable(detail)
            ));
        }
    }

    /// The line that says how many were not named, if any.
    pub fn unnamed(&self) -> Option<String> {
        let damaged = self.damaged.load(Ordering::Relaxed);
        (damaged > self.limit).then(|| {
            format!(
                "{} more damaged records not named (the summary counts them by reason; --verbose names each)",
                damaged - self.limit
            )
        })
    }
}
