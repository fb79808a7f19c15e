//! What `discover` wrote, read back for `domains --from`: its Parquet (found
//! by the `PAR1` magic, whatever the name), JSON Lines (`.jsonl`,
//! `.ndjson`), JSON (`.json`) or CSV (anything else). Only the fields the
//! questions need are read; other columns and fields are ignored, so an
//! older or newer file still reads.

use crate::model::LinkType;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A link as `discover` found it: the fields `domains` uses.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DiscoveredLink {
    pub source_url: String,
    #[serde(default)]
    pub source_domain: Option<String>,
    pub target_url: String,
    #[serde(default)]
    pub anchor_text: String,
    #[serde(default = "dofollow")]
    pub link_type: LinkType,
}

fn dofollow() -> LinkType {
    LinkType::Dofollow
}

/// Every link in `path`, in the file's order.
pub fn read_links(path: &Path) -> anyhow::Result<Vec<DiscoveredLink>> {
    let fail = |reason: String| {
        anyhow::anyhow!(
            "cannot read links file `{}`: {reason} (give what `backlinks discover` wrote: .parquet, .csv, .jsonl or .json)",
            path.display()
        )
    };
    let mut magic = [0; 4];
    let mut file = File::open(path).map_err(|e| fail(e.to_string()))?;
    let is_parquet = file.read_exact(&mut magic).is_ok() && &magic == b"PAR1";
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let links = if is_parquet {
        parquet_links(path)
    } else {
        match extension.as_str() {
            "jsonl" | "ndjson" => json_lines(path),
            "json" => json_document(path),
            _ => csv_links(path),
        }
    };
    links.map_err(fail)
}

fn json_lines(path: &Path) -> Result<Vec<DiscoveredLink>, String> {
    #[derive(Deserialize)]
    struct Line {
        #[serde(rename = "type")]
        kind: Option<String>,
        #[serde(flatten)]
        rest: serde_json::Value,
    }
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut links = Vec::new();
    for (at, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", at + 1))?;
        if parsed.kind.as_deref().is_some_and(|k| k != "link") {
            continue;
        }
        links.push(serde_json::from_value(parsed.rest).map_err(|e| format!("line {}: {e}", at + 1))?);
    }
    Ok(links)
}

fn json_document(path: &Path) -> Result<Vec<DiscoveredLink>, String> {
    #[derive(Deserialize)]
    struct Document {
        links: Vec<DiscoveredLink>,
    }
    let file = File::open(path).map_err(|e| e.to_string())?;
    let document: Document = serde_json::from_reader(BufReader::new(file)).map_err(|e| e.to_string())?;
    Ok(document.links)
}

fn csv_links(path: &Path) -> Result<Vec<DiscoveredLink>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    // discover's `--csv-bom` starts the file with a byte order mark.
    let mut reader = BufReader::new(file);
    if reader
        .fill_buf()
        .map_err(|e| e.to_string())?
        .starts_with("\u{feff}".as_bytes())
    {
        reader.consume(3);
    }
    let mut csv = csv::Reader::from_reader(reader);
    let header = csv.headers().map_err(|e| e.to_string())?.clone();
    for needed in ["source_url", "target_url"] {
        if !header.iter().any(|h| h == needed) {
            return Err(format!("no `{needed}` column"));
        }
    }
    csv.deserialize()
        .enumerate()
        .map(|(at, row)| row.map_err(|e| format!("row {}: {e}", at + 1)))
        .collect()
}

fn parquet_links(path: &Path) -> Result<Vec<DiscoveredLink>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let reader = SerializedFileReader::new(file).map_err(|e| format!("not a readable Parquet file ({e})"))?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    for needed in ["source_url", "target_url"] {
        if !schema.columns().iter().any(|c| c.name() == needed) {
            return Err(format!("no `{needed}` column"));
        }
    }
    let rows = reader.get_row_iter(None).map_err(|e| e.to_string())?;
    let mut links = Vec::new();
    for (at, row) in rows.enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", at + 1))?;
        let text = |name: &str| {
            row.get_column_iter()
                .find(|(n, _)| n.as_str() == name)
                .and_then(|(_, field)| match field {
                    Field::Str(text) => Some(text.clone()),
                    _ => None,
                })
        };
        let link_type = match text("link_type") {
            Some(word) => serde_json::from_value(serde_json::Value::String(word.clone()))
                .map_err(|_| format!("row {}: `{word}` is not a link type", at + 1))?,
            None => LinkType::Dofollow,
        };
        links.push(DiscoveredLink {
            source_url: text("source_url").unwrap_or_default(),
            source_domain: text("source_domain"),
            target_url: text("target_url").unwrap_or_default(),
            anchor_text: text("anchor_text").unwrap_or_default(),
            link_type,
        });
    }
    Ok(links)
}
