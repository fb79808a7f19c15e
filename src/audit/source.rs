//! One source, start to finish: fetch or read it, parse it off the async
//! threads, and turn what it says into a record and its links.

use crate::analyze::{judge_with, AnalysisConfig, AnchorRules, PageContext, PageSignals};
use crate::extract::{self, decode, Directives, ExtractOptions, PageExtract};
use crate::fetch::{self, Fetched, Fetcher};
use crate::model::{SourceRecord, SourceResult, SourceStatus};
use crate::sources::{Location, SourceEntry};
use crate::target::{registrable_domain, Target};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// What every source task shares.
pub struct Context {
    pub fetcher: Fetcher,
    pub target: Target,
    pub analysis: AnalysisConfig,
    /// The brands and keywords of `analysis`, folded once for every link.
    pub anchor_rules: AnchorRules,
    /// What extraction looks for beyond links (the configured extra spam terms).
    pub extract_options: ExtractOptions,
    pub max_page_size: usize,
    /// Parsing is CPU work: one page per core at a time, so pages waiting to be
    /// parsed stay as bytes, not as trees.
    pub parsers: Semaphore,
    /// Pages between the start of their fetch and the end of their parse. When
    /// parsing is the bottleneck this holds fetching back, so bodies do not pile
    /// up in memory waiting for a parser.
    pub pages_in_memory: Semaphore,
}

/// A source's result, and what the profile pass needs of its page.
pub struct Processed {
    pub result: SourceResult,
    /// Present for pages with backlinks.
    pub signals: Option<PageSignals>,
}

pub async fn process(ctx: Arc<Context>, index: usize, entry: SourceEntry) -> Processed {
    let (result, signals) = judge_source(&ctx, index, entry).await;
    Processed { result, signals }
}

async fn judge_source(
    ctx: &Arc<Context>,
    index: usize,
    entry: SourceEntry,
) -> (SourceResult, Option<PageSignals>) {
    let location = match entry.location {
        Ok(location) => location,
        Err(reason) => {
            let record = SourceRecord::unfetched(
                entry.input.clone(),
                entry.input,
                SourceStatus::Invalid,
                Some(reason),
            );
            return (unjudged(index, record), None);
        }
    };
    let url = location.url().clone();
    let mut record = SourceRecord::unfetched(url.to_string(), entry.input, SourceStatus::NoLink, None);
    if is_internal(&ctx.target, &url) {
        record.status = SourceStatus::Internal;
        record.error = Some(format!(
            "the page is on {} itself: its links are not backlinks",
            ctx.target.host
        ));
        return (unjudged(index, record), None);
    }
    let _in_memory = ctx.pages_in_memory.acquire().await.map_err(|e| e.to_string());
    let fetched = match &location {
        Location::Http(url) => ctx.fetcher.fetch(url).await,
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
    let page = match outcome {
        Ok(page) => page,
        Err(failure) => {
            record.status = failure.status;
            record.error = Some(failure.error);
            return (unjudged(index, record), None);
        }
    };
    let page_url = final_url.unwrap_or(url);
    if page_url != *location.url() && is_internal(&ctx.target, &page_url) {
        record.status = SourceStatus::Internal;
        record.error = Some(format!(
            "redirected to {} itself: its links are not backlinks",
            ctx.target.host
        ));
        return (unjudged(index, record), None);
    }

    let header_directives = Directives::from_x_robots_tag(page.x_robots_tag.iter().map(String::as_str));
    let extracted = match parse(ctx, page.body, page.content_type, page_url.clone()).await {
        Ok(extracted) => extracted,
        Err(error) => {
            record.status = SourceStatus::NotHtml;
            record.error = Some(error);
            return (unjudged(index, record), None);
        }
    };
    let directives = extracted.directives.union(header_directives);
    record.page_nofollow = directives.nofollow;
    record.page_noindex = directives.noindex;
    record.title = extracted.title;

    // A saved page is known by the URL it states it was saved from.
    let identity = match &location {
        Location::File { .. } => extracted
            .facts
            .canonical
            .as_deref()
            .and_then(|c| url::Url::parse(c).ok()),
        Location::Http(_) => Some(page_url.clone()),
    };
    let source_host = identity
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or_default()
        .to_string();
    if matches!(location, Location::File { .. }) && ctx.target.matches_host(&source_host) {
        record.status = SourceStatus::Internal;
        record.error = Some(format!(
            "the saved page comes from {} itself: its links are not backlinks",
            ctx.target.host
        ));
        return (unjudged(index, record), None);
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
    let links: Vec<_> = extracted
        .links
        .into_iter()
        .map(|raw| judge_with(raw, &context, &ctx.analysis, &ctx.anchor_rules))
        .collect();
    record.links = links.len();
    record.status = if links.is_empty() {
        SourceStatus::NoLink
    } else {
        SourceStatus::Ok
    };
    let signals = (!links.is_empty()).then(|| PageSignals {
        source_url: record.url.clone(),
        domain: source_domain.clone(),
        ip: record.ip.clone(),
        tracking_ids: extracted.facts.tracking_ids,
    });
    let result = SourceResult {
        index,
        source: record,
        links,
    };
    (result, signals)
}

fn unjudged(index: usize, source: SourceRecord) -> SourceResult {
    SourceResult {
        index,
        source,
        links: Vec::new(),
    }
}

/// Decodes and parses on a blocking thread. A page that makes the parser panic
/// is reported, not fatal to the audit.
async fn parse(
    ctx: &Arc<Context>,
    body: Vec<u8>,
    content_type: Option<String>,
    page_url: url::Url,
) -> Result<PageExtract, String> {
    let _permit = ctx.parsers.acquire().await.map_err(|e| e.to_string())?;
    let task_ctx = ctx.clone();
    tokio::task::spawn_blocking(move || {
        let html = decode::decode_html(&body, content_type.as_deref());
        drop(body);
        extract::extract(&html, &page_url, &task_ctx.target, &task_ctx.extract_options)
    })
    .await
    .map_err(|e| format!("the page could not be parsed ({e})"))
}

/// A page on the target host itself (any subdomain, any path).
fn is_internal(target: &Target, url: &url::Url) -> bool {
    url.host_str().is_some_and(|host| target.matches_host(host))
}
