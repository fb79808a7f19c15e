//! CSV for spreadsheets: one row per link, and one row per source without a
//! backlink (link columns empty), in input order, so nothing drops out (unless
//! `--only` asks for less). The source's `error`, `final_url` and `title` end
//! every row, so a spreadsheet tells a time-out from a DNS failure.
//!
//! No byte order mark unless `--csv-bom`: scripts and most tools read UTF-8
//! without one, and a BOM breaks the first column's name for them. Excel needs
//! one (or Data > From Text/CSV, UTF-8) to show non-ASCII text right.

use super::{links_by_source, Filter};
use crate::model::{AuditReport, Flag, Link, SourceRecord};
use crate::report::csv::{bool_word, safe_cell, start, write_record};
use std::borrow::Cow;
use std::io::{self, Write};

const COLUMNS: usize = 24;

const HEADER: [&str; COLUMNS] = [
    "source_url",
    "source_status",
    "http_status",
    "target_url",
    "anchor_text",
    "anchor_kind",
    "link_type",
    "rel",
    "passes_equity",
    "placement",
    "hidden",
    "toxicity",
    "toxic",
    "flags",
    "weak",
    "error",
    "final_url",
    "title",
    "target_status",
    "target_final_url",
    "target_http_status",
    "rendered",
    "rendered_only",
    "render_note",
];

/// Writes the rows `only` keeps as CSV and flushes the CSV layer.
pub(super) fn write(report: &AuditReport, only: &Filter, bom: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = start(out, bom)?;
    write_record(&mut csv, &HEADER)?;
    let (by_source, left_over) = links_by_source(report);
    for (source, own) in by_source {
        if !only.keeps_source(source) {
            continue;
        }
        if own.is_empty() {
            write_record(&mut csv, &row(Some(source), None))?;
        }
        for link in own.iter().filter(|l| only.keeps_link(l)) {
            write_record(&mut csv, &row(Some(source), Some(link)))?;
        }
    }
    // Should the counts not add up, no link is lost: the rest come last,
    // without a source status.
    for link in left_over.iter().filter(|l| only.keeps_link(l)) {
        write_record(&mut csv, &row(None, Some(link)))?;
    }
    csv.flush()
}

