//! Weights of the flags and the thresholds of the analysis: every point of
//! toxicity comes from a named flag with a documented weight (docs/scoring.md).
//!
//! Toxicity combines the weights of a link's flags as independent pieces of
//! evidence: 100 · (1 − Π (1 − wᵢ/100)). One flag scores its own weight, each
//! further flag takes its share of what is left, and no set of flags passes 100.
//! Since every weight stays under the `toxic` threshold, no single flag makes a
//! link toxic; it takes two strong signals, or one strong and one moderate.

use crate::model::Link;
use std::collections::BTreeMap;

/// Weights per flag and named thresholds, defaults documented in docs/scoring.md.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    weights: BTreeMap<&'static str, u32>,
    thresholds: BTreeMap<&'static str, f64>,
}

/// Flags and their default weights (0–100), heaviest first. Keep in step with
/// `flags::Flag` (a test checks) and docs/scoring.md.
const WEIGHTS: &[(&str, u32)] = &[
    ("hidden-link", 45),
    ("unmarked-sponsored", 45),
    ("link-farm", 40),
    ("spam-keywords", 40),
    ("comment-or-forum", 30),
    ("exact-match-anchor", 30),
    ("keyword-stuffed-anchor", 30),
    ("sitewide", 30),
    ("shared-tracking-id", 30),
    ("suspicious-tld", 25),
    ("link-density", 20),
    ("thin-content", 20),
    ("frequent-anchor", 20),
    ("one-character-anchor", 20),
    ("empty-anchor", 15),
    ("ip-host", 15),
    ("shared-ip", 15),
    ("symbol-anchor", 10),
    ("numeric-domain", 10),
    ("long-domain", 10),
    ("hyphenated-domain", 10),
    ("non-https", 5),
    // Worth less, not a risk: shown, never counted.
    ("page-nofollow", 0),
    ("noindex", 0),
    ("googlebot-blocked", 0),
];

/// Thresholds: name, default, meaning.
const THRESHOLDS: &[(&str, f64, &str)] = &[
    ("toxic", 50.0, "toxicity (1-100) at which a link is toxic"),
    (
        "over-optimized-exact-share",
        0.20,
        "share of exact-match anchors above which the profile is over-optimised",
    ),
    (
        "link-farm-links",
        100.0,
        "link-farm: external links on the page, at least",
    ),
    (
        "link-farm-domains",
        50.0,
        "link-farm: or external domains linked, at least",
    ),
    (
        "link-farm-words-per-link",
        20.0,
        "link-farm: and fewer words of text than this per external link",
    ),
    (
        "spam-keywords-terms",
        2.0,
        "spam-keywords: distinct spam terms on the page, at least",
    ),
    (
        "thin-content-words",
        150.0,
        "thin-content: fewer words of visible text than this",
    ),
    (
        "link-density-page",
        0.5,
        "link-density: share of the page's text inside links, at least",
    ),
    (
        "link-density-block",
        0.8,
        "link-density: or share of the link's own paragraph inside links, at least",
    ),
    (
        "stuffed-anchor-keywords",
        2.0,
        "keyword-stuffed-anchor: money keyword occurrences in one anchor, at least",
    ),
    (
        "stuffed-anchor-repeats",
        3.0,
        "keyword-stuffed-anchor: or one word (4+ letters) repeated this often",
    ),
    (
        "numeric-domain-digits",
        3.0,
        "numeric-domain: digits in the domain name, at least",
    ),
    (
        "long-domain-chars",
        25.0,
        "long-domain: characters in the domain name, at least",
    ),
    (
        "hyphenated-domain-hyphens",
        2.0,
        "hyphenated-domain: hyphens in the domain name, at least",
    ),
    (
        "sitewide-pages",
        5.0,
        "sitewide: pages of one domain with the same link, at least",
    ),
    (
        "sitewide-template-pages",
        3.0,
        "sitewide: or, for a link in navigation, header, footer or sidebar, at least",
    ),
    (
        "frequent-anchor-share",
        0.25,
        "frequent-anchor: share of all links with one anchor, at least",
    ),
    (
        "frequent-anchor-min-links",
        10.0,
        "frequent-anchor: only in profiles of at least this many links",
    ),
    (
        "shared-ip-domains",
        3.0,
        "shared-ip: referring domains on one IP address, at least",
    ),
    (
        "shared-subnet-domains",
        4.0,
        "shared-ip: or referring domains in one IPv4 /24, at least",
    ),
    (
        "shared-tracking-domains",
        2.0,
        "shared-tracking-id: referring domains with one analytics or ad ID, at least",
    ),
];

