//! The links as a Parquet file: one row per link, the CSV's columns with
//! their types (docs/discover-output.md), Snappy-compressed, one row group
//! per [`ROWS_PER_GROUP`] links. Written with arrow-rs's `parquet` crate on
//! its own (no Arrow), so Spark, pandas, DuckDB and `audit --sources` read it.

use super::rel_text;
use crate::model::FoundLink;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::{self, Write};
use std::sync::Arc;

/// The schema, in Parquet's message syntax. `rel` is a string of its tokens
/// joined by spaces, as in the CSV: one plain column every reader takes,
/// rather than a nested list some readers flatten differently.
pub const PARQUET_SCHEMA: &str = "message found_link {
    REQUIRED BYTE_ARRAY target (UTF8);
    REQUIRED BYTE_ARRAY source_url (UTF8);
    REQUIRED BYTE_ARRAY source_host (UTF8);
    REQUIRED BYTE_ARRAY source_domain (UTF8);
    REQUIRED BYTE_ARRAY captured_at (UTF8);
    REQUIRED BYTE_ARRAY archive (UTF8);
    REQUIRED INT64 record_offset (INTEGER(64, false));
    REQUIRED BYTE_ARRAY target_url (UTF8);
    REQUIRED BYTE_ARRAY anchor_text (UTF8);
    REQUIRED BYTE_ARRAY rel (UTF8);
    REQUIRED BYTE_ARRAY link_type (UTF8);
    REQUIRED BOOLEAN passes_equity;
    OPTIONAL BYTE_ARRAY placement (UTF8);
    OPTIONAL BOOLEAN hidden;
}";

/// Links per row group: a few MB, so a reader's memory stays small.
const ROWS_PER_GROUP: usize = 100_000;

/// Writes `links` to `out` (a report file's temporary) as one Parquet file.
pub fn write_parquet(links: &[FoundLink], out: &mut (dyn Write + Send)) -> io::Result<()> {
    write_groups(links, out).map_err(|e| match e {
        ParquetError::External(e) => io::Error::other(e),
        other => io::Error::other(other.to_string()),
    })
}

fn write_groups(links: &[FoundLink], out: &mut (dyn Write + Send)) -> Result<(), ParquetError> {
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA)?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("backlinks {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, properties)?;
    for group in links.chunks(ROWS_PER_GROUP) {
        let mut row_group = writer.next_row_group()?;
        let mut index = 0;
        while let Some(mut column) = row_group.next_column()? {
            write_column(index, group, &mut column)?;
            column.close()?;
            index += 1;
        }
        row_group.close()?;
    }
    writer.close()?;
    Ok(())
}

fn write_column(
    index: usize,
    links: &[FoundLink],
    column: &mut parquet::file::writer::SerializedColumnWriter<'_>,
) -> Result<(), ParquetError> {
    let text = |f: fn(&FoundLink) -> String| -> Vec<ByteArray> {
        links.iter().map(|l| ByteArray::from(f(l).into_bytes())).collect()
    };
    match index {
        0..=5 | 7..=10 => {
            let values = match index {
                0 => text(|l| l.target.clone()),
                1 => text(|l| l.source_url.clone()),
                2 => text(|l| l.source_host.clone()),
                3 => text(|l| l.source_domain.clone()),
                4 => text(|l| l.captured_at.clone()),
                5 => text(|l| l.archive.clone()),
                7 => text(|l| l.target_url.clone()),
                8 => text(|l| l.anchor_text.clone()),
                9 => text(rel_text),
                _ => text(|l| l.link_type.as_str().to_string()),
            };
            column.typed::<ByteArrayType>().write_batch(&values, None, None)?;
        }
        6 => {
            // Offsets fit an i64 (files under 8 EiB); the column is annotated unsigned.
            let values: Vec<i64> = links.iter().map(|l| l.record_offset as i64).collect();
            column.typed::<Int64Type>().write_batch(&values, None, None)?;
        }
        11 => {
            let values: Vec<bool> = links.iter().map(|l| l.passes_equity).collect();
            column.typed::<BoolType>().write_batch(&values, None, None)?;
        }
        12 => {
            let (values, levels) = optional(links, |l| l.placement.map(|p| ByteArray::from(p.as_str())));
            column
                .typed::<ByteArrayType>()
                .write_batch(&values, Some(&levels), None)?;
        }
        13 => {
            let (values, levels) = optional(links, |l| l.hidden);
            column
                .typed::<BoolType>()
                .write_batch(&values, Some(&levels), None)?;
        }
        _ => return Err(ParquetError::General(format!("no column {index} in the schema"))),
    }
    Ok(())
}

/// An optional column: the values present, and a definition level per row
/// (1 present, 0 null).
fn optional<T>(links: &[FoundLink], value: impl Fn(&FoundLink) -> Option<T>) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::new();
    let levels = links
        .iter()
        .map(|link| match value(link) {
            Some(v) => {
                values.push(v);
                1
            }
            None => 0,
        })
        .collect();
    (values, levels)
}
