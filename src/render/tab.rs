//! One page in one tab: the fetched document handed to the browser, its
//! requests judged as they are made, the `load` event and a quiet network
//! awaited, and the document serialised as the scripts left it.

use super::policy::{decide, Blocked, Decision, RequestKind};
use super::{Blocks, RenderError, RenderRequest, Rendered};
use crate::fetch::{Fetcher, Refusal};
use base64::Engine as _;
use chromiumoxide::cdp::browser_protocol::fetch::{
    ContinueRequestParams, EventRequestPaused, FailRequestParams, FulfillRequestParams, HeaderEntry,
};
use chromiumoxide::cdp::browser_protocol::memory::{PressureLevel, SimulatePressureNotificationParams};
use chromiumoxide::cdp::browser_protocol::network::{
    EnableParams as NetworkEnableParams, ErrorReason, ResourceType, SetCacheDisabledParams,
};
use chromiumoxide::cdp::browser_protocol::page::{EventFrameStoppedLoading, EventLoadEventFired, FrameId};
use chromiumoxide::cdp::browser_protocol::target::CloseTargetParams;
use chromiumoxide::{Browser, Page};
use futures_util::StreamExt;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;
use url::Url;

/// The network counts as quiet once no request has started for this long
/// (what Puppeteer's `networkidle0` waits for).
const QUIET: Duration = Duration::from_millis(500);

/// How long closing a tab may take; a tab stuck in a script is killed with it.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);

const SERIALIZE: &str = include_str!("serialize.js");

/// What the tab's request handler learned while the page loaded.
#[derive(Default)]
struct Watch {
    document_served: bool,
    last_request: Option<Instant>,
    /// Where a script or a refresh tried to send the visitor (the first place).
    left_for: Option<String>,
    blocks: Blocks,
}

/// Pages a tab renders before it is closed for a new one: a renderer's
/// memory grows with the pages it has seen (BENCHMARKS.md measured 1.4 GB for
/// the browser with tabs kept for the whole corpus, 1.3 GB renewed every 20
/// pages).
const PAGES_PER_TAB: u32 = 10;

/// A tab and the pages it has rendered.
struct Tab {
    page: Arc<Page>,
    rendered: u32,
}

/// Tabs that rendered a page and wait for the next: a tab keeps its renderer
/// process, so the next page of the same site starts without a new process.
#[derive(Default)]
pub struct IdleTabs(Mutex<Vec<Tab>>);

impl IdleTabs {
    fn take(&self) -> Option<Tab> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).pop()
    }

    fn put(&self, tab: Tab) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(tab);
    }
}

/// Renders `request` in a tab of `browser` (an idle one, else a new one),
/// within `deadline`. A tab that failed, or has rendered
/// [`PAGES_PER_TAB`] pages, is closed.
pub async fn render(
    browser: &Browser,
    idle: &IdleTabs,
    request: &RenderRequest<'_>,
    fetcher: &Arc<Fetcher>,
    deadline: Instant,
    limit: Duration,
) -> Result<Rendered, RenderError> {
    let Tab { page, rendered } = match idle.take() {
        Some(tab) => tab,
        None => Tab {
            page: tokio::time::timeout_at(deadline, open_tab(browser))
                .await
                .map_err(|_| RenderError::TimedOut { loaded: false, limit })??,
            rendered: 0,
        },
    };
    let watch = Arc::new(Mutex::new(Watch::default()));
    let loaded = Arc::new(AtomicBool::new(false));
    let outcome = tokio::time::timeout_at(
        deadline,
        drive(&page, request, fetcher, &watch, &loaded, deadline),
    )
    .await
    .unwrap_or_else(|_| {
        Err(RenderError::TimedOut {
            loaded: loaded.load(Ordering::Relaxed),
            limit,
        })
    });
    let rendered = rendered + 1;
    if outcome.is_ok() {
        release_memory(&page).await;
    }
    if outcome.is_ok() && rendered < PAGES_PER_TAB {
        idle.put(Tab { page, rendered });
    } else {
        // By command, not by value: request tasks may still hold the page.
        // A tab that will not close dies with the browser.
        let close = browser.execute(CloseTargetParams::new(page.target_id().clone()));
        let _ = tokio::time::timeout(CLOSE_TIMEOUT, close).await;
    }
    match outcome {
        Ok(html) => {
            let watch = std::mem::take(&mut *watch.lock().unwrap_or_else(|p| p.into_inner()));
            Ok(Rendered {
                html,
                left_for: watch.left_for,
                blocks: watch.blocks,
            })
        }
        Err(error) => Err(error),
    }
}

/// Tells every browser process that memory is short, once a page is read:
/// they collect garbage and drop their caches (the HTTP cache on disk
/// stays). Without it the browser's memory grows with the pages rendered
/// until tabs are renewed (BENCHMARKS.md). Best effort: a browser that does
/// not answer in time is not an error of the page.
async fn release_memory(page: &Page) {
    let pressure = SimulatePressureNotificationParams::new(PressureLevel::Critical);
    let _ = tokio::time::timeout(CLOSE_TIMEOUT, page.execute(pressure)).await;
}

