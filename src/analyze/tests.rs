//! Judging whole links, and helpers the analysis tests share.

use super::*;
use crate::model::{AnchorKind, Flag, FlagKind, Placement};
use std::cmp::Reverse;

/// A clean editorial link from `blog.test`, as judged.
pub fn link(anchor_text: &str) -> Link {
    Link {
        source_url: "https://blog.test/a".into(),
        source_host: "blog.test".into(),
        source_domain: "blog.test".into(),
        target_url: "https://example.com/".into(),
        anchor_text: anchor_text.into(),
        anchor_kind: AnchorKind::Branded,
        rel: vec![],
        link_type: LinkType::Dofollow,
        passes_equity: true,
        placement: Placement::Content,
        hidden: false,
        flags: vec![],
        toxicity: 0,
        toxic: false,
        weak: false,
        target_status: None,
        target_final_url: None,
        target_http_status: None,
        rendered_only: false,
    }
}

/// A followed link in the content, as extracted.
pub fn raw(anchor_text: &str) -> RawLink {
    RawLink {
        url: "https://example.com/".into(),
        anchor_text: anchor_text.into(),
        image: false,
        rel: vec![],
        link_type: LinkType::Dofollow,
        placement: Placement::Content,
        hidden: false,
        in_ugc_area: false,
        block_link_density: 0.1,
    }
}

/// An ordinary article: 800 words, a few links out, nothing to hide.
pub fn facts() -> PageFacts {
    PageFacts {
        words: 800,
        text_chars: 5000,
        link_text_chars: 300,
        max_block_link_density: 0.2,
        external_links: 12,
        external_domains: 9,
        ..PageFacts::default()
    }
}

pub fn page<'a>(url: &'a Url, facts: &'a PageFacts) -> PageContext<'a> {
    PageContext {
        source_url: url.as_str(),
        source_host: "blog.test",
        source_domain: "blog.test",
        page_url: url,
        page_nofollow: false,
        page_noindex: false,
        googlebot_blocked: false,
        facts,
    }
}

fn config() -> AnalysisConfig {
    AnalysisConfig {
        brands: vec!["example".into()],
        keywords: vec!["garden tools".into()],
        ..AnalysisConfig::default()
    }
}

fn judged(raw: RawLink, url: &str, facts: &PageFacts) -> Link {
    let url = Url::parse(url).unwrap();
    judge(raw, &page(&url, facts), &config())
}

#[test]
fn a_clean_editorial_link_scores_zero() {
    let link = judged(raw("Example"), "https://blog.test/a", &facts());
    assert_eq!(link.anchor_kind, AnchorKind::Branded);
    assert!(link.flags.is_empty(), "{:?}", link.flags);
    assert_eq!(link.toxicity, 0);
    assert!(!link.toxic);
}

/// The small blog of docs/scoring.md: a branded link on a short page about
/// an allotment, served over plain HTTP from a long hyphenated name. Worth
/// less, and nothing in it says manipulation.
#[test]
fn a_short_http_page_on_a_long_hyphenated_domain_is_weak_not_toxic() {
    let short = PageFacts {
        words: 90,
        text_chars: 520,
        link_text_chars: 300,
        ..facts()
    };
    let link = judged(
        raw("Example"),
        "http://anna-allotment-diary-blog.co.uk/2024/05/new-spade",
        &short,
    );
    assert_eq!(
        link.flags,
        [
            Flag::LinkDensity,
            Flag::ThinContent,
            Flag::HyphenatedDomain,
            Flag::LongDomain,
            Flag::NonHttps
        ]
    );
    assert_eq!(link.toxicity, 0);
    assert!(!link.toxic && link.weak, "{link:#?}");
}

#[test]
fn equity_needs_a_dofollow_link_on_a_followed_page() {
    let url = Url::parse("https://blog.test/a").unwrap();
    let facts = facts();
    let mut nofollow_page = page(&url, &facts);
    nofollow_page.page_nofollow = true;
    assert!(judge(raw("Example"), &page(&url, &facts), &config()).passes_equity);
    let on_nofollow_page = judge(raw("Example"), &nofollow_page, &config());
    assert!(!on_nofollow_page.passes_equity);
    assert_eq!(on_nofollow_page.flags, [Flag::PageNofollow]);
    assert_eq!(on_nofollow_page.toxicity, 0, "worth less is not a risk");
    for t in [LinkType::Nofollow, LinkType::Ugc, LinkType::Sponsored] {
        let link = judge(
            RawLink {
                link_type: t,
                ..raw("Example")
            },
            &page(&url, &facts),
            &config(),
        );
        assert!(!link.passes_equity, "{t:?}");
    }
}

