//! `discover`'s CSV and Parquet files as `--sources`, as `discover -o`
//! writes them: the `source_url` column read, the other columns (URLs among
//! them) ignored, a page named on several rows listed once.

use super::*;
use crate::model::{DiscoverReport, DiscoverSummary, FoundLink, LinkType, Tool};
use crate::report::discover::{render, write_parquet};
use crate::report::{Format, RenderOptions};
use ::parquet::data_type::{ByteArray, ByteArrayType};
use ::parquet::file::writer::SerializedFileWriter;
use ::parquet::schema::parser::parse_message_type;
use std::sync::Arc;

/// A link from `source` whose every other text column holds a URL too, so
/// only the column's name can tell the source apart.
fn found(source: &str) -> FoundLink {
    FoundLink {
        target: "https://decoy-target.test/".into(),
        source_url: source.into(),
        source_host: "decoy-host.test".into(),
        source_domain: "decoy-domain.test".into(),
        captured_at: "2024-05-18T04:29:19Z".into(),
        archive: "https://data.commoncrawl.org/crawl-data/x.warc.gz".into(),
        record_offset: 42,
        target_url: "https://example.com/page".into(),
        anchor_text: "https://decoy-anchor.test/".into(),
        rel: vec![],
        link_type: LinkType::Dofollow,
        passes_equity: true,
        placement: None,
        hidden: None,
    }
}

const SOURCES: [&str; 4] = [
    "https://a.test/post",
    "https://b.test/page",
    "https://a.test/post",
    "https://a.test/post#comments",
];

fn links() -> Vec<FoundLink> {
    SOURCES.iter().map(|s| found(s)).collect()
}

fn discover_csv(bom: bool) -> Vec<u8> {
    let report = DiscoverReport {
        schema_version: 1,
        tool: Tool::current(),
        started_at: "2024-01-01T00:00:00Z".into(),
        finished_at: "2024-01-01T00:00:01Z".into(),
        partial: false,
        summary: DiscoverSummary::default(),
        links: links(),
    };
    let options = RenderOptions {
        csv_bom: bom,
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    render(&report, Format::Csv, options, &mut out).unwrap();
    out
}

fn load_one(name: &str, bytes: &[u8]) -> Result<Vec<SourceEntry>, SourcesError> {
    let dir = dir_with(&[(name, bytes)]);
    load(&[], &args(&[&path_in(&dir, name)]), &mut "".as_bytes())
}

/// The two pages, once each, at the line (row) that first named them.
fn expected() -> Vec<(usize, String)> {
    vec![
        (2, "https://a.test/post".to_string()),
        (3, "https://b.test/page".to_string()),
    ]
}

fn lines_and_urls(entries: &[SourceEntry]) -> Vec<(usize, String)> {
    entries
        .iter()
        .map(|e| match (&e.origin, &e.location) {
            (Origin::File { line, .. }, Ok(location)) => (*line, location.url().to_string()),
            other => panic!("not a usable entry from a file: {other:?}"),
        })
        .collect()
}

#[test]
fn discover_csv_gives_its_source_urls_once_each() {
    for bom in [false, true] {
        let entries = load_one("found.csv", &discover_csv(bom)).unwrap();
        assert_eq!(lines_and_urls(&entries), expected(), "bom: {bom}");
    }
}

#[test]
fn discover_parquet_gives_its_source_urls_once_each_whatever_its_name() {
    let mut bytes = Vec::new();
    write_parquet(&links(), &mut bytes).unwrap();
    for name in ["found.parquet", "found.txt", "part-00000"] {
        let entries = load_one(name, &bytes).unwrap();
        // Row numbers from 1: the first data row is row 1, not line 2.
        let rows: Vec<(usize, String)> = expected().into_iter().map(|(n, u)| (n - 1, u)).collect();
        assert_eq!(lines_and_urls(&entries), rows, "{name}");
    }
}

/// A Parquet file of one optional text column named `column`.
fn one_column_parquet(column: &str, values: &[Option<&str>]) -> Vec<u8> {
    let schema =
        parse_message_type(&format!("message m {{ OPTIONAL BYTE_ARRAY {column} (UTF8); }}")).unwrap();
    let mut bytes = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut bytes, Arc::new(schema), Default::default()).unwrap();
    let mut group = writer.next_row_group().unwrap();
    let mut writer_column = group.next_column().unwrap().unwrap();
    let present: Vec<ByteArray> = values.iter().flatten().map(|v| ByteArray::from(*v)).collect();
    let levels: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
    writer_column
        .typed::<ByteArrayType>()
        .write_batch(&present, Some(&levels), None)
        .unwrap();
    writer_column.close().unwrap();
    group.close().unwrap();
    writer.close().unwrap();
    bytes
}

#[test]
fn a_parquet_file_without_source_url_is_refused_by_name() {
    let bytes = one_column_parquet("url", &[Some("https://a.test/")]);
    match load_one("other.parquet", &bytes) {
        Err(error @ SourcesError::Refused { .. }) => {
            let message = error.to_string();
            assert!(message.contains("other.parquet"), "{message}");
            assert!(message.contains("without a `source_url` column"), "{message}");
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_null_source_url_is_an_invalid_entry_naming_its_row() {
    let bytes = one_column_parquet("source_url", &[Some("https://a.test/"), None, Some("b.test/x")]);
    let entries = load_one("nulls.parquet", &bytes).unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(urls(&entries[..1]), ["https://a.test/"]);
    let reason = entries[1].location.as_ref().unwrap_err();
    assert!(
        reason.ends_with("nulls.parquet:2: an empty source_url"),
        "{reason}"
    );
    assert_eq!(urls(&entries[2..]), ["https://b.test/x"]);
}
