//! Redirects are followed one hop at a time, so each hop is recorded and
//! checked against robots.txt; these are the rules for a hop.

use super::response::header_text;
use reqwest::header::{HeaderMap, LOCATION};
use url::Url;

pub(super) fn redirect_target(current: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = header_text(headers, LOCATION)?;
    let mut next = current.join(&location).ok()?;
    next.set_fragment(None);
    Some(next)
}

/// Why following a redirect to `next` must stop, if it must.
pub(super) fn redirect_problem(chain: &[String], next: &Url, max_redirects: usize) -> Option<String> {
    if !matches!(next.scheme(), "http" | "https") {
        return Some(format!("redirected to `{next}`, which is not an http(s) URL"));
    }
    if chain.iter().any(|seen| seen == next.as_str()) {
        return Some(format!("redirect loop: {} → {next}", chain.join(" → ")));
    }
    if chain.len() > max_redirects {
        return Some(format!(
            "too many redirects (more than {max_redirects}; see --max-redirects)"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_chains_stop_on_loops_and_limits() {
        let a = Url::parse("https://a.example/").unwrap();
        let b = Url::parse("https://b.example/").unwrap();
        let chain = vec![a.to_string(), b.to_string()];
        assert!(redirect_problem(&chain, &a, 10)
            .unwrap()
            .starts_with("redirect loop"));
        let c = Url::parse("https://c.example/").unwrap();
        assert_eq!(redirect_problem(&chain, &c, 10), None);
        assert!(redirect_problem(&chain, &c, 1)
            .unwrap()
            .starts_with("too many redirects"));
        let ftp = Url::parse("ftp://c.example/").unwrap();
        assert!(redirect_problem(&chain, &ftp, 10).is_some());
    }
}
