//! Fetching: one client, polite per host, with retries, redirects followed by
//! hand (so every hop is recorded and checked against robots.txt), a cap on the
//! decoded body, and every outcome turned into data: a page or a status.

mod address;
mod body;
mod challenge;
mod errors;
pub mod local;
mod politeness;
mod redirect;
mod response;
pub(crate) mod retry; // also `discover`'s remote archives
mod robots;

use crate::model::SourceStatus;
use errors::NoAnswer;
use politeness::Politeness;
use response::{Answer, Purpose};
use robots::{RobotsCache, RobotsRules};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

pub use errors::{Cause, CertificateProblem};
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
    /// Follow redirects to loopback, private and link-local addresses from
    /// pages on other kinds of address (see `address`).
    pub allow_private: bool,
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
    /// Why no answer came at all (for the page or its robots.txt); `None`
    /// when the server answered.
    pub cause: Option<Cause>,
}

impl Failure {
    fn new(status: SourceStatus, error: impl Into<String>) -> Failure {
        Failure {
            status,
            error: error.into(),
            cause: None,
        }
    }

    /// No answer: `unreachable`, in the words of `NoAnswer::describe`.
    fn no_answer(no_answer: &NoAnswer, during: Option<&str>) -> Failure {
        Failure {
            status: SourceStatus::Unreachable,
            error: no_answer.describe(during),
            cause: Some(no_answer.cause),
        }
    }
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
    /// Nothing fetched (yet): the outcome says why.
    fn failed(failure: Failure) -> Fetched {
        Fetched {
            final_url: None,
            http_status: None,
            redirects: Vec::new(),
            ip: None,
            truncated: false,
            googlebot_blocked: false,
            outcome: Err(failure),
        }
    }
}

/// Why a request a rendered page makes is not let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Robots,
    PrivateAddress,
}

enum AttemptError {
    TimedOut,
    Request(reqwest::Error),
}

