//! `--render`: pages whose links scripts build, loaded in headless Chromium
//! after the ordinary fetch (SPEC section 14). The browser is handed the
//! document the audit fetched (the page is not fetched twice), the requests
//! its scripts make go through the fetch rules, and the document as the
//! scripts left it goes through the same extraction as a fetched one.

#[cfg(feature = "render")]
mod browser;
mod locate;
mod mode;
#[cfg_attr(not(feature = "render"), allow(dead_code))] // the browser is what asks
mod policy;
#[cfg(feature = "render")]
mod tab;

pub use locate::{locate, INSTALL_HINT};
pub use mode::RenderMode;
pub use policy::Blocked;

use crate::fetch::Fetcher;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OnceCell, Semaphore};
use url::Url;

/// A fetched page to render.
pub struct RenderRequest<'a> {
    /// The URL the page was fetched from, after redirects.
    pub url: &'a Url,
    /// The body as fetched (content coding removed, charset not).
    pub body: &'a [u8],
    pub content_type: Option<&'a str>,
    /// The address the page came from: the private-address rule starts there.
    pub ip: Option<IpAddr>,
}

/// The page as the browser left it.
#[derive(Debug)]
pub struct Rendered {
    /// The serialised document, open shadow roots included.
    pub html: String,
    /// Where a script or a refresh tried to send the visitor (not followed).
    pub left_for: Option<String>,
    pub blocks: Blocks,
}

/// Requests the browser was kept from, by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks(BTreeMap<Blocked, usize>);

impl Blocks {
    pub fn count(&mut self, why: Blocked) {
        *self.0.entry(why).or_default() += 1;
    }

    pub fn get(&self, why: Blocked) -> usize {
        self.0.get(&why).copied().unwrap_or_default()
    }
}

/// Why a page has no rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// `--timeout` passed: before the `load` event, or in a script after it.
    TimedOut { loaded: bool, limit: Duration },
    /// The browser failed or went away.
    Browser(String),
    /// No browser could be started.
    Unavailable(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::TimedOut { loaded: false, limit } => write!(
                f,
                "rendering timed out after {} s: the page did not finish loading in the browser",
                limit.as_secs_f64()
            ),
            RenderError::TimedOut { loaded: true, limit } => write!(
                f,
                "rendering timed out after {} s: the page's scripts kept the browser busy",
                limit.as_secs_f64()
            ),
            RenderError::Browser(reason) => write!(f, "rendering failed: {reason}"),
            RenderError::Unavailable(reason) => write!(f, "no browser to render with: {reason}"),
        }
    }
}

/// What the renderer needs from the audit's settings.
#[derive(Debug, Clone)]
pub struct RenderConfig {
    pub mode: RenderMode,
    /// The browser found before the audit started; `None` renders nothing.
    pub browser: Option<PathBuf>,
    pub user_agent: String,
    /// `--timeout`: one page, from opening its tab to reading its document.
    pub timeout: Duration,
    /// Tabs open at once.
    pub tabs: usize,
}

/// The audit's browser: started on first use, one tab per page rendered.
pub struct Renderer {
    config: RenderConfig,
    fetcher: Arc<Fetcher>,
    #[cfg(feature = "render")]
    launched: OnceCell<Result<browser::Launched, String>>,
    #[cfg(not(feature = "render"))]
    launched: OnceCell<Result<(), String>>,
    tabs: Semaphore,
    #[cfg(feature = "render")]
    idle: tab::IdleTabs,
}

impl Renderer {
    /// A renderer whose pages' requests follow `fetcher`'s rules.
    pub fn new(config: RenderConfig, fetcher: Arc<Fetcher>) -> Renderer {
        let tabs = Semaphore::new(config.tabs.max(1));
        Renderer {
            config,
            fetcher,
            launched: OnceCell::new(),
            tabs,
            #[cfg(feature = "render")]
            idle: tab::IdleTabs::default(),
        }
    }

    /// Whether any page may be rendered: a mode other than `never`, and a
    /// browser found. (One that fails to start renders nothing: the fetched
    /// documents stand.)
    pub fn may_render(&self) -> bool {
        self.config.mode != RenderMode::Never && self.config.browser.is_some()
    }

    /// Whether a page whose fetched HTML has `static_links` links to the
    /// target, and does or does not run scripts, is to be rendered.
    pub fn wants(&self, static_links: usize, runs_scripts: bool) -> bool {
        self.may_render() && self.config.mode.wants(static_links, runs_scripts)
    }

    /// Starts the browser now, if it is not running: `--render always`
    /// stops before any fetch when it cannot.
    pub async fn start(&self) -> Result<(), String> {
        self.launched().await.map(drop)
    }

    #[cfg(feature = "render")]
    async fn launched(&self) -> Result<&browser::Launched, String> {
        let launched = self
            .launched
            .get_or_init(|| async {
                let Some(executable) = &self.config.browser else {
                    return Err(format!("no browser: {INSTALL_HINT}"));
                };
                browser::launch(
                    executable,
                    &self.config.user_agent,
                    self.config.timeout + Duration::from_secs(5),
                )
                .await
            })
            .await;
        launched.as_ref().map_err(Clone::clone)
    }

    #[cfg(not(feature = "render"))]
    async fn launched(&self) -> Result<&(), String> {
        let launched = self
            .launched
            .get_or_init(|| async {
                Err("this build of backlinks has no browser support: build it with the `render` feature (on by default)".to_string())
            })
            .await;
        launched.as_ref().map_err(Clone::clone)
    }

    /// Loads `request` in a tab (waiting for one to be free) within `--timeout`.
    pub async fn render(&self, request: &RenderRequest<'_>) -> Result<Rendered, RenderError> {
        let launched = self.launched().await.map_err(RenderError::Unavailable)?;
        let _tab = self
            .tabs
            .acquire()
            .await
            .map_err(|e| RenderError::Browser(e.to_string()))?;
        #[cfg(feature = "render")]
        {
            let deadline = tokio::time::Instant::now() + self.config.timeout;
            tab::render(
                &launched.browser,
                &self.idle,
                request,
                &self.fetcher,
                deadline,
                self.config.timeout,
            )
            .await
        }
        #[cfg(not(feature = "render"))]
        {
            let _ = (launched, request, &self.fetcher);
            Err(RenderError::Unavailable(
                "no browser support in this build".into(),
            ))
        }
    }

    /// Closes the browser, if it was started.
    pub async fn shutdown(&self) {
        #[cfg(feature = "render")]
        if let Some(Ok(launched)) = self.launched.get() {
            launched.close().await;
        }
    }
}
