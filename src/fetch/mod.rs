//! Fetching: one client, polite per host, with retries, redirects followed by
//! hand (so every hop is recorded and checked against robots.txt), a cap on the
//! decoded body, and every outcome turned into data: a page or a status.

mod body;
mod challenge;
mod errors;
pub mod local;
mod politeness;
mod retry;
mod robots;

use crate::model::SourceStatus;
use body::CappedBody;
use politeness::Politeness;
use reqwest::header::{HeaderMap, CONTENT_TYPE, LOCATION};
use robots::{RobotsCache, RobotsRules};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

pub use robots::PRODUCT_TOKEN;

/// How to fetch, from the validated settings.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    pub timeout: Duration,
    pub retries: u32,
    pub backoff: Duration,
    pub max_redirects: usize,
    pub max_page_size: usize,
    pub concurrency: usize,
    pub per_host: usize,
    pub delay: Duration,
    pub obey_robots: bool,
    /// Put the raw error chain behind each plain phrase.
    pub verbose: bool,
}

/// An HTML page as received.
#[derive(Debug)]
pub struct Page {
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    /// Every `X-Robots-Tag` header value.
    pub x_robots_tag: Vec<String>,
}

/// Why a source yields no page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: SourceStatus,
    pub error: String,
}

/// What fetching one source gave.
#[derive(Debug)]
pub struct Fetched {
    /// The last URL requested (after redirects); `None` when nothing was requested.
    pub final_url: Option<Url>,
    pub http_status: Option<u16>,
    /// URLs that answered with a redirect, in order.
    pub redirects: Vec<String>,
    pub ip: Option<IpAddr>,
    pub truncated: bool,
    /// robots.txt shuts Googlebot out of the final URL: Google cannot see its links.
    pub googlebot_blocked: bool,
    pub outcome: Result<Page, Failure>,
}

impl Fetched {
    fn failed(status: SourceStatus, error: impl Into<String>) -> Fetched {
        Fetched {
            final_url: None,
            http_status: None,
            redirects: Vec::new(),
            ip: None,
            truncated: false,
            googlebot_blocked: false,
            outcome: Err(Failure {
                status,
                error: error.into(),
            }),
        }
    }
}

/// One answer from the server, with as much body as its purpose needs.
struct Answer {
    status: u16,
    headers: HeaderMap,
    ip: Option<IpAddr>,
    body: Option<CappedBody>,
}

enum AttemptError {
    TimedOut,
    Request(reqwest::Error),
}

/// What a request is for decides how much of the body is read.
#[derive(Clone, Copy)]
enum Purpose {
    Page,
    Robots,
}

pub struct Fetcher {
    client: reqwest::Client,
    politeness: Politeness,
    robots: RobotsCache,
    config: FetchConfig,
}

/// Enough of an error page to recognise a bot challenge.
const CHALLENGE_SNIFF_BYTES: usize = 16 * 1024;
/// RFC 9309: follow at least five redirects for robots.txt.
const ROBOTS_MAX_REDIRECTS: usize = 5;

