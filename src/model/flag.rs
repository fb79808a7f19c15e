//! The flags a link can carry: stable lowercase words in every report, each a
//! fact about the link, its page, its site or the profile (docs/scoring.md).
//! `analyze::flags` raises them; the weights say how much each counts, and its
//! [`FlagKind`] says towards which judgement.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Every flag, in the order of docs/scoring.md. Serialised as its word
/// ([`Flag::as_str`]); a test checks that serde and `as_str` agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    // The link
    HiddenLink,
    UnmarkedSponsored,
    CommentOrForum,
    // The anchor
    ExactMatchAnchor,
    KeywordStuffedAnchor,
    EmptyAnchor,
    SymbolAnchor,
    OneCharacterAnchor,
    // The page
    LinkFarm,
    SpamKeywords,
    LinkDensity,
    ThinContent,
    PageNofollow,
    Noindex,
    GooglebotBlocked,
    // The site
    SuspiciousTld,
    IpHost,
    NumericDomain,
    LongDomain,
    HyphenatedDomain,
    NonHttps,
    // The profile
    Sitewide,
    FrequentAnchor,
    SharedIp,
    SharedTrackingId,
}

/// What a flag is evidence of, which decides the judgement it counts towards
/// (docs/scoring.md, "Risk, weakness, information").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagKind {
    /// Evidence that the link was made to manipulate rankings: only these
    /// count towards toxicity, so a toxic link always has one.
    Risk,
    /// The link is worth less (a thin page, a name that looks cheap), which is
    /// no sign of manipulation: these make a link weak, never toxic.
    Weakness,
    /// A fact shown for the record (the link passes nothing, or Google cannot
    /// see it); counted towards nothing.
    Info,
}

impl FlagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Risk => "risk",
            FlagKind::Weakness => "weakness",
            FlagKind::Info => "information",
        }
    }
}

impl Flag {
    /// How many flags there are: the length of a table indexed by `flag as usize`.
    pub const COUNT: usize = 25;

    /// Every flag in declaration order, so `Flag::ALL[flag as usize] == flag`.
    pub const ALL: [Flag; Flag::COUNT] = [
        Flag::HiddenLink,
        Flag::UnmarkedSponsored,
        Flag::CommentOrForum,
        Flag::ExactMatchAnchor,
        Flag::KeywordStuffedAnchor,
        Flag::EmptyAnchor,
        Flag::SymbolAnchor,
        Flag::OneCharacterAnchor,
        Flag::LinkFarm,
        Flag::SpamKeywords,
        Flag::LinkDensity,
        Flag::ThinContent,
        Flag::PageNofollow,
        Flag::Noindex,
        Flag::GooglebotBlocked,
        Flag::SuspiciousTld,
        Flag::IpHost,
        Flag::NumericDomain,
        Flag::LongDomain,
        Flag::HyphenatedDomain,
        Flag::NonHttps,
        Flag::Sitewide,
        Flag::FrequentAnchor,
        Flag::SharedIp,
        Flag::SharedTrackingId,
    ];

    /// The words of `flags`, in their order, for the text reports.
    pub fn words(flags: &[Flag]) -> Vec<&'static str> {
        flags.iter().map(|flag| flag.as_str()).collect()
    }

    /// What the flag is evidence of. A property of the flag, not a setting: a
    /// weight can be changed in `backlinks.toml`, its kind cannot, so no choice
    /// of weights lets weakness alone make a link toxic.
    pub fn kind(self) -> FlagKind {
        use Flag::*;
        match self {
            HiddenLink | UnmarkedSponsored | CommentOrForum | ExactMatchAnchor | KeywordStuffedAnchor
            | OneCharacterAnchor | LinkFarm | SpamKeywords | Sitewide | FrequentAnchor | SharedIp
            | SharedTrackingId => FlagKind::Risk,
            EmptyAnchor | SymbolAnchor | LinkDensity | ThinContent | SuspiciousTld | IpHost
            | NumericDomain | LongDomain | HyphenatedDomain | NonHttps => FlagKind::Weakness,
            PageNofollow | Noindex | GooglebotBlocked => FlagKind::Info,
        }
    }

    /// The word in reports, settings and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::HiddenLink => "hidden-link",
            Flag::UnmarkedSponsored => "unmarked-sponsored",
            Flag::CommentOrForum => "comment-or-forum",
            Flag::ExactMatchAnchor => "exact-match-anchor",
            Flag::KeywordStuffedAnchor => "keyword-stuffed-anchor",
            Flag::EmptyAnchor => "empty-anchor",
            Flag::SymbolAnchor => "symbol-anchor",
            Flag::OneCharacterAnchor => "one-character-anchor",
            Flag::LinkFarm => "link-farm",
            Flag::SpamKeywords => "spam-keywords",
            Flag::LinkDensity => "link-density",
            Flag::ThinContent => "thin-content",
            Flag::PageNofollow => "page-nofollow",
            Flag::Noindex => "noindex",
            Flag::GooglebotBlocked => "googlebot-blocked",
            Flag::SuspiciousTld => "suspicious-tld",
            Flag::IpHost => "ip-host",
            Flag::NumericDomain => "numeric-domain",
            Flag::LongDomain => "long-domain",
            Flag::HyphenatedDomain => "hyphenated-domain",
            Flag::NonHttps => "non-https",
            Flag::Sitewide => "sitewide",
            Flag::FrequentAnchor => "frequent-anchor",
            Flag::SharedIp => "shared-ip",
            Flag::SharedTrackingId => "shared-tracking-id",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word that names no flag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a flag")]
pub struct UnknownFlag(pub String);

impl FromStr for Flag {
    type Err = UnknownFlag;

    fn from_str(word: &str) -> Result<Flag, UnknownFlag> {
        Flag::ALL
            .into_iter()
            .find(|flag| flag.as_str() == word)
            .ok_or_else(|| UnknownFlag(word.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_unique_lowercase_and_hyphenated() {
        let mut seen = std::collections::BTreeSet::new();
        for flag in Flag::ALL {
            let word = flag.as_str();
            assert!(
                word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{word}"
            );
            assert!(seen.insert(word), "{word} twice");
        }
    }

    #[test]
    fn all_lists_every_flag_at_its_own_index() {
        for (index, flag) in Flag::ALL.into_iter().enumerate() {
            assert_eq!(flag as usize, index, "{flag}");
        }
    }

    #[test]
    fn serde_writes_and_reads_the_word_of_as_str() {
        for flag in Flag::ALL {
            let json = serde_json::to_string(&flag).unwrap();
            assert_eq!(json, format!("\"{}\"", flag.as_str()));
            assert_eq!(serde_json::from_str::<Flag>(&json).unwrap(), flag);
            assert_eq!(flag.as_str().parse::<Flag>(), Ok(flag));
        }
    }

    #[test]
    fn an_unknown_word_is_refused_not_guessed() {
        assert_eq!(
            "Hidden-Link".parse::<Flag>(),
            Err(UnknownFlag("Hidden-Link".into()))
        );
        let error = serde_json::from_str::<Flag>("\"no-such-flag\"").unwrap_err();
        assert!(
            error.to_string().contains("unknown variant `no-such-flag`"),
            "{error}"
        );
    }
}