#[test]
fn a_link_that_passes_no_equity_gets_no_link_flags_but_keeps_page_and_site_flags() {
    let spammy = PageFacts {
        spam_terms: vec!["casino".into(), "viagra".into()],
        sponsored_disclosure: true,
        ..facts()
    };
    let hidden_money_link = RawLink {
        hidden: true,
        in_ugc_area: true,
        ..raw("Garden tools")
    };
    let followed = judged(hidden_money_link.clone(), "http://spam.xyz/p", &spammy);
    assert_eq!(
        followed.flags,
        [
            Flag::HiddenLink,
            Flag::UnmarkedSponsored,
            Flag::SpamKeywords,
            Flag::CommentOrForum,
            Flag::ExactMatchAnchor,
            Flag::SuspiciousTld,
            Flag::NonHttps
        ]
    );
    assert!(followed.toxic);
    let sponsored = RawLink {
        rel: vec!["sponsored".into()],
        link_type: LinkType::Sponsored,
        ..hidden_money_link
    };
    let qualified = judged(sponsored, "http://spam.xyz/p", &spammy);
    // The page and site stay what they are; the link itself is no manipulation.
    assert_eq!(
        qualified.flags,
        [Flag::SpamKeywords, Flag::SuspiciousTld, Flag::NonHttps]
    );
    assert!(qualified.toxicity < followed.toxicity);
}

#[test]
fn a_saved_page_is_judged_by_the_url_it_states() {
    let saved = "file:///home/me/pages/post.html";
    let stated = PageFacts {
        canonical: Some("http://203.0.113.9/post".into()),
        ..facts()
    };
    assert_eq!(
        judged(raw("Example"), saved, &stated).flags,
        [Flag::IpHost, Flag::NonHttps]
    );
    assert!(
        judged(raw("Example"), saved, &facts()).flags.is_empty(),
        "no URL, no site flags"
    );
    let not_web = PageFacts {
        canonical: Some("ftp://files.test/post".into()),
        ..facts()
    };
    assert!(judged(raw("Example"), saved, &not_web).flags.is_empty());
    // A fetched page is judged by where it was fetched, whatever it claims.
    let claims = PageFacts {
        canonical: Some("https://elsewhere.xyz/".into()),
        ..facts()
    };
    assert!(judged(raw("Example"), "https://blog.test/a", &claims)
        .flags
        .is_empty());
}

#[test]
fn configured_suspicious_tlds_and_keywords_are_used() {
    let url = Url::parse("https://shop.dev/a").unwrap();
    let facts = facts();
    let config = AnalysisConfig {
        suspicious_tlds: vec!["dev".into()],
        keywords: vec!["shovels".into()],
        ..config()
    };
    let link = judge(raw("Shovels"), &page(&url, &facts), &config);
    assert_eq!(link.flags, [Flag::ExactMatchAnchor, Flag::SuspiciousTld]);
}

/// Every toxic link in a mixed set is explained by its flags alone: its
/// toxicity is the pure function of its flag words, and it has a risk flag.
/// A link farm's page alone (weakness aside) is one risk flag, not enough.
#[test]
fn every_toxic_link_is_explained_by_its_flags() {
    let config = config();
    let thin_directory = PageFacts {
        words: 100,
        external_links: 150,
        external_domains: 120,
        text_chars: 900,
        link_text_chars: 600,
        ..facts()
    };
    let paid = PageFacts {
        sponsored_disclosure: true,
        ..facts()
    };
    let cases = [
        (raw("Example"), "https://blog.test/a", facts()),
        (raw("Garden tools"), "https://blog.test/b", paid.clone()),
        (raw("Example"), "https://blog.test/c", paid),
        (raw("read more"), "http://links4u123.xyz/", thin_directory.clone()),
        (
            RawLink {
                hidden: true,
                ..raw("x")
            },
            "https://203.0.113.5/",
            facts(),
        ),
        (
            RawLink {
                in_ugc_area: true,
                ..raw("garden tools")
            },
            "https://forum.test/t",
            facts(),
        ),
        (
            RawLink {
                link_type: LinkType::Ugc,
                in_ugc_area: true,
                ..raw("garden tools")
            },
            "https://forum.test/u",
            facts(),
        ),
        (raw(""), "https://best-cheap-garden-tools.com/", thin_directory),
    ];
    let mut links: Vec<Link> = cases
        .into_iter()
        .map(|(raw, url, facts)| {
            let url = Url::parse(url).unwrap();
            judge(raw, &page(&url, &facts), &config)
        })
        .collect();
    apply_profile_flags(&mut links, &[], &config);
    let toxic: Vec<&Link> = links.iter().filter(|l| l.toxic).collect();
    assert_eq!(toxic.len(), 3, "the set has toxic links: {links:#?}");
    assert!(
        links.iter().any(|l| !l.toxic && !l.flags.is_empty()),
        "and flagged clean ones"
    );
    for link in &links {
        assert_eq!(link.toxicity, config.scoring.toxicity(&link.flags), "{link:#?}");
        assert_eq!(link.toxic, config.scoring.is_toxic(link.toxicity));
    }
    for link in toxic {
        assert_eq!(link.flags[0].kind(), FlagKind::Risk, "{link:#?}");
        let order: Vec<(FlagKind, Reverse<u32>)> = link
            .flags
            .iter()
            .map(|f| (f.kind(), Reverse(config.scoring.weight(*f))))
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "risk first, heaviest first: {:?}",
            link.flags
        );
    }
}
