//! One source, start to finish: fetch or read it, parse it off the async
//! threads, and turn what it says into a record and its links.

use super::plan::Plan;
use super::rendering::{self, FetchedPage};
use crate::analyze::{judge_with, AnalysisConfig, AnchorRules, PageContext, PageSignals};
use crate::extract::{self, decode, Budget, Cut, Directives, ExtractOptions, PageExtract, PageFacts};
use crate::fetch::{self, Cause, Fetched, Fetcher, Page};
use crate::model::{Link, SourceRecord, SourceResult, SourceStatus};
use crate::render::{RenderConfig, Renderer};
use crate::sources::{Location, SourceEntry};
use crate::target::{registrable_domain, Target};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use url::Url;

/// What every source task shares.
pub struct Context {
    /// Shared with the renderer: a rendered page's requests meet its rules.
    pub fetcher: Arc<Fetcher>,
    /// `--render`: the browser, started on first use.
    pub renderer: Renderer,
    pub target: Target,
    pub analysis: AnalysisConfig,
    /// The brands and keywords of `analysis`, folded once for every link.
    pub anchor_rules: AnchorRules,
    /// What extraction looks for beyond links (the configured extra spam terms).
    pub extract_options: ExtractOptions,
    pub max_page_size: usize,
    /// `--timeout`: how long one page may take to parse, from the start of its parse.
    pub parse_timeout: Duration,
    /// Raised by the first interrupt: parses in progress stop.
    pub interrupted: Arc<AtomicBool>,
    /// Parsing is CPU work: one page per core at a time, so pages waiting to be
    /// parsed stay as bytes, not as trees.
    pub parsers: Semaphore,
    /// Pages between the start of their fetch and the end of their parse. When
    /// parsing is the bottleneck this holds fetching back, so bodies do not pile
    /// up in memory waiting for a parser.
    pub pages_in_memory: Semaphore,
}

impl Context {
    /// The shared state of an audit that parses on `cores` cores and stops
    /// its parses when `interrupted` is raised.
    pub fn new(plan: &Plan, cores: usize, interrupted: Arc<AtomicBool>) -> std::io::Result<Context> {
        let fetcher = Arc::new(Fetcher::new(plan.fetch.clone()).map_err(std::io::Error::other)?);
        let render = RenderConfig {
            mode: plan.render,
            browser: plan.browser.clone(),
            user_agent: plan.fetch.user_agent.clone(),
            timeout: plan.fetch.timeout,
            tabs: render_tabs(plan.fetch.concurrency, cores),
        };
        Ok(Context {
            renderer: Renderer::new(render, fetcher.clone()),
            fetcher,
            target: plan.target.clone(),
            analysis: plan.analysis.clone(),
            anchor_rules: AnchorRules::new(&plan.analysis.brands, &plan.analysis.keywords),
            extract_options: ExtractOptions {
                extra_spam_terms: plan.analysis.extra_spam_terms.clone(),
            },
            max_page_size: plan.fetch.max_page_size,
            parse_timeout: plan.fetch.timeout,
            interrupted,
            parsers: Semaphore::new(cores),
            pages_in_memory: Semaphore::new(plan.fetch.concurrency + cores),
        })
    }
}

/// Tabs open at once: at most `--concurrency`, and no more than the cores can
/// keep busy (each tab is a renderer process running the page's scripts).
fn render_tabs(concurrency: usize, cores: usize) -> usize {
    concurrency.min(cores * 4).max(1)
}

/// A source's result, and what the profile pass needs of its page.
pub struct Processed {
    pub result: SourceResult,
    /// Present for pages with backlinks.
    pub signals: Option<PageSignals>,
}

pub async fn process(ctx: Arc<Context>, index: usize, entry: SourceEntry) -> Processed {
    let (mut source, judged) = match entry.location {
        Err(reason) => {
            let record =
                SourceRecord::unfetched(entry.input.clone(), entry.input, SourceStatus::NoLink, None);
            (record, Err(Skip::new(SourceStatus::Invalid, reason)))
        }
        Ok(location) => {
            let url = location.url().to_string();
            let mut record = SourceRecord::unfetched(url, entry.input, SourceStatus::NoLink, None);
            let judged = judge_page(&ctx, &location, &mut record).await;
            (record, judged)
        }
    };
    let (links, signals) = match judged {
        Ok(judged) => judged,
        Err(skip) => {
            source.status = skip.status;
            source.error = Some(skip.reason);
            (Vec::new(), None)
        }
    };
    source.links = links.len();
    if !links.is_empty() {
        source.status = SourceStatus::Ok;
    }
    Processed {
        result: SourceResult { index, source, links },
        signals,
    }
}

