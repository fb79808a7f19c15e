//! How much each flag counts toward a link's toxicity, 0–100 (docs/scoring.md).

use crate::model::Flag;

/// The weight of every flag, indexed by `flag as usize`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weights([u32; Flag::COUNT]);

impl Weights {
    /// Flags and their default weights, heaviest first: the order of `backlinks
    /// init` and docs/scoring.md. Every flag once (a test checks).
    pub const DEFAULTS: [(Flag, u32); Flag::COUNT] = [
        (Flag::HiddenLink, 45),
        (Flag::UnmarkedSponsored, 45),
        (Flag::LinkFarm, 40),
        (Flag::SpamKeywords, 40),
        (Flag::CommentOrForum, 30),
        (Flag::ExactMatchAnchor, 30),
        (Flag::KeywordStuffedAnchor, 30),
        (Flag::FrequentAnchor, 30),
        (Flag::Sitewide, 30),
        (Flag::SharedTrackingId, 30),
        (Flag::SuspiciousTld, 25),
        (Flag::LinkDensity, 20),
        (Flag::ThinContent, 20),
        (Flag::OneCharacterAnchor, 20),
        (Flag::EmptyAnchor, 15),
        (Flag::IpHost, 15),
        (Flag::SharedIp, 15),
        (Flag::SymbolAnchor, 10),
        (Flag::NumericDomain, 10),
        (Flag::LongDomain, 10),
        (Flag::HyphenatedDomain, 10),
        (Flag::NonHttps, 5),
        // Information: shown, never counted.
        (Flag::PageNofollow, 0),
        (Flag::Noindex, 0),
        (Flag::GooglebotBlocked, 0),
    ];

    pub fn get(&self, flag: Flag) -> u32 {
        self.0[flag as usize]
    }

    /// Sets a flag's weight; over 100 is refused.
    pub fn set(&mut self, flag: Flag, weight: u32) -> Result<(), String> {
        if weight > 100 {
            return Err(format!("weight {weight} for `{flag}` is over 100"));
        }
        self.0[flag as usize] = weight;
        Ok(())
    }

    /// Sets the weight of the flag a word of `[weights]` names.
    pub fn set_word(&mut self, word: &str, weight: u32) -> Result<(), String> {
        let flag: Flag = word.parse().map_err(|unknown| {
            let known: Vec<&str> = Weights::DEFAULTS.iter().map(|(f, _)| f.as_str()).collect();
            format!("{unknown} (known: {})", known.join(", "))
        })?;
        self.set(flag, weight)
    }
}

impl Default for Weights {
    fn default() -> Self {
        let mut weights = [0; Flag::COUNT];
        for (flag, weight) in Weights::DEFAULTS {
            weights[flag as usize] = weight;
        }
        Weights(weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_has_one_default_weight() {
        for flag in Flag::ALL {
            let listed = Weights::DEFAULTS.iter().filter(|(f, _)| *f == flag).count();
            assert_eq!(listed, 1, "{flag}");
        }
    }

    #[test]
    fn the_docs_give_every_flag_its_default_weight() {
        let docs = include_str!("../../docs/scoring.md");
        for (flag, weight) in Weights::DEFAULTS {
            let row = docs
                .lines()
                .find(|l| l.starts_with(&format!("| `{flag}` |")))
                .unwrap_or_else(|| panic!("docs/scoring.md has no row for {flag}"));
            let cells: Vec<&str> = row.split(" | ").collect();
            assert_eq!(cells.get(3), Some(&weight.to_string().as_str()), "{row}");
        }
    }

    #[test]
    fn the_docs_give_every_flag_its_kind_with_a_reason() {
        let docs = include_str!("../../docs/scoring.md");
        for flag in Flag::ALL {
            let kind = flag.kind().as_str();
            let row = docs
                .lines()
                .find(|l| l.starts_with(&format!("| `{flag}` |")))
                .unwrap_or_else(|| panic!("docs/scoring.md has no row for {flag}"));
            assert_eq!(row.split(" | ").nth(4), Some(kind), "{row}");
            let reason = format!("| {kind} | `{flag}` | ");
            assert!(docs.contains(&reason), "docs/scoring.md: no `{reason}`");
        }
    }

    #[test]
    fn defaults_are_listed_heaviest_first() {
        let weights: Vec<u32> = Weights::DEFAULTS.iter().map(|(_, w)| *w).collect();
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    }

    #[test]
    fn a_weight_is_at_most_100_and_set_by_word() {
        let mut w = Weights::default();
        w.set_word("symbol-anchor", 100).unwrap();
        assert_eq!(w.get(Flag::SymbolAnchor), 100);
        let e = w.set(Flag::SymbolAnchor, 101).unwrap_err();
        assert_eq!(e, "weight 101 for `symbol-anchor` is over 100");
        let e = w.set_word("nope", 1).unwrap_err();
        assert!(
            e.starts_with("`nope` is not a flag (known: hidden-link, unmarked-sponsored, "),
            "{e}"
        );
    }
}
