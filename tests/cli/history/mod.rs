//! Monitoring over time (README, "Monitoring over time"): audits saved to the history
//! database, then `history`, `show` and `diff` reading it back. Every run of
//! one test shares one scratch folder, hence one database.

mod changes;
mod commands;
mod database;
#[cfg(unix)]
mod read_only;
mod resume;

use crate::run::{backlinks, Outcome};
use crate::server::Page;
use std::ffi::OsStr;
use std::path::PathBuf;

/// A scratch folder whose `history.db` every run uses (`BACKLINKS_DB`).
pub struct Monitor {
    dir: tempfile::TempDir,
}

impl Monitor {
    pub fn new() -> Monitor {
        Monitor {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("history.db")
    }

    /// `backlinks ARGS...` in the scratch folder.
    pub fn run<I, S>(&self, args: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let output = backlinks(self.dir.path())
            .args(args)
            .output()
            .expect("run backlinks");
        let outcome = Outcome {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
        outcome
    }

    /// `backlinks audit example.com SOURCES... ARGS...`, expected to exit 0.
    pub fn audit(&self, sources: &[String], args: &[&str]) -> Outcome {
        let mut all: Vec<&str> = vec!["audit", "example.com", "--backoff", "10"];
        all.extend(sources.iter().map(String::as_str));
        all.extend(args);
        self.run(all).expect_code(0)
    }

    /// `backlinks ARGS... --format json`, expected to exit 0, parsed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let outcome = self.run(all).expect_code(0);
        serde_json::from_slice(&outcome.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", outcome.stdout_text()))
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

/// A page with these links: (href, rel, anchor text).
pub fn page(links: &[(&str, &str, &str)]) -> Page {
    let anchors: String = links
        .iter()
        .map(|(href, rel, text)| format!("<p>See <a href=\"{href}\" rel=\"{rel}\">{text}</a>.</p>"))
        .collect();
    Page::html(format!(
        "<!DOCTYPE html><html><head><title>Post</title></head><body><article>\
         <p>A post about garden tools, forks and spades.</p>{anchors}</article></body></html>"
    ))
}
