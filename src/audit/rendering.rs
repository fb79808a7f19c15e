//! A fetched page rendered when `--render` wants it: the rendered document
//! replaces the fetched one (it is what visitors and Google see), and the
//! record says what rendering changed or could not do.

use super::source::{parse, Context, Skip};
use crate::extract::{PageExtract, RawLink};
use crate::model::{SourceRecord, SourceStatus};
use crate::render::{Blocked, Blocks, RenderError, RenderRequest};
use crate::words;
use std::collections::HashMap;
use std::sync::Arc;
use url::Url;

/// The page's bytes as fetched, kept for the browser.
pub struct FetchedPage {
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    /// Whether the fetched HTML runs a script (`extract::runs_scripts`).
    pub runs_scripts: bool,
}

/// The extract to judge: the rendered one when the page was rendered (with,
/// for each of its links, whether only the rendered document has it), else
/// the fetched one as it came.
pub async fn maybe_render(
    ctx: &Arc<Context>,
    fetched: FetchedPage,
    page_url: &Url,
    from_fetch: PageExtract,
    record: &mut SourceRecord,
) -> Result<(PageExtract, Vec<bool>), Skip> {
    if !ctx.renderer.wants(from_fetch.links.len(), fetched.runs_scripts) {
        return Ok((from_fetch, Vec::new()));
    }
    let request = RenderRequest {
        url: page_url,
        body: &fetched.body,
        content_type: fetched.content_type.as_deref(),
        ip: record.ip.as_deref().and_then(|ip| ip.parse().ok()),
    };
    let rendered = match ctx.renderer.render(&request).await {
        Ok(rendered) => rendered,
        // `auto` without a browser (said once, at the start): the fetched
        // document stands.
        Err(RenderError::Unavailable(_)) => return Ok((from_fetch, Vec::new())),
        Err(error) => {
            let reason = format!("{error}{}", fetched_had(from_fetch.links.len()));
            return Err(Skip::new(SourceStatus::Unreachable, reason));
        }
    };
    drop(fetched);
    let html = rendered.html.into_bytes();
    let from_browser = parse(
        ctx,
        html,
        Some("text/html; charset=utf-8".into()),
        page_url.clone(),
    )
    .await?;
    record.rendered = true;
    let (rendered_only, removed) = compare(&from_fetch.links, &from_browser.links);
    record.render_note = note(removed, rendered.left_for.as_deref(), &rendered.blocks);
    Ok((from_browser, rendered_only))
}

/// For each rendered link, whether the fetched HTML lacks it; and how many of
/// the fetched HTML's links the rendered document lacks. Links are matched
/// by the URL they point to, each fetched link standing for one rendered link.
fn compare(fetched: &[RawLink], rendered: &[RawLink]) -> (Vec<bool>, usize) {
    let mut unmatched: HashMap<&str, usize> = HashMap::new();
    for link in fetched {
        *unmatched.entry(link.url.as_str()).or_default() += 1;
    }
    let rendered_only = rendered
        .iter()
        .map(|link| match unmatched.get_mut(link.url.as_str()) {
            Some(left) if *left > 0 => {
                *left -= 1;
                false
            }
            _ => true,
        })
        .collect();
    (rendered_only, unmatched.values().sum())
}

/// What rendering changed or kept from the browser, in one sentence or none.
fn note(removed: usize, left_for: Option<&str>, blocks: &Blocks) -> Option<String> {
    let mut parts = Vec::new();
    if removed > 0 {
        parts.push(format!(
            "the fetched HTML has {removed} link{} to the target that the rendered page does not (a script removes {})",
            words::s(removed),
            if removed == 1 { "it" } else { "them" }
        ));
    }
    if let Some(url) = left_for {
        parts.push(format!(
            "a script or refresh sends visitors to {url} (not followed: the links are the page's before it leaves)"
        ));
    }
    for why in [Blocked::Robots, Blocked::PrivateAddress] {
        let count = blocks.get(why);
        if count > 0 {
            parts.push(format!(
                "the browser was kept from {count} request{} {}",
                words::s(count),
                why.phrase()
            ));
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `; the fetched HTML has 2 links to the target`, when it has any.
fn fetched_had(links: usize) -> String {
    match links {
        0 => String::new(),
        n => format!("; the fetched HTML has {n} link{} to the target", words::s(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::raw;

    fn to(url: &str) -> RawLink {
        RawLink {
            url: url.into(),
            ..raw("x")
        }
    }

    #[test]
    fn links_only_the_rendered_page_has_are_marked_and_removed_ones_counted() {
        let fetched = [
            to("https://example.com/a"),
            to("https://example.com/b"),
            to("https://example.com/b"),
        ];
        let rendered = [
            to("https://example.com/b"),
            to("https://example.com/c"),
            to("https://example.com/b"),
            to("https://example.com/b"),
        ];
        let (only, removed) = compare(&fetched, &rendered);
        assert_eq!(only, [false, true, false, true]);
        assert_eq!(removed, 1, "`a` is gone");
    }

    #[test]
    fn the_note_says_what_rendering_changed_and_nothing_when_nothing_did() {
        let mut blocks = Blocks::default();
        assert_eq!(note(0, None, &blocks), None);
        blocks.count(Blocked::Decoration);
        blocks.count(Blocked::Frame);
        assert_eq!(
            note(0, None, &blocks),
            None,
            "images and frames are never loaded: no news"
        );
        blocks.count(Blocked::Robots);
        blocks.count(Blocked::Robots);
        let said = note(1, Some("https://elsewhere.test/"), &blocks).unwrap();
        assert!(said.starts_with("the fetched HTML has 1 link to the target that the rendered page does not (a script removes it)"), "{said}");
        assert!(
            said.contains("sends visitors to https://elsewhere.test/"),
            "{said}"
        );
        assert!(
            said.ends_with("kept from 2 requests disallowed by robots.txt"),
            "{said}"
        );
    }
}
