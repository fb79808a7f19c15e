//! Weights of the flags and the thresholds of the analysis: every point of
//! toxicity or weakness comes from a named flag with a documented weight
//! (docs/scoring.md).
//!
//! A link gets two judgements from the same formula over two sets of flags:
//! its toxicity from the risk flags (evidence of manipulation), its weakness
//! from the weakness flags (worth less). The formula reads weights as
//! independent pieces of evidence: 100 · (1 − Π (1 − wᵢ/100)). One flag scores
//! its own weight, each further flag takes its share of what is left, and no
//! set of flags passes 100. Since every default weight stays under the `toxic`
//! threshold, no single flag makes a link toxic; and since weakness flags never
//! enter toxicity, no number of them does either.

use super::{Thresholds, Weights};
use crate::model::{Flag, FlagKind, Link};

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

    /// Toxicity 0–100 of a link with these flags, from its risk flags only. A
    /// pure function of the flags and the weights: this is what makes every
    /// toxic link explainable by its risk flags.
    pub fn toxicity(&self, flags: &[Flag]) -> u8 {
        self.combined(flags, FlagKind::Risk)
    }

    /// Weakness 0–100 of a link with these flags, from its weakness flags only.
    pub fn weakness(&self, flags: &[Flag]) -> u8 {
        self.combined(flags, FlagKind::Weakness)
    }

    /// 100 · (1 − Π (1 − wᵢ/100)) over the flags of `kind`, rounded to the
    /// nearest integer (halves away from zero).
    fn combined(&self, flags: &[Flag], kind: FlagKind) -> u8 {
        let untouched: f64 = flags
            .iter()
            .filter(|flag| flag.kind() == kind)
            .map(|&f| 1.0 - f64::from(self.weight(f).min(100)) / 100.0)
            .product();
        // In 0..=100 by construction, so the cast cannot truncate.
        (100.0 * (1.0 - untouched)).round().clamp(0.0, 100.0) as u8
    }

    /// Whether a toxicity makes a link toxic.
    pub fn is_toxic(&self, toxicity: u8) -> bool {
        f64::from(toxicity) >= self.thresholds.toxic
    }

    /// Whether a weakness makes a link weak.
    pub fn is_weak(&self, weakness: u8) -> bool {
        f64::from(weakness) >= self.thresholds.weak
    }

    /// Orders a link's flags (risk, then weakness, then information; heaviest
    /// first within each, ties by word; duplicates dropped) and sets its
    /// toxicity and both verdicts from them.
    pub fn score(&self, link: &mut Link) {
        link.flags.sort_by(|&a, &b| {
            a.kind()
                .cmp(&b.kind())
                .then_with(|| self.weight(b).cmp(&self.weight(a)))
                .then_with(|| a.as_str().cmp(b.as_str()))
        });
        link.flags.dedup();
        link.toxicity = self.toxicity(&link.flags);
        link.toxic = self.is_toxic(link.toxicity);
        link.weak = self.is_weak(self.weakness(&link.flags));
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
            let counted = if flag.kind() == FlagKind::Risk {
                scoring.weight(flag)
            } else {
                0
            };
            assert_eq!(u32::from(toxicity), counted, "{flag}");
            assert!(!scoring.is_toxic(toxicity), "{flag} alone is toxic");
        }
    }

    #[test]
    fn toxicity_combines_risk_weights_as_independent_evidence() {
        let s = Scoring::default();
        assert_eq!(s.toxicity(&[]), 0);
        // 100 · (1 − 0.55 · 0.70) = 61.5, rounded half away from zero.
        assert_eq!(s.toxicity(&[HiddenLink, ExactMatchAnchor]), 62);
        // 100 · (1 − 0.70 · 0.70) = 51: two moderate signals are toxic ...
        assert!(s.is_toxic(s.toxicity(&[CommentOrForum, ExactMatchAnchor])));
        // ... a moderate one and a weak risk one are not: 100 · (1 − 0.70 · 0.85) = 40.5.
        assert!(!s.is_toxic(s.toxicity(&[ExactMatchAnchor, SharedIp])));
        // Zero weights count for nothing; the sum never passes 100.
        assert_eq!(s.toxicity(&[Noindex]), 0);
        assert!(s.toxicity(&Flag::ALL) <= 100);
    }

    #[test]
    fn weakness_never_counts_towards_toxicity() {
        let s = Scoring::default();
        let every_weakness: Vec<Flag> = Flag::ALL
            .into_iter()
            .filter(|f| f.kind() == FlagKind::Weakness)
            .collect();
        assert_eq!(s.toxicity(&every_weakness), 0);
        // A risk flag is worth exactly its weight, whatever weakness comes with it.
        let mut with_risk = every_weakness.clone();
        with_risk.push(HiddenLink);
        assert_eq!(s.toxicity(&with_risk), 45);
        // Not even a weight of 100 lets weakness make a link toxic.
        let mut heavy = Scoring::default();
        for &flag in &every_weakness {
            heavy.weights.set(flag, 100).unwrap();
        }
        assert_eq!(heavy.toxicity(&every_weakness), 0);
        assert_eq!(heavy.weakness(&every_weakness), 100);
    }

    #[test]
    fn weakness_combines_weakness_weights_only() {
        let s = Scoring::default();
        // The small blog of docs/scoring.md: 100 · (1 − 0.8 · 0.8 · 0.9 · 0.9 · 0.95) = 50.75.
        let blog = [LinkDensity, ThinContent, HyphenatedDomain, LongDomain, NonHttps];
        assert_eq!((s.toxicity(&blog), s.weakness(&blog)), (0, 51));
        assert!(s.is_weak(s.weakness(&blog)));
        // One mild weakness is not enough: a short page over plain HTTP is 24.
        assert!(!s.is_weak(s.weakness(&[ThinContent, NonHttps])));
        assert_eq!(s.weakness(&[HiddenLink, Noindex]), 0);
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
        assert_eq!(s.toxicity(&site), 0);
        assert!(s.is_weak(s.weakness(&site)));
        assert!(!s.is_toxic(s.toxicity(&[IpHost, NonHttps, SharedIp])));
    }

    #[test]
    fn a_weight_of_100_on_a_risk_flag_is_toxic_alone() {
        let mut s = Scoring::default();
        s.weights.set(OneCharacterAnchor, 100).unwrap();
        assert_eq!(s.toxicity(&[OneCharacterAnchor]), 100);
        assert!(s.weights.set(OneCharacterAnchor, 101).is_err());
        let e = s.weights.set_word("nope", 1).unwrap_err();
        assert!(e.contains("`nope`") && e.contains("hidden-link"), "{e}");
    }

    #[test]
    fn score_sorts_risk_first_then_heaviest_then_by_word_and_sets_the_verdicts() {
        let mut link = crate::analyze::tests::link("Example");
        link.flags = vec![Noindex, NonHttps, ExactMatchAnchor, HiddenLink, CommentOrForum];
        let s = Scoring::default();
        s.score(&mut link);
        assert_eq!(
            link.flags,
            [HiddenLink, CommentOrForum, ExactMatchAnchor, NonHttps, Noindex]
        );
        assert_eq!(link.toxicity, s.toxicity(&link.flags));
        assert!(link.toxic && !link.weak);
        // Ties go by word, not by the order of the enum: sitewide (30) is
        // declared before shared-tracking-id (30) but sorts after it.
        link.flags = vec![Sitewide, SharedTrackingId];
        s.score(&mut link);
        assert_eq!(link.flags, [SharedTrackingId, Sitewide]);
        // A light risk flag comes before a heavier weakness flag.
        link.flags = vec![ThinContent, LinkDensity, SharedIp];
        s.score(&mut link);
        assert_eq!(link.flags, [SharedIp, LinkDensity, ThinContent]);
        assert!(!link.toxic && link.weak);
    }

    /// The worked examples of docs/scoring.md are what the code computes.
    #[test]
    fn the_docs_examples_are_computed_so() {
        let s = Scoring::default();
        let docs = include_str!("../../docs/scoring.md");
        let header = "| flags | toxicity | toxic | weakness | weak |";
        let table = &docs[docs.find(header).expect("the examples table")..];
        let rows: Vec<&str> = table.lines().skip(2).take_while(|l| l.starts_with('|')).collect();
        assert!(rows.len() >= 10, "{rows:?}");
        let yes = |word: &str| word == "yes";
        for row in rows {
            let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
            let flags: Vec<Flag> = cells[0]
                .split('`')
                .skip(1)
                .step_by(2)
                .filter_map(|word| word.parse().ok())
                .collect();
            let toxicity = s.toxicity(&flags);
            let weakness = s.weakness(&flags);
            assert_eq!(cells[1], toxicity.to_string(), "{row}");
            assert_eq!(yes(cells[2]), s.is_toxic(toxicity), "{row}");
            assert_eq!(cells[3], weakness.to_string(), "{row}");
            assert_eq!(yes(cells[4]), s.is_weak(weakness), "{row}");
        }
    }

    #[test]
    fn the_thresholds_are_inclusive_and_configurable() {
        let mut s = Scoring::default();
        assert!(s.is_toxic(50) && !s.is_toxic(49));
        assert!(s.is_weak(30) && !s.is_weak(29));
        s.thresholds.toxic = 40.0;
        s.thresholds.weak = 60.0;
        assert!(s.is_toxic(40) && !s.is_weak(59));
    }
}