/// A new blank tab with the HTTP cache on: chromiumoxide turns it off when
/// requests are intercepted, and on, a site's scripts and styles are fetched
/// and compiled once for all its pages (what the fetch rules allowed once,
/// they allow again).
async fn open_tab(browser: &Browser) -> Result<Arc<Page>, RenderError> {
    let page = browser
        .new_page("about:blank")
        .await
        .map_err(|e| RenderError::Browser(format!("cannot open a tab: {e}")))?;
    page.execute(SetCacheDisabledParams::new(false))
        .await
        .map_err(|e| RenderError::Browser(format!("cannot set the tab up: {e}")))?;
    // The protocol's network domain (on for interception) keeps every
    // response body for a debugger to ask for, up to 100 MB a tab; nothing
    // here asks.
    let no_bodies_kept = NetworkEnableParams::builder()
        .max_total_buffer_size(0)
        .max_resource_buffer_size(0)
        .build();
    page.execute(no_bodies_kept)
        .await
        .map_err(|e| RenderError::Browser(format!("cannot set the tab up: {e}")))?;
    Ok(Arc::new(page))
}

/// Loads the page and gives its serialised document.
async fn drive(
    page: &Arc<Page>,
    request: &RenderRequest<'_>,
    fetcher: &Arc<Fetcher>,
    watch: &Arc<Mutex<Watch>>,
    loaded: &AtomicBool,
    deadline: Instant,
) -> Result<String, RenderError> {
    let browser_error = |what: &str, e: &dyn std::fmt::Display| RenderError::Browser(format!("{what}: {e}"));
    let main_frame = page
        .mainframe()
        .await
        .map_err(|e| browser_error("the tab has no frame", &e))?
        .ok_or_else(|| RenderError::Browser("the tab has no frame".into()))?;
    let mut paused = page
        .event_listener::<EventRequestPaused>()
        .await
        .map_err(|e| browser_error("cannot watch the tab's requests", &e))?;
    let mut load_events = page
        .event_listener::<EventLoadEventFired>()
        .await
        .map_err(|e| browser_error("cannot watch the tab", &e))?;
    // A page whose script tried to leave stops loading without a `load` event.
    let mut stopped = page
        .event_listener::<EventFrameStoppedLoading>()
        .await
        .map_err(|e| browser_error("cannot watch the tab", &e))?;
    let judge = Judge {
        page: page.clone(),
        fetcher: fetcher.clone(),
        page_url: request.url.clone(),
        page_ip: request.ip,
        document: Arc::new(fulfil_params(request)),
        main_frame: main_frame.clone(),
        watch: watch.clone(),
    };
    let main_frame_id = main_frame;
    let interceptor = tokio::spawn(async move {
        while let Some(event) = paused.next().await {
            judge.clone().handle(&event);
        }
    });
    let result = async {
        // Not `Page.navigate`: chromiumoxide follows that command to the end
        // of its navigation, and waits forever when the page sends the
        // visitor elsewhere (that navigation is refused below).
        let go = format!(
            "location.href = {}",
            serde_json::Value::from(request.url.as_str())
        );
        page.evaluate(go)
            .await
            .map_err(|e| browser_error("the browser could not open the page", &e))?;
        // The `load` event, or the page stopping (one whose script tried to
        // leave has none); the tab's last page may still send one, so the
        // document read must be this page's.
        loop {
            tokio::select! {
                _ = load_events.next() => {}
                Some(event) = stopped.next() => {
                    if event.frame_id != main_frame_id {
                        continue;
                    }
                }
            }
            loaded.store(true, Ordering::Relaxed);
            wait_for_quiet(watch, deadline).await;
            let serialised = page
                .evaluate(SERIALIZE)
                .await
                .map_err(|e| browser_error("cannot read the rendered document", &e))?;
            let (url, html) = serialised
                .into_value::<(String, String)>()
                .map_err(|e| browser_error("cannot read the rendered document", &e))?;
            if is_the_page(&url, request.url) {
                return Ok(html);
            }
        }
    }
    .await;
    interceptor.abort();
    result
}

/// Waits until no request has started for [`QUIET`], or the deadline comes
/// (the document is then read as it stands).
async fn wait_for_quiet(watch: &Mutex<Watch>, deadline: Instant) {
    loop {
        let last = watch.lock().unwrap_or_else(|p| p.into_inner()).last_request;
        let quiet_at = last
            .map_or_else(Instant::now, |t| t + QUIET)
            .max(Instant::now() + QUIET / 5);
        let wake = quiet_at.min(deadline - QUIET / 5);
        if wake <= Instant::now() {
            return;
        }
        tokio::time::sleep_until(wake).await;
        let last = watch.lock().unwrap_or_else(|p| p.into_inner()).last_request;
        if last.is_none_or(|t| t.elapsed() >= QUIET) || Instant::now() + QUIET / 5 >= deadline {
            return;
        }
    }
}

