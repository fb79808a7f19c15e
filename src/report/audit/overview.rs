//! What a person reads, whether as a terminal table or as Markdown: the
//! summary figures in words, the top referring domains, the links worst
//! first, and every source without a backlink with the reason. Text here is
//! raw; each renderer escapes it.

use super::view::View;
use crate::model::{AuditReport, BrokenTarget, Flag, FlagKind, Link, SourceRecord, SourceStatus};
use crate::report::text::{percent, plural, target_label};
use std::cmp::Reverse;
use std::collections::HashMap;

pub(super) struct Overview<'a> {
    pub report: &'a AuditReport,
    /// The target as a person writes it: `example.com` or `example.com/blog/`.
    pub target: String,
    /// Summary rows: a label and its value in words (the whole audit's).
    pub facts: Vec<(&'static str, String)>,
    /// The summary's top referring domains, with how many of their links pass equity.
    pub domains: Vec<DomainRow<'a>>,
    /// The links `--only` keeps, worst first: see `worst_first`.
    pub links: Vec<&'a Link>,
    /// Sources fetched and parsed without a link to the target that `--only`
    /// keeps, in input order.
    pub without_link: Vec<&'a SourceRecord>,
    /// Sources we could not see (every status but `ok` and `no-link`) that
    /// `--only` keeps, in input order.
    pub unchecked: Vec<&'a SourceRecord>,
    pub view: &'a View,
}

/// A line of the top referring domains.
pub(super) struct DomainRow<'a> {
    pub domain: &'a str,
    pub links: usize,
    /// Links from the domain that pass equity (dofollow, on a page without nofollow).
    pub dofollow: usize,
}

impl DomainRow<'_> {
    /// `2 (50.0%)`: the dofollow links and their share of the domain's.
    pub fn dofollow_share(&self) -> String {
        if self.links == 0 {
            return self.dofollow.to_string();
        }
        let share = self.dofollow as f64 / self.links as f64;
        format!("{} ({})", self.dofollow, percent(share))
    }
}

impl<'a> Overview<'a> {
    pub fn new(report: &'a AuditReport, view: &'a View) -> Self {
        let only = &view.only;
        let kept = |status: fn(SourceStatus) -> bool| -> Vec<&'a SourceRecord> {
            report
                .sources
                .iter()
                .filter(|s| status(s.status) && only.keeps_source(s))
                .collect()
        };
        Overview {
            report,
            target: target_label(&report.target),
            facts: facts(report),
            domains: domains(report),
            links: worst_first(report.links.iter().filter(|l| only.keeps_link(l))),
            without_link: kept(|s| s == SourceStatus::NoLink),
            unchecked: kept(|s| !matches!(s, SourceStatus::Ok | SourceStatus::NoLink)),
            view,
        }
    }

    pub fn title(&self) -> String {
        format!("Backlink audit of {}", self.target)
    }

    /// Said instead of the anchors and links when there are none.
    pub fn no_backlinks(&self) -> String {
        let total = self.report.summary.sources.total;
        format!(
            "No backlinks to {} found in {}.",
            self.target,
            plural(total, "source")
        )
    }

    pub const PARTIAL: &'static str = "Partial audit: it was interrupted before every source was checked.";

    /// Said under the title of a filtered report: what is listed, and that
    /// the figures are the whole audit's.
    pub fn filtered(&self) -> Option<String> {
        let only = &self.view.only;
        if only.is_empty() {
            return None;
        }
        let without_link = self
            .report
            .sources
            .iter()
            .filter(|s| s.status != SourceStatus::Ok)
            .count();
        Some(format!(
            "Filtered with {}: {} of {} links and {} of {} sources without a backlink listed; \
             the summary and the top lists count the whole audit.",
            only.flag(),
            self.links.len(),
            self.report.links.len(),
            self.without_link.len() + self.unchecked.len(),
            without_link,
        ))
    }

    /// Said after the links a limit cut short: how many more, and how to see them.
    pub fn more_links(&self, shown: usize) -> Option<String> {
        let more = self.links.len().checked_sub(shown).filter(|&n| n > 0)?;
        Some(format!(
            "… and {} not shown: `--limit 0` lists them all, `-o report.csv` keeps every one.",
            plural(more, "more link")
        ))
    }
}

/// Toxic links first, then by toxicity, then those that pass equity (the risk
/// is theirs), then in input order.
fn worst_first<'a>(links: impl Iterator<Item = &'a Link>) -> Vec<&'a Link> {
    let mut sorted: Vec<&Link> = links.collect();
    sorted.sort_by_key(|l| (Reverse(l.toxic), Reverse(l.toxicity), Reverse(l.passes_equity)));
    sorted
}

