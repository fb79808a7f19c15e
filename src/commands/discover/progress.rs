//! discover's progress bar on standard error, for people at a terminal: bytes
//! of the archives read (against their total when every archive is a local
//! file), records read and links found so far.

use crate::archive::Location;
use crate::discover::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::Ordering;
use std::time::Duration;

pub struct Bar(ProgressBar);

impl Bar {
    pub fn new(archives: &[Location]) -> Bar {
        let total: Option<u64> = archives
            .iter()
            .map(|location| match location {
                Location::Path(path) => std::fs::metadata(path).ok().map(|m| m.len()),
                _ => None,
            })
            .sum();
        let template = match total {
            Some(_) => "{spinner} {elapsed:>4} [{bar:30}] {bytes}/{total_bytes}  {msg}",
            None => "{spinner} {elapsed:>4} {bytes} read  {msg}",
        };
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar(bar)
    }

    /// Shows the counters as they are now.
    pub fn update(&self, progress: &Progress) {
        self.0.set_position(progress.bytes.load(Ordering::Relaxed));
        self.0.set_message(format!(
            "{} records, {} links",
            progress.records.load(Ordering::Relaxed),
            progress.links.load(Ordering::Relaxed)
        ));
    }

    /// A line above the bar, which stays whole.
    pub fn println(&self, line: &str) {
        self.0.println(line);
    }

    pub fn finish(&self, progress: &Progress) {
        self.update(progress);
        self.0.finish_and_clear();
    }
}
