//! Audits as the history knows them: their ids, and a line of `history`.

use super::TargetInfo;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A saved audit's number, as `history` lists it and `show ID` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AuditId(pub i64);

impl fmt::Display for AuditId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for AuditId {
    type Err = String;

    fn from_str(s: &str) -> Result<AuditId, String> {
        match s.trim().parse::<i64>() {
            Ok(n) if n > 0 => Ok(AuditId(n)),
            _ => Err(format!(
                "`{s}` is not an audit id (ids are the positive numbers `backlinks history` lists)"
            )),
        }
    }
}

/// One line of `history`, in the contract's key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: AuditId,
    pub target: TargetInfo,
    pub started_at: String,
    /// Sources done (all of them, unless the audit is partial).
    pub sources: usize,
    pub backlinks: usize,
    pub toxic: usize,
    pub partial: bool,
    /// Sources the audit was given; `None` for audits saved before this was kept.
    pub sources_given: Option<usize>,
    /// From the finished audit's summary; `None` while it is partial.
    pub referring_domains: Option<usize>,
}

impl AuditRow {
    /// The sources as `history` shows them: `57 of 200` for a partial audit
    /// that knows how many it was given, else the count.
    pub fn sources_done(&self) -> String {
        match self.sources_given {
            Some(given) if self.partial => format!("{} of {given}", self.sources),
            _ => self.sources.to_string(),
        }
    }
}
