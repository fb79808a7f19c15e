//! Ctrl-C and SIGTERM: the first asks the audit to stop starting fetches, to
//! stop the pages being parsed, and to report what it has; a second one ends
//! the process at once.

use crate::error::EXIT_INTERRUPTED;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::Notify;

/// Raised once, by the first interrupt: a notification for the tasks, and a
/// flag for the parses that run on blocking threads.
#[derive(Clone, Default)]
pub struct Interrupt {
    notify: Arc<Notify>,
    flag: Arc<AtomicBool>,
}

impl Interrupt {
    /// Listens for Ctrl-C and SIGTERM on the current runtime.
    pub fn listen() -> Interrupt {
        let interrupt = Interrupt::default();
        let (notify, flag) = (interrupt.notify.clone(), interrupt.flag.clone());
        tokio::spawn(async move {
            if first_signal().await.is_err() {
                return; // no signal handling on this platform: the default applies
            }
            flag.store(true, Ordering::Relaxed);
            notify.notify_one();
            eprintln!(
                "interrupted: finishing the report of what is done (press Ctrl-C again to quit at once)"
            );
            if first_signal().await.is_ok() {
                std::process::exit(i32::from(EXIT_INTERRUPTED));
            }
        });
        interrupt
    }

    /// Completes when the interrupt has been raised (at once if it already was).
    pub async fn raised(&self) {
        self.notify.notified().await;
    }

    /// True once the interrupt has been raised: what a parse checks.
    pub fn flag(&self) -> Arc<AtomicBool> {
        self.flag.clone()
    }
}

#[cfg(unix)]
async fn first_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result,
        _ = terminate.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn first_signal() -> std::io::Result<()> {
    tokio::signal::ctrl_c().await
}