/// The cells of one row: a source with one of its links, or alone (or, should
/// counts not add up, a link alone). `source_url` is the source's URL, as
/// given to the audit.
fn row<'a>(source: Option<&'a SourceRecord>, link: Option<&'a Link>) -> [Cow<'a, str>; COLUMNS] {
    let mut row: [Cow<'a, str>; COLUMNS] = Default::default();
    if let Some(source) = source {
        row[0] = Cow::Borrowed(&source.url);
        row[1] = Cow::Borrowed(source.status.as_str());
        row[2] = source
            .http_status
            .map(|code| code.to_string())
            .unwrap_or_default()
            .into();
        row[15] = Cow::Borrowed(source.error.as_deref().unwrap_or_default());
        row[16] = Cow::Borrowed(source.final_url.as_deref().unwrap_or_default());
        row[17] = Cow::Borrowed(source.title.as_deref().unwrap_or_default());
        row[21] = Cow::Borrowed(bool_word(source.rendered));
        row[23] = Cow::Borrowed(source.render_note.as_deref().unwrap_or_default());
    }
    if let Some(link) = link {
        if source.is_none() {
            row[0] = Cow::Borrowed(&link.source_url);
        }
        row[3] = Cow::Borrowed(&link.target_url);
        row[4] = Cow::Borrowed(&link.anchor_text);
        row[5] = Cow::Borrowed(link.anchor_kind.as_str());
        row[6] = Cow::Borrowed(link.link_type.as_str());
        row[7] = Cow::Owned(link.rel.join(" "));
        row[8] = Cow::Borrowed(bool_word(link.passes_equity));
        row[9] = Cow::Borrowed(link.placement.as_str());
        row[10] = Cow::Borrowed(bool_word(link.hidden));
        row[11] = Cow::Owned(link.toxicity.to_string());
        row[12] = Cow::Borrowed(bool_word(link.toxic));
        row[13] = Cow::Owned(Flag::words(&link.flags).join(" "));
        row[14] = Cow::Borrowed(bool_word(link.weak));
        row[18] = Cow::Borrowed(link.target_status.map(|s| s.as_str()).unwrap_or_default());
        row[19] = Cow::Borrowed(link.target_final_url.as_deref().unwrap_or_default());
        row[20] = link
            .target_http_status
            .map(|code| code.to_string())
            .unwrap_or_default()
            .into();
        row[22] = Cow::Borrowed(bool_word(link.rendered_only));
    }
    row.map(safe_cell)
}

#[cfg(test)]
mod tests {
    use crate::model::{TargetCheck, TargetStatus};
    use crate::report::audit::tests::{render, render_view, render_with};
    use crate::report::audit::{Filter, Only, View};
    use crate::report::{Format, RenderOptions};
    use crate::sample::audit::{report, results};

    const EXPECTED: &str = "source_url,source_status,http_status,target_url,anchor_text,anchor_kind,\
        link_type,rel,passes_equity,placement,hidden,toxicity,toxic,flags,weak,error,final_url,title,\
        target_status,target_final_url,target_http_status,rendered,rendered_only,render_note\n\
        https://blog.example.org/post/1,ok,200,https://example.com/,Example,branded,\
        dofollow,,true,content,false,0,false,,false,,https://blog.example.org/post/1,\
        \"Garden, tools & \"\"more\"\"\",,,,false,false,\n\
        https://blog.example.org/post/1,ok,200,https://example.com/shop?a=1|2,\
        '=best garden tools,exact,nofollow,nofollow noopener,false,footer,true,\
        60,true,hidden-link exact-match-anchor,false,,https://blog.example.org/post/1,\
        \"Garden, tools & \"\"more\"\"\",,,,false,false,\n\
        https://news.example.net/a,no-link,200,,,,,,,,,,,,,,https://news.example.net/a,,,,,false,,\n\
        https://gone.test.org/x,http-error,404,,,,,,,,,,,,,HTTP 404 Not Found,https://gone.test.org/x,,,,,false,,\n";

    #[test]
    fn writes_a_row_per_link_and_per_source_without_one() {
        assert_eq!(render(Format::Csv), EXPECTED);
    }

    #[test]
    fn checked_targets_end_each_link_row() {
        let mut report = report(&results());
        report.links[0].set_target_check(&TargetCheck {
            status: TargetStatus::Redirect,
            final_url: Some("https://example.com/home".into()),
            http_status: Some(200),
        });
        report.links[1].set_target_check(&TargetCheck {
            status: TargetStatus::Broken,
            final_url: None,
            http_status: Some(404),
        });
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        let rows: Vec<&str> = out.lines().collect();
        assert!(
            rows[1].ends_with(",redirect,https://example.com/home,200,false,false,"),
            "{}",
            rows[1]
        );
        assert!(rows[2].ends_with(",broken,,404,false,false,"), "{}", rows[2]);
        assert!(
            rows[3].ends_with(",,,,false,,"),
            "a source without a link has no target: {}",
            rows[3]
        );
    }

    #[test]
    fn rendering_ends_each_row_and_its_note_is_guarded() {
        let mut report = report(&results());
        report.sources[0].rendered = true;
        report.links[1].rendered_only = true;
        report.sources[2].rendered = true;
        report.sources[2].render_note = Some("-2 links a script removes".into());
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        let rows: Vec<&str> = out.lines().collect();
        assert!(rows[1].ends_with(",true,false,"), "{}", rows[1]);
        assert!(rows[2].ends_with(",true,true,"), "{}", rows[2]);
        assert!(
            rows[4].ends_with(",true,,'-2 links a script removes"),
            "{}",
            rows[4]
        );
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let mut report = report(&results());
        report.links[0].anchor_text = "Tools, \"the best\"\nfor you".to_string();
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        assert!(
            out.contains(",\"Tools, \"\"the best\"\"\nfor you\",branded,"),
            "{out}"
        );
    }

    #[test]
    fn links_beyond_the_sources_counts_are_still_written() {
        let mut report = report(&results());
        report.sources[0].links = 1;
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        assert_eq!(out.lines().count(), 1 + 4, "{out}");
        assert!(out.ends_with("\nhttps://blog.example.org/post/1,,,https://example.com/shop?a=1|2,'=best garden tools,exact,nofollow,nofollow noopener,false,footer,true,60,true,hidden-link exact-match-anchor,false,,,,,,,,false,\n"), "{out}");
    }

    #[test]
    fn source_url_is_the_source_as_audited() {
        let mut report = report(&results());
        report.links[0].source_url = "https://blog.example.org/final".to_string();
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        assert!(!out.contains("/final"), "{out}");
    }

    #[test]
    fn error_final_url_and_title_are_guarded_too() {
        let mut report = report(&results());
        report.sources[2].error = Some("-1 attempts".to_string());
        report.sources[0].title = Some("=SUM(A1)".to_string());
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        assert!(out.contains(",'-1 attempts,"), "{out}");
        assert!(out.contains(",'=SUM(A1),,,,false,false,\n"), "{out}");
    }

    #[test]
    fn a_bom_starts_the_report_only_when_asked() {
        let report = report(&results());
        let with = RenderOptions {
            csv_bom: true,
            ..RenderOptions::default()
        };
        let out = render_with(Format::Csv, with, &[], &report);
        assert!(out.starts_with("\u{feff}source_url,"), "{out}");
        assert_eq!(out.matches('\u{feff}').count(), 1);
        assert!(render(Format::Csv).starts_with("source_url,"));
    }

    #[test]
    fn only_the_rows_kept_are_written() {
        let report = report(&results());
        let view = |only: &[Only]| View {
            only: Filter::new(only).unwrap(),
            ..View::default()
        };
        let rows = |only: &[Only]| {
            render_view(Format::Csv, RenderOptions::default(), view(only), &[], &report)
                .lines()
                .skip(1)
                .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(&[Only::Toxic]), ["https://blog.example.org/post/1,ok"]);
        assert_eq!(
            rows(&[Only::Missing]),
            [
                "https://news.example.net/a,no-link",
                "https://gone.test.org/x,http-error"
            ]
        );
        assert_eq!(rows(&[Only::Unchecked]), ["https://gone.test.org/x,http-error"]);
    }

    #[test]
    fn an_invalid_entry_as_source_url_is_guarded_too() {
        let mut report = report(&results());
        report.sources[2].url = "=HYPERLINK(\"http://evil\")".to_string();
        let out = render_with(Format::Csv, RenderOptions::default(), &[], &report);
        assert!(
            out.contains("\"'=HYPERLINK(\"\"http://evil\"\")\",http-error"),
            "{out}"
        );
    }
}
