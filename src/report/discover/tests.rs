use super::*;
use crate::model::{DiscoverSummary, LinkType, Placement, Tool, DISCOVER_SCHEMA_VERSION};

fn link(anchor: &str, placement: Option<Placement>, hidden: Option<bool>) -> FoundLink {
    FoundLink {
        target: "example.com".into(),
        source_url: "https://blog.test/post".into(),
        source_host: "blog.test".into(),
        source_domain: "blog.test".into(),
        captured_at: "2024-05-18T04:29:19Z".into(),
        archive: "a.warc.gz".into(),
        record_offset: 5_000_000_000,
        target_url: "https://example.com/a".into(),
        anchor_text: anchor.into(),
        rel: vec!["nofollow".into(), "ugc".into()],
        link_type: LinkType::Ugc,
        passes_equity: false,
        placement,
        hidden,
    }
}

fn report(links: Vec<FoundLink>) -> DiscoverReport {
    DiscoverReport {
        schema_version: DISCOVER_SCHEMA_VERSION,
        tool: Tool::current(),
        started_at: "2024-01-01T00:00:00Z".into(),
        finished_at: "2024-01-01T00:00:01Z".into(),
        partial: false,
        summary: DiscoverSummary::default(),
        links,
    }
}

fn rendered(report: &DiscoverReport, format: Format) -> String {
    let mut out = Vec::new();
    render(report, format, RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_has_the_fields_in_order_rel_joined_and_unknowns_empty() {
    let text = rendered(
        &report(vec![
            link("Example", Some(Placement::Footer), Some(false)),
            link("x", None, None),
        ]),
        Format::Csv,
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "target,source_url,source_host,source_domain,captured_at,archive,record_offset,target_url,anchor_text,rel,link_type,passes_equity,placement,hidden"
    );
    assert_eq!(
        lines[1],
        "example.com,https://blog.test/post,blog.test,blog.test,2024-05-18T04:29:19Z,a.warc.gz,5000000000,https://example.com/a,Example,nofollow ugc,ugc,false,footer,false"
    );
    assert!(lines[2].ends_with(",x,nofollow ugc,ugc,false,,"), "{}", lines[2]);
}

#[test]
fn csv_cells_from_pages_cannot_run_formulas_or_escape_sequences() {
    let text = rendered(
        &report(vec![link("=HYPERLINK(\"x\")\u{1b}[31m", None, None)]),
        Format::Csv,
    );
    let row = text.lines().nth(1).unwrap();
    assert!(row.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{row}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn json_lines_are_links_in_field_order_then_the_summary() {
    let text = rendered(&report(vec![link("Example", None, None)]), Format::Jsonl);
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    let mut expected = vec!["type"];
    expected.extend(COLUMNS);
    assert_eq!(keys, expected);
    assert_eq!(lines[0]["placement"], serde_json::Value::Null);
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["summary"]["skipped"]["corrupt-gzip"], 0);
}

#[test]
fn the_table_says_when_nothing_was_skipped_and_caps_the_links() {
    let many: Vec<FoundLink> = (0..table::ROWS + 3)
        .map(|n| link(&format!("a{n}"), None, None))
        .collect();
    let text = rendered(&report(many), Format::Table);
    assert!(text.contains("nothing skipped"), "{text}");
    assert!(text.contains("… and 3 more"), "{text}");
}

#[test]
fn parquet_reads_back_with_every_column_and_null() {
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    let links = vec![
        link("Example", Some(Placement::Content), Some(true)),
        link("x", None, None),
    ];
    let mut bytes = Vec::new();
    write_parquet(&links, &mut bytes).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, COLUMNS);
    let rows: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().to_string())
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains("record_offset: 5000000000"), "{}", rows[0]);
    assert!(rows[0].contains("rel: \"nofollow ugc\""), "{}", rows[0]);
    assert!(
        rows[0].contains("placement: \"content\"") && rows[0].contains("hidden: true"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("placement: null") && rows[1].contains("hidden: null"),
        "{}",
        rows[1]
    );
}

mod golden;
mod hostile;
