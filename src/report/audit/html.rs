//! The audit as an HTML page for a client or a manager: the summary as
//! cards, the pictures (link types, anchor kinds, top anchors, toxicity,
//! top referring domains), then the tables of the Markdown report, whole
//! and sortable. Page text is escaped by `report::html`.

use super::overview::{
    broken_status, broken_targets_title, reason, title_and_note, toxic_reasons, toxic_reasons_title, Overview,
};
use super::view::{Limit, View};
use crate::model::{AnchorKind, AuditReport, Link, LinkType, Summary};
use crate::report::html::{bars, columns, Bar, Cell, Page, Table};
use crate::report::text::{anchor_label, percent, plural};

/// The audit as one self-contained HTML page.
pub(super) fn render(report: &AuditReport, view: &View) -> String {
    let overview = Overview::new(report, view);
    let meta = format!(
        "Started {}, finished {}; {}.",
        report.started_at,
        report.finished_at,
        plural(report.summary.sources.total, "source")
    );
    let mut page = Page::new(&overview.title(), &meta);
    if report.partial {
        page.notice(Overview::PARTIAL);
    }
    if let Some(filtered) = overview.filtered() {
        page.notice(&filtered);
    }
    page.heading("Summary");
    page.facts(&overview.facts);
    if report.links.is_empty() {
        page.paragraph(&overview.no_backlinks());
    } else {
        page.charts(&charts(report));
        broken_targets(&mut page, &report.summary);
        if view.only.shows_links() {
            links(&mut page, &overview, view);
        }
    }
    if !overview.without_link.is_empty() {
        let title = format!(
            "No link found on {}",
            plural(overview.without_link.len(), "source")
        );
        page.heading(&title);
        let mut table = Table::new(title, &[("Source", false), ("Title", false)]);
        for source in &overview.without_link {
            table
                .rows
                .push(vec![Cell::url(&source.url), Cell::text(title_and_note(source))]);
        }
        page.table(&table);
    }
    if !overview.unchecked.is_empty() {
        let title = format!("Could not check {}", plural(overview.unchecked.len(), "source"));
        page.heading(&title);
        page.paragraph("These sources say nothing about a link either way: we could not see them.");
        let mut table = Table::new(title, &[("Source", false), ("Status", false), ("Reason", false)]);
        for source in &overview.unchecked {
            table.rows.push(vec![
                Cell::url(&source.url),
                Cell::text(source.status.as_str()),
                Cell::text(reason(source)),
            ]);
        }
        page.table(&table);
    }
    page.finish(&report.tool)
}

/// The pictures of the summary: what kinds of links and anchors, which
/// anchors, how toxic, from which domains.
fn charts(report: &AuditReport) -> Vec<String> {
    let summary = &report.summary;
    let types = &summary.link_types;
    let kinds = &summary.anchors.kinds;
    let top_anchors: Vec<Bar> = summary
        .anchors
        .top
        .iter()
        .map(|a| Bar {
            label: anchor_label(&a.text).to_string(),
            value: a.count as f64,
            shown: format!("{} ({})", a.count, percent(a.share)),
            bad: false,
        })
        .collect();
    let domains: Vec<Bar> = summary
        .top_domains
        .iter()
        .map(|d| Bar::count(&d.domain, d.links))
        .collect();
    let types: Vec<Bar> = LinkType::ALL
        .iter()
        .map(|&t| Bar::count(t.as_str(), types.get(t)))
        .collect();
    let kinds: Vec<Bar> = AnchorKind::ALL
        .iter()
        .map(|&k| Bar::count(k.as_str(), kinds.get(k)))
        .collect();
    vec![
        bars("Link types", "links", &types),
        bars("Anchor kinds", "links", &kinds),
        bars(
            "Top anchors, with their share of all backlinks",
            "links",
            &top_anchors,
        ),
        toxicity(&report.links),
        bars("Top referring domains", "links", &domains),
    ]
}

/// Links by toxicity in tens, toxic ones in the warning colour, and a line
/// where the toxic verdicts begin. The threshold is a setting the report
/// does not carry, so the line stands at the lowest score judged toxic.
fn toxicity(links: &[Link]) -> String {
    let mut buckets: Vec<Bar> = (0..10)
        .map(|i| Bar::count(format!("{}–{}", i * 10, i * 10 + 9), 0))
        .collect();
    buckets[9].label = "90–100".into();
    let mut toxic_in = vec![false; 10];
    for link in links {
        let i = usize::from(link.toxicity / 10).min(9);
        buckets[i].value += 1.0;
        toxic_in[i] |= link.toxic;
    }
    for (bucket, toxic) in buckets.iter_mut().zip(toxic_in) {
        bucket.shown = (bucket.value as usize).to_string();
        bucket.bad = toxic;
    }
    let lowest_toxic = links.iter().filter(|l| l.toxic).map(|l| l.toxicity).min();
    let label = lowest_toxic.map(|score| format!("toxic from {score}"));
    let mark = lowest_toxic
        .zip(label.as_deref())
        .map(|(score, label)| (usize::from(score / 10).min(9), label));
    columns(
        "Toxicity of the backlinks",
        ("toxicity score", "links"),
        &buckets,
        mark,
    )
}

