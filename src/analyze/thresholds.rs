//! The thresholds of the analysis: when a count or a share raises a flag, the
//! toxicity that makes a link toxic and the weakness that makes it weak
//! (docs/scoring.md).
//!
//! Read from `[thresholds]` in `backlinks.toml`: an unknown key is refused, and
//! each value is checked against its [`Range`] as it is read, so the error names
//! the key and its line. Counts are numbers like the rest (`2` and `2.0` both read).

use serde::{Deserialize, Serialize};

/// Every threshold, with its default in [`Thresholds::default`] and its meaning
/// in [`Thresholds::listed`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    #[serde(deserialize_with = "within::toxicity")]
    pub toxic: f64,
    #[serde(deserialize_with = "within::toxicity")]
    pub weak: f64,
    #[serde(deserialize_with = "within::share")]
    pub over_optimized_exact_share: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub link_farm_links: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub link_farm_domains: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub link_farm_words_per_link: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub spam_keywords_terms: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub thin_content_words: f64,
    #[serde(deserialize_with = "within::share")]
    pub link_density_page: f64,
    #[serde(deserialize_with = "within::share")]
    pub link_density_block: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub stuffed_anchor_keywords: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub stuffed_anchor_repeats: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub numeric_domain_digits: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub long_domain_chars: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub hyphenated_domain_hyphens: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub sitewide_pages: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub sitewide_template_pages: f64,
    #[serde(deserialize_with = "within::share")]
    pub frequent_anchor_share: f64,
    #[serde(deserialize_with = "within::non_negative")]
    pub frequent_anchor_min_links: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub shared_ip_domains: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub shared_subnet_domains: f64,
    #[serde(deserialize_with = "within::at_least_two")]
    pub shared_tracking_domains: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            toxic: 50.0,
            weak: 30.0,
            over_optimized_exact_share: 0.20,
            link_farm_links: 100.0,
            link_farm_domains: 50.0,
            link_farm_words_per_link: 20.0,
            spam_keywords_terms: 2.0,
            thin_content_words: 150.0,
            link_density_page: 0.5,
            link_density_block: 0.8,
            stuffed_anchor_keywords: 2.0,
            stuffed_anchor_repeats: 3.0,
            numeric_domain_digits: 3.0,
            long_domain_chars: 25.0,
            hyphenated_domain_hyphens: 2.0,
            sitewide_pages: 5.0,
            sitewide_template_pages: 3.0,
            frequent_anchor_share: 0.25,
            frequent_anchor_min_links: 10.0,
            shared_ip_domains: 3.0,
            shared_subnet_domains: 4.0,
            shared_tracking_domains: 2.0,
        }
    }
}

impl Thresholds {
    /// Every threshold as `backlinks init` and docs/scoring.md list it: its key
    /// in `[thresholds]`, its value here and what it means. A test checks the
    /// keys against the fields, so the list cannot drift from the struct.
    pub fn listed(&self) -> [(&'static str, f64, &'static str); 22] {
        [
            (
                "toxic",
                self.toxic,
                "toxicity (1-100, from risk flags) at which a link is toxic",
            ),
            (
                "weak",
                self.weak,
                "weakness (1-100, from weakness flags) at which a link is weak",
            ),
            (
                "over-optimized-exact-share",
                self.over_optimized_exact_share,
                "share of exact-match anchors above which the profile is over-optimised",
            ),
            (
                "link-farm-links",
                self.link_farm_links,
                "link-farm: external links on the page, at least",
            ),
            (
                "link-farm-domains",
                self.link_farm_domains,
                "link-farm: or external domains linked, at least",
            ),
            (
                "link-farm-words-per-link",
                self.link_farm_words_per_link,
                "link-farm: and fewer words of text than this per external link",
            ),
            (
                "spam-keywords-terms",
                self.spam_keywords_terms,
                "spam-keywords: distinct spam terms on the page, at least",
            ),
            (
                "thin-content-words",
                self.thin_content_words,
                "thin-content: fewer words of visible text than this",
            ),
            (
                "link-density-page",
                self.link_density_page,
                "link-density: share of the page's text inside links, at least",
            ),
            (
                "link-density-block",
                self.link_density_block,
                "link-density: or share of the link's own paragraph inside links, at least",
            ),
            (
                "stuffed-anchor-keywords",
                self.stuffed_anchor_keywords,
                "keyword-stuffed-anchor: money keyword occurrences in one anchor, at least",
            ),
            (
                "stuffed-anchor-repeats",
                self.stuffed_anchor_repeats,
                "keyword-stuffed-anchor: or one word (4+ letters) repeated this often",
            ),
            (
                "numeric-domain-digits",
                self.numeric_domain_digits,
                "numeric-domain: digits in the domain name, at least",
            ),
            (
                "long-domain-chars",
                self.long_domain_chars,
                "long-domain: characters in the domain name, at least",
            ),
            (
                "hyphenated-domain-hyphens",
                self.hyphenated_domain_hyphens,
                "hyphenated-domain: hyphens in the domain name, at least",
            ),
            (
                "sitewide-pages",
                self.sitewide_pages,
                "sitewide: pages of one domain with the same link, at least",
            ),
            (
                "sitewide-template-pages",
                self.sitewide_template_pages,
                "sitewide: or, for a link in navigation, header, footer or sidebar, at least",
            ),
            (
                "frequent-anchor-share",
                self.frequent_anchor_share,
                "frequent-anchor: share of all links with one anchor, at least",
            ),
            (
                "frequent-anchor-min-links",
                self.frequent_anchor_min_links,
                "frequent-anchor: only in profiles of at least this many links",
            ),
            (
                "shared-ip-domains",
                self.shared_ip_domains,
                "shared-ip: referring domains on one IP address, at least",
            ),
            (
                "shared-subnet-domains",
                self.shared_subnet_domains,
                "shared-ip: or referring domains in one IPv4 /24, at least",
            ),
            (
                "shared-tracking-domains",
                self.shared_tracking_domains,
                "shared-tracking-id: referring domains with one analytics or ad ID, at least",
            ),
        ]
    }
}

