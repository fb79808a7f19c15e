//! One archive record → the links of the page it captured, or why it has
//! none. A WARC `response` (or an HTML `resource`) goes through the audit's
//! extraction; a WAT page record gives the links as the archive recorded them.

use super::page::{self, Capture, Sought};
use super::wat_links;
use crate::archive::{http, wat, Record, RecordKind};
use crate::extract::decode::{decode_html, is_html_mime, looks_like_html, mime_essence, sniff_binary};
use crate::extract::{Budget, Cut, Directives};
use crate::model::{FoundLink, SkipReason};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

/// What every record of a scan needs.
pub struct ScanContext {
    pub sought: Vec<Sought>,
    /// Bytes of one page's payload read (`--max-page-size`).
    pub max_page: usize,
    /// Time allowed to parse one page (`--timeout`).
    pub parse_timeout: Duration,
    /// Raised by Ctrl-C or SIGTERM.
    pub cancel: Arc<AtomicBool>,
}

/// What one record gave.
pub(super) enum Scanned {
    /// A page read to its end (or to the size cap): its links, possibly none,
    /// and the bytes of HTML read.
    Page {
        links: Vec<FoundLink>,
        html_bytes: u64,
    },
    Skipped {
        reason: SkipReason,
        detail: String,
    },
    /// The scan was interrupted in the middle of the page.
    Cancelled,
}

impl Scanned {
    fn skipped(reason: SkipReason, detail: impl Into<String>) -> Scanned {
        Scanned::Skipped {
            reason,
            detail: detail.into(),
        }
    }
}

/// Whether the reader should keep a record's block: the records that may
/// hold a page. The others are counted `not-a-capture` unread.
pub(super) fn wanted(kind: RecordKind, content_type: Option<&str>) -> bool {
    match kind {
        RecordKind::Response | RecordKind::Resource => true,
        RecordKind::Metadata => content_type.is_some_and(|ct| mime_essence(ct) == "application/json"),
        _ => false,
    }
}

pub(super) fn scan(record: &Record, archive: &str, ctx: &ScanContext) -> Scanned {
    let head = &record.head;
    let Some(uri) = head.target_uri.as_deref() else {
        return Scanned::skipped(SkipReason::NotACapture, "a record without WARC-Target-URI");
    };
    let date = head.date.as_deref().unwrap_or_default();
    match head.kind {
        RecordKind::Metadata => scan_wat(record, archive, ctx),
        _ => {
            let Some(url) = page_url(uri) else {
                return Scanned::skipped(SkipReason::NotACapture, format!("`{uri}` is not an http(s) page"));
            };
            let capture = Capture {
                url: &url,
                captured_at: date,
                archive,
                record_offset: head.offset,
            };
            if head.kind == RecordKind::Resource {
                let content_type = head.content_type.as_deref();
                return scan_html(&record.block, content_type, Directives::default(), capture, ctx);
            }
            scan_response(record, capture, ctx)
        }
    }
}

/// An absolute http(s) URL without its fragment; `None` for `dns:`,
/// `urn:`, `mailto:` and the like.
pub(super) fn page_url(uri: &str) -> Option<Url> {
    let mut url = Url::parse(uri.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    Some(url)
}

fn scan_response(record: &Record, capture: Capture<'_>, ctx: &ScanContext) -> Scanned {
    let response = match http::parse_response(&record.block, ctx.max_page) {
        Ok(response) => response,
        Err((reason, detail)) => return Scanned::skipped(reason, detail),
    };
    if !(200..300).contains(&response.status) {
        return Scanned::skipped(
            SkipReason::NotOk,
            format!("a capture of an HTTP {} answer", response.status),
        );
    }
    let header_directives = Directives::from_x_robots_tag(response.all("x-robots-tag"));
    scan_html(
        &response.payload,
        response.header("content-type"),
        header_directives,
        capture,
        ctx,
    )
}

/// The audit's test of an HTML page (content type, else the first bytes; no
/// binary bytes), then its links.
fn scan_html(
    payload: &[u8],
    content_type: Option<&str>,
    header_directives: Directives,
    capture: Capture<'_>,
    ctx: &ScanContext,
) -> Scanned {
    if let Some(ct) = content_type.filter(|ct| !is_html_mime(&mime_essence(ct))) {
        return Scanned::skipped(SkipReason::NotHtml, format!("content type `{ct}`"));
    }
    if content_type.is_none() && !looks_like_html(payload) {
        return Scanned::skipped(
            SkipReason::NotHtml,
            "no content type, and the payload does not look like HTML",
        );
    }
    if let Some(binary) = sniff_binary(payload, content_type) {
        return Scanned::skipped(SkipReason::NotHtml, format!("the payload is binary ({binary})"));
    }
    let payload = &payload[..payload.len().min(ctx.max_page)];
    let html = decode_html(payload, content_type);
    let budget = Budget::new(
        Instant::now().checked_add(ctx.parse_timeout),
        Some(ctx.cancel.clone()),
    );
    match page::html_links(&html, capture, header_directives, &ctx.sought, &budget) {
        Ok(links) => Scanned::Page {
            links,
            html_bytes: payload.len() as u64,
        },
        Err(Cut::TimedOut { read }) => Scanned::skipped(
            SkipReason::ParseTimeout,
            format!(
                "{}: parsing took over {} s ({read} of {} bytes read)",
                capture.url,
                ctx.parse_timeout.as_secs_f64(),
                html.len()
            ),
        ),
        Err(Cut::Cancelled) => Scanned::Cancelled,
    }
}

fn scan_wat(record: &Record, archive: &str, ctx: &ScanContext) -> Scanned {
    let page = match wat::parse_wat(&record.block) {
        Ok(Some(page)) => page,
        Ok(None) => return Scanned::skipped(SkipReason::NotACapture, "a WAT record of no page"),
        Err(detail) => return Scanned::skipped(SkipReason::BadRecord, detail),
    };
    wat_links::scan(&page, record.head.offset, archive, ctx)
}
