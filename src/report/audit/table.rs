//! The audit for a terminal: summary, top anchors, top referring domains,
//! links worst first (each with its flags in full on the line under it), then
//! every source without a backlink. Drawn with `report::table`, so it fits the
//! width it is given and every string from a page or an input passes through
//! `terminal_safe`.

mod links;

use super::overview::{self, reason, title_and_note, toxic_reasons_title, Overview};
use super::view::{Limit, View};
use crate::model::{AuditReport, BrokenTarget, Flag, Link, SourceRecord};
use crate::report::table::{
    bare_url, display_width, heading, line, paragraph, safe, section, short_url, Column, Grid, Item, Style,
};
use crate::report::text::{anchor_label, percent, plural};
use crate::report::RenderOptions;
use comfy_table::{presets, Color, Table};

/// The audit for a terminal.
pub(super) fn render(report: &AuditReport, options: RenderOptions, view: &View) -> String {
    let style = Style::new(options);
    let overview = Overview::new(report, view);
    let mut out = String::new();
    heading(&mut out, style, &overview.title());
    if report.partial {
        line(&mut out, style, Overview::PARTIAL);
    }
    if let Some(filtered) = overview.filtered() {
        paragraph(&mut out, style, &filtered);
    }
    section(&mut out, summary_table(&overview, style));
    if report.links.is_empty() {
        out.push('\n');
        line(&mut out, style, &overview.no_backlinks());
    } else {
        out.push('\n');
        heading(&mut out, style, "Top anchors");
        section(&mut out, anchors_table(&overview, style));
        out.push('\n');
        heading(&mut out, style, "Top referring domains");
        section(&mut out, domains_table(&overview, style));
        if let Some(broken) = report.summary.broken_targets.as_deref().filter(|b| !b.is_empty()) {
            out.push('\n');
            heading(&mut out, style, &overview::broken_targets_title(broken.len()));
            section(&mut out, broken_targets_table(broken, style));
        }
        if view.only.shows_links() {
            links_section(&mut out, &overview, style);
        }
    }
    if !overview.without_link.is_empty() {
        out.push('\n');
        let title = format!(
            "No link found on {}",
            plural(overview.without_link.len(), "source")
        );
        heading(&mut out, style, &title);
        section(&mut out, without_link_table(&overview.without_link, style));
    }
    if !overview.unchecked.is_empty() {
        out.push('\n');
        let title = format!("Could not check {}", plural(overview.unchecked.len(), "source"));
        heading(&mut out, style, &title);
        section(&mut out, unchecked_table(&overview.unchecked, style));
    }
    out
}

/// The links `--only` keeps, the first `--limit` of them, and the reasons of
/// the toxic ones shown.
fn links_section(out: &mut String, overview: &Overview<'_>, style: Style) {
    out.push('\n');
    heading(
        out,
        style,
        &format!("Links, worst first ({})", overview.links.len()),
    );
    if overview.links.is_empty() {
        line(
            out,
            style,
            &format!("No link meets {}.", overview.view.only.flag()),
        );
        return;
    }
    let shown = match overview.view.limit {
        Limit::First(n) => &overview.links[..n.min(overview.links.len())],
        Limit::Default | Limit::All => &overview.links[..],
    };
    out.push_str(&links::table(shown, style, &overview.report.target.host));
    if let Some(more) = overview.more_links(shown.len()) {
        paragraph(out, style, &more);
    }
    toxic_reasons(out, shown, style);
}

fn summary_table(overview: &Overview<'_>, style: Style) -> Table {
    let mut grid = Grid::new(style, &[Column::fit(""), Column::text("", 1)]);
    for (label, value) in &overview.facts {
        grid.row(vec![Item::from(*label), Item::from(value.as_str())]);
    }
    let mut table = grid.table();
    table.load_preset(presets::NOTHING);
    table
}

fn anchors_table(overview: &Overview<'_>, style: Style) -> Table {
    let columns = [
        Column::text("Anchor", 1),
        Column::fit("Links").right(),
        Column::fit("Share").right(),
    ];
    let mut grid = Grid::new(style, &columns);
    for anchor in &overview.report.summary.anchors.top {
        grid.row(vec![
            Item::from(anchor_label(&safe(&anchor.text))),
            Item::from(anchor.count.to_string()),
            Item::from(percent(anchor.share)),
        ]);
    }
    grid.table()
}

fn broken_targets_table(broken: &[BrokenTarget], style: Style) -> Table {
    let columns = [
        Column::url("Target page", 1),
        Column::fit("Status"),
        Column::fit("Backlinks").right(),
        Column::fit("Referring domains").right(),
    ];
    let mut grid = Grid::new(style, &columns);
    for target in broken {
        grid.row(vec![
            Item::from(safe(&target.target_url)),
            Item::from(overview::broken_status(target)),
            Item::from(target.backlinks.to_string()),
            Item::from(target.referring_domains.to_string()),
        ]);
    }
    grid.table()
}

