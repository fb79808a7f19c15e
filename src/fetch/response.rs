//! What an answer means: how much of its body to read, whether it is an HTML
//! page, and which status it gives a source when it is not.

use super::{body::CappedBody, challenge, errors, robots, Failure, Fetched, Page};
use crate::extract::decode::{is_html_mime, looks_like_html, mime_essence, sniff_binary};
use crate::model::SourceStatus;
use reqwest::header::{HeaderMap, HeaderName, CONTENT_ENCODING, CONTENT_TYPE};
use std::net::IpAddr;

/// One answer from the server, with as much body as its purpose needs.
pub(super) struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub ip: Option<IpAddr>,
    pub body: Option<CappedBody>,
    /// How many attempts it took, when it is an answer that is retried
    /// (429, 502, 503, 504) or came after a retry.
    pub attempts: Option<u32>,
}

/// What a request is for decides how much of the body is read.
#[derive(Clone, Copy)]
pub(super) enum Purpose {
    Page,
    Robots,
    /// Only the status matters (`Fetcher::check`).
    Check,
}

/// Enough of an error page to recognise a bot challenge.
const CHALLENGE_SNIFF_BYTES: usize = 16 * 1024;

/// Turns the final answer into a page or a status.
pub(super) fn classify(answer: Answer, fetched: &mut Fetched) {
    let status = answer.status;
    let sniff = answer
        .body
        .as_ref()
        .map(|b| b.bytes.as_slice())
        .unwrap_or_default();
    let fail = |status: SourceStatus, error: String| Err(Failure::new(status, error));
    fetched.outcome = if challenge::is_challenge(status, &answer.headers, sniff) {
        fail(
            SourceStatus::Blocked,
            format!(
                "bot challenge (HTTP {status}): the site asks for a browser, so the page could not be seen"
            ),
        )
    } else if matches!(status, 401 | 403 | 429) {
        let hint = if status == 429 {
            let attempts = answer.attempts.map(|n| format!("{}; ", errors::attempts_note(n)));
            format!(" ({}try --per-host 1 --delay 2000)", attempts.unwrap_or_default())
        } else {
            String::new()
        };
        fail(
            SourceStatus::Blocked,
            format!("{}: the site refused us{hint}", status_line(status)),
        )
    } else if !(200..300).contains(&status) {
        fail(SourceStatus::HttpError, status_text(status, answer.attempts))
    } else {
        read_page(answer, fetched)
    };
}

/// A 2xx answer: its page, or why it is `not-html`. A body still compressed
/// (a coding reqwest does not decode) or binary is `not-html` too, never a
/// page without the link: we could not read it.
fn read_page(answer: Answer, fetched: &mut Fetched) -> Result<Page, Failure> {
    let not_html = |error: String| Err(Failure::new(SourceStatus::NotHtml, error));
    let content_type = header_text(&answer.headers, CONTENT_TYPE);
    if let Some(ct) = content_type
        .as_deref()
        .filter(|ct| !is_html_mime(&mime_essence(ct)))
    {
        return not_html(format!("content type `{ct}` is not HTML"));
    }
    if let Some(coding) = undecoded_coding(&answer.headers) {
        return not_html(format!(
            "the body is compressed as `{coding}`, which we cannot decode"
        ));
    }
    let body = answer.body.unwrap_or(CappedBody {
        bytes: Vec::new(),
        truncated: false,
    });
    if content_type.is_none() && !looks_like_html(&body.bytes) {
        return not_html("no content type, and the body does not look like HTML".to_string());
    }
    if let Some(binary) = sniff_binary(&body.bytes, content_type.as_deref()) {
        return not_html(format!("the body is binary ({binary}), not HTML"));
    }
    fetched.truncated = body.truncated;
    Ok(Page {
        body: body.bytes,
        content_type,
        x_robots_tag: answer
            .headers
            .get_all("x-robots-tag")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect(),
    })
}

/// The `Content-Encoding` left on an answer: reqwest decodes gzip, deflate and
/// brotli alone and then drops the header, so any coding still named (stacked
/// `gzip, gzip`, `zstd`, `x-foo`) is one the body is still in.
pub(super) fn undecoded_coding(headers: &HeaderMap) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    let codings: Vec<&str> = values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("identity"))
        .collect();
    (!codings.is_empty()).then(|| codings.join(", "))
}

