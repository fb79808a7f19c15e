//! The flags: stable lowercase words, each a fact about a link, its page, its
//! site or the profile, with a documented trigger (docs/scoring.md). Weights
//! live in [`super::scoring`]; nothing here knows how much a flag counts.
//!
//! Flags about how the link itself was made (its anchor, where it sits, whether
//! it was paid for) are raised only on links that pass equity: Google treats a
//! `nofollow`, `ugc` or `sponsored` link as not vouching for the target, so it
//! cannot be a ranking manipulation. Flags about the page, the site and the
//! network are raised on every link: they say where the link lives.

pub mod anchor;
pub mod domain;
pub mod network;
pub mod page;
pub mod repeated;

/// Every flag, in the order of docs/scoring.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

impl Flag {
    pub const ALL: [Flag; 25] = [
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

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Adds `flag` to a link's flag words unless it is there already.
pub fn add(flags: &mut Vec<String>, flag: Flag) {
    if !flags.iter().any(|f| f == flag.as_str()) {
        flags.push(flag.as_str().to_string());
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
    fn adding_a_flag_twice_keeps_one() {
        let mut flags = vec![];
        add(&mut flags, Flag::Sitewide);
        add(&mut flags, Flag::Sitewide);
        assert_eq!(flags, ["sitewide"]);
    }
}
