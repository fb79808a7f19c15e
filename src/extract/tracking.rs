//! Analytics and ad-network account IDs. The same ID on pages of different
//! referring domains means one owner runs them all (a private blog network).
//!
//! Patterns, each exact in shape so that ordinary words never match, all
//! case-sensitive as the services write them:
//! - Universal Analytics `UA-1234567-1` (4–10 digits, 1–4 digits);
//! - GA4 `G-XXXXXXXXXX` (6–12 capitals or digits), only in a gtag context:
//!   `gtag('config', 'G-…')` or `googletagmanager.com/gtag/js?id=G-…`, since
//!   `G-` followed by capitals is common elsewhere;
//! - Google Tag Manager `GTM-XXXXXXX` (4–9 capitals or digits);
//! - Google Ads `AW-123456789` (6–12 digits);
//! - AdSense `ca-pub-1234567890123456` or `pub-…` (10–20 digits), written
//!   `CA-PUB-…` either way;
//! - Meta pixel `fbq('init', '123…')` or `facebook.com/tr?id=123…` (10–20
//!   digits), written `FB-…`.
//!
//! Each must stand alone (no letter, digit or `-` glued before or after), and
//! placeholders (`GTM-XXXXXX`, `G-XXXXXXXX`) are skipped.

use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

static PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[^A-Za-z0-9-])(?P<ua>UA-\d{4,10}-\d{1,4})(?:$|[^A-Za-z0-9-])",
        r#"|gtag\(\s*['"]config['"]\s*,\s*['"](?P<gtag>G-[A-Z0-9]{6,12})['"]"#,
        r"|googletagmanager\.com/gtag/js\?(?:[^\s'\x22]*&)?id=(?P<gtagjs>G-[A-Z0-9]{6,12})(?:$|[^A-Za-z0-9-])",
        r"|(?:^|[^A-Za-z0-9-])(?P<gtm>GTM-[A-Z0-9]{4,9})(?:$|[^A-Za-z0-9-])",
        r"|(?:^|[^A-Za-z0-9-])(?P<aw>AW-\d{6,12})(?:$|[^A-Za-z0-9-])",
        r"|(?:^|[^A-Za-z0-9-])(?:ca-)?pub-(?P<pub>\d{10,20})(?:$|[^A-Za-z0-9-])",
        r#"|fbq\(\s*['"]init['"]\s*,\s*['"]?(?P<fb>\d{10,20})(?:$|[^0-9])"#,
        r"|facebook\.com/tr/?\?(?:[^\s'\x22]*&)?id=(?P<fbtr>\d{10,20})(?:$|[^0-9])",
    ))
    .ok()
});

