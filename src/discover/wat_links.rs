//! A WAT page record's links to the targets, as the archive recorded them
//! (SPEC section 10): `A@/href` and `AREA@/href` only, resolved against the
//! page's `<base href>` (itself resolved against the page URL), anchor text as
//! the archive cut it (white space collapsed), `rel` as recorded. A WAT keeps
//! no page structure, so placement and hidden are unknown (`null`).

use super::page::{self, Capture, Seen};
use super::record::{page_url, ScanContext, Scanned};
use crate::archive::wat::WatPage;
use crate::extract::decode::{is_html_mime, mime_essence};
use crate::extract::{parse_rel, Directives};
use crate::model::{LinkType, SkipReason};
use url::Url;

pub(super) fn scan(page: &WatPage, record_offset: u64, archive: &str, ctx: &ScanContext) -> Scanned {
    let skipped = |reason, detail: String| Scanned::Skipped { reason, detail };
    let Some(url) = page_url(&page.url) else {
        return skipped(
            SkipReason::NotACapture,
            format!("`{}` is not an http(s) page", page.url),
        );
    };
    if let Some(status) = page.status.filter(|s| !(200..300).contains(s)) {
        return skipped(SkipReason::NotOk, format!("a capture of an HTTP {status} answer"));
    }
    if let Some(ct) = page
        .content_type
        .as_deref()
        .filter(|ct| !is_html_mime(&mime_essence(ct)))
    {
        return skipped(SkipReason::NotHtml, format!("content type `{ct}`"));
    }
    let capture = Capture {
        url: &url,
        captured_at: page.date.as_deref().unwrap_or_default(),
        archive,
        record_offset,
    };
    let directives = page
        .meta_robots
        .iter()
        .map(|rules| Directives::from_rules(rules))
        .fold(
            Directives::from_x_robots_tag(page.x_robots_tag.iter().map(String::as_str)),
            Directives::union,
        );
    let base = page
        .base
        .as_deref()
        .and_then(|base| url.join(base.trim()).ok())
        .unwrap_or_else(|| url.clone());
    let mut links = Vec::new();
    for sought in page::outside(&ctx.sought, &url) {
        for anchor in page.anchors() {
            let Some(target_url) = resolve(&base, &anchor.url).filter(|u| sought.target.matches_url(u))
            else {
                continue;
            };
            let rel = anchor.rel.as_deref().map(parse_rel).unwrap_or_default();
            let seen = Seen {
                target_url: target_url.to_string(),
                anchor_text: collapse(anchor.text.as_deref().unwrap_or_default()),
                link_type: LinkType::from_rel(&rel),
                rel,
                placement: None,
                hidden: None,
            };
            links.push(page::tie(seen, &sought.label, directives.nofollow, capture));
        }
    }
    Scanned::Page { links, html_bytes: 0 }
}

/// An href resolved against the base, without its fragment; `None` when it
/// is not an http(s) URL.
fn resolve(base: &Url, href: &str) -> Option<Url> {
    let mut url = base.join(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    Some(url)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
