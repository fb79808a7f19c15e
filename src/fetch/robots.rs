//! robots.txt rules per origin (RFC 9309), fetched once and shared by every
//! source of that origin.

use super::errors::NoAnswer;
use super::Failure;
use crate::model::SourceStatus;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use texting_robots::Robot;
use tokio::sync::OnceCell;
use url::Url;

/// The product token we obey; its group wins over `*` (RFC 9309 section 2.2.1).
pub const PRODUCT_TOKEN: &str = "backlinks";

/// Google's crawler: when it may not fetch a page, Google cannot see its links.
pub const GOOGLEBOT_TOKEN: &str = "Googlebot";

/// RFC 9309 asks parsers to read at least 500 KiB.
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// What an origin's robots.txt lets us do.
#[derive(Debug)]
pub enum RobotsRules {
    /// No usable file (4xx): everything may be fetched.
    AllowAll,
    /// The server failed (5xx): RFC 9309 says assume everything is disallowed.
    DisallowAll {
        reason: String,
    },
    /// The file could not be reached at all (DNS, connection, time-out).
    Unreachable(NoAnswer),
    Rules {
        ours: Robot,
        googlebot: Robot,
    },
}

impl RobotsRules {
    /// Builds the rules from a fetched robots.txt body for our product token.
    pub fn parse(body: &[u8]) -> RobotsRules {
        match (Robot::new(PRODUCT_TOKEN, body), Robot::new(GOOGLEBOT_TOKEN, body)) {
            (Ok(ours), Ok(googlebot)) => RobotsRules::Rules { ours, googlebot },
            // texting_robots refuses only pathological files; treat them as absent.
            _ => RobotsRules::AllowAll,
        }
    }

    /// Whether the file shuts Googlebot out of `url`. Only a file that says so
    /// counts: an unreachable robots.txt says nothing about what Google saw.
    pub fn blocks_googlebot(&self, url: &Url) -> bool {
        match self {
            RobotsRules::Rules { googlebot, .. } => !googlebot.allowed(url.as_str()),
            _ => false,
        }
    }

    pub fn allows(&self, url: &Url) -> bool {
        match self {
            RobotsRules::AllowAll => true,
            RobotsRules::DisallowAll { .. } | RobotsRules::Unreachable(_) => false,
            RobotsRules::Rules { ours, .. } => ours.allowed(url.as_str()),
        }
    }
}

/// The robots.txt URL of a URL's origin.
pub fn robots_url(url: &Url) -> Option<Url> {
    let mut robots = url.clone();
    robots.set_path("/robots.txt");
    robots.set_query(None);
    robots.set_fragment(None);
    robots.set_username("").ok()?;
    robots.set_password(None).ok()?;
    Some(robots)
}

/// One cell per origin: the first source of an origin fetches its robots.txt,
/// the others wait for that answer instead of fetching it again.
#[derive(Default)]
pub struct RobotsCache {
    origins: Mutex<HashMap<String, Arc<OnceCell<Arc<RobotsRules>>>>>,
}

impl RobotsCache {
    pub fn cell(&self, url: &Url) -> Arc<OnceCell<Arc<RobotsRules>>> {
        let origin = url.origin().ascii_serialization();
        let mut origins = self.origins.lock().unwrap_or_else(|e| e.into_inner());
        origins.entry(origin).or_default().clone()
    }
}