impl Fetcher {
    pub fn new(config: FetchConfig) -> Result<Fetcher, reqwest::Error> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.timeout)
            .pool_max_idle_per_host(config.per_host.max(1))
            .use_rustls_tls()
            .build()?;
        Ok(Fetcher {
            client,
            politeness: Politeness::new(config.concurrency, config.per_host, config.delay),
            robots: RobotsCache::default(),
            config,
        })
    }

    /// Fetches a page, following redirects, and says what became of it.
    pub async fn fetch(&self, url: &Url) -> Fetched {
        let mut current = url.clone();
        let mut redirects: Vec<String> = Vec::new();
        loop {
            // robots.txt is read even with --ignore-robots: it still tells
            // whether Google can see the page.
            let rules = self.robots_rules(&current).await;
            if self.config.obey_robots {
                if let Some(failure) = rules.as_deref().and_then(|r| robots_failure(r, &current)) {
                    let mut fetched = Fetched::failed(failure.status, failure.error);
                    fetched.redirects = redirects;
                    return fetched;
                }
            }
            let answer = match self.request(&current, Purpose::Page).await {
                Ok(answer) => answer,
                Err(error) => {
                    let mut fetched = Fetched::failed(SourceStatus::Unreachable, self.describe(&error));
                    fetched.final_url = Some(current);
                    fetched.redirects = redirects;
                    return fetched;
                }
            };
            let mut fetched = Fetched {
                final_url: Some(current.clone()),
                http_status: Some(answer.status),
                redirects: Vec::new(),
                ip: answer.ip,
                truncated: false,
                googlebot_blocked: rules.is_some_and(|r| r.blocks_googlebot(&current)),
                outcome: Err(Failure {
                    status: SourceStatus::HttpError,
                    error: String::new(),
                }),
            };
            if (300..400).contains(&answer.status) {
                if let Some(next) = redirect_target(&current, &answer.headers) {
                    redirects.push(current.to_string());
                    if let Some(problem) = redirect_problem(&redirects, &next, self.config.max_redirects) {
                        fetched.redirects = redirects;
                        fetched.outcome = Err(Failure {
                            status: SourceStatus::Unreachable,
                            error: problem,
                        });
                        return fetched;
                    }
                    current = next;
                    continue;
                }
            }
            fetched.redirects = redirects;
            self.classify(answer, &mut fetched);
            return fetched;
        }
    }

    /// Turns the final answer into a page or a status.
    fn classify(&self, answer: Answer, fetched: &mut Fetched) {
        let status = answer.status;
        let sniff = answer
            .body
            .as_ref()
            .map(|b| b.bytes.as_slice())
            .unwrap_or_default();
        let fail = |status: SourceStatus, error: String| Err(Failure { status, error });
        fetched.outcome = if challenge::is_challenge(status, &answer.headers, sniff) {
            fail(
                SourceStatus::Blocked,
                format!("bot challenge (HTTP {status}): the site asks for a browser, so the page could not be seen"),
            )
        } else if matches!(status, 401 | 403 | 429) {
            let hint = if status == 429 {
                format!(
                    " after {} retries (try --per-host 1 --delay 2000)",
                    self.config.retries
                )
            } else {
                String::new()
            };
            fail(
                SourceStatus::Blocked,
                format!("{}: the site refused us{hint}", status_line(status)),
            )
        } else if !(200..300).contains(&status) {
            fail(SourceStatus::HttpError, status_line(status))
        } else {
            let content_type = header_text(&answer.headers, CONTENT_TYPE);
            match answer.body {
                Some(body) if is_html(content_type.as_deref(), &body.bytes) => {
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
                _ => fail(
                    SourceStatus::NotHtml,
                    match content_type {
                        Some(ct) => format!("content type `{ct}` is not HTML"),
                        None => "no content type, and the body does not look like HTML".to_string(),
                    },
                ),
            }
        };
    }

    /// One request with retries; an `Err` only when no answer came at all.
    async fn request(&self, url: &Url, purpose: Purpose) -> Result<Answer, AttemptError> {
        let mut attempt = 0;
        loop {
            let result = self.attempt(url, purpose).await;
            let retry_after = match &result {
                Ok(answer) if retry::is_retryable_status(answer.status) => {
                    let sniff = answer
                        .body
                        .as_ref()
                        .map(|b| b.bytes.as_slice())
                        .unwrap_or_default();
                    if challenge::is_challenge(answer.status, &answer.headers, sniff) {
                        return result; // a challenge will not pass by waiting
                    }
                    Some(retry::retry_after(&answer.headers))
                }
                Err(AttemptError::TimedOut) => Some(None),
                Err(AttemptError::Request(e)) if is_transient(e) => Some(None),
                _ => None,
            };
            match retry_after {
                Some(server_wait) if attempt < self.config.retries => {
                    let wait = retry::wait_before_retry(
                        attempt,
                        self.config.backoff,
                        self.config.timeout,
                        server_wait,
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return result,
            }
        }
    }

    /// A single request under the politeness rules, body included in the time-out.
    async fn attempt(&self, url: &Url, purpose: Purpose) -> Result<Answer, AttemptError> {
        let host = url.host_str().unwrap_or_default().to_string();
        let _slot = self.politeness.acquire(&host).await;
        let work = async {
            let mut response = self.client.get(url.clone()).send().await?;
            let status = response.status().as_u16();
            let limit = body_limit(purpose, status, response.headers(), self.config.max_page_size);
            let body = match limit {
                Some(limit) => Some(body::read_capped(&mut response, limit).await?),
                None => None,
            };
            Ok::<_, reqwest::Error>(Answer {
                status,
                ip: response.remote_addr().map(|a| a.ip()),
                headers: std::mem::take(response.headers_mut()),
                body,
            })
        };
        match tokio::time::timeout(self.config.timeout, work).await {
            Ok(result) => result.map_err(AttemptError::Request),
            Err(_) => Err(AttemptError::TimedOut),
        }
    }

    /// The rules of `url`'s origin, fetched once per origin.
    async fn robots_rules(&self, url: &Url) -> Option<Arc<RobotsRules>> {
        let robots_url = robots::robots_url(url)?;
        let cell = self.robots.cell(url);
        Some(cell.get_or_init(|| self.fetch_robots(robots_url)).await.clone())
    }

    async fn fetch_robots(&self, mut url: Url) -> Arc<RobotsRules> {
        for _ in 0..=ROBOTS_MAX_REDIRECTS {
            let answer = match self.request(&url, Purpose::Robots).await {
                Ok(answer) => answer,
                Err(error) => {
                    return Arc::new(RobotsRules::Unreachable {
                        reason: self.describe(&error),
                    })
                }
            };
            let rules = match answer.status {
                200..=299 => RobotsRules::parse(answer.body.as_ref().map_or(&[][..], |b| &b.bytes)),
                300..=399 => match redirect_target(&url, &answer.headers) {
                    Some(next) => {
                        url = next;
                        continue;
                    }
                    None => RobotsRules::AllowAll,
                },
                400..=499 => RobotsRules::AllowAll,
                status => RobotsRules::DisallowAll {
                    reason: format!("robots.txt answered {}", status_line(status)),
                },
            };
            return Arc::new(rules);
        }
        // RFC 9309: past the redirects followed, the file counts as unavailable.
        Arc::new(RobotsRules::AllowAll)
    }

    fn describe(&self, error: &AttemptError) -> String {
        match error {
            AttemptError::TimedOut => format!("time-out after {} s", self.config.timeout.as_secs_f64()),
            AttemptError::Request(e) => errors::describe(e, self.config.verbose),
        }
    }
}

/// `None` when the rules let us fetch `url`, else why not.
fn robots_failure(rules: &RobotsRules, url: &Url) -> Option<Failure> {
    if rules.allows(url) {
        return None;
    }
    Some(match rules {
        RobotsRules::Unreachable { reason } => Failure {
            status: SourceStatus::Unreachable,
            error: format!("robots.txt could not be fetched: {reason}"),
        },
        RobotsRules::DisallowAll { reason } => Failure {
            status: SourceStatus::RobotsBlocked,
            error: format!(
                "{reason}; RFC 9309 says to assume every page is disallowed (--ignore-robots fetches anyway)"
            ),
        },
        _ => Failure {
            status: SourceStatus::RobotsBlocked,
            error: format!(
                "robots.txt disallows this page for `{PRODUCT_TOKEN}` (--ignore-robots fetches anyway)"
            ),
        },
    })
}

/// How much body to read: pages in full up to the cap when they may be HTML,
/// error pages only enough to spot a bot challenge, redirects and other
/// content types not at all.
fn body_limit(purpose: Purpose, status: u16, headers: &HeaderMap, max_page_size: usize) -> Option<usize> {
    match purpose {
        Purpose::Robots => (200..300).contains(&status).then_some(robots::MAX_ROBOTS_BYTES),
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

fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type {
        Some(ct) => is_html_mime(&mime_essence(ct)),
        None => crate::extract::decode::looks_like_html(body),
    }
}

fn is_html_mime(essence: &str) -> bool {
    essence == "text/html" || essence == "application/xhtml+xml"
}

fn mime_essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
        .filter(|v| !v.is_empty())
}

fn redirect_target(current: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = header_text(headers, LOCATION)?;
    let mut next = current.join(&location).ok()?;
    next.set_fragment(None);
    Some(next)
}

/// Why following a redirect to `next` must stop, if it must.
fn redirect_problem(chain: &[String], next: &Url, max_redirects: usize) -> Option<String> {
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

/// Errors worth a retry: the network may do better next time. A failed DNS
/// lookup will not.
fn is_transient(error: &reqwest::Error) -> bool {
    let phrase = errors::describe(error, false);
    (error.is_connect() || error.is_body() || error.is_request()) && phrase != "DNS lookup failed"
}

fn status_line(status: u16) -> String {
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
    }

    #[test]
    fn status_lines_name_the_reason() {
        assert_eq!(status_line(404), "HTTP 404 Not Found");
        assert_eq!(status_line(599), "HTTP 599");
    }
}