/// The values a threshold may take, inclusive.
fn range(name: &str) -> (f64, f64) {
    match name {
        "toxic" => (1.0, 100.0),
        n if n.ends_with("-share") || n.starts_with("link-density-") => (0.0, 1.0),
        n if n.starts_with("shared-") || n.starts_with("sitewide-") || n.starts_with("stuffed-") => {
            (2.0, f64::MAX)
        }
        _ => (0.0, f64::MAX),
    }
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            weights: WEIGHTS.iter().map(|(n, w)| (*n, *w)).collect(),
            thresholds: THRESHOLDS.iter().map(|(n, v, _)| (*n, *v)).collect(),
        }
    }
}

impl Scoring {
    /// Flags and default weights, for `backlinks init` and the docs.
    pub fn weight_names() -> &'static [(&'static str, u32)] {
        WEIGHTS
    }

    /// Thresholds, defaults and meanings, for `backlinks init` and the docs.
    pub fn threshold_names() -> &'static [(&'static str, f64, &'static str)] {
        THRESHOLDS
    }

    /// The weight of a flag word; 0 for a word that is not a flag.
    pub fn weight(&self, flag: &str) -> u32 {
        self.weights.get(flag).copied().unwrap_or(0)
    }

    /// A threshold by name. The analysis asks only for names in the table; a
    /// misspelt one fails the tests that exercise it, and in a release build
    /// its NaN never compares true, so the flag is simply not raised.
    pub fn threshold(&self, name: &str) -> f64 {
        let value = self.thresholds.get(name).copied();
        debug_assert!(value.is_some(), "no threshold named `{name}`");
        value.unwrap_or(f64::NAN)
    }

    pub fn set_weight(&mut self, flag: &str, weight: u32) -> Result<(), String> {
        let Some(slot) = self.weights.get_mut(flag) else {
            let known: Vec<&str> = WEIGHTS.iter().map(|(n, _)| *n).collect();
            return Err(format!("`{flag}` is not a flag (known: {})", known.join(", ")));
        };
        if weight > 100 {
            return Err(format!("weight {weight} for `{flag}` is over 100"));
        }
        *slot = weight;
        Ok(())
    }

    pub fn set_threshold(&mut self, name: &str, value: f64) -> Result<(), String> {
        let Some(slot) = self.thresholds.get_mut(name) else {
            let known: Vec<&str> = THRESHOLDS.iter().map(|(n, _, _)| *n).collect();
            return Err(format!(
                "`{name}` is not a threshold (known: {})",
                known.join(", ")
            ));
        };
        let (min, max) = range(name);
        if !(value.is_finite() && (min..=max).contains(&value)) {
            let allowed = if max == f64::MAX {
                format!("a number of {min} or more")
            } else {
                format!("a number from {min} to {max}")
            };
            return Err(format!("threshold `{name}` must be {allowed}, not {value}"));
        }
        *slot = value;
        Ok(())
    }

    /// Toxicity 0–100 of a link with these flags: 100 · (1 − Π (1 − wᵢ/100)),
    /// rounded to the nearest integer. A pure function of the flag words and the
    /// weights: this is what makes every toxic link explainable by its flags.
    pub fn toxicity<S: AsRef<str>>(&self, flags: &[S]) -> u8 {
        let untouched: f64 = flags
            .iter()
            .map(|f| 1.0 - f64::from(self.weight(f.as_ref()).min(100)) / 100.0)
            .product();
        // In 0..=100 by construction, so the cast cannot truncate.
        (100.0 * (1.0 - untouched)).round().clamp(0.0, 100.0) as u8
    }

    /// Whether a toxicity makes a link toxic.
    pub fn is_toxic(&self, toxicity: u8) -> bool {
        f64::from(toxicity) >= self.threshold("toxic")
    }

    /// Orders a link's flags heaviest first (ties by name, duplicates dropped)
    /// and sets its toxicity and verdict from them.
    pub fn score(&self, link: &mut Link) {
        link.flags
            .sort_by(|a, b| self.weight(b).cmp(&self.weight(a)).then_with(|| a.cmp(b)));
        link.flags.dedup();
        link.toxicity = self.toxicity(&link.flags);
        link.toxic = self.is_toxic(link.toxicity);
    }
}

/// Everything the analysis is configured with (flags, settings file).
#[derive(Debug, Clone, Default)]
pub struct AnalysisConfig {
    pub brands: Vec<String>,
    pub keywords: Vec<String>,
    /// Added to the built-in spam-term list.
    pub extra_spam_terms: Vec<String>,
    /// Added to the built-in suspicious-TLD list.
    pub suspicious_tlds: Vec<String>,
    pub scoring: Scoring,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::flags::Flag;