/// The values a threshold may take, inclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Range {
    /// `toxic` and `weak`: 1 to 100; 0 would judge every link so.
    Toxicity,
    /// A share of links or text: 0 to 1.
    Share,
    /// A count of things that must repeat or be shared: one alone never is.
    AtLeastTwo,
    /// Any other count or size; 0 turns its flag off or on entirely.
    NonNegative,
}

impl Range {
    fn bounds(self) -> (f64, f64) {
        match self {
            Range::Toxicity => (1.0, 100.0),
            Range::Share => (0.0, 1.0),
            Range::AtLeastTwo => (2.0, f64::INFINITY),
            Range::NonNegative => (0.0, f64::INFINITY),
        }
    }

    /// `value` when it is a finite number in the range, else what is allowed.
    fn check(self, value: f64) -> Result<f64, String> {
        let (min, max) = self.bounds();
        if value.is_finite() && (min..=max).contains(&value) {
            return Ok(value);
        }
        let allowed = if max == f64::INFINITY {
            format!("a number of {min} or more")
        } else {
            format!("a number from {min} to {max}")
        };
        Err(format!("must be {allowed}, not {value}"))
    }
}

/// A threshold read and checked against its range, for `deserialize_with`: the
/// error is raised on the value, so the settings file names its key and line.
mod within {
    use super::Range;
    use serde::{de::Error, Deserialize, Deserializer};

    fn read<'de, D: Deserializer<'de>>(range: Range, d: D) -> Result<f64, D::Error> {
        range.check(f64::deserialize(d)?).map_err(D::Error::custom)
    }

    pub fn toxicity<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        read(Range::Toxicity, d)
    }

    pub fn share<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        read(Range::Share, d)
    }

    pub fn at_least_two<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        read(Range::AtLeastTwo, d)
    }

    pub fn non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        read(Range::NonNegative, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Thresholds, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    #[test]
    fn listed_names_every_field_in_order_with_its_value() {
        let defaults = Thresholds::default();
        let fields = serde_json::to_value(&defaults).unwrap();
        let fields = fields.as_object().unwrap();
        let listed = defaults.listed();
        let keys: Vec<&str> = listed.iter().map(|(key, _, _)| *key).collect();
        assert_eq!(keys, fields.keys().map(String::as_str).collect::<Vec<_>>());
        for (key, value, _) in listed {
            assert_eq!(fields[key].as_f64(), Some(value), "{key}");
        }
    }

    /// The first number within a few characters after `at` in `text`.
    fn number_after(text: &str, at: usize) -> Option<f64> {
        let near: String = text[at..].chars().take(30).collect();
        let start = near.find(|c: char| c.is_ascii_digit())?;
        let digits = &near[start..];
        let end = digits
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(digits.len());
        digits[..end].parse().ok()
    }

    #[test]
    fn the_docs_name_every_threshold_with_its_default() {
        let docs = include_str!("../../docs/scoring.md");
        for (key, value, _) in Thresholds::default().listed() {
            let quoted = format!("`{key}`");
            let documented = docs
                .match_indices(&quoted)
                .any(|(at, _)| number_after(docs, at + quoted.len()) == Some(value));
            assert!(documented, "docs/scoring.md: `{key}` ({value})");
        }
    }

    #[test]
    fn defaults_are_in_their_own_range() {
        let text: String = Thresholds::default()
            .listed()
            .iter()
            .map(|(key, value, _)| format!("{key} = {value:?}\n"))
            .collect();
        assert_eq!(read(&text), Ok(Thresholds::default()));
    }

    #[test]
    fn a_missing_key_keeps_its_default_and_an_integer_is_a_number() {
        let t = read("toxic = 40\nsitewide-pages = 2.0\n").unwrap();
        assert_eq!(t.toxic, 40.0);
        assert_eq!(t.sitewide_pages, 2.0);
        assert_eq!(t.shared_ip_domains, Thresholds::default().shared_ip_domains);
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let e = read("no-such = 1\n").unwrap_err();
        assert!(e.starts_with("unknown field `no-such`"), "{e}");
    }

    #[test]
    fn the_toxic_threshold_is_configurable_within_its_range() {
        assert_eq!(read("toxic = 40\n").map(|t| t.toxic), Ok(40.0));
        assert_eq!(
            read("toxic = 0\n"),
            Err("must be a number from 1 to 100, not 0".into()),
            "0 would make every link toxic"
        );
        assert!(read("toxic = 101\n").is_err());
        assert!(read("frequent-anchor-share = 1.5\n").is_err());
        assert_eq!(
            read("shared-ip-domains = 1\n"),
            Err("must be a number of 2 or more, not 1".into()),
            "one domain shares with none"
        );
        assert!(read("thin-content-words = nan\n").is_err());
        assert!(read("thin-content-words = inf\n").is_err());
        assert_eq!(
            read("thin-content-words = 0\n").map(|t| t.thin_content_words),
            Ok(0.0),
            "0 turns the flag off"
        );
    }
}
