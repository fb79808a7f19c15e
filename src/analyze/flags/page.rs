//! Flags of the linking page: how the link is placed on it, what kind of page
//! it is, and what its robots directives say.

use super::Flag;
use crate::analyze::PageContext;
use crate::analyze::Thresholds;
use crate::extract::{PageFacts, RawLink};

/// How the link itself is placed. Raised only on links that pass equity (the
/// caller checks): Google's policy is about links that pass ranking credit.
pub fn placement_flags(raw: &RawLink, facts: &PageFacts, out: &mut Vec<Flag>) {
    if raw.hidden {
        out.push(Flag::HiddenLink);
    }
    if facts.sponsored_disclosure {
        out.push(Flag::UnmarkedSponsored);
    }
    if raw.in_ugc_area {
        out.push(Flag::CommentOrForum);
    }
}

/// What the page is, for every link on it.
pub fn page_flags(raw: &RawLink, page: &PageContext<'_>, t: &Thresholds, out: &mut Vec<Flag>) {
    let facts = page.facts;
    if is_link_farm(facts, t) {
        out.push(Flag::LinkFarm);
    }
    if !facts.spam_terms.is_empty() && facts.spam_terms.len() as f64 >= t.spam_keywords_terms {
        out.push(Flag::SpamKeywords);
    }
    let page_density = if facts.text_chars == 0 {
        0.0
    } else {
        facts.link_text_chars as f64 / facts.text_chars as f64
    };
    let dense = |density: f64, threshold| density > 0.0 && density >= threshold;
    if dense(page_density, t.link_density_page) || dense(raw.block_link_density, t.link_density_block) {
        out.push(Flag::LinkDensity);
    }
    if (facts.words as f64) < t.thin_content_words {
        out.push(Flag::ThinContent);
    }
    if page.page_nofollow {
        out.push(Flag::PageNofollow);
    }
    if page.page_noindex {
        out.push(Flag::Noindex);
    }
    if page.googlebot_blocked {
        out.push(Flag::GooglebotBlocked);
    }
}

/// Very many external links or linked domains, with little text around each:
/// a directory or link list. Long reference lists (an encyclopedia article)
/// have enough words per link to stay out.
fn is_link_farm(facts: &PageFacts, t: &Thresholds) -> bool {
    let links = facts.external_links as f64;
    let many = (links > 0.0 && links >= t.link_farm_links)
        || (facts.external_domains > 0 && facts.external_domains as f64 >= t.link_farm_domains);
    many && (facts.words as f64) < t.link_farm_words_per_link * links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::{facts, page, raw};

    fn page_flags_of(facts: &PageFacts, block_density: f64) -> Vec<Flag> {
        let mut raw = raw("Example");
        raw.block_link_density = block_density;
        let url = url::Url::parse("https://blog.test/a").unwrap();
        let mut out = Vec::new();
        page_flags(&raw, &page(&url, facts), &Thresholds::default(), &mut out);
        out
    }

    #[test]
    fn an_ordinary_article_has_no_page_flag() {
        assert!(page_flags_of(&facts(), 0.1).is_empty());
    }

    #[test]
    fn placement_flags_follow_the_raw_link_and_disclosure() {
        let mut link = raw("Example");
        let mut out = Vec::new();
        placement_flags(&link, &facts(), &mut out);
        assert!(out.is_empty());
        link.hidden = true;
        link.in_ugc_area = true;
        let paid = PageFacts {
            sponsored_disclosure: true,
            ..facts()
        };
        placement_flags(&link, &paid, &mut out);
        assert_eq!(
            out,
            [Flag::HiddenLink, Flag::UnmarkedSponsored, Flag::CommentOrForum]
        );
    }

    #[test]
    fn link_farm_needs_many_links_and_few_words_per_link() {
        let directory = PageFacts {
            external_links: 120,
            external_domains: 110,
            words: 1500,
            ..facts()
        };
        assert!(page_flags_of(&directory, 0.0).contains(&Flag::LinkFarm));
        let by_domains = PageFacts {
            external_links: 60,
            external_domains: 50,
            words: 1000,
            ..facts()
        };
        assert!(page_flags_of(&by_domains, 0.0).contains(&Flag::LinkFarm));
        // An encyclopedia article: 300 references, but 40 words around each.
        let article = PageFacts {
            external_links: 300,
            external_domains: 150,
            words: 12_000,
            ..facts()
        };
        assert!(!page_flags_of(&article, 0.0).contains(&Flag::LinkFarm));
        let blogroll = PageFacts {
            external_links: 99,
            external_domains: 49,
            words: 300,
            ..facts()
        };
        assert!(!page_flags_of(&blogroll, 0.0).contains(&Flag::LinkFarm));
    }

    #[test]
    fn spam_keywords_needs_two_distinct_terms() {
        let one = PageFacts {
            spam_terms: vec!["casino".into()],
            ..facts()
        };
        assert!(
            page_flags_of(&one, 0.0).is_empty(),
            "one news story about a casino"
        );
        let two = PageFacts {
            spam_terms: vec!["casino".into(), "payday loan".into()],
            ..facts()
        };
        assert_eq!(page_flags_of(&two, 0.0), [Flag::SpamKeywords]);
    }

    #[test]
    fn link_density_per_page_or_per_paragraph() {
        let links_page = PageFacts {
            text_chars: 1000,
            link_text_chars: 500,
            ..facts()
        };
        assert_eq!(page_flags_of(&links_page, 0.0), [Flag::LinkDensity]);
        let almost = PageFacts {
            text_chars: 1000,
            link_text_chars: 499,
            ..facts()
        };
        assert!(page_flags_of(&almost, 0.79).is_empty());
        assert_eq!(page_flags_of(&facts(), 0.8), [Flag::LinkDensity]);
    }

    #[test]
    fn thin_content_under_150_words() {
        let thin = PageFacts {
            words: 149,
            ..facts()
        };
        assert_eq!(page_flags_of(&thin, 0.0), [Flag::ThinContent]);
        let enough = PageFacts {
            words: 150,
            ..facts()
        };
        assert!(page_flags_of(&enough, 0.0).is_empty());
    }

    #[test]
    fn directives_become_weightless_flags() {
        let url = url::Url::parse("https://blog.test/a").unwrap();
        let facts = facts();
        let mut context = page(&url, &facts);
        context.page_nofollow = true;
        context.page_noindex = true;
        context.googlebot_blocked = true;
        let mut out = Vec::new();
        page_flags(&raw("Example"), &context, &Thresholds::default(), &mut out);
        assert_eq!(out, [Flag::PageNofollow, Flag::Noindex, Flag::GooglebotBlocked]);
    }
}