/// Whether the browser's `url` is `page` (fragments aside).
fn is_the_page(url: &str, page: &Url) -> bool {
    Url::parse(url).is_ok_and(|mut url| {
        url.set_fragment(None);
        let mut page = page.clone();
        page.set_fragment(None);
        url == page
    })
}

/// The page's document as the audit fetched it, as the browser's answer.
fn fulfil_params(request: &RenderRequest<'_>) -> (String, Vec<HeaderEntry>) {
    let content_type = request.content_type.unwrap_or("text/html");
    (
        base64::engine::general_purpose::STANDARD.encode(request.body),
        vec![HeaderEntry::new("Content-Type", content_type)],
    )
}

/// Judges each request of one tab.
#[derive(Clone)]
struct Judge {
    page: Arc<Page>,
    fetcher: Arc<Fetcher>,
    page_url: Url,
    page_ip: Option<IpAddr>,
    document: Arc<(String, Vec<HeaderEntry>)>,
    main_frame: FrameId,
    watch: Arc<Mutex<Watch>>,
}

impl Judge {
    /// Answers one paused request; the rules' checks run on a task of their
    /// own, so a slow robots.txt holds back no other request.
    fn handle(self, event: &EventRequestPaused) {
        let kind = match event.resource_type {
            ResourceType::Document if event.frame_id == self.main_frame => RequestKind::MainDocument,
            ResourceType::Document => RequestKind::FrameDocument,
            ResourceType::Image | ResourceType::Media | ResourceType::Font => RequestKind::Decoration,
            _ => RequestKind::Other,
        };
        let decision = {
            let mut watch = self.watch.lock().unwrap_or_else(|p| p.into_inner());
            watch.last_request = Some(Instant::now());
            let for_the_page = is_the_page(&event.request.url, &self.page_url);
            let decision = decide(kind, watch.document_served, for_the_page);
            match decision {
                Decision::ServeFetched => watch.document_served = true,
                // Before the page was served, a leftover of the tab's last page.
                Decision::Block(Blocked::Navigation) if watch.document_served => {
                    watch.left_for.get_or_insert_with(|| event.request.url.clone());
                }
                _ => {}
            }
            if let Decision::Block(why) = decision {
                watch.blocks.count(why);
            }
            decision
        };
        let id = event.request_id.clone();
        let url = event.request.url.clone();
        tokio::spawn(async move {
            let _ = match decision {
                Decision::ServeFetched => {
                    let (body, headers) = &*self.document;
                    let params = FulfillRequestParams::builder()
                        .request_id(id)
                        .response_code(200)
                        .response_headers(headers.clone())
                        .body(body.clone())
                        .build();
                    match params {
                        Ok(params) => self.page.execute(params).await.map(drop),
                        Err(_) => Ok(()),
                    }
                }
                // A 204 answer leaves the page where it is; a failed
                // navigation would replace it with an error page.
                Decision::Block(Blocked::Navigation) => self
                    .page
                    .execute(FulfillRequestParams::new(id, 204))
                    .await
                    .map(drop),
                Decision::Block(_) => self.fail(id).await,
                Decision::CheckRules => match self.check(&url).await {
                    None => self.page.execute(ContinueRequestParams::new(id)).await.map(drop),
                    Some(why) => {
                        self.watch
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .blocks
                            .count(why);
                        self.fail(id).await
                    }
                },
            };
        });
    }

    /// Why the fetch rules keep the browser from `url`, if they do.
    async fn check(&self, url: &str) -> Option<Blocked> {
        let url = Url::parse(url).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        match self.fetcher.may_load(&self.page_url, self.page_ip, &url).await {
            Ok(()) => None,
            Err(Refusal::Robots) => Some(Blocked::Robots),
            Err(Refusal::PrivateAddress) => Some(Blocked::PrivateAddress),
        }
    }

    async fn fail(
        &self,
        id: chromiumoxide::cdp::browser_protocol::fetch::RequestId,
    ) -> chromiumoxide::Result<()> {
        self.page
            .execute(FailRequestParams::new(id, ErrorReason::BlockedByClient))
            .await
            .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::is_the_page;
    use url::Url;

    #[test]
    fn the_page_is_its_url_whatever_the_fragment_and_nothing_else() {
        let page = Url::parse("http://127.0.0.1:8080/docs/a.html#top").unwrap();
        assert!(is_the_page("http://127.0.0.1:8080/docs/a.html", &page));
        assert!(is_the_page("http://127.0.0.1:8080/docs/a.html#later", &page));
        assert!(!is_the_page("http://127.0.0.1:8080/docs/b.html", &page));
        assert!(!is_the_page("about:blank", &page));
        assert!(!is_the_page("not a url", &page));
    }
}