/// Why a source has no links to judge: the status and reason its record gets.
pub(super) struct Skip {
    status: SourceStatus,
    reason: String,
}

impl Skip {
    pub(super) fn new(status: SourceStatus, reason: String) -> Skip {
        Skip { status, reason }
    }

    /// A page of the target itself (`where_` says how we know): its links are
    /// internal links, not backlinks.
    fn internal(where_: &str, target: &Target) -> Skip {
        Skip::new(
            SourceStatus::Internal,
            format!("{where_} {} itself: its links are not backlinks", target.host),
        )
    }
}

/// Fetches (or reads) the page, parses it and judges its links to the target,
/// filling in what the record says of the page on the way.
async fn judge_page(
    ctx: &Arc<Context>,
    location: &Location,
    record: &mut SourceRecord,
) -> Result<(Vec<Link>, Option<PageSignals>), Skip> {
    if is_internal(&ctx.target, location.url()) {
        return Err(Skip::internal("the page is on", &ctx.target));
    }
    let (page, page_url, googlebot_blocked) = fetch_page(ctx, location, record).await?;
    if page_url != *location.url() && is_internal(&ctx.target, &page_url) {
        return Err(Skip::internal("redirected to", &ctx.target));
    }
    let header_directives = Directives::from_x_robots_tag(page.x_robots_tag.iter().map(String::as_str));
    // The fetched bytes, kept for the browser when it may be wanted: what the
    // fetched HTML links to is known only after parsing, so `wants` is asked
    // with no links, the case that renders most.
    let for_browser = (ctx.renderer.may_render() && matches!(location, Location::Http { .. }))
        .then(|| extract::runs_scripts(&page.body))
        .filter(|&runs_scripts| ctx.renderer.wants(0, runs_scripts))
        .map(|runs_scripts| FetchedPage {
            body: page.body.clone(),
            content_type: page.content_type.clone(),
            runs_scripts,
        });
    let extracted = parse(ctx, page.body, page.content_type, page_url.clone()).await?;
    let (extracted, rendered_only) = match for_browser {
        Some(fetched) => rendering::maybe_render(ctx, fetched, &page_url, extracted, record).await?,
        None => (extracted, Vec::new()),
    };
    let directives = extracted.directives.union(header_directives);
    record.page_nofollow = directives.nofollow;
    record.page_noindex = directives.noindex;
    record.title = extracted.title;

    let source_host = stated_host(location, &page_url, &extracted.facts);
    if matches!(location, Location::File { .. }) && ctx.target.matches_host(&source_host) {
        return Err(Skip::internal("the saved page comes from", &ctx.target));
    }
    let source_domain = if source_host.is_empty() {
        String::new()
    } else {
        registrable_domain(&source_host)
    };
    let context = PageContext {
        source_url: &record.url,
        source_host: &source_host,
        source_domain: &source_domain,
        page_url: &page_url,
        page_nofollow: directives.nofollow,
        page_noindex: directives.noindex,
        googlebot_blocked,
        facts: &extracted.facts,
    };
    let mut links: Vec<Link> = extracted
        .links
        .into_iter()
        .map(|raw| judge_with(raw, &context, &ctx.analysis, &ctx.anchor_rules))
        .collect();
    for (link, only) in links.iter_mut().zip(rendered_only) {
        link.rendered_only = only;
    }
    let signals = (!links.is_empty()).then(|| PageSignals {
        source_url: record.url.clone(),
        domain: source_domain,
        ip: record.ip.clone(),
        tracking_ids: extracted.facts.tracking_ids,
    });
    Ok((links, signals))
}

