//! Saved pages read from disk, under the same size cap as fetched ones.

use super::{Failure, Fetched, Page};
use crate::extract::decode::{looks_like_html, sniff_binary};
use crate::model::SourceStatus;
use std::path::Path;
use tokio::io::AsyncReadExt;
use url::Url;

pub async fn read(path: &Path, url: &Url, max_page_size: usize) -> Fetched {
    let mut fetched = Fetched::failed(Failure::new(SourceStatus::Invalid, ""));
    fetched.final_url = Some(url.clone());
    let mut body = match read_capped(path, max_page_size).await {
        Ok(body) => body,
        Err(e) => {
            fetched.outcome = Err(Failure::new(
                SourceStatus::Invalid,
                format!("cannot read `{}`: {e}", path.display()),
            ));
            return fetched;
        }
    };
    if body.len() > max_page_size {
        body.truncate(max_page_size);
        fetched.truncated = true;
    }
    let by_extension = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "html" | "htm" | "xhtml" | "shtml"
        )
    });
    let not_html = |error: String| Err(Failure::new(SourceStatus::NotHtml, error));
    fetched.outcome = if !(by_extension || looks_like_html(&body)) {
        not_html(format!("`{}` is not an HTML file", path.display()))
    } else if let Some(binary) = sniff_binary(&body, None) {
        // A `.html` name does not make binary bytes a page we can read.
        not_html(format!("`{}` is binary ({binary}), not HTML", path.display()))
    } else {
        Ok(Page {
            body,
            content_type: None,
            x_robots_tag: Vec::new(),
        })
    };
    fetched
}

/// The file's first `max_page_size` bytes, and one more to tell whether it is longer.
async fn read_capped(path: &Path, max_page_size: usize) -> std::io::Result<Vec<u8>> {
    let file = tokio::fs::File::open(path).await?;
    let mut body = Vec::new();
    file.take(max_page_size as u64 + 1).read_to_end(&mut body).await?;
    Ok(body)
}
