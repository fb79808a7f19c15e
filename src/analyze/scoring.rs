//! Weights of the flags and the thresholds of the analysis: every point of
//! toxicity comes from a named flag with a documented weight.
//! (Skeleton: the flags and their defaults are filled in with the flag analysis.)

use std::collections::BTreeMap;

/// Weights per flag and named thresholds, defaults documented in docs/scoring.md.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    weights: BTreeMap<&'static str, u32>,
    thresholds: BTreeMap<&'static str, f64>,
}

/// Flags and their default weights.
const WEIGHTS: &[(&str, u32)] = &[];

/// Thresholds: name, default, meaning.
const THRESHOLDS: &[(&str, f64, &str)] = &[
    ("toxic", 60.0, "toxicity (0-100) at which a link is toxic"),
    (
        "over-optimized-exact-share",
        0.20,
        "share of exact-match anchors above which the profile is over-optimised",
    ),
];

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            weights: WEIGHTS.iter().map(|(n, w)| (*n, *w)).collect(),
            thresholds: THRESHOLDS.iter().map(|(n, v, _)| (*n, *v)).collect(),
        }
    }
}

impl Scoring {
    pub fn weight_names() -> &'static [(&'static str, u32)] {
        WEIGHTS
    }

    pub fn threshold_names() -> &'static [(&'static str, f64, &'static str)] {
        THRESHOLDS
    }

    pub fn weight(&self, flag: &str) -> u32 {
        self.weights.get(flag).copied().unwrap_or(0)
    }

    pub fn threshold(&self, name: &str) -> f64 {
        self.thresholds.get(name).copied().unwrap_or(f64::NAN)
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
        if !value.is_finite() || value < 0.0 {
            return Err(format!(
                "threshold `{name}` must be a number of 0 or more, not {value}"
            ));
        }
        *slot = value;
        Ok(())
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