    #[test]
    fn every_flag_has_a_weight_and_every_weight_a_flag() {
        let words: Vec<&str> = Flag::ALL.iter().map(|f| f.as_str()).collect();
        let weighted: Vec<&str> = WEIGHTS.iter().map(|(n, _)| *n).collect();
        for word in &words {
            assert!(weighted.contains(word), "{word} has no weight");
        }
        for word in &weighted {
            assert!(words.contains(word), "{word} is not a flag");
        }
        assert_eq!(words.len(), weighted.len());
    }

    #[test]
    fn no_single_flag_reaches_the_toxic_threshold() {
        let scoring = Scoring::default();
        for flag in Flag::ALL {
            let toxicity = scoring.toxicity(&[flag.as_str()]);
            assert_eq!(u32::from(toxicity), scoring.weight(flag.as_str()));
            assert!(!scoring.is_toxic(toxicity), "{flag} alone is toxic");
        }
    }

    #[test]
    fn toxicity_combines_weights_as_independent_evidence() {
        let s = Scoring::default();
        assert_eq!(s.toxicity::<&str>(&[]), 0);
        // 100 · (1 − 0.55 · 0.70) = 61.5, rounded half away from zero.
        assert_eq!(s.toxicity(&["hidden-link", "exact-match-anchor"]), 62);
        // 100 · (1 − 0.70 · 0.70) = 51: two moderate signals are toxic ...
        assert!(s.is_toxic(s.toxicity(&["comment-or-forum", "exact-match-anchor"])));
        // ... a moderate and a weak one are not: 100 · (1 − 0.70 · 0.85) = 40.5.
        assert!(!s.is_toxic(s.toxicity(&["exact-match-anchor", "ip-host"])));
        // Unknown words and zero weights count for nothing; the sum never passes 100.
        assert_eq!(s.toxicity(&["no-such-flag", "noindex"]), 0);
        let every: Vec<&str> = Flag::ALL.iter().map(|f| f.as_str()).collect();
        assert!(s.toxicity(&every) <= 100);
    }

    #[test]
    fn the_name_of_the_site_alone_never_makes_a_link_toxic() {
        let s = Scoring::default();
        let site = [
            "suspicious-tld",
            "numeric-domain",
            "long-domain",
            "hyphenated-domain",
            "non-https",
        ];
        assert!(!s.is_toxic(s.toxicity(&site)), "{}", s.toxicity(&site));
        assert!(!s.is_toxic(s.toxicity(&["ip-host", "non-https", "shared-ip"])));
    }

    #[test]
    fn a_weight_of_100_is_toxic_alone() {
        let mut s = Scoring::default();
        s.set_weight("symbol-anchor", 100).unwrap();
        assert_eq!(s.toxicity(&["symbol-anchor"]), 100);
        assert!(s.set_weight("symbol-anchor", 101).is_err());
        let e = s.set_weight("nope", 1).unwrap_err();
        assert!(e.contains("`nope`") && e.contains("hidden-link"), "{e}");
    }

    #[test]
    fn score_sorts_heaviest_first_then_by_name_and_sets_the_verdict() {
        let mut link = crate::analyze::tests::link("Example");
        link.flags = [
            "noindex",
            "non-https",
            "exact-match-anchor",
            "hidden-link",
            "comment-or-forum",
        ]
        .map(String::from)
        .to_vec();
        let s = Scoring::default();
        s.score(&mut link);
        assert_eq!(
            link.flags,
            [
                "hidden-link",
                "comment-or-forum",
                "exact-match-anchor",
                "non-https",
                "noindex"
            ]
        );
        assert_eq!(link.toxicity, s.toxicity(&link.flags));
        assert!(link.toxic);
    }

    #[test]
    fn the_toxic_threshold_is_inclusive_and_configurable() {
        let mut s = Scoring::default();
        assert!(s.is_toxic(50) && !s.is_toxic(49));
        s.set_threshold("toxic", 40.0).unwrap();
        assert!(s.is_toxic(40));
        assert!(
            s.set_threshold("toxic", 0.0).is_err(),
            "0 would make every link toxic"
        );
        assert!(s.set_threshold("toxic", 101.0).is_err());
        assert!(s.set_threshold("frequent-anchor-share", 1.5).is_err());
        assert!(
            s.set_threshold("shared-ip-domains", 1.0).is_err(),
            "one domain shares with none"
        );
        assert!(s.set_threshold("thin-content-words", f64::NAN).is_err());
        assert!(
            s.set_threshold("thin-content-words", 0.0).is_ok(),
            "0 turns the flag off"
        );
    }
}
