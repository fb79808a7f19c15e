//! What `--check-targets` found at the pages backlinks point to (SPEC section 13).

use super::Link;
use serde::{Deserialize, Serialize};

/// What a backlink's target page answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    /// Answered 2xx at the URL linked.
    Ok,
    /// Redirected to a page that answers 2xx (`target_final_url` says where).
    Redirect,
    /// Ended in 4xx or 5xx, redirected or not (`target_http_status` says which):
    /// the backlink passes nothing until the page is back or redirected.
    Broken,
    /// No answer to judge: DNS, connect, TLS, time-out, too many redirects,
    /// a redirect to a private address, or robots.txt disallows the page.
    Unreachable,
}

impl TargetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Ok => "ok",
            TargetStatus::Redirect => "redirect",
            TargetStatus::Broken => "broken",
            TargetStatus::Unreachable => "unreachable",
        }
    }
}

impl std::fmt::Display for TargetStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The check of one distinct target URL, given to every link pointing there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetCheck {
    pub status: TargetStatus,
    /// Where the redirects ended, when there were any.
    pub final_url: Option<String>,
    /// The final HTTP status, when the server answered.
    pub http_status: Option<u16>,
}

/// A broken target page in the summary: a redirect to make, weighed by what
/// it would win back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenTarget {
    pub target_url: String,
    pub http_status: Option<u16>,
    pub backlinks: usize,
    pub referring_domains: usize,
}

/// How a link's target page turned between two audits, when it did: it
/// `Broke` (now broken; before checked otherwise, or not checked at all) or
/// was `Repaired` (broken before, checked and not broken now). A newer audit
/// that did not check targets says nothing about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetTurn {
    Broke,
    Repaired,
}

impl TargetTurn {
    pub fn between(before: &Link, after: &Link) -> Option<TargetTurn> {
        let broken = |l: &Link| l.target_status == Some(TargetStatus::Broken);
        match (broken(before), broken(after)) {
            (false, true) => Some(TargetTurn::Broke),
            (true, false) if after.target_status.is_some() => Some(TargetTurn::Repaired),
            _ => None,
        }
    }
}
