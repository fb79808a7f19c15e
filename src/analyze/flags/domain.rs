//! Flags of the linking site's address: markers the commercial tools correlate
//! with spam (Moz's Spam Score, Semrush's toxic markers). Each is weak alone;
//! together they still stay under the toxic threshold, so the name of a site
//! never condemns its links by itself.

use super::Flag;
use crate::analyze::Thresholds;
use crate::target::registrable_domain;
use url::{Host, Url};

/// Top-level domains that abuse reports (Spamhaus, Interisle) rank as the most
/// used for spam and malware relative to their size. `--suspicious-tld` adds more.
pub const SUSPICIOUS_TLDS: &[&str] = &[
    "accountant",
    "bid",
    "buzz",
    "cam",
    "cf",
    "cfd",
    "click",
    "cricket",
    "cyou",
    "date",
    "download",
    "faith",
    "ga",
    "gdn",
    "gq",
    "icu",
    "loan",
    "men",
    "ml",
    "monster",
    "party",
    "quest",
    "racing",
    "rest",
    "review",
    "sbs",
    "science",
    "stream",
    "tk",
    "top",
    "trade",
    "webcam",
    "win",
    "work",
    "xyz",
];

/// The address flags of a page at `url` (an http(s) URL). `extra_tlds` are
/// lowercase ASCII, without the leading dot.
pub fn flags(url: &Url, extra_tlds: &[String], thresholds: &Thresholds, out: &mut Vec<Flag>) {
    if url.scheme() == "http" {
        out.push(Flag::NonHttps);
    }
    let host = match url.host() {
        Some(Host::Domain(host)) => host.trim_end_matches('.').to_ascii_lowercase(),
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
            out.push(Flag::IpHost);
            return;
        }
        None => return,
    };
    let has_tld = |tld: &str| host == tld || host.strip_suffix(tld).is_some_and(|rest| rest.ends_with('.'));
    if SUSPICIOUS_TLDS.iter().any(|t| has_tld(t)) || extra_tlds.iter().any(|t| has_tld(t)) {
        out.push(Flag::SuspiciousTld);
    }
    let Some(name) = domain_name(&host) else {
        return;
    };
    let at_least = |count: usize, threshold: f64| count > 0 && count as f64 >= threshold;
    if at_least(
        name.chars().filter(char::is_ascii_digit).count(),
        thresholds.numeric_domain_digits,
    ) {
        out.push(Flag::NumericDomain);
    }
    if at_least(name.chars().count(), thresholds.long_domain_chars) {
        out.push(Flag::LongDomain);
    }
    if at_least(name.matches('-').count(), thresholds.hyphenated_domain_hyphens) {
        out.push(Flag::HyphenatedDomain);
    }
}

/// The name a site chose, in Unicode: the registrable domain without its public
/// suffix (`example` for `blog.example.co.uk`, `bücher` for `xn--bcher-kva.de`,
/// so punycode's `xn--` is not counted as hyphens).
fn domain_name(host: &str) -> Option<String> {
    let domain = registrable_domain(host);
    let suffix = psl::suffix_str(&domain)?;
    let name = domain.strip_suffix(suffix)?.strip_suffix('.')?;
    if name.is_empty() {
        return None;
    }
    let (unicode, _) = idna::domain_to_unicode(name);
    Some(unicode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags_of(url: &str) -> Vec<Flag> {
        flags_with(url, &[])
    }

    fn flags_with(url: &str, extra: &[&str]) -> Vec<Flag> {
        let extra: Vec<String> = extra.iter().map(|t| t.to_string()).collect();
        let mut out = Vec::new();
        flags(
            &Url::parse(url).unwrap(),
            &extra,
            &Thresholds::default(),
            &mut out,
        );
        out
    }

    #[test]
    fn an_ordinary_https_site_has_no_flag() {
        assert!(flags_of("https://blog.example.com/post").is_empty());
        assert!(flags_of("https://www.bbc.co.uk/news").is_empty());
    }

    #[test]
    fn non_https_is_plain_http() {
        assert_eq!(flags_of("http://example.com/"), [Flag::NonHttps]);
        assert!(flags_of("https://example.com:8443/").is_empty());
    }

    #[test]
    fn ip_host_for_v4_and_v6_and_no_name_flags() {
        assert_eq!(flags_of("https://203.0.113.7/"), [Flag::IpHost]);
        assert_eq!(flags_of("https://[2001:db8::1]/"), [Flag::IpHost]);
        assert_eq!(flags_of("http://127.0.0.1:8080/"), [Flag::NonHttps, Flag::IpHost]);
        assert!(flags_of("https://localhost/").is_empty());
    }

    #[test]
    fn suspicious_tld_is_the_last_labels_built_in_or_configured() {
        assert_eq!(flags_of("https://cheap.xyz/"), [Flag::SuspiciousTld]);
        assert_eq!(flags_of("https://a.b.tk/"), [Flag::SuspiciousTld]);
        assert!(
            flags_of("https://xyz.com/").is_empty(),
            "xyz as a name is not the TLD"
        );
        assert!(flags_of("https://shop.dev/").is_empty());
        assert_eq!(flags_with("https://shop.dev/", &["dev"]), [Flag::SuspiciousTld]);
        assert_eq!(
            flags_with("https://x.shop.co.uk/", &["co.uk"]),
            [Flag::SuspiciousTld]
        );
        assert!(flags_with("https://x.notco.uk/", &["co.uk"]).is_empty());
    }

    #[test]
    fn numeric_domain_needs_three_digits_in_the_name() {
        assert_eq!(flags_of("https://casino777.com/"), [Flag::NumericDomain]);
        assert!(flags_of("https://37signals.com/").is_empty());
        assert!(
            flags_of("https://blog2024.example.com/").is_empty(),
            "digits in a subdomain"
        );
    }

    #[test]
    fn long_domain_counts_the_name_without_suffix() {
        assert_eq!(
            flags_of("https://bestcheapgardentoolsonline.com/"),
            [Flag::LongDomain]
        );
        assert!(flags_of("https://theguardian.com/").is_empty());
        // 24 characters: one short of the threshold.
        assert!(flags_of("https://abcdefghijklmnopqrstuvwx.com/").is_empty());
        assert_eq!(
            flags_of("https://abcdefghijklmnopqrstuvwxy.com/"),
            [Flag::LongDomain]
        );
    }

    #[test]
    fn hyphenated_domain_needs_two_hyphens_and_ignores_punycode() {
        assert_eq!(
            flags_of("https://best-garden-tools.com/"),
            [Flag::HyphenatedDomain]
        );
        assert!(flags_of("https://coca-cola.com/").is_empty());
        assert!(
            flags_of("https://xn--bcher-kva.de/").is_empty(),
            "bücher.de has no hyphen"
        );
    }
}