fn domains_table(overview: &Overview<'_>, style: Style) -> Table {
    let columns = [
        Column::url("Referring domain", 1),
        Column::fit("Links").right(),
        Column::fit("Dofollow").right(),
    ];
    let mut grid = Grid::new(style, &columns);
    for domain in &overview.domains {
        grid.row(vec![
            Item::from(safe(domain.domain)),
            Item::from(domain.links.to_string()),
            Item::from(domain.dofollow_share()),
        ]);
    }
    grid.table()
}

/// Every toxic link with the risk flags that made it so: the links table has
/// room for a few, this list has room for all, wrapped rather than cut.
fn toxic_reasons(out: &mut String, links: &[&Link], style: Style) {
    let toxic = super::overview::toxic_reasons(links);
    if toxic.is_empty() {
        return;
    }
    out.push('\n');
    heading(out, style, &toxic_reasons_title(toxic.len()));
    for (link, risk) in toxic {
        let head = format!(
            "{:>3}  \"{}\"  {} → {}",
            link.toxicity,
            safe(&link.anchor_text),
            source_label(link),
            short_url(&link.target_url),
        );
        line(out, style, &head);
        for wrapped in wrap(&risk, style.width.saturating_sub(5)) {
            line(out, style, &format!("     {wrapped}"));
        }
    }
}

