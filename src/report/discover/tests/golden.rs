//! Whole documents written out by hand from docs/discover-output.md and the
//! summary's wording, not copied from output: a change of shape, order or
//! wording fails here first.

use super::*;
use crate::model::{SkipReason, TargetFound};

/// Two archives given, one read; two links to the target, none to the rival;
/// the second link as a WAT record gives it (no placement, no hidden, no rel).
fn scan() -> DiscoverReport {
    let mut first = link("Garden | *tools*", Some(Placement::Footer), Some(false));
    first.record_offset = 5_000_000_000;
    let mut second = link("", None, None);
    second.archive = "https://data.commoncrawl.org/crawl-data/x.warc.wat.gz".into();
    second.record_offset = 0;
    second.rel = vec![];
    second.link_type = LinkType::Dofollow;
    second.passes_equity = true;
    let mut report = report(vec![first, second]);
    let summary = &mut report.summary;
    summary.archives = 2;
    summary.archives_read = 1;
    summary.records = 10;
    summary.pages_scanned = 4;
    summary.html_bytes = 1_300_000;
    summary.skipped.add(SkipReason::NotACapture, 5);
    summary.skipped.add(SkipReason::CorruptGzip, 1);
    summary.skipped.add(SkipReason::ArchiveUnreadable, 1);
    summary.targets = vec![
        TargetFound {
            target: "example.com".into(),
            links: 2,
            referring_pages: 1,
            referring_domains: 1,
        },
        TargetFound {
            target: "rival.org".into(),
            ..TargetFound::default()
        },
    ];
    report
}

#[test]
fn csv_is_a_header_and_a_row_per_link() {
    let expected = "\
target,source_url,source_host,source_domain,captured_at,archive,record_offset,target_url,anchor_text,rel,link_type,passes_equity,placement,hidden
example.com,https://blog.test/post,blog.test,blog.test,2024-05-18T04:29:19Z,a.warc.gz,5000000000,https://example.com/a,Garden | *tools*,nofollow ugc,ugc,false,footer,false
example.com,https://blog.test/post,blog.test,blog.test,2024-05-18T04:29:19Z,https://data.commoncrawl.org/crawl-data/x.warc.wat.gz,0,https://example.com/a,,,dofollow,true,,
";
    assert_eq!(rendered(&scan(), Format::Csv), expected);
}

#[test]
fn csv_starts_with_a_byte_order_mark_only_when_asked() {
    let mut out = Vec::new();
    let options = RenderOptions {
        csv_bom: true,
        ..RenderOptions::default()
    };
    render(&scan(), Format::Csv, options, &mut out).unwrap();
    assert!(out.starts_with("\u{feff}target,source_url,".as_bytes()));
    assert!(rendered(&scan(), Format::Csv).starts_with("target,"));
}

#[test]
fn markdown_lists_the_summary_then_the_targets_then_the_links() {
    let expected = "\
## Links found in web archives

- **Archives**: 2 (1 read to the end)
- **Records**: 10
- **Pages scanned**: 4 (1.3 MB of HTML)
- **Skipped**: 5 not-a-capture, 1 corrupt-gzip, 1 archive-unreadable

### Targets

| Target | Links | Referring pages | Referring domains |
| --- | ---: | ---: | ---: |
| example.com | 2 | 1 | 1 |
| rival.org | 0 | 0 | 0 |

### Links (2)

| Target | Source | Anchor | Links to | Type | Captured |
| --- | --- | --- | --- | --- | --- |
| example.com | <https://blog.test/post> | Garden \\| \\*tools\\* | <https://example.com/a> | ugc | 2024-05-18T04:29:19Z |
| example.com | <https://blog.test/post> | *(no text)* | <https://example.com/a> | dofollow | 2024-05-18T04:29:19Z |
";
    assert_eq!(rendered(&scan(), Format::Markdown), expected);
}

#[test]
fn markdown_of_a_partial_scan_without_links_says_both() {
    let mut report = scan();
    report.partial = true;
    report.links.clear();
    let out = rendered(&report, Format::Markdown);
    assert!(
        out.contains("- **Partial**: interrupted: what was read before the interrupt\n"),
        "{out}"
    );
    assert!(
        out.ends_with("\nNo link to the targets in what was read.\n"),
        "{out}"
    );
    assert!(!out.contains("### Links"), "{out}");
}