pub struct Fetcher {
    client: reqwest::Client,
    politeness: Politeness,
    robots: RobotsCache,
    config: FetchConfig,
}

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
        self.fetch_for(url, Purpose::Page).await
    }

    /// Asks for a page only to learn what it answers (`--check-targets`):
    /// the same GET, robots, redirects, retries and limits as a page, but no
    /// body is read past the headers. The outcome is never a page.
    pub async fn check(&self, url: &Url) -> Fetched {
        self.fetch_for(url, Purpose::Check).await
    }

    async fn fetch_for(&self, url: &Url, purpose: Purpose) -> Fetched {
        let mut current = url.clone();
        let mut redirects: Vec<String> = Vec::new();
        loop {
            // robots.txt is read even with --ignore-robots: it still tells
            // whether Google can see the page.
            let rules = self.robots_rules(&current).await;
            if self.config.obey_robots {
                if let Some(failure) = rules.as_deref().and_then(|r| robots::robots_failure(r, &current)) {
                    let mut fetched = Fetched::failed(failure);
                    fetched.redirects = redirects;
                    return fetched;
                }
            }
            let answer = match self.request(&current, purpose).await {
                Ok(answer) => answer,
                Err(no_answer) => {
                    let mut fetched = Fetched::failed(Failure::no_answer(&no_answer, None));
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
                outcome: Err(Failure::new(SourceStatus::HttpError, "")),
            };
            if (300..400).contains(&answer.status) {
                if let Some(next) = redirect::redirect_target(&current, &answer.headers) {
                    redirects.push(current.to_string());
                    let problem =
                        match redirect::redirect_problem(&redirects, &next, self.config.max_redirects) {
                            Some(problem) => Some(problem),
                            None => self
                                .refused_hop(&current, answer.ip, &next)
                                .await
                                .map(|r| r.to_string()),
                        };
                    if let Some(problem) = problem {
                        fetched.redirects = redirects;
                        fetched.outcome = Err(Failure::new(SourceStatus::Unreachable, problem));
                        return fetched;
                    }
                    current = next;
                    continue;
                }
            }
            fetched.redirects = redirects;
            response::classify(answer, &mut fetched);
            return fetched;
        }
    }

    /// One request with retries; an `Err` only when no answer came at all.
    /// The outcome counts its attempts when it is one that is retried.
    async fn request(&self, url: &Url, purpose: Purpose) -> Result<Answer, NoAnswer> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let result = self.attempt(url, purpose).await;
            let retry_after = match &result {
                Ok(answer) if retry::is_retryable_status(answer.status) => {
                    let sniff = answer
                        .body
                        .as_ref()
                        .map(|b| b.bytes.as_slice())
                        .unwrap_or_default();
                    if challenge::is_challenge(answer.status, &answer.headers, sniff) {
                        // A challenge will not pass by waiting.
                        return self.settle(result, None);
                    }
                    Some(retry::retry_after(&answer.headers))
                }
                Err(AttemptError::TimedOut) => Some(None),
                Err(AttemptError::Request(e)) if is_transient(e, self.config.timeout) => Some(None),
                _ => None,
            };
            match retry_after {
                Some(server_wait) if attempts <= self.config.retries => {
                    let wait = retry::wait_before_retry(
                        attempts - 1,
                        self.config.backoff,
                        self.config.timeout,
                        server_wait,
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => {
                    let counted = (retry_after.is_some() || attempts > 1).then_some(attempts);
                    return self.settle(result, counted);
                }
            }
        }
    }

    /// The last attempt's outcome, with its count of attempts.
    fn settle(
        &self,
        result: Result<Answer, AttemptError>,
        attempts: Option<u32>,
    ) -> Result<Answer, NoAnswer> {
        match result {
            Ok(answer) => Ok(Answer { attempts, ..answer }),
            Err(AttemptError::TimedOut) => Err(NoAnswer {
                cause: Cause::TimedOut(self.config.timeout),
                attempts,
                raw: None,
            }),
            Err(AttemptError::Request(error)) => Err(NoAnswer {
                cause: Cause::of(&error, self.config.timeout),
                attempts,
                raw: self.config.verbose.then(|| errors::chain_text(&error)),
            }),
        }
    }

    /// A single request under the politeness rules, body included in the time-out.
    async fn attempt(&self, url: &Url, purpose: Purpose) -> Result<Answer, AttemptError> {
        let host = url.host_str().unwrap_or_default().to_string();
        let _slot = self.politeness.acquire(&host).await;
        let work = async {
            let mut response = self.client.get(url.clone()).send().await?;
            let status = response.status().as_u16();
            let limit = response::body_limit(purpose, status, response.headers(), self.config.max_page_size);
            let body = match limit {
                Some(limit) => Some(body::read_capped(&mut response, limit).await?),
                None => None,
            };
            Ok::<_, reqwest::Error>(Answer {
                status,
                ip: response.remote_addr().map(|a| a.ip()),
                headers: std::mem::take(response.headers_mut()),
                body,
                attempts: None,
            })
        };
        match tokio::time::timeout(self.config.timeout, work).await {
            Ok(result) => result.map_err(AttemptError::Request),
            Err(_) => Err(AttemptError::TimedOut),
        }
    }

    /// Whether a browser rendering `page` (answered from `page_ip`) may load
    /// `url`: the rules a redirect from the page would meet (private
    /// addresses), and robots.txt unless `--ignore-robots`.
    pub async fn may_load(&self, page: &Url, page_ip: Option<IpAddr>, url: &Url) -> Result<(), Refusal> {
        if self.refused_hop(page, page_ip, url).await.is_some() {
            return Err(Refusal::PrivateAddress);
        }
        if self.config.obey_robots {
            let rules = self.robots_rules(url).await;
            if rules.is_some_and(|rules| !rules.allows(url)) {
                return Err(Refusal::Robots);
            }
        }
        Ok(())
    }

    /// Why a redirect from `from` (answered from `from_ip`) to `to` may not
    /// be followed: a private address (see `address`), unless allowed.
    async fn refused_hop(
        &self,
        from: &Url,
        from_ip: Option<IpAddr>,
        to: &Url,
    ) -> Option<address::RefusedHop> {
        if self.config.allow_private {
            return None;
        }
        address::check_hop(from, from_ip, to, self.config.timeout)
            .await
            .err()
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
                Err(no_answer) => return Arc::new(RobotsRules::Unreachable(no_answer)),
            };
            let rules = match answer.status {
                200..=299 => RobotsRules::parse(answer.body.as_ref().map_or(&[][..], |b| &b.bytes)),
                // RFC 9309: a redirect that cannot be followed (none given, or
                // to a private address) leaves the file unavailable.
                300..=399 => match redirect::redirect_target(&url, &answer.headers) {
                    Some(next) if self.refused_hop(&url, answer.ip, &next).await.is_none() => {
                        url = next;
                        continue;
                    }
                    _ => RobotsRules::AllowAll,
                },
                400..=499 => RobotsRules::AllowAll,
                status => RobotsRules::DisallowAll {
                    reason: format!(
                        "robots.txt answered {}",
                        response::status_text(status, answer.attempts)
                    ),
                },
            };
            return Arc::new(rules);
        }
        // RFC 9309: past the redirects followed, the file counts as unavailable.
        Arc::new(RobotsRules::AllowAll)
    }
}

/// Errors worth a retry: the network may do better next time. A failed DNS
/// lookup or a rejected certificate will not.
fn is_transient(error: &reqwest::Error, timeout: Duration) -> bool {
    (error.is_connect() || error.is_body() || error.is_request()) && !Cause::of(error, timeout).is_final()
}
