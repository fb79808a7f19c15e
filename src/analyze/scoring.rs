//! Weights of the flags and the thresholds of the analysis: every point of
//! toxicity comes from a named flag with a documented weight (docs/scoring.md).
//!
//! Toxicity combines the weights of a link's flags as independent pieces of
//! evidence: 100 · (1 − Π (1 − wᵢ/100)). One flag scores its own weight, each
//! further flag takes its share of what is left, and no set of flags passes 100.
//! Since every weight stays under the `toxic` threshold, no single flag makes a
//! link toxic; it takes two strong signals, or one strong and one moderate.

use super::{Thresholds, Weights};
use crate::model::{Flag, Link};

/// Weights per flag and the thresholds, defaults documented in docs/scoring.md.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scoring {
    pub weights: Weights,
    pub thresholds: Thresholds,
}

impl Scoring {
    pub fn weight(&self, flag: Flag) -> u32 {
        self.weights.get(flag)
    }

    /// Toxicity 0–100 of a link with these flags: 100 · (1 − Π (1 − wᵢ/100)),
    /// rounded to the nearest integer. A pure function of the flags and the
    /// weights: this is what makes every toxic link explainable by its flags.
    pub fn toxicity(&self, flags: &[Flag]) -> u8 {
        let untouched: f64 = flags
            .iter()
            .map(|&f| 1.0 - f64::from(self.weight(f).min(100)) / 100.0)
            .product();
        // In 0..=100 by construction, so the cast cannot truncate.
        (100.0 * (1.0 - untouched)).round().clamp(0.0, 100.0) as u8
    }

    /// Whether a toxicity makes a link toxic.
    pub fn is_toxic(&self, toxicity: u8) -> bool {
        f64::from(toxicity) >= self.thresholds.toxic
    }

    /// Orders a link's flags heaviest first (ties by word, duplicates dropped)
    /// and sets its toxicity and verdict from them.
    pub fn score(&self, link: &mut Link) {
        link.flags.sort_by(|&a, &b| {
            self.weight(b)
                .cmp(&self.weight(a))
                .then_with(|| a.as_str().cmp(b.as_str()))
        });
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
    use Flag::*;

    #[test]
    fn no_single_flag_reaches_the_toxic_threshold() {
        let scoring = Scoring::default();
        for flag in Flag::ALL {
            let toxicity = scoring.toxicity(&[flag]);
            assert_eq!(u32::from(toxicity), scoring.weight(flag));
            assert!(!scoring.is_toxic(toxicity), "{flag} alone is toxic");
        }
    }

    #[test]
    fn toxicity_combines_weights_as_independent_evidence() {
        let s = Scoring::default();
        assert_eq!(s.toxicity(&[]), 0);
        // 100 · (1 − 0.55 · 0.70) = 61.5, rounded half away from zero.
        assert_eq!(s.toxicity(&[HiddenLink, ExactMatchAnchor]), 62);
        // 100 · (1 − 0.70 · 0.70) = 51: two moderate signals are toxic ...
        assert!(s.is_toxic(s.toxicity(&[CommentOrForum, ExactMatchAnchor])));
        // ... a moderate and a weak one are not: 100 · (1 − 0.70 · 0.85) = 40.5.
        assert!(!s.is_toxic(s.toxicity(&[ExactMatchAnchor, IpHost])));
        // Zero weights count for nothing; the sum never passes 100.
        assert_eq!(s.toxicity(&[Noindex]), 0);
        assert!(s.toxicity(&Flag::ALL) <= 100);
    }

    #[test]
    fn the_name_of_the_site_alone_never_makes_a_link_toxic() {
        let s = Scoring::default();
        let site = [
            SuspiciousTld,
            NumericDomain,
            LongDomain,
            HyphenatedDomain,
            NonHttps,
        ];
        assert!(!s.is_toxic(s.toxicity(&site)), "{}", s.toxicity(&site));
        assert!(!s.is_toxic(s.toxicity(&[IpHost, NonHttps, SharedIp])));
    }

    #[test]
    fn a_weight_of_100_is_toxic_alone() {
        let mut s = Scoring::default();
        s.weights.set(SymbolAnchor, 100).unwrap();
        assert_eq!(s.toxicity(&[SymbolAnchor]), 100);
        assert!(s.weights.set(SymbolAnchor, 101).is_err());
        let e = s.weights.set_word("nope", 1).unwrap_err();
        assert!(e.contains("`nope`") && e.contains("hidden-link"), "{e}");
    }

    #[test]
    fn score_sorts_heaviest_first_then_by_word_and_sets_the_verdict() {
        let mut link = crate::analyze::tests::link("Example");
        link.flags = vec![Noindex, NonHttps, ExactMatchAnchor, HiddenLink, CommentOrForum];
        let s = Scoring::default();
        s.score(&mut link);
        assert_eq!(
            link.flags,
            [HiddenLink, CommentOrForum, ExactMatchAnchor, NonHttps, Noindex]
        );
        assert_eq!(link.toxicity, s.toxicity(&link.flags));
        assert!(link.toxic);
        // Ties go by word, not by the order of the enum: sitewide (30) is
        // declared before shared-tracking-id (30) but sorts after it.
        link.flags = vec![Sitewide, SharedTrackingId];
        s.score(&mut link);
        assert_eq!(link.flags, [SharedTrackingId, Sitewide]);
    }

    #[test]
    fn the_toxic_threshold_is_inclusive_and_configurable() {
        let mut s = Scoring::default();
        assert!(s.is_toxic(50) && !s.is_toxic(49));
        s.thresholds.toxic = 40.0;
        assert!(s.is_toxic(40));
    }
}