#[test]
fn json_is_the_whole_report_in_model_order() {
    let expected = serde_json::json!({
        "schema_version": 1,
        "tool": {"name": "backlinks", "version": env!("CARGO_PKG_VERSION")},
        "started_at": "2024-01-01T00:00:00Z",
        "finished_at": "2024-01-01T00:00:01Z",
        "partial": false,
        "summary": {
            "archives": 2,
            "archives_read": 1,
            "records": 10,
            "pages_scanned": 4,
            "html_bytes": 1_300_000,
            "skipped": {
                "not-a-capture": 5,
                "not-ok": 0,
                "not-html": 0,
                "undecodable": 0,
                "bad-record": 0,
                "truncated-record": 0,
                "corrupt-gzip": 1,
                "parse-timeout": 0,
                "archive-unreadable": 1
            },
            "targets": [
                {"target": "example.com", "links": 2, "referring_pages": 1, "referring_domains": 1},
                {"target": "rival.org", "links": 0, "referring_pages": 0, "referring_domains": 0}
            ]
        },
        "links": [
            {
                "target": "example.com",
                "source_url": "https://blog.test/post",
                "source_host": "blog.test",
                "source_domain": "blog.test",
                "captured_at": "2024-05-18T04:29:19Z",
                "archive": "a.warc.gz",
                "record_offset": 5_000_000_000_u64,
                "target_url": "https://example.com/a",
                "anchor_text": "Garden | *tools*",
                "rel": ["nofollow", "ugc"],
                "link_type": "ugc",
                "passes_equity": false,
                "placement": "footer",
                "hidden": false
            },
            {
                "target": "example.com",
                "source_url": "https://blog.test/post",
                "source_host": "blog.test",
                "source_domain": "blog.test",
                "captured_at": "2024-05-18T04:29:19Z",
                "archive": "https://data.commoncrawl.org/crawl-data/x.warc.wat.gz",
                "record_offset": 0,
                "target_url": "https://example.com/a",
                "anchor_text": "",
                "rel": [],
                "link_type": "dofollow",
                "passes_equity": true,
                "placement": null,
                "hidden": null
            }
        ]
    });
    // serde_json keeps the literal's key order (`preserve_order`), so the
    // text comparison pins the order as well as the values.
    let expected = format!("{}\n", serde_json::to_string_pretty(&expected).unwrap());
    let out = rendered(&scan(), Format::Json);
    assert_eq!(out, expected);
    let back: DiscoverReport = serde_json::from_str(&out).unwrap();
    assert_eq!(back, scan(), "the JSON reads back into the same report");
}

#[test]
fn json_lines_end_with_the_summary_line() {
    let out = rendered(&scan(), Format::Jsonl);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[1].starts_with(r#"{"type":"link","target":"example.com","#),
        "{out}"
    );
    assert!(
        lines[1].ends_with(
            r#""rel":[],"link_type":"dofollow","passes_equity":true,"placement":null,"hidden":null}"#
        ),
        "{out}"
    );
    let expected_summary = format!(
        "{{\"type\":\"summary\",\"schema_version\":1,\"tool\":{{\"name\":\"backlinks\",\"version\":\"{}\"}},\
         \"started_at\":\"2024-01-01T00:00:00Z\",\"finished_at\":\"2024-01-01T00:00:01Z\",\"partial\":false,\
         \"summary\":{{\"archives\":2,\"archives_read\":1,\"records\":10,\"pages_scanned\":4,\"html_bytes\":1300000,\
         \"skipped\":{{\"not-a-capture\":5,\"not-ok\":0,\"not-html\":0,\"undecodable\":0,\"bad-record\":0,\
         \"truncated-record\":0,\"corrupt-gzip\":1,\"parse-timeout\":0,\"archive-unreadable\":1}},\
         \"targets\":[{{\"target\":\"example.com\",\"links\":2,\"referring_pages\":1,\"referring_domains\":1}},\
         {{\"target\":\"rival.org\",\"links\":0,\"referring_pages\":0,\"referring_domains\":0}}]}}}}",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(lines[2], expected_summary);
}

#[test]
fn the_table_lists_only_the_reasons_that_skipped_something_in_report_order() {
    let out = rendered(&scan(), Format::Table);
    let skipped = out
        .lines()
        .find(|l| l.contains("Skipped"))
        .expect("a Skipped line");
    assert_eq!(
        skipped.split_whitespace().collect::<Vec<_>>().join(" "),
        "Skipped 5 not-a-capture, 1 corrupt-gzip, 1 archive-unreadable"
    );
    for (label, value) in [
        ("Archives", "2 (1 read to the end)"),
        ("Records", "10"),
        ("Pages scanned", "4 (1.3 MB of HTML)"),
    ] {
        let line = out.lines().find(|l| l.contains(label)).expect(label);
        assert!(line.trim_end().ends_with(value), "{label}: {line}");
    }
    let summary_end = out.find("Skipped").unwrap();
    let targets = out.find("rival.org").expect("every target, links or not");
    let links = out.find("Links (2)").expect("the links heading");
    assert!(
        summary_end < targets && targets < links,
        "summary, targets, links:\n{out}"
    );
}

#[test]
fn parquet_record_offset_is_an_unsigned_64_bit_integer() {
    use ::parquet::basic::{ConvertedType, LogicalType, Type as PhysicalType};
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    use ::parquet::record::Field;
    let mut far = link("x", None, None);
    far.record_offset = u64::MAX;
    let mut bytes = Vec::new();
    write_parquet(&[far], &mut bytes).unwrap();
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let column = schema.column(6);
    assert_eq!(column.name(), "record_offset");
    assert_eq!(column.physical_type(), PhysicalType::INT64);
    assert_eq!(column.converted_type(), ConvertedType::UINT_64);
    assert!(
        matches!(column.logical_type_ref(), Some(LogicalType::Integer(int)) if int.bit_width == 64 && !int.is_signed),
        "{:?}",
        column.logical_type_ref()
    );
    let row = reader.get_row_iter(None).unwrap().next().unwrap().unwrap();
    let offset = row.get_column_iter().nth(6).map(|(_, field)| field.clone());
    assert_eq!(offset, Some(Field::ULong(u64::MAX)), "read back unsigned");
}
