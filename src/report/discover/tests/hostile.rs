//! Text from archived pages is hostile: it reaches no terminal as a control
//! character or escape sequence, breaks no Markdown table, runs no formula in
//! a spreadsheet, and a megabyte of anchor costs a table no more than a line.
//! Parquet, a data file, keeps it exactly as found.

use super::*;

/// Escape sequences (CSI, OSC with BEL, 8-bit CSI), a carriage return that
/// would overwrite the line, a bidi override that would reverse a URL.
const HOSTILE: &str = "\u{1b}[31mred\u{1b}]0;title\u{7} \u{9b}2J\r\nx\u{202e}moc.live\u{2066}";

fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn hostile_report() -> DiscoverReport {
    let mut a = link(HOSTILE, None, None);
    a.source_url = format!("https://evil.test/{HOSTILE}");
    a.target = format!("example.com{HOSTILE}");
    let mut b = link(&"long ".repeat(200_000), Some(Placement::Content), Some(true));
    b.source_url = format!("https://long.test/{}", "p".repeat(200_000));
    b.target_url = format!("https://example.com/{}", "q".repeat(200_000));
    let mut report = report(vec![a, b]);
    report.summary.targets = vec![crate::model::TargetFound {
        target: format!("example.com{HOSTILE}"),
        links: 2,
        referring_pages: 2,
        referring_domains: 2,
    }];
    report
}

fn table_at(report: &DiscoverReport, width: usize) -> String {
    let mut out = Vec::new();
    let options = RenderOptions {
        width,
        ..RenderOptions::default()
    };
    render(report, Format::Table, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_table_carries_no_control_character_and_fits_its_width() {
    for width in [40, 80, 120] {
        let out = table_at(&hostile_report(), width);
        let bad: Vec<char> = out.chars().filter(|&c| forbidden(c)).collect();
        assert!(bad.is_empty(), "{bad:?} at width {width}:\n{out}");
        for line in out.lines() {
            assert!(line.chars().count() <= width, "wider than {width}: {line:?}");
        }
        assert!(out.contains("red"), "the text around the sequences stays:\n{out}");
    }
}

#[test]
fn a_megabyte_of_anchor_and_url_is_cut_to_a_short_row() {
    let out = table_at(&hostile_report(), 100);
    assert!(out.len() < 10_000, "{} bytes of table", out.len());
    assert!(out.contains('…'), "the cut is marked:\n{out}");
}

#[test]
fn markdown_rows_stay_one_line_each_and_mention_nobody() {
    let mut report = hostile_report();
    report.links[0].anchor_text = format!("@team | ]( [x](javascript:1) <script> {HOSTILE}");
    let out = rendered(&report, Format::Markdown);
    assert!(!out.chars().any(forbidden), "{out:?}");
    let rows: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("### Links"))
        .filter(|l| l.starts_with("| example.com"))
        .collect();
    assert_eq!(rows.len(), 2, "one line per link:\n{out}");
    for row in &rows {
        // Six cells: seven pipes that are not escaped.
        let bars = row.matches('|').count() - row.matches("\\|").count();
        assert_eq!(bars, 7, "{row}");
    }
    assert!(rows[0].contains("@&#8203;team"), "{}", rows[0]);
    assert!(rows[0].contains("\\<script\\>"), "{}", rows[0]);
    assert!(rows[0].contains("\\[x\\](javascript:1)"), "{}", rows[0]);
}

#[test]
fn csv_guards_every_formula_starter_in_every_text_column() {
    for starter in ["=", "+", "-", "@", "\t", "\r"] {
        let cell = format!("{starter}cmd|' /C calc'!A0");
        let mut found = link(&cell, None, None);
        found.source_url = cell.clone();
        found.archive = cell.clone();
        let out = rendered(&report(vec![found]), Format::Csv);
        let mut reader = ::csv::Reader::from_reader(out.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        for column in ["source_url", "archive", "anchor_text"] {
            let at = COLUMNS.iter().position(|c| *c == column).unwrap();
            assert!(
                row[at].starts_with('\''),
                "{starter:?} in {column}: {:?}",
                &row[at]
            );
            assert!(row[at].ends_with("cmd|' /C calc'!A0"), "{column}: {:?}", &row[at]);
        }
    }
}

#[test]
fn csv_keeps_long_and_multi_line_anchors_whole_in_one_record() {
    let long = "word ".repeat(50_000);
    let links = vec![
        link(&long, None, None),
        link("two\nlines, \"quoted\"\r\n", None, None),
        link(HOSTILE, None, None),
    ];
    let out = rendered(&report(links), Format::Csv);
    let rows: Vec<::csv::StringRecord> = ::csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 3, "one record per link");
    let anchor = COLUMNS.iter().position(|c| *c == "anchor_text").unwrap();
    assert_eq!(&rows[0][anchor], long, "the CSV has the whole anchor");
    assert_eq!(&rows[1][anchor], "two\nlines, \"quoted\"\n", "CRLF becomes LF");
    assert_eq!(
        &rows[2][anchor], "red \nxmoc.live",
        "controls and sequences removed"
    );
}

#[test]
fn parquet_keeps_hostile_and_long_text_exactly() {
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    use ::parquet::record::RowAccessor;
    let report = hostile_report();
    let mut bytes = Vec::new();
    write_parquet(&report.links, &mut bytes).unwrap();
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let rows: Vec<_> = reader.get_row_iter(None).unwrap().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    for (row, link) in rows.iter().zip(&report.links) {
        assert_eq!(row.get_string(0).unwrap(), &link.target);
        assert_eq!(row.get_string(1).unwrap(), &link.source_url);
        assert_eq!(row.get_string(7).unwrap(), &link.target_url);
        assert_eq!(row.get_string(8).unwrap(), &link.anchor_text);
    }
}
