//! Why a domain is proposed: the risk flags of its toxic links, said in the
//! comment above its `domain:` line so a person can review it before uploading.

use crate::model::{Flag, FlagKind, Link};
use std::collections::BTreeMap;
use std::fmt;

/// The referring domains to propose, each with its evidence.
pub type Proposals = BTreeMap<String, Evidence>;

/// The toxic links of one domain: how many, and how many of them carry each
/// risk flag. Only risk flags make a link toxic (docs/scoring.md), so only
/// they are evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    pub links: usize,
    /// In the order first seen: a link lists its heaviest flags first.
    pub flags: Vec<(Flag, usize)>,
}

impl Evidence {
    /// Evidence of one toxic link with these flags (weakness and information
    /// flags left out).
    pub fn of_link(flags: &[Flag]) -> Evidence {
        let mut evidence = Evidence::default();
        evidence.add(flags);
        evidence
    }

    fn add(&mut self, flags: &[Flag]) {
        self.links += 1;
        for &flag in flags.iter().filter(|f| f.kind() == FlagKind::Risk) {
            self.count(flag, 1);
        }
    }

    fn count(&mut self, flag: Flag, links: usize) {
        match self.flags.iter_mut().find(|(f, _)| *f == flag) {
            Some((_, count)) => *count += links,
            None => self.flags.push((flag, links)),
        }
    }

    /// Both, as the evidence of one domain (two spellings of one host).
    pub fn merge(&mut self, other: &Evidence) {
        self.links += other.links;
        for &(flag, count) in &other.flags {
            self.count(flag, count);
        }
    }
}

/// `link-farm, spam-keywords: 3 toxic links`: the flags on most links first,
/// ties heaviest first (the order the links list them in).
impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut flags = self.flags.clone();
        flags.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
        let words: Vec<&str> = flags.iter().map(|(flag, _)| flag.as_str()).collect();
        let s = crate::words::s(self.links);
        match words.is_empty() {
            true => write!(f, "{} toxic link{s}", self.links),
            false => write!(f, "{}: {} toxic link{s}", words.join(", "), self.links),
        }
    }
}

/// The referring domains of the toxic links, with the evidence against each.
pub fn toxic_domains(links: &[Link]) -> Proposals {
    let mut domains = Proposals::new();
    for link in links.iter().filter(|l| l.toxic) {
        domains
            .entry(link.source_domain.clone())
            .or_default()
            .add(&link.flags);
    }
    domains
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::build::link;
    use Flag::*;

    fn toxic(domain: &str, flags: &[Flag]) -> Link {
        Link {
            source_domain: domain.into(),
            flags: flags.to_vec(),
            toxic: true,
            ..link("https://x.test/", "https://example.com/", "x")
        }
    }

    #[test]
    fn a_domain_is_proposed_for_its_toxic_links_with_their_risk_flags() {
        let clean = Link {
            source_domain: "blog.test".into(),
            flags: vec![ThinContent, NonHttps],
            weak: true,
            ..link("https://blog.test/", "https://example.com/", "x")
        };
        let links = [
            toxic("farm.test", &[LinkFarm, SpamKeywords, ThinContent]),
            toxic("farm.test", &[SpamKeywords, ExactMatchAnchor, NonHttps]),
            toxic("farm.test", &[LinkFarm, SpamKeywords, Noindex]),
            clean,
        ];
        let proposals = toxic_domains(&links);
        assert_eq!(proposals.keys().collect::<Vec<_>>(), ["farm.test"]);
        assert_eq!(
            proposals["farm.test"].to_string(),
            "spam-keywords, link-farm, exact-match-anchor: 3 toxic links",
            "on most links first, then in the links' order"
        );
    }

    #[test]
    fn one_link_is_said_in_the_singular_and_merged_evidence_adds_up() {
        let mut one = Evidence::of_link(&[HiddenLink, ExactMatchAnchor, LongDomain]);
        assert_eq!(one.to_string(), "hidden-link, exact-match-anchor: 1 toxic link");
        one.merge(&Evidence::of_link(&[ExactMatchAnchor]));
        assert_eq!(one.to_string(), "exact-match-anchor, hidden-link: 2 toxic links");
        assert_eq!(Evidence::of_link(&[]).to_string(), "1 toxic link");
    }
}
