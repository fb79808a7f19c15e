//! Which part of an audit a report shows: `--only` keeps the links and the
//! sources that meet every condition named (in every format), `--limit` caps
//! the links a person reads (the table and Markdown). The summary always
//! counts the whole audit, and every report says when it was filtered.

use crate::model::{AuditReport, Link, LinkType, SourceRecord, SourceStatus};
use clap::ValueEnum;

/// A condition of `--only`: the first six judge links, the last three sources
/// without a backlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Only {
    /// Toxic links.
    Toxic,
    /// Weak links: worth less, not a danger (docs/scoring.md).
    Weak,
    /// Links without nofollow, ugc or sponsored.
    Dofollow,
    /// Links marked nofollow (and not ugc or sponsored).
    Nofollow,
    /// Links marked ugc (user-generated content).
    Ugc,
    /// Links marked sponsored.
    Sponsored,
    /// Links that pass no equity: nofollow, ugc, sponsored, or on a nofollow page.
    #[value(alias = "lost-equity")]
    NoEquity,
    /// Sources without a backlink, whatever the reason (as `--fail-on missing`).
    Missing,
    /// Sources fetched and read that do not link to the target.
    NoLink,
    /// Sources that could not be checked (an error, robots.txt, not HTML, ...).
    Unchecked,
}

impl Only {
    /// The word `--only` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Only::Toxic => "toxic",
            Only::Weak => "weak",
            Only::Dofollow => "dofollow",
            Only::Nofollow => "nofollow",
            Only::Ugc => "ugc",
            Only::Sponsored => "sponsored",
            Only::NoEquity => "no-equity",
            Only::Missing => "missing",
            Only::NoLink => "no-link",
            Only::Unchecked => "unchecked",
        }
    }

    /// One condition, in any case, blanks around it ignored.
    pub fn parse(word: &str) -> Result<Only, String> {
        let word = word.trim();
        <Only as ValueEnum>::from_str(word, true).map_err(|_| {
            let words: Vec<&str> = Only::value_variants().iter().map(|o| o.as_str()).collect();
            format!(
                "`{}` is not an --only condition: use {} (comma separated)",
                word.to_ascii_lowercase(),
                words.join(", ")
            )
        })
    }

    fn link_type(self) -> Option<LinkType> {
        match self {
            Only::Dofollow => Some(LinkType::Dofollow),
            Only::Nofollow => Some(LinkType::Nofollow),
            Only::Ugc => Some(LinkType::Ugc),
            Only::Sponsored => Some(LinkType::Sponsored),
            _ => None,
        }
    }

    fn is_about_sources(self) -> bool {
        matches!(self, Only::Missing | Only::NoLink | Only::Unchecked)
    }

    /// Whether a link meets this condition; a source condition holds for none.
    fn holds_for_link(self, link: &Link) -> bool {
        match self {
            Only::Toxic => link.toxic,
            Only::Weak => link.weak,
            Only::NoEquity => !link.passes_equity,
            other => other.link_type() == Some(link.link_type),
        }
    }

    /// Whether a source without a backlink meets this condition; a link
    /// condition holds for none.
    fn holds_for_source(self, source: &SourceRecord) -> bool {
        match self {
            Only::Missing => source.status != SourceStatus::Ok,
            Only::NoLink => source.status == SourceStatus::NoLink,
            Only::Unchecked => !matches!(source.status, SourceStatus::Ok | SourceStatus::NoLink),
            _ => false,
        }
    }
}

/// The conditions of `--only`, each once, in the order of [`Only`]. Empty
/// keeps everything. A link is kept when it meets every link condition, a
/// source without a backlink when it meets every source condition; naming
/// only link conditions drops the sources without a backlink, naming only
/// source conditions drops the links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter(Vec<Only>);

impl Filter {
    /// The conditions, refused when no row could meet them all (two link
    /// types, or `no-link` with `unchecked`).
    pub fn new(conditions: &[Only]) -> Result<Filter, String> {
        let mut only = conditions.to_vec();
        only.sort();
        only.dedup();
        let types: Vec<&str> = only
            .iter()
            .filter(|o| o.link_type().is_some())
            .map(|o| o.as_str())
            .collect();
        if types.len() > 1 {
            return Err(format!(
                "--only {} keeps no link: a link has one type (`no-equity` keeps every link that passes none)",
                types.join(",")
            ));
        }
        if only.contains(&Only::NoLink) && only.contains(&Only::Unchecked) {
            return Err("--only no-link,unchecked keeps no source: `missing` keeps both kinds".to_string());
        }
        Ok(Filter(only))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The conditions' words, for the reports to say what they kept.
    pub fn words(&self) -> Vec<&'static str> {
        self.0.iter().map(|o| o.as_str()).collect()
    }

    /// `--only toxic,no-equity`, as a person would type it.
    pub fn flag(&self) -> String {
        format!("--only {}", self.words().join(","))
    }

    fn link_conditions(&self) -> impl Iterator<Item = Only> + '_ {
        self.0.iter().copied().filter(|o| !o.is_about_sources())
    }

    fn source_conditions(&self) -> impl Iterator<Item = Only> + '_ {
        self.0.iter().copied().filter(|o| o.is_about_sources())
    }

    /// Whether the report lists links at all.
    pub fn shows_links(&self) -> bool {
        self.is_empty() || self.link_conditions().next().is_some()
    }

    /// Whether the report lists sources without a backlink at all.
    pub fn shows_sources_without_link(&self) -> bool {
        self.is_empty() || self.source_conditions().next().is_some()
    }

    pub fn keeps_link(&self, link: &Link) -> bool {
        self.shows_links() && self.link_conditions().all(|o| o.holds_for_link(link))
    }

    /// A source with backlinks is kept whenever links are (its links may be
    /// filtered, but which ones is known only once the whole profile is in,
    /// and JSON Lines writes sources as they arrive); one without, when it
    /// meets every source condition.
    pub fn keeps_source(&self, source: &SourceRecord) -> bool {
        if source.status == SourceStatus::Ok {
            return self.shows_links();
        }
        self.shows_sources_without_link() && self.source_conditions().all(|o| o.holds_for_source(source))
    }

    /// The audit with only the sources and links kept, summary untouched.
    pub fn apply(&self, report: &AuditReport) -> AuditReport {
        AuditReport {
            sources: report
                .sources
                .iter()
                .filter(|s| self.keeps_source(s))
                .cloned()
                .collect(),
            links: report
                .links
                .iter()
                .filter(|l| self.keeps_link(l))
                .cloned()
                .collect(),
            ..report.clone()
        }
    }
}

/// How many links the table and Markdown show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Limit {
    /// The format's own: every link in the table, the first
    /// [`MAX_ROWS`](crate::report) in Markdown.
    #[default]
    Default,
    /// Every link (`--limit 0`).
    All,
    /// The first N, worst first (`--limit N`).
    First(usize),
}

impl Limit {
    /// `--limit N`: 0 means every link.
    pub fn from_flag(n: usize) -> Limit {
        if n == 0 {
            Limit::All
        } else {
            Limit::First(n)
        }
    }
}

/// What part of the audit a report shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub only: Filter,
    pub limit: Limit,
}

#[cfg(test)]
mod tests;
