//! Saved pages read from disk, under the same size cap as fetched ones.

use super::{Failure, Fetched, Page};
use crate::model::SourceStatus;
use std::path::Path;
use tokio::io::AsyncReadExt;
use url::Url;

pub async fn read(path: &Path, url: &Url, max_page_size: usize) -> Fetched {
    let mut fetched = Fetched {
        final_url: Some(url.clone()),
        http_status: None,
        redirects: Vec::new(),
        ip: None,
        truncated: false,
        googlebot_blocked: false,
        outcome: Err(Failure {
            status: SourceStatus::Invalid,
            error: String::new(),
        }),
    };
    let file = match tokio::fs::File::open(path).await {
        Ok(file) => file,
        Err(e) => {
            fetched.outcome = Err(Failure {
                status: SourceStatus::Invalid,
                error: format!("cannot read `{}`: {e}", path.display()),
            });
            return fetched;
        }
    };
    // One byte past the cap tells whether the file is longer.
    let mut body = Vec::new();
    if let Err(e) = file.take(max_page_size as u64 + 1).read_to_end(&mut body).await {
        fetched.outcome = Err(Failure {
            status: SourceStatus::Invalid,
            error: format!("cannot read `{}`: {e}", path.display()),
        });
        return fetched;
    }
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
    fetched.outcome = if by_extension || crate::extract::decode::looks_like_html(&body) {
        Ok(Page {
            body,
            content_type: None,
            x_robots_tag: Vec::new(),
        })
    } else {
        Err(Failure {
            status: SourceStatus::NotHtml,
            error: format!("`{}` is not an HTML file", path.display()),
        })
    };
    fetched
}
