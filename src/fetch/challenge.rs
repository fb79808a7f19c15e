//! Bot challenges: a page that asks a browser to prove itself is the site
//! refusing us (`blocked`), not an error page and not a page without the link.

use reqwest::header::HeaderMap;

/// Body markers of the common challenge pages (Cloudflare, DataDome, PerimeterX,
/// Sucuri, Akamai, AWS WAF). Looked for in the first bytes only.
const MARKERS: &[&str] = &[
    "<title>just a moment...</title>",
    "cf-browser-verification",
    "/cdn-cgi/challenge-platform/",
    "_cf_chl_opt",
    "captcha-delivery.com",
    "px-captcha",
    "sucuri website firewall",
    "access denied - sucuri",
    "/_incapsula_resource",
    "awswaf",
];

/// Whether a response is a bot challenge: Cloudflare's `cf-mitigated: challenge`
/// header, or a 403/429/503 whose body carries a known challenge marker.
pub fn is_challenge(status: u16, headers: &HeaderMap, body_start: &[u8]) -> bool {
    if headers
        .get("cf-mitigated")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("challenge"))
    {
        return true;
    }
    if !matches!(status, 403 | 429 | 503) {
        return false;
    }
    let head = &body_start[..body_start.len().min(16 * 1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    MARKERS.iter().any(|m| text.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn cloudflare_header_is_a_challenge_whatever_the_status() {
        let mut headers = HeaderMap::new();
        headers.insert("cf-mitigated", HeaderValue::from_static("challenge"));
        assert!(is_challenge(403, &headers, b""));
        assert!(is_challenge(200, &headers, b""));
    }

    #[test]
    fn challenge_bodies_on_refusal_statuses() {
        let headers = HeaderMap::new();
        let body = b"<html><head><title>Just a moment...</title></head></html>";
        assert!(is_challenge(403, &headers, body));
        assert!(is_challenge(503, &headers, body));
        assert!(
            !is_challenge(200, &headers, body),
            "an article may quote the phrase"
        );
        assert!(!is_challenge(503, &headers, b"<h1>Service Unavailable</h1>"));
        assert!(!is_challenge(404, &headers, body));
    }
}
