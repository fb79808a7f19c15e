//! The progress bar on standard error, for people at a terminal. When no
//! source has finished for a few seconds, it names the one that has been
//! pending the longest, so a stalled audit says what it is waiting for.

use crate::audit::Progress;
use crate::error::printable;
use crate::model::{SourceResult, SourceStatus};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long without a finished source before the bar names the slowest.
const STALLED: Duration = Duration::from_secs(4);
/// How often the watcher looks.
const LOOK_EVERY: Duration = Duration::from_millis(500);

pub struct Bar {
    bar: ProgressBar,
    pending: Arc<Mutex<Pending>>,
}

/// The sources being worked on, and when a source last finished.
struct Pending {
    /// By input position: when each started, and what to call it.
    sources: BTreeMap<usize, (Instant, String)>,
    last_done: Instant,
}

impl Pending {
    /// What the bar says once nothing has finished for `STALLED`: the source
    /// pending the longest, and for how long.
    fn stalled(&self, now: Instant) -> Option<String> {
        if now.duration_since(self.last_done) < STALLED {
            return None;
        }
        let (since, name) = self.sources.values().min_by_key(|(since, _)| *since)?;
        let waited = now.duration_since(*since).as_secs();
        let others = self.sources.len() - 1;
        let more = match others {
            0 => String::new(),
            1 => " and 1 other".to_string(),
            n => format!(" and {n} others"),
        };
        Some(format!("waiting {waited} s for {name}{more}"))
    }
}

impl Bar {
    pub fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>4} [{bar:30}] {pos}/{len} sources  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        let pending = Arc::new(Mutex::new(Pending {
            sources: BTreeMap::new(),
            last_done: Instant::now(),
        }));
        watch(bar.clone(), Arc::clone(&pending));
        Bar { bar, pending }
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Names the slowest pending source on the bar while the audit stalls; ends
/// with the bar.
fn watch(bar: ProgressBar, pending: Arc<Mutex<Pending>>) {
    std::thread::spawn(move || {
        while !bar.is_finished() {
            std::thread::sleep(LOOK_EVERY);
            let stalled = pending
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .stalled(Instant::now());
            if let Some(message) = stalled {
                bar.set_message(message);
            }
        }
    });
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn started(&self, index: usize, source: &str) {
        let name = printable(short(source)).into_owned();
        self.pending().sources.insert(index, (Instant::now(), name));
    }

    fn advance(&self, result: &SourceResult) {
        {
            let mut pending = self.pending();
            pending.sources.remove(&result.index);
            pending.last_done = Instant::now();
        }
        if result.source.status == SourceStatus::Ok {
            self.bar
                .set_message(format!("last link from {}", host_of(&result.source.url)));
        } else {
            self.bar.set_message("");
        }
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A source as the bar names it: without its scheme, at most 60 characters.
fn short(source: &str) -> &str {
    let bare = source.split_once("://").map_or(source, |(_, rest)| rest);
    match bare.char_indices().nth(60) {
        Some((at, _)) => &bare[..at],
        None => bare,
    }
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(started: &[(usize, u64, &str)], done_ago: u64, now: Instant) -> Pending {
        Pending {
            sources: started
                .iter()
                .map(|&(index, ago, name)| (index, (now - Duration::from_secs(ago), name.to_string())))
                .collect(),
            last_done: now - Duration::from_secs(done_ago),
        }
    }

    #[test]
    fn a_stalled_audit_names_the_source_pending_the_longest() {
        let now = Instant::now();
        let slow = pending(
            &[
                (3, 9, "slow.example/page"),
                (1, 20, "slower.example/x"),
                (7, 2, "new.example/"),
            ],
            5,
            now,
        );
        assert_eq!(
            slow.stalled(now).as_deref(),
            Some("waiting 20 s for slower.example/x and 2 others")
        );
        let one = pending(&[(0, 6, "a.example/")], 6, now);
        assert_eq!(one.stalled(now).as_deref(), Some("waiting 6 s for a.example/"));
    }

    #[test]
    fn a_moving_audit_or_one_with_nothing_pending_says_nothing() {
        let now = Instant::now();
        assert_eq!(pending(&[(0, 30, "a.example/")], 1, now).stalled(now), None);
        assert_eq!(pending(&[], 30, now).stalled(now), None);
    }

    #[test]
    fn a_source_is_named_without_its_scheme_and_cut_when_long() {
        assert_eq!(short("https://a.example/x"), "a.example/x");
        assert_eq!(short("not a url"), "not a url");
        assert_eq!(
            short(&format!("http://a.example/{}", "é".repeat(100)))
                .chars()
                .count(),
            60
        );
    }
}