/// Adds the IDs found in `text` (a script, or an attribute value) to `ids`.
pub(crate) fn scan(text: &str, ids: &mut BTreeSet<String>) {
    let Some(pattern) = &*PATTERN else {
        return;
    };
    // Most scripts and URLs name no service: skip them without running the regex.
    if !mentions_a_service(text) {
        return;
    }
    // A boundary character consumed by one match may start the next; the
    // search restarts one byte after each match's start to see it.
    let mut at = 0;
    while let Some(found) = pattern.captures_at(text, at) {
        let whole = found.get(0).map_or(text.len(), |m| m.start());
        at = next_char(text, whole);
        let id = if let Some(id) = found.name("ua").or(found.name("gtag")).or(found.name("gtagjs")) {
            id.as_str().to_string()
        } else if let Some(id) = found.name("gtm").or(found.name("aw")) {
            id.as_str().to_string()
        } else if let Some(digits) = found.name("pub") {
            format!("CA-PUB-{}", digits.as_str())
        } else if let Some(digits) = found.name("fb").or(found.name("fbtr")) {
            format!("FB-{}", digits.as_str())
        } else {
            continue;
        };
        if !is_placeholder(&id) {
            ids.insert(id);
        }
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

fn mentions_a_service(text: &str) -> bool {
    ["UA-", "G-", "GTM-", "AW-", "pub-", "fbq", "facebook.com/tr"]
        .iter()
        .any(|needle| text.contains(needle))
}

/// `GTM-XXXXXX`, `G-XXXXXXXXXX`: the examples in snippets.
fn is_placeholder(id: &str) -> bool {
    id.split_once('-')
        .is_some_and(|(_, rest)| rest.bytes().all(|b| b == b'X' || b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        let mut found = BTreeSet::new();
        scan(text, &mut found);
        found.into_iter().collect()
    }

    #[test]
    fn universal_analytics_and_tag_manager() {
        assert_eq!(ids("ga('create', 'UA-12345678-1', 'auto');"), ["UA-12345678-1"]);
        assert_eq!(ids("_gaq.push(['_setAccount','UA-1234-12'])"), ["UA-1234-12"]);
        assert_eq!(
            ids("https://www.googletagmanager.com/ns.html?id=GTM-AB12CD3"),
            ["GTM-AB12CD3"]
        );
        assert_eq!(ids("'GTM-K9X2ZQ','GTM-K9X2ZQ'"), ["GTM-K9X2ZQ"]);
    }

    #[test]
    fn ga4_needs_a_gtag_context() {
        assert_eq!(ids("gtag('config', 'G-ABC123XYZ9');"), ["G-ABC123XYZ9"]);
        assert_eq!(
            ids(r#"gtag("config","G-7QH2KDL1RT", {send_page_view: true})"#),
            ["G-7QH2KDL1RT"]
        );
        assert_eq!(
            ids("https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9"),
            ["G-ABC123XYZ9"]
        );
        assert_eq!(
            ids("https://www.googletagmanager.com/gtag/js?l=dataLayer&id=G-ABC123XYZ9"),
            ["G-ABC123XYZ9"]
        );
        assert!(ids("var grade = 'G-ABCDEFG1';").is_empty());
        assert!(ids("G-STRING G-ABC123XYZ9").is_empty());
    }

    #[test]
    fn ads_adsense_and_pixel_ids_are_normalised() {
        assert_eq!(ids("gtag('config', 'AW-987654321');"), ["AW-987654321"]);
        assert_eq!(ids("AW-987654321/AbC-dEfGhIj"), ["AW-987654321"]);
        assert_eq!(ids("ca-pub-1234567890123456"), ["CA-PUB-1234567890123456"]);
        assert_eq!(
            ids("google_ad_client = \"pub-1234567890123456\";"),
            ["CA-PUB-1234567890123456"]
        );
        assert_eq!(
            ids("adsbygoogle.js?client=ca-pub-1234567890123456"),
            ["CA-PUB-1234567890123456"]
        );
        assert_eq!(ids("fbq('init', '1234567890123');"), ["FB-1234567890123"]);
        assert_eq!(ids("fbq(\"init\",\"1234567890123\")"), ["FB-1234567890123"]);
        assert_eq!(
            ids("https://www.facebook.com/tr?id=1234567890123&ev=PageView&noscript=1"),
            ["FB-1234567890123"]
        );
    }

    #[test]
    fn several_ids_side_by_side_are_all_found() {
        assert_eq!(
            ids("'UA-1234567-1','UA-7654321-2' GTM-ABCD12 GTM-ABCD13"),
            ["GTM-ABCD12", "GTM-ABCD13", "UA-1234567-1", "UA-7654321-2"]
        );
    }

    #[test]
    fn near_misses_are_not_ids() {
        for text in [
            "XUA-1234567-1",
            "UA-123-1",
            "UA-1234567-12345",
            "ua-1234567-1",
            "GTM-XXXXXX",
            "gtag('config', 'G-XXXXXXXXXX')",
            "GTM-ABC",
            "GTM-ABCDEFGHIJ",
            "MYGTM-ABCD12",
            "AW-12345",
            "DRAW-1234567",
            "pub-123",
            "epub-1234567890123",
            "ca-pub-12345678901234567890123",
            "fbq('track', 'PageView')",
            "fbq('init', '123')",
            "facebook.com/tr?ev=PageView",
            "Universal Analytics, Tag Manager and AdSense",
        ] {
            assert!(ids(text).is_empty(), "{text:?} gave {:?}", ids(text));
        }
    }
}
