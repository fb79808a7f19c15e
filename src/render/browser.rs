//! One headless Chromium for the whole audit, started on first use and driven
//! over the DevTools protocol by chromiumoxide.

use chromiumoxide::cdp::browser_protocol::browser::CloseParams;
use chromiumoxide::{Browser, BrowserConfig};
use futures_util::StreamExt;
use std::path::Path;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long the browser may take to start and answer.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(20);

/// A running browser, the task that relays its messages, and its profile
/// folder (removed with it).
pub struct Launched {
    pub browser: Browser,
    handler: JoinHandle<()>,
    _profile: tempfile::TempDir,
}

/// Starts the browser at `executable`, sending `user_agent`; each command it
/// is sent may take `command_timeout`.
pub async fn launch(
    executable: &Path,
    user_agent: &str,
    command_timeout: Duration,
) -> Result<Launched, String> {
    let profile = tempfile::Builder::new()
        .prefix("backlinks-browser-")
        .tempdir()
        .map_err(|e| format!("cannot create the browser's profile folder: {e}"))?;
    let mut config = BrowserConfig::builder()
        .chrome_executable(executable)
        .user_data_dir(profile.path())
        // A certificate the fetch refuses, the browser refuses too.
        .respect_https_errors()
        .enable_request_intercept()
        .launch_timeout(LAUNCH_TIMEOUT)
        .request_timeout(command_timeout)
        .arg(("user-agent", user_agent))
        .arg(("blink-settings", "imagesEnabled=false"))
        // Tabs share renderer processes past this many: a process per tab
        // cost 1.4 GB for eight tabs (BENCHMARKS.md), and scripts run one at
        // a time per core anyway.
        .arg(("renderer-process-limit", renderer_processes().as_str()))
        // A tab never goes back, so the back-forward cache would only keep
        // each tab's earlier pages alive: about a fifth of the browser's
        // memory (BENCHMARKS.md). The flag replaces chromiumoxide's own
        // `disable-features`, hence TranslateUI again.
        .arg(("disable-features", "TranslateUI,BackForwardCache"))
        // Pages' scripts run once, briefly: V8's young generation kept small
        // and code optimised for size cost little time and about 100 MB
        // over the corpus (BENCHMARKS.md).
        .arg(("js-flags", "--max-semi-space-size=1 --optimize-for-size"))
        .arg("disable-gpu");
    // Chromium's sandbox refuses to run as root (containers, CI): without
    // it the renderer is only as contained as the tool itself.
    if is_root() {
        config = config.no_sandbox();
    }
    let config = config.build()?;
    let (browser, mut handler) = Browser::launch(config)
        .await
        .map_err(|e| format!("`{}` did not start: {e}", executable.display()))?;
    let handler = tokio::spawn(async move {
        // A message the crate cannot read is not fatal to the browser.
        while handler.next().await.is_some() {}
    });
    Ok(Launched {
        browser,
        handler,
        _profile: profile,
    })
}

impl Launched {
    /// Asks the browser to close; if it does not, dropping it kills it.
    pub async fn close(&self) {
        let _ = tokio::time::timeout(
            Duration::from_secs(2),
            self.browser.execute(CloseParams::default()),
        )
        .await;
        self.handler.abort();
    }
}

/// Two renderer processes per core.
fn renderer_processes() -> String {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (cores * 2).to_string()
}

#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}
