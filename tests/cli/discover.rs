//! `backlinks discover` end to end: archives written by the tests around
//! fixture pages, and the real Common Crawl samples of `fixtures/archives/`.

mod agreement;
mod damage;
mod interrupt;
mod streaming;
mod verify;
pub(crate) mod warc;

use crate::run::{backlinks, Outcome};
use serde_json::Value;
use std::path::Path;

/// `backlinks discover ARGS --format json` in `dir`, expecting exit `code`.
pub fn discover_json(dir: &Path, args: &[&str], code: i32) -> (Value, String) {
    let outcome = run(dir, args, &["--format", "json"]).expect_code(code);
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    let doc = serde_json::from_slice(&outcome.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&outcome.stdout)
        )
    });
    (doc, outcome.stderr)
}

pub fn run(dir: &Path, args: &[&str], more: &[&str]) -> Outcome {
    backlinks(dir)
        .arg("discover")
        .args(args)
        .args(more)
        .output()
        .expect("the binary runs")
        .into()
}

/// The summary's count of records skipped for `reason`.
pub fn skipped(doc: &Value, reason: &str) -> u64 {
    doc["summary"]["skipped"][reason]
        .as_u64()
        .unwrap_or_else(|| panic!("no skipped.{reason} in {}", doc["summary"]))
}

/// `fixtures/site` and the names of its HTML pages, sorted.
pub fn site_pages() -> (std::path::PathBuf, Vec<String>) {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site");
    let mut names: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    (site, names)
}
