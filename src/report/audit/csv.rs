//! CSV for spreadsheets: one row per link, and one row per source without a
//! backlink (link columns empty), in input order, so nothing drops out.
//!
//! No byte order mark: scripts and most tools read UTF-8 without one, and a
//! BOM breaks the first column's name for them. Excel needs Data > From
//! Text/CSV (UTF-8) to show non-ASCII text right.

use super::links_by_source;
use crate::model::{AuditReport, Flag, Link, SourceRecord};
use crate::report::csv::{bool_word, formula_safe, write_record};
use std::borrow::Cow;
use std::io::{self, Write};

const HEADER: [&str; 15] = [
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
];

/// Writes the audit as CSV and flushes the CSV layer.
pub(super) fn write(report: &AuditReport, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    write_record(&mut csv, &HEADER)?;
    let (by_source, left_over) = links_by_source(report);
    for (source, own) in by_source {
        if own.is_empty() {
            write_record(&mut csv, &row(Some(source), None))?;
        }
        for link in own {
            write_record(&mut csv, &row(Some(source), Some(link)))?;
        }
    }
    // Should the counts not add up, no link is lost: the rest come last,
    // without a source status.
    for link in left_over {
        write_record(&mut csv, &row(None, Some(link)))?;
    }
    csv.flush()
}

/// The cells of one row: a source with one of its links, or alone (or, should
/// counts not add up, a link alone). `source_url` is the source's URL, as
/// given to the audit.
fn row<'a>(source: Option<&'a SourceRecord>, link: Option<&'a Link>) -> [Cow<'a, str>; 15] {
    let mut row: [Cow<'a, str>; 15] = Default::default();
    if let Some(source) = source {
        row[0] = Cow::Borrowed(&source.url);
        row[1] = Cow::Borrowed(source.status.as_str());
        row[2] = source
            .http_status
            .map(|code| code.to_string())
            .unwrap_or_default()
            .into();
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
    }
    row.map(formula_safe)
}

#[cfg(test)]
mod tests {
    use crate::report::audit::tests::{render, render_with};
    use crate::report::{Format, RenderOptions};
    use crate::sample::audit::{report, results};

    const EXPECTED: &str = "source_url,source_status,http_status,target_url,anchor_text,anchor_kind,\
        link_type,rel,passes_equity,placement,hidden,toxicity,toxic,flags,weak\n\
        https://blog.example.org/post/1,ok,200,https://example.com/,Example,branded,\
        dofollow,,true,content,false,0,false,,false\n\
        https://blog.example.org/post/1,ok,200,https://example.com/shop?a=1|2,\
        '=best garden tools,exact,nofollow,nofollow noopener,false,footer,true,\
        60,true,hidden-link exact-match-anchor,false\n\
        https://news.example.net/a,no-link,200,,,,,,,,,,,,\n\
        https://gone.test.org/x,http-error,404,,,,,,,,,,,,\n";

    #[test]
    fn writes_a_row_per_link_and_per_source_without_one() {
        assert_eq!(render(Format::Csv), EXPECTED);
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let mut report = report(&results());
        report.links[0].anchor_text = "Tools, \"the best\"\nfor you".to_string();
        let options = RenderOptions {
            width: 80,
            color: false,
        };
        let out = render_with(Format::Csv, options, &[], &report);
        assert!(
            out.contains(",\"Tools, \"\"the best\"\"\nfor you\",branded,"),
            "{out}"
        );
    }

    #[test]
    fn links_beyond_the_sources_counts_are_still_written() {
        let mut report = report(&results());
        report.sources[0].links = 1;
        let options = RenderOptions {
            width: 80,
            color: false,
        };
        let out = render_with(Format::Csv, options, &[], &report);
        assert_eq!(out.lines().count(), 1 + 4, "{out}");
        assert!(out.ends_with("\nhttps://blog.example.org/post/1,,,https://example.com/shop?a=1|2,'=best garden tools,exact,nofollow,nofollow noopener,false,footer,true,60,true,hidden-link exact-match-anchor,false\n"), "{out}");
    }

    #[test]
    fn source_url_is_the_source_as_audited() {
        let mut report = report(&results());
        report.links[0].source_url = "https://blog.example.org/final".to_string();
        let options = RenderOptions {
            width: 80,
            color: false,
        };
        let out = render_with(Format::Csv, options, &[], &report);
        assert!(!out.contains("/final"), "{out}");
    }

    #[test]
    fn an_invalid_entry_as_source_url_is_guarded_too() {
        let mut report = report(&results());
        report.sources[2].url = "=HYPERLINK(\"http://evil\")".to_string();
        let options = RenderOptions {
            width: 80,
            color: false,
        };
        let out = render_with(Format::Csv, options, &[], &report);
        assert!(
            out.contains("\"'=HYPERLINK(\"\"http://evil\"\")\",http-error"),
            "{out}"
        );
    }
}