/// How much body to read: pages in full up to the cap when they may be HTML,
/// error pages only enough to spot a bot challenge, redirects and other
/// content types not at all.
pub(super) fn body_limit(
    purpose: Purpose,
    status: u16,
    headers: &HeaderMap,
    max_page_size: usize,
) -> Option<usize> {
    match purpose {
        Purpose::Robots => (200..300).contains(&status).then_some(robots::MAX_ROBOTS_BYTES),
        Purpose::Check => None,
        // A body still compressed cannot be read: no use downloading it.
        Purpose::Page if (200..300).contains(&status) && undecoded_coding(headers).is_some() => None,
        Purpose::Page if (200..300).contains(&status) => {
            let content_type = header_text(headers, CONTENT_TYPE);
            match content_type.as_deref().map(mime_essence) {
                None => Some(max_page_size),
                Some(essence) if is_html_mime(&essence) => Some(max_page_size),
                Some(_) => None,
            }
        }
        Purpose::Page if matches!(status, 403 | 429 | 503) => Some(CHALLENGE_SNIFF_BYTES),
        Purpose::Page => None,
    }
}

pub(super) fn header_text(headers: &HeaderMap, name: HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The status line, and how many attempts were made when it was retried:
/// "HTTP 503 Service Unavailable (3 attempts)".
pub(super) fn status_text(status: u16, attempts: Option<u32>) -> String {
    match attempts {
        Some(n) => format!("{} ({})", status_line(status), errors::attempts_note(n)),
        None => status_line(status),
    }
}

pub(super) fn status_line(status: u16) -> String {
    match reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("HTTP {status} {reason}"),
        None => format!("HTTP {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised_by_type_or_by_sniffing_when_untyped() {
        assert!(is_html_mime(&mime_essence("text/html; charset=utf-8")));
        assert!(is_html_mime(&mime_essence("Application/XHTML+XML")));
        assert!(!is_html_mime(&mime_essence("text/plain")));
        assert!(!is_html_mime(&mime_essence("application/pdf")));
    }

    #[test]
    fn body_is_read_only_when_needed() {
        let mut html = HeaderMap::new();
        html.insert(CONTENT_TYPE, "text/html".parse().unwrap());
        let mut pdf = HeaderMap::new();
        pdf.insert(CONTENT_TYPE, "application/pdf".parse().unwrap());
        assert_eq!(body_limit(Purpose::Page, 200, &html, 99), Some(99));
        assert_eq!(body_limit(Purpose::Page, 200, &HeaderMap::new(), 99), Some(99));
        assert_eq!(body_limit(Purpose::Page, 200, &pdf, 99), None);
        assert_eq!(
            body_limit(Purpose::Page, 403, &html, 99),
            Some(CHALLENGE_SNIFF_BYTES)
        );
        assert_eq!(body_limit(Purpose::Page, 301, &html, 99), None);
        assert_eq!(
            body_limit(Purpose::Robots, 200, &pdf, 99),
            Some(robots::MAX_ROBOTS_BYTES)
        );
        assert_eq!(body_limit(Purpose::Robots, 404, &pdf, 99), None);
        for status in [200, 403, 503] {
            assert_eq!(body_limit(Purpose::Check, status, &html, 99), None);
        }
    }

    #[test]
    fn codings_left_on_the_answer_are_undecoded_and_not_downloaded() {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, "text/html".parse().unwrap());
        assert_eq!(undecoded_coding(&headers), None);
        headers.insert(CONTENT_ENCODING, "identity".parse().unwrap());
        assert_eq!(undecoded_coding(&headers), None);
        assert_eq!(body_limit(Purpose::Page, 200, &headers, 99), Some(99));
        headers.insert(CONTENT_ENCODING, "gzip, gzip".parse().unwrap());
        assert_eq!(undecoded_coding(&headers).as_deref(), Some("gzip, gzip"));
        headers.append(CONTENT_ENCODING, "Identity, x-foo".parse().unwrap());
        assert_eq!(undecoded_coding(&headers).as_deref(), Some("gzip, gzip, x-foo"));
        assert_eq!(body_limit(Purpose::Page, 200, &headers, 99), None);
        assert_eq!(
            body_limit(Purpose::Page, 403, &headers, 99),
            Some(CHALLENGE_SNIFF_BYTES),
            "an error page is still looked at for a challenge"
        );
    }

    #[test]
    fn status_lines_name_the_reason() {
        assert_eq!(status_line(404), "HTTP 404 Not Found");
        assert_eq!(status_line(599), "HTTP 599");
    }

    #[test]
    fn retried_statuses_say_how_many_attempts() {
        assert_eq!(status_text(404, None), "HTTP 404 Not Found");
        assert_eq!(
            status_text(503, Some(3)),
            "HTTP 503 Service Unavailable (3 attempts)"
        );
        assert_eq!(status_text(502, Some(1)), "HTTP 502 Bad Gateway (1 attempt)");
    }
}