/// The target pages that answer with an error, best redirect first, and a
/// chart of the backlinks each one wastes, when `--check-targets` found any.
fn broken_targets(page: &mut Page, summary: &Summary) {
    let Some(broken) = summary.broken_targets.as_deref().filter(|b| !b.is_empty()) else {
        return;
    };
    let title = broken_targets_title(broken.len());
    page.heading(&title);
    let wasted: Vec<Bar> = broken
        .iter()
        .take(10)
        .map(|t| Bar::count(&t.target_url, t.backlinks).bad())
        .collect();
    page.charts(&[bars("Backlinks to broken target pages", "backlinks", &wasted)]);
    let mut table = Table::new(
        title,
        &[
            ("Target page", false),
            ("Status", false),
            ("Backlinks", true),
            ("Referring domains", true),
        ],
    );
    for target in broken {
        table.rows.push(vec![
            Cell::url(&target.target_url),
            Cell::text(broken_status(target)).warn(true),
            Cell::text(target.backlinks.to_string()),
            Cell::text(target.referring_domains.to_string()),
        ]);
    }
    page.table(&table);
}

fn links(page: &mut Page, overview: &Overview<'_>, view: &View) {
    let shown = match view.limit {
        Limit::First(n) => n.min(overview.links.len()),
        Limit::Default | Limit::All => overview.links.len(),
    };
    let title = format!("Links, worst first ({})", overview.links.len());
    page.heading(&title);
    let mut table = Table::new(
        title,
        &[
            ("Toxicity", true),
            ("Source", false),
            ("Anchor", false),
            ("Target", false),
            ("Type", false),
            ("Equity", false),
            ("Flags", false),
        ],
    );
    for link in &overview.links[..shown] {
        let flags: Vec<&str> = link.flags.iter().map(|f| f.as_str()).collect();
        let toxicity = if link.toxic {
            format!("{} toxic", link.toxicity)
        } else {
            link.toxicity.to_string()
        };
        table.rows.push(vec![
            Cell::text(toxicity).warn(link.toxic),
            Cell::url(&link.source_url),
            Cell::text(anchor_label(&link.anchor_text)),
            Cell::url(&link.target_url),
            Cell::text(link.link_type.as_str()),
            Cell::text(if link.passes_equity { "yes" } else { "no" }),
            Cell::text(flags.join(", ")),
        ]);
    }
    page.table(&table);
    if let Some(more) = overview.more_links(shown) {
        page.paragraph(&more);
    }
    let toxic = toxic_reasons(&overview.links);
    if !toxic.is_empty() {
        let title = toxic_reasons_title(toxic.len());
        page.heading(&title);
        let mut table = Table::new(
            title,
            &[
                ("Toxicity", true),
                ("Anchor", false),
                ("Source", false),
                ("Risk flags", false),
            ],
        );
        for (link, risk) in toxic {
            let flags: Vec<&str> = risk.iter().map(|f| f.as_str()).collect();
            table.rows.push(vec![
                Cell::text(link.toxicity.to_string()).warn(true),
                Cell::text(anchor_label(&link.anchor_text)),
                Cell::url(&link.source_url),
                Cell::text(flags.join(", ")),
            ]);
        }
        page.table(&table);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::BrokenTarget;
    use crate::report::audit::tests::render_with;
    use crate::report::Format;
    use crate::sample::audit::{report, results};

    #[test]
    fn broken_target_pages_get_a_chart_and_a_table_when_there_are_any() {
        let mut report = report(&results());
        report.summary.broken_targets = Some(vec![BrokenTarget {
            target_url: "https://example.com/old".into(),
            http_status: Some(404),
            backlinks: 3,
            referring_domains: 2,
        }]);
        let out = render_with(Format::Html, Default::default(), &[], &report);
        assert!(
            out.contains("<h2>Broken target pages (1): redirect each to a live page</h2>"),
            "{out}"
        );
        assert!(
            out.contains("<desc>backlinks by bar. https://example.com/old: 3.</desc>"),
            "{out}"
        );
        assert!(
            out.contains(
                "<td><a href=\"https://example.com/old\" rel=\"nofollow noopener noreferrer\">https://example.com/old</a></td>\
                 <td class=\"toxic\">HTTP 404</td><td class=\"num\">3</td><td class=\"num\">2</td>"
            ),
            "{out}"
        );
        report.summary.broken_targets = Some(Vec::new());
        let out = render_with(Format::Html, Default::default(), &[], &report);
        assert!(!out.contains("Broken target pages"), "{out}");
    }
}