/// `None` when the rules let us fetch `url`, else why not.
pub(super) fn robots_failure(rules: &RobotsRules, url: &Url) -> Option<Failure> {
    if rules.allows(url) {
        return None;
    }
    Some(match rules {
        // The page is on the same host and port: it would fail the same way,
        // so the report names the network cause, as for the page itself.
        RobotsRules::Unreachable(no_answer) => {
            Failure::no_answer(no_answer, Some("while fetching robots.txt"))
        }
        RobotsRules::DisallowAll { reason } => Failure::new(
            SourceStatus::RobotsBlocked,
            format!(
                "{reason}; RFC 9309 says to assume every page is disallowed (--ignore-robots fetches anyway)"
            ),
        ),
        _ => Failure::new(
            SourceStatus::RobotsBlocked,
            format!("robots.txt disallows this page for `{PRODUCT_TOKEN}` (--ignore-robots fetches anyway)"),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::Cause;

    fn allows(robots: &str, path: &str) -> bool {
        let url = Url::parse("https://site.example").unwrap().join(path).unwrap();
        RobotsRules::parse(robots.as_bytes()).allows(&url)
    }

    #[test]
    fn our_group_wins_over_the_star_group() {
        let txt = "User-agent: *\nDisallow: /\n\nUser-agent: backlinks\nDisallow: /private/\n";
        assert!(allows(txt, "/blog/post"));
        assert!(!allows(txt, "/private/x"));
    }

    #[test]
    fn star_group_applies_without_ours() {
        let txt = "User-agent: googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /drafts/\n";
        assert!(allows(txt, "/blog/"));
        assert!(!allows(txt, "/drafts/a"));
    }

    #[test]
    fn product_token_is_case_insensitive() {
        assert!(!allows("User-agent: BackLinks\nDisallow: /\n", "/x"));
    }

    #[test]
    fn longest_match_wins_and_allow_wins_ties() {
        let txt = "User-agent: *\nDisallow: /a/\nAllow: /a/b/\nDisallow: /c$\nAllow: /c$\n";
        assert!(!allows(txt, "/a/x"));
        assert!(allows(txt, "/a/b/x"));
        assert!(allows(txt, "/c"));
    }

    #[test]
    fn unknown_lines_do_not_end_a_group() {
        let txt = "User-agent: *\nCrawl-delay: 5\nSitemap: https://site.example/s.xml\nDisallow: /x\n";
        assert!(!allows(txt, "/x"));
    }

    #[test]
    fn googlebot_rules_are_read_alongside_ours() {
        let url = Url::parse("https://site.example/blog/post").unwrap();
        let rules = RobotsRules::parse(b"User-agent: Googlebot\nDisallow: /blog/\n");
        assert!(rules.allows(&url), "the Googlebot group does not bind us");
        assert!(rules.blocks_googlebot(&url));
        let star = RobotsRules::parse(b"User-agent: *\nDisallow: /\n");
        assert!(star.blocks_googlebot(&url), "Googlebot falls back to *");
        let ours_only = RobotsRules::parse(b"User-agent: backlinks\nDisallow: /\n");
        assert!(!ours_only.blocks_googlebot(&url));
        assert!(!RobotsRules::DisallowAll {
            reason: String::new()
        }
        .blocks_googlebot(&url));
    }

    #[test]
    fn failures_disallow_and_missing_files_allow() {
        let url = Url::parse("https://site.example/a").unwrap();
        assert!(RobotsRules::AllowAll.allows(&url));
        assert!(!RobotsRules::DisallowAll {
            reason: String::new()
        }
        .allows(&url));
    }

    #[test]
    fn an_unreachable_file_gives_the_network_cause() {
        let url = Url::parse("https://site.example/a").unwrap();
        let rules = RobotsRules::Unreachable(NoAnswer {
            cause: Cause::Refused,
            attempts: Some(3),
            raw: None,
        });
        let failure = robots_failure(&rules, &url).expect("not allowed");
        assert_eq!(failure.status, SourceStatus::Unreachable);
        assert_eq!(
            failure.error,
            "connection refused (3 attempts, while fetching robots.txt)"
        );
        assert_eq!(failure.cause, Some(Cause::Refused));
        let disallow = RobotsRules::DisallowAll {
            reason: "robots.txt answered HTTP 503 Service Unavailable (3 attempts)".to_string(),
        };
        assert_eq!(
            robots_failure(&disallow, &url).unwrap().status,
            SourceStatus::RobotsBlocked,
            "a 5xx answer is an answer: RFC 9309 disallows"
        );
    }

    #[test]
    fn robots_url_keeps_the_origin_only() {
        let url = Url::parse("https://u:p@site.example:8443/a/b?q=1#f").unwrap();
        assert_eq!(
            robots_url(&url).unwrap().as_str(),
            "https://site.example:8443/robots.txt"
        );
    }
}