/// Fetches the page (or reads the saved one), recording how that went; gives
/// the page, the URL it was read from after redirects, and whether robots.txt
/// shuts Googlebot out of it.
async fn fetch_page(
    ctx: &Arc<Context>,
    location: &Location,
    record: &mut SourceRecord,
) -> Result<(Page, Url, bool), Skip> {
    let _in_memory = ctx.pages_in_memory.acquire().await.map_err(|e| e.to_string());
    let fetched = match location {
        Location::Http { url, .. } => ctx.fetcher.fetch(url).await,
        Location::File { path, url } => fetch::local::read(path, url, ctx.max_page_size).await,
    };
    let Fetched {
        final_url,
        http_status,
        redirects,
        ip,
        truncated,
        googlebot_blocked,
        outcome,
    } = fetched;
    record.final_url = final_url.as_ref().map(|u| u.to_string());
    record.http_status = http_status;
    record.redirects = redirects;
    record.ip = ip.map(|ip| ip.to_string());
    record.truncated = truncated;
    let page = outcome.map_err(|failure| {
        let mut reason = failure.error;
        // Only the entry's own URL was tried (no redirect answered), so the
        // https:// we put in front of it may be what failed.
        let scheme_may_be_wrong =
            record.redirects.is_empty() && failure.cause.is_some_and(Cause::may_mean_no_https);
        if let Some(hint) = location
            .https_assumed_hint(&record.input)
            .filter(|_| scheme_may_be_wrong)
        {
            reason = format!("{reason}; {hint}");
        }
        Skip::new(failure.status, reason)
    })?;
    let page_url = final_url.unwrap_or_else(|| location.url().clone());
    Ok((page, page_url, googlebot_blocked))
}

/// The host the page's links come from: the one it was fetched from, or for
/// a saved page the one its canonical URL states (empty when it states none).
fn stated_host(location: &Location, page_url: &Url, facts: &PageFacts) -> String {
    let identity = match location {
        Location::File { .. } => facts.canonical.as_deref().and_then(|c| Url::parse(c).ok()),
        Location::Http { .. } => Some(page_url.clone()),
    };
    identity
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or_default()
        .to_string()
}

/// Decodes and parses on a blocking thread, within `--timeout` from the start
/// of the parse. A page that makes the parser panic is reported, not fatal to
/// the audit. A parse stopped by an interrupt never returns: the audit drops
/// the sources in flight, and this one is among them.
pub(super) async fn parse(
    ctx: &Arc<Context>,
    body: Vec<u8>,
    content_type: Option<String>,
    page_url: Url,
) -> Result<PageExtract, Skip> {
    let not_parsed = |e: &dyn std::fmt::Display| {
        Skip::new(
            SourceStatus::NotHtml,
            format!("the page could not be parsed ({e})"),
        )
    };
    let _permit = ctx.parsers.acquire().await.map_err(|e| not_parsed(&e))?;
    let task_ctx = ctx.clone();
    let budget = Budget::new(
        Instant::now().checked_add(ctx.parse_timeout),
        Some(ctx.interrupted.clone()),
    );
    let parsed = tokio::task::spawn_blocking(move || {
        let html = decode::decode_html(&body, content_type.as_deref());
        drop(body);
        let options = &task_ctx.extract_options;
        extract::extract_within(&html, &page_url, &task_ctx.target, options, &budget)
            .map_err(|cut| (cut, html.len()))
    })
    .await
    .map_err(|e| not_parsed(&e))?;
    match parsed {
        Ok(page) => Ok(page),
        Err((Cut::TimedOut { read }, size)) => Err(Skip::new(
            SourceStatus::Unreachable,
            parse_timed_out(ctx.parse_timeout, read, size),
        )),
        Err((Cut::Cancelled, _)) => std::future::pending().await,
    }
}

/// `timed out after 20 s while parsing (3.1 of 250.0 MB read)`: the phrase of
/// a fetch that timed out, and how far the parse got in the decoded page.
fn parse_timed_out(limit: Duration, read: usize, size: usize) -> String {
    let mb = |bytes: usize| bytes as f64 / 1e6;
    format!(
        "timed out after {} s while parsing ({:.1} of {:.1} MB read)",
        limit.as_secs_f64(),
        mb(read),
        mb(size)
    )
}

/// A page on the target host itself (any subdomain, any path).
fn is_internal(target: &Target, url: &Url) -> bool {
    url.host_str().is_some_and(|host| target.matches_host(host))
}
