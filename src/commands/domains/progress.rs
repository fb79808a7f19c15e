//! What a person sees while a graph's index is built once: a line on
//! standard error saying what is built and where it is kept (always), and a
//! bar of the input's bytes read (only on a terminal).

use crate::graph::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal};
use std::sync::Mutex;
use std::time::Duration;

pub struct Bar {
    current: Mutex<Option<ProgressBar>>,
    terminal: bool,
}

impl Bar {
    pub fn new() -> Bar {
        Bar {
            current: Mutex::new(None),
            terminal: io::stderr().is_terminal(),
        }
    }
}

impl Progress for Bar {
    fn begin(&self, what: &str, total_bytes: u64) {
        eprintln!("{what}");
        if !self.terminal {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed:>4} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }

    fn advance(&self, bytes: u64) {
        if let Ok(current) = self.current.lock() {
            if let Some(bar) = current.as_ref() {
                bar.inc(bytes);
            }
        }
    }

    fn end(&self) {
        if let Ok(mut current) = self.current.lock() {
            if let Some(bar) = current.take() {
                bar.finish_and_clear();
            }
        }
    }
}
