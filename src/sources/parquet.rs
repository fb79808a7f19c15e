//! A Parquet file as a list of sources: the `source_url` column of every row,
//! as `discover -o found.parquet` (and the Spark job's part files) write it.
//! Recognised by its `PAR1` magic, whatever its name; a row number stands for
//! the line number of a text list in messages.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The column read.
const COLUMN: &str = "source_url";

/// Whether the file is a regular file that starts with Parquet's magic
/// bytes. A pipe or a device is never looked into: a pipe's bytes, once
/// read, are gone for the text reader.
pub(super) fn is_parquet(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut magic = [0; 4];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"PAR1"
}

/// Each row's `source_url`, with its row number (from 1); a row where it is
/// null gives an empty text, which becomes an invalid entry naming the row.
pub(super) fn read(path: &Path) -> Result<Vec<(usize, String)>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let reader = SerializedFileReader::new(file).map_err(|e| format!("not a readable Parquet file ({e})"))?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    if !schema.columns().iter().any(|c| c.name() == COLUMN) {
        return Err(format!(
            "a Parquet file without a `{COLUMN}` column (as `backlinks discover -o FILE.parquet` writes)"
        ));
    }
    let rows = reader.get_row_iter(None).map_err(|e| e.to_string())?;
    let mut urls = Vec::new();
    for (at, row) in rows.enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", at + 1))?;
        let url = row
            .get_column_iter()
            .find(|(name, _)| name.as_str() == COLUMN)
            .and_then(|(_, field)| match field {
                Field::Str(text) => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_default();
        urls.push((at + 1, url));
    }
    Ok(urls)
}