/// The summary's top referring domains, in its order, each with how many of
/// its links (all of them, whatever `--only` keeps) pass equity.
fn domains(report: &AuditReport) -> Vec<DomainRow<'_>> {
    let mut dofollow: HashMap<&str, usize> = HashMap::new();
    for link in report.links.iter().filter(|l| l.passes_equity) {
        *dofollow.entry(link.source_domain.as_str()).or_default() += 1;
    }
    report
        .summary
        .top_domains
        .iter()
        .map(|d| DomainRow {
            domain: &d.domain,
            links: d.links,
            dofollow: dofollow.get(d.domain.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

fn facts(report: &AuditReport) -> Vec<(&'static str, String)> {
    let summary = &report.summary;
    let backlinks = summary.backlinks;
    let statuses = counted(
        SourceStatus::ALL
            .iter()
            .map(|&s| (summary.sources.by_status.get(s), s.as_str())),
    );
    let link_types = &summary.link_types;
    let kinds = &summary.anchors.kinds;
    let diversity = match summary.anchors.diversity {
        Some(diversity) => format!("{diversity:.2}"),
        None => "n/a (fewer than 2 backlinks)".to_string(),
    };
    // Without keywords no anchor can be exact: 0 % would read as a clean bill.
    let exact_share = if !summary.anchors.keywords_given {
        "not judged (pass --keyword)".to_string()
    } else if summary.anchors.over_optimized {
        format!("{} (over-optimized)", percent(summary.anchors.exact_share))
    } else {
        percent(summary.anchors.exact_share)
    };
    let weak = match summary.weak {
        0 => share_of(0, backlinks),
        n => format!(
            "{}: worth little, not a reason to disavow",
            share_of(n, backlinks)
        ),
    };
    let mut facts = vec![
        ("Sources", format!("{} ({statuses})", summary.sources.total)),
        ("Backlinks", backlinks.to_string()),
        ("Referring pages", summary.referring_pages.to_string()),
        ("Referring domains", summary.referring_domains.to_string()),
        (
            "Link types",
            counted([
                (link_types.dofollow, "dofollow"),
                (link_types.nofollow, "nofollow"),
                (link_types.ugc, "ugc"),
                (link_types.sponsored, "sponsored"),
            ]),
        ),
        ("Passes equity", share_of(summary.passes_equity, backlinks)),
        ("Toxic", share_of(summary.toxic, backlinks)),
        ("Weak", weak),
        ("Profile risk", summary.risk.as_str().to_string()),
        ("Anchor diversity", diversity),
        ("Exact-match anchors", exact_share),
        (
            "Anchor kinds",
            counted([
                (kinds.branded, "branded"),
                (kinds.exact, "exact"),
                (kinds.partial, "partial"),
                (kinds.generic, "generic"),
                (kinds.url, "url"),
                (kinds.image, "image"),
                (kinds.empty, "empty"),
                (kinds.other, "other"),
            ]),
        ),
    ];
    if let Some(broken) = &summary.broken_targets {
        facts.push(("Broken targets", broken_targets_fact(broken)));
    }
    if let Some(rendered) = rendered_fact(report) {
        facts.push(("Rendered", rendered));
    }
    facts
}

/// `2 of 5 pages in a browser, 3 backlinks only after rendering`; nothing
/// when no page was rendered.
fn rendered_fact(report: &AuditReport) -> Option<String> {
    let rendered = report.sources.iter().filter(|s| s.rendered).count();
    if rendered == 0 {
        return None;
    }
    let only = report.links.iter().filter(|l| l.rendered_only).count();
    Some(format!(
        "{rendered} of {} in a browser, {} only after rendering",
        plural(report.sources.len(), "page"),
        plural(only, "backlink")
    ))
}

/// `2 pages, 5 backlinks: redirect them to live pages`, or `none` when every
/// target answered.
fn broken_targets_fact(broken: &[BrokenTarget]) -> String {
    if broken.is_empty() {
        return "none".to_string();
    }
    let backlinks: usize = broken.iter().map(|b| b.backlinks).sum();
    format!(
        "{}, {}: redirect them to live pages",
        plural(broken.len(), "page"),
        plural(backlinks, "backlink")
    )
}

/// "Broken target pages (2): redirect each to a live page": the heading of
/// the list of broken target pages.
pub(super) fn broken_targets_title(count: usize) -> String {
    format!("Broken target pages ({count}): redirect each to a live page")
}

/// `HTTP 404`, or `-` when no status was recorded.
pub(super) fn broken_status(target: &BrokenTarget) -> String {
    target
        .http_status
        .map_or_else(|| "-".to_string(), |code| format!("HTTP {code}"))
}

/// The toxic links, worst first, each with the risk flags that made it toxic:
/// weakness flags never count towards toxicity, so they explain nothing here
/// (the links table shows every flag).
pub(super) fn toxic_reasons<'a>(links: &[&'a Link]) -> Vec<(&'a Link, Vec<Flag>)> {
    links
        .iter()
        .filter(|l| l.toxic)
        .map(|&l| {
            let risk = l.flags.iter().copied().filter(|f| f.kind() == FlagKind::Risk);
            (l, risk.collect())
        })
        .collect()
}

/// "Why 2 links are toxic": the heading of the toxic reasons.
pub(super) fn toxic_reasons_title(count: usize) -> String {
    let verb = if count == 1 { "is" } else { "are" };
    format!(
        "Why {} {verb} toxic (risk flags; weights in docs/scoring.md)",
        plural(count, "link")
    )
}

/// `1 ok, 2 no-link`: the non-zero counts, or `none`.
fn counted(counts: impl IntoIterator<Item = (usize, &'static str)>) -> String {
    let words: Vec<String> = counts
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
    if words.is_empty() {
        "none".to_string()
    } else {
        words.join(", ")
    }
}

/// `1 of 2 (50.0%)`, or `0` when there is nothing to share.
fn share_of(part: usize, whole: usize) -> String {
    if whole == 0 {
        return part.to_string();
    }
    let share = part as f64 / whole as f64;
    format!("{part} of {whole} ({})", percent(share))
}

/// Why a source could not be checked: its error, else what its status says;
/// then what rendering changed, when the page was rendered.
pub(super) fn reason(source: &SourceRecord) -> String {
    let said = status_reason(source);
    match source.render_note.as_deref() {
        Some(note) => format!("{said} (rendered: {note})"),
        None => said,
    }
}

/// A source without a link as the reports list it: its title, then what
/// rendering changed (a link a script removed) when it was rendered.
pub(super) fn title_and_note(source: &SourceRecord) -> String {
    let title = source.title.as_deref().unwrap_or_default();
    match source.render_note.as_deref() {
        Some(note) if title.is_empty() => format!("(rendered: {note})"),
        Some(note) => format!("{title} (rendered: {note})"),
        None => title.to_string(),
    }
}

fn status_reason(source: &SourceRecord) -> String {
    if let Some(error) = source.error.as_deref().filter(|e| !e.trim().is_empty()) {
        return error.to_string();
    }
    let http = |what: &str| match source.http_status {
        Some(code) => format!("{what} (HTTP {code})"),
        None => what.to_string(),
    };
    match source.status {
        SourceStatus::Ok => "backlinks found".to_string(),
        SourceStatus::NoLink => "no link to the target".to_string(),
        SourceStatus::HttpError => http("HTTP error"),
        SourceStatus::Blocked => http("the site refused the request"),
        SourceStatus::Unreachable => "unreachable".to_string(),
        SourceStatus::RobotsBlocked => "disallowed by robots.txt".to_string(),
        SourceStatus::NotHtml => "not an HTML page".to_string(),
        SourceStatus::Invalid => "not a usable URL".to_string(),
        SourceStatus::Internal => "on the target's own site".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::audit::{link, report, report_without_links, results};

    #[test]
    fn links_come_toxic_first_then_by_toxicity_then_equity_then_input_order() {
        let mk = |name: &str, toxicity: u8, toxic: bool, equity: bool| Link {
            toxicity,
            toxic,
            passes_equity: equity,
            ..link(name)
        };
        let links = [
            mk("clean", 0, false, true),
            mk("mild", 30, false, true),
            mk("toxic-nofollow", 70, true, false),
            mk("toxic-followed", 70, true, true),
            mk("worst", 90, true, true),
            mk("clean-2", 0, false, true),
            mk("mild-nofollow", 30, false, false),
        ];
        let order: Vec<&str> = worst_first(links.iter())
            .iter()
            .map(|l| l.anchor_text.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "worst",
                "toxic-followed",
                "toxic-nofollow",
                "mild",
                "mild-nofollow",
                "clean",
                "clean-2"
            ]
        );
    }

    #[test]
    fn facts_speak_the_summary() {
        let report = report(&results());
        let view = View::default();
        let overview = Overview::new(&report, &view);
        let fact = |label: &str| {
            overview
                .facts
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.as_str())
                .unwrap()
        };
        assert_eq!(fact("Sources"), "3 (1 ok, 1 no-link, 1 http-error)");
        assert_eq!(fact("Link types"), "1 dofollow, 1 nofollow");
        assert_eq!(fact("Passes equity"), "1 of 2 (50.0%)");
        assert_eq!(fact("Toxic"), "1 of 2 (50.0%)");
        assert_eq!(fact("Weak"), "0 of 2 (0.0%)");
        assert_eq!(fact("Anchor diversity"), "1.00");
        assert_eq!(fact("Exact-match anchors"), "50.0% (over-optimized)");
        assert_eq!(fact("Anchor kinds"), "1 branded, 1 exact");
        assert_eq!(overview.without_link.len(), 1);
        assert_eq!(overview.unchecked.len(), 1);
    }

    #[test]
    fn the_exact_match_share_is_not_judged_without_keywords() {
        let mut report = report(&results());
        report.summary.anchors.keywords_given = false;
        report.summary.weak = 1;
        let view = View::default();
        let overview = Overview::new(&report, &view);
        let fact = |label: &str| {
            overview
                .facts
                .iter()
                .find(|(l, _)| *l == label)
                .unwrap()
                .1
                .clone()
        };
        assert_eq!(fact("Exact-match anchors"), "not judged (pass --keyword)");
        assert_eq!(
            fact("Weak"),
            "1 of 2 (50.0%): worth little, not a reason to disavow"
        );
    }

    #[test]
    fn toxic_links_are_explained_by_their_risk_flags_only() {
        let weak_and_toxic = Link {
            flags: vec![
                Flag::HiddenLink,
                Flag::ExactMatchAnchor,
                Flag::NonHttps,
                Flag::Noindex,
            ],
            toxic: true,
            ..link("x")
        };
        let clean = link("Example");
        let reasons = toxic_reasons(&[&weak_and_toxic, &clean]);
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].1, [Flag::HiddenLink, Flag::ExactMatchAnchor]);
        assert_eq!(
            toxic_reasons_title(1),
            "Why 1 link is toxic (risk flags; weights in docs/scoring.md)"
        );
    }

    #[test]
    fn an_audit_without_links_says_so() {
        let report = report_without_links();
        let view = View::default();
        let overview = Overview::new(&report, &view);
        assert_eq!(
            overview.no_backlinks(),
            "No backlinks to example.com found in 2 sources."
        );
        let fact = |label: &str| {
            overview
                .facts
                .iter()
                .find(|(l, _)| *l == label)
                .unwrap()
                .1
                .clone()
        };
        assert_eq!(fact("Link types"), "none");
        assert_eq!(fact("Toxic"), "0");
        assert_eq!(fact("Anchor diversity"), "n/a (fewer than 2 backlinks)");
    }

    #[test]
    fn a_url_target_shows_its_path() {
        let mut report = report_without_links();
        report.target.path_prefix = "/blog/".to_string();
        report.summary.sources.total = 1;
        let view = View::default();
        let overview = Overview::new(&report, &view);
        assert_eq!(
            overview.no_backlinks(),
            "No backlinks to example.com/blog/ found in 1 source."
        );
    }

    #[test]
    fn a_reason_is_the_error_or_the_status_in_words() {
        let mut source = report(&results()).sources[2].clone();
        assert_eq!(reason(&source), "HTTP 404 Not Found");
        source.error = None;
        assert_eq!(reason(&source), "HTTP error (HTTP 404)");
        source.status = SourceStatus::RobotsBlocked;
        source.http_status = None;
        assert_eq!(reason(&source), "disallowed by robots.txt");
    }

    #[test]
    fn rendering_is_a_fact_and_its_note_follows_the_reason() {
        let mut report = report(&results());
        let view = View::default();
        let has_fact = |report: &AuditReport| {
            Overview::new(report, &view)
                .facts
                .iter()
                .any(|(l, _)| *l == "Rendered")
        };
        assert!(!has_fact(&report), "no page rendered: no line about it");
        report.sources[0].rendered = true;
        report.sources[1].rendered = true;
        report.links[1].rendered_only = true;
        let overview = Overview::new(&report, &view);
        let rendered = overview.facts.iter().find(|(l, _)| *l == "Rendered").unwrap();
        assert_eq!(
            rendered.1,
            "2 of 3 pages in a browser, 1 backlink only after rendering"
        );
        let mut source = report.sources[1].clone();
        source.render_note = Some("a script removes it".into());
        assert_eq!(
            reason(&source),
            "no link to the target (rendered: a script removes it)"
        );
    }
}