/// Flag words joined with ", " in lines of at most `width` characters; a word
/// longer than a line is cut by `line`.
fn wrap(flags: &[Flag], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in Flag::words(flags) {
        match lines.last_mut() {
            Some(current) if display_width(current) + 2 + display_width(word) <= width => {
                current.push_str(", ");
                current.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Sources are shown as the links table shows them: host and path, cut in
/// the middle.
fn without_link_table(sources: &[&SourceRecord], style: Style) -> Table {
    let mut grid = Grid::new(style, &[Column::url("Source", 3), Column::text("Title", 2)]);
    for source in sources {
        let title = safe(&title_and_note(source));
        grid.row(vec![Item::from(bare_url(&source.url)), Item::from(title)]);
    }
    grid.table()
}

fn unchecked_table(sources: &[&SourceRecord], style: Style) -> Table {
    let columns = [
        Column::url("Source", 3),
        Column::fit("Status"),
        Column::text("Reason", 2),
    ];
    let mut grid = Grid::new(style, &columns);
    for source in sources {
        grid.row(vec![
            Item::from(bare_url(&source.url)),
            Item::painted(source.status.as_str(), Color::Yellow),
            Item::from(safe(&reason(source))),
        ]);
    }
    grid.table()
}

/// Where a link was found: its URL, or for a saved page the host the page says
/// it was saved from (the file's path says little and is long).
fn source_label(link: &Link) -> String {
    if link.source_url.starts_with("file:") && !link.source_host.is_empty() {
        format!("{} (saved)", safe(&link.source_host))
    } else {
        short_url(&link.source_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::table::MIN_WIDTH;

    /// The whole audit, every link.
    fn render(report: &AuditReport, options: RenderOptions) -> String {
        super::render(report, options, &View::default())
    }
    use crate::sample::audit::{report, report_without_links, results};

    const HOSTILE: &str = "\u{1b}[31mred\u{1b}]0;title\u{7} \u{9b}2J\r\nx\u{202e}moc.live\u{2066}";

    fn plain(width: usize) -> RenderOptions {
        RenderOptions {
            width,
            color: false,
            csv_bom: false,
        }
    }

    fn hostile_report() -> AuditReport {
        let mut report = report(&results());
        report.links[0].anchor_text = HOSTILE.to_string();
        report.links[1].source_url = format!("https://a.example/{HOSTILE}");
        report.sources[1].title = Some(HOSTILE.to_string());
        report.sources[2].error = Some(HOSTILE.to_string());
        report.summary.anchors.top[0].text = HOSTILE.to_string();
        report
    }

    fn assert_fits(text: &str, width: usize) {
        for line in text.lines() {
            assert!(
                line.chars().count() <= width,
                "wider than {width}: {line:?}\n{text}"
            );
        }
    }

    #[test]
    fn every_line_fits_the_width() {
        for width in [MIN_WIDTH, 50, 60, 80, 100, 160] {
            assert_fits(&render(&report(&results()), plain(width)), width);
            assert_fits(&render(&hostile_report(), plain(width)), width);
            assert_fits(&render(&report_without_links(), plain(width)), width);
        }
    }

    #[test]
    fn a_narrower_width_gets_the_minimum() {
        assert_fits(&render(&report(&results()), plain(10)), MIN_WIDTH);
    }

    #[test]
    fn long_urls_are_cut_not_wrapped_into_tall_rows() {
        let mut report = report(&results());
        let baseline = render(&report, plain(80)).lines().count();
        report.links[0].source_url = format!("https://blog.example.org/{}", "a".repeat(500));
        let out = render(&report, plain(80));
        assert!(out.contains('…'), "{out}");
        // A row grows to two lines at the most.
        assert!(out.lines().count() <= baseline + 1, "{out}");
    }

    #[test]
    fn shows_the_summary_figures() {
        let out = render(&report(&results()), plain(100));
        for figure in [
            "Backlink audit of example.com",
            "3 (1 ok, 1 no-link, 1 http-error)",
            "Referring domains",
            "1 dofollow, 1 nofollow",
            "Passes equity",
            "1 of 2 (50.0%)",
            "Anchor diversity",
            "1.00",
            "50.0% (over-optimized)",
            "Top anchors",
            "=best garden tools",
            "Links, worst first (2)",
            "60 toxic",
            "↳ hidden-link, exact-match-anchor",
            "Top referring domains",
            "example.org",
            "1 (50.0%)",
        ] {
            assert!(out.contains(figure), "missing {figure:?} in\n{out}");
        }
        assert!(!out.contains("Partial"), "{out}");
        assert!(!out.contains("Equity"), "the type column says it: {out}");
    }

    #[test]
    fn every_toxic_link_is_listed_with_all_its_risk_flags() {
        let mut report = report(&results());
        report.links[1].flags = Flag::ALL.to_vec();
        let text = render(&report, plain(60));
        assert_fits(&text, 60);
        let reasons = text
            .split("Why 1 link is toxic")
            .nth(1)
            .expect("a reasons section");
        for flag in Flag::ALL {
            let listed = reasons.contains(flag.as_str());
            let risk = flag.kind() == crate::model::FlagKind::Risk;
            assert_eq!(listed, risk, "flag {flag}:\n{reasons}");
        }
        let clean = report_without_links();
        assert!(!render(&clean, plain(80)).contains("toxic (risk flags"));
    }

    #[test]
    fn links_come_worst_first() {
        let out = render(&report(&results()), plain(100));
        let links = &out[out.find("Links, worst first").unwrap()..];
        let toxic = links.find("60 toxic").unwrap();
        let clean = links.find("Example").unwrap();
        assert!(toxic < clean, "{out}");
    }

    #[test]
    fn lists_every_source_without_a_backlink_with_its_reason() {
        let out = render(&report(&results()), plain(100));
        assert!(out.contains("No link found on 1 source"), "{out}");
        assert!(out.contains("news.example.net/a"), "{out}");
        assert!(out.contains("Could not check 1 source"), "{out}");
        assert!(out.contains("gone.test.org/x"), "{out}");
        assert!(out.contains("http-error"), "{out}");
        assert!(out.contains("HTTP 404 Not Found"), "{out}");
    }

    #[test]
    fn an_audit_without_backlinks_says_so() {
        let out = render(&report_without_links(), plain(100));
        assert!(
            out.contains("No backlinks to example.com found in 2 sources."),
            "{out}"
        );
        assert!(!out.contains("Top anchors"), "{out}");
        assert!(out.contains("Could not check 1 source"), "{out}");
    }

    #[test]
    fn a_dofollow_link_on_a_nofollow_page_says_so_in_its_flags() {
        let mut report = report(&results());
        report.links[0].passes_equity = false;
        report.links[0].flags = vec![Flag::PageNofollow];
        let out = render(&report, plain(160));
        let row = out.lines().position(|l| l.contains("Example ")).unwrap();
        let flags = out.lines().nth(row + 1).unwrap();
        assert!(flags.contains("↳ page-nofollow"), "{out}");
    }

    #[test]
    fn a_partial_audit_says_so() {
        let mut report = report(&results());
        report.partial = true;
        assert!(render(&report, plain(100)).contains(Overview::PARTIAL));
    }

    #[test]
    fn page_text_never_reaches_the_terminal_as_controls() {
        let out = render(&hostile_report(), plain(100));
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{bad:?} in\n{out}");
        assert!(out.contains("red"), "{out}");
    }

    #[test]
    fn colour_output_carries_only_our_own_colour_sequences() {
        let out = render(
            &hostile_report(),
            RenderOptions {
                width: 100,
                color: true,
                csv_bom: false,
            },
        );
        assert!(out.contains('\u{1b}'), "colour expected:\n{out}");
        // Every escape is a Select Graphic Rendition: ESC [ digits and ; then m.
        for (at, _) in out.match_indices('\u{1b}') {
            let rest = &out[at + 1..];
            let sgr = rest
                .strip_prefix('[')
                .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';'));
            assert!(
                matches!(sgr, Some(r) if r.starts_with('m')),
                "not SGR at {at}: {:?}",
                &rest[..rest.len().min(12)]
            );
        }
        assert!(!out.contains("\u{1b}[31mred"), "{out}");
    }

    #[test]
    fn no_colour_means_no_escape_at_all() {
        let out = render(&report(&results()), plain(100));
        assert!(!out.contains('\u{1b}'), "{out}");
    }
}
