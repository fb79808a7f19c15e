//! The audited target: a host or a URL prefix, and the rule for "points at it".

use serde::{Deserialize, Serialize};
use url::Url;

/// A normalised target (docs/reference.md, Target).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The argument as the user gave it.
    pub input: String,
    /// Lowercase ASCII (punycode) host, without a trailing dot or one leading `www.`.
    pub host: String,
    /// `/` for a host target; the URL's path for a URL target.
    pub path_prefix: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{input}` is not a usable target: {reason} (give a host such as `example.com` or a URL such as `https://example.com/blog/`)")]
pub struct TargetError {
    pub input: String,
    pub reason: String,
}

impl Target {
    pub fn parse(input: &str) -> Result<Target, TargetError> {
        let err = |reason: &str| TargetError {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(err("it is empty"));
        }
        let has_scheme = trimmed.contains("://");
        let url = Url::parse(&if has_scheme {
            trimmed.to_string()
        } else {
            format!("https://{trimmed}")
        })
        .map_err(|e| err(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(err("only http and https targets can be audited"));
        }
        let raw_host = url.host_str().ok_or_else(|| err("it has no host"))?;
        let mut host = normalize_host(raw_host).ok_or_else(|| err("its host is not valid"))?;
        if let Some(rest) = host.strip_prefix("www.") {
            if !rest.is_empty() {
                host = rest.to_string();
            }
        }
        let path_prefix = if has_scheme || trimmed.contains('/') {
            url.path().to_string()
        } else {
            "/".to_string()
        };
        Ok(Target {
            input: input.to_string(),
            host,
            path_prefix,
        })
    }

    /// Whether a host (any case, Unicode or punycode, trailing dot or not) is the
    /// target host or one of its subdomains.
    pub fn matches_host(&self, host: &str) -> bool {
        match normalize_host(host) {
            Some(h) => host_within(&h, &self.host),
            None => false,
        }
    }

    /// Whether an absolute URL points at the target (scheme and port ignored).
    pub fn matches_url(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        // `Url` already lowercases and punycodes special-scheme hosts.
        let host = host.strip_suffix('.').unwrap_or(host);
        host_within(host, &self.host) && url.path().starts_with(&self.path_prefix)
    }
}

fn host_within(host: &str, target: &str) -> bool {
    host == target
        || (host.len() > target.len()
            && host.ends_with(target)
            && host.as_bytes()[host.len() - target.len() - 1] == b'.')
}

/// Lowercase, IDNA to ASCII, drop a trailing dot. `None` for a host IDNA refuses.
pub fn normalize_host(host: &str) -> Option<String> {
    let host = host.trim().strip_suffix('.').unwrap_or(host.trim());
    if host.is_empty() {
        return None;
    }
    if host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok() {
        return Some(host.to_ascii_lowercase());
    }
    idna::domain_to_ascii(host).ok().filter(|h| !h.is_empty())
}

/// The registrable domain of a host by the Public Suffix List, or the host itself
/// when it has none (an IP address, `localhost`, a bare suffix).
pub fn registrable_domain(host: &str) -> String {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok() {
        return host.to_string();
    }
    match psl::domain_str(host) {
        Some(domain) => domain.to_string(),
        None => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Target {
        Target::parse(s).unwrap()
    }

    fn points(target: &str, link: &str) -> bool {
        t(target).matches_url(&Url::parse(link).unwrap())
    }

    #[test]
    fn host_is_normalised() {
        assert_eq!(t("Example.COM.").host, "example.com");
        assert_eq!(t("www.example.com").host, "example.com");
        assert_eq!(t("https://www.Example.com/").host, "example.com");
        assert_eq!(t("bücher.de").host, "xn--bcher-kva.de");
        assert_eq!(t("www.www.example.com").host, "www.example.com");
        assert_eq!(t("example.com").path_prefix, "/");
        assert_eq!(t("https://example.com/blog/").path_prefix, "/blog/");
        assert_eq!(t("example.com/blog/").path_prefix, "/blog/");
    }

    #[test]
    fn bad_targets_are_refused() {
        assert!(Target::parse("").is_err());
        assert!(Target::parse("ftp://example.com").is_err());
        assert!(Target::parse("exa mple.com").is_err());
    }

    #[test]
    fn subdomains_and_www_match() {
        assert!(points("example.com", "https://example.com/"));
        assert!(points("example.com", "http://www.example.com/x"));
        assert!(points("example.com", "https://blog.example.com:8443/x"));
        assert!(points("www.example.com", "https://example.com/"));
        assert!(points("example.com", "https://EXAMPLE.com./"));
        assert!(points("bücher.de", "https://www.bücher.de/"));
        assert!(points("xn--bcher-kva.de", "https://bücher.de/"));
    }

    #[test]
    fn look_alikes_never_match() {
        assert!(!points("example.com", "https://notexample.com/"));
        assert!(!points("example.com", "https://example.com.evil.net/"));
        assert!(!points("example.com", "https://example.co/"));
        assert!(!points("example.com", "https://evil.net/example.com"));
        assert!(!points("example.com", "https://example.com@evil.net/"));
    }

    #[test]
    fn url_targets_match_by_path_prefix() {
        assert!(points(
            "https://example.com/blog/",
            "https://example.com/blog/post"
        ));
        assert!(points(
            "https://example.com/blog/",
            "http://www.example.com/blog/"
        ));
        assert!(!points("https://example.com/blog/", "https://example.com/"));
        assert!(!points(
            "https://example.com/blog/",
            "https://example.com/blogger"
        ));
    }

    #[test]
    fn registrable_domains_follow_the_suffix_list() {
        assert_eq!(registrable_domain("news.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(registrable_domain("a.b.example.com"), "example.com");
        assert_eq!(registrable_domain("127.0.0.1"), "127.0.0.1");
        assert_eq!(registrable_domain("localhost"), "localhost");
        assert_eq!(registrable_domain("user.github.io"), "user.github.io");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn label() -> impl Strategy<Value = String> {
            "[a-z][a-z0-9]{0,8}"
        }

        fn domain() -> impl Strategy<Value = String> {
            (
                label(),
                prop_oneof![Just("com"), Just("net"), Just("org"), Just("de"), Just("co.uk")],
            )
                .prop_map(|(l, tld)| format!("{l}.{tld}"))
        }

        proptest! {
            #[test]
            fn the_host_and_its_subdomains_match_in_any_case(
                target in domain(),
                subs in proptest::collection::vec(label(), 0..3),
                path in "(/[a-z0-9]{0,6}){0,3}",
                upper in any::<bool>(),
            ) {
                let t = Target::parse(&target).unwrap();
                let mut host = subs.join(".");
                if !host.is_empty() { host.push('.'); }
                host.push_str(&target);
                if upper { host = host.to_uppercase(); }
                let url = Url::parse(&format!("http://{host}:8080{path}")).unwrap();
                prop_assert!(t.matches_url(&url), "{url} should point at {target}");
                prop_assert!(t.matches_host(&host));
            }

            #[test]
            fn look_alikes_never_match(target in domain(), glue in label(), evil in domain()) {
                // `p.org.p.org` is a real subdomain of `p.org`, not a look-alike.
                prop_assume!(evil != target);
                let t = Target::parse(&target).unwrap();
                for host in [
                    format!("{glue}{target}"),        // notexample.com
                    format!("{target}.{evil}"),       // example.com.evil.net
                    format!("{target}-{glue}.com"),   // example.com-x.com
                ] {
                    let url = Url::parse(&format!("https://{host}/")).unwrap();
                    prop_assert!(!t.matches_url(&url), "{url} must not point at {target}");
                    prop_assert!(!t.matches_host(&host));
                }
            }

            #[test]
            fn url_targets_need_the_path_prefix(target in domain(), prefix in "/[a-z]{1,6}/", rest in "[a-z]{0,6}", other in "/[a-z]{1,6}/") {
                let t = Target::parse(&format!("https://{target}{prefix}")).unwrap();
                let inside = Url::parse(&format!("https://{target}{prefix}{rest}")).unwrap();
                prop_assert!(t.matches_url(&inside));
                let outside = Url::parse(&format!("https://{target}{other}")).unwrap();
                prop_assert_eq!(t.matches_url(&outside), other.starts_with(&prefix));
            }

            #[test]
            fn parsing_and_matching_never_panic(input in "\\PC{0,40}", host in "\\PC{0,40}") {
                if let Ok(t) = Target::parse(&input) {
                    prop_assert!(!t.host.is_empty());
                    prop_assert!(t.path_prefix.starts_with('/'));
                    let _ = t.matches_host(&host);
                }
            }
        }
    }
}
