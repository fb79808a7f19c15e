//! Page facts of the hand-written pages in `fixtures/extract/facts-*.html`,
//! each audited for the target `example.com`.

use crate::extract::{extract, ExtractOptions, PageExtract, PageFacts, RawLink};
use crate::target::Target;
use url::Url;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/extract/", $name))
    };
}

fn run_with(html: &str, page_url: &str, target: &str, options: &ExtractOptions) -> PageExtract {
    let page_url = Url::parse(page_url).expect("test page URL parses");
    let target = Target::parse(target).expect("test target parses");
    extract(html, &page_url, &target, options)
}

fn run(html: &str, page_url: &str) -> PageExtract {
    run_with(html, page_url, "example.com", &ExtractOptions::default())
}

fn link<'a>(page: &'a PageExtract, url: &str) -> &'a RawLink {
    page.links
        .iter()
        .find(|l| l.url == url)
        .unwrap_or_else(|| panic!("no link to {url} in {:?}", page.links))
}

#[test]
fn link_farm_counts_links_and_domains_of_other_sites() {
    let page = run(
        fixture!("facts-link-farm.html"),
        "https://links-hub.example.net/directory.html",
    );
    // Links within the site (example.net, `www.` or not) and non-links do not count.
    assert_eq!(page.facts.external_links, 150);
    assert_eq!(page.facts.external_domains, 80);
    assert_eq!(page.links.len(), 1);
}

#[test]
fn thin_page_counts_only_visible_words() {
    let page = run(fixture!("facts-thin.html"), "https://shop.example.net/");
    assert_eq!(page.facts.words, 8);
    assert_eq!(
        page.facts.text_chars,
        "Greatgardentools,cheap.Buygardentoolstoday!".len()
    );
    assert_eq!(page.facts.link_text_chars, "gardentools".len());
}

#[test]
fn links_in_comments_signatures_and_author_boxes_are_ugc() {
    let page = run(
        fixture!("facts-comment-link.html"),
        "https://roses.example.net/pruning",
    );
    for (path, ugc) in [
        ("secateurs", false),
        ("jane", true),
        ("sam", true),
        ("shop", true),
        ("forum-sig", true),
    ] {
        let url = format!("https://example.com/{path}");
        assert_eq!(link(&page, &url).in_ugc_area, ugc, "{path}");
    }
}

#[test]
fn near_miss_classes_are_not_ugc() {
    let page = run(
        fixture!("facts-recommended-class.html"),
        "https://gear.example.net/",
    );
    assert_eq!(page.links.len(), 10);
    for link in &page.links {
        assert!(!link.in_ugc_area, "{} is not user content", link.url);
    }
}

#[test]
fn tracking_ids_from_scripts_and_tags_only() {
    let page = run(fixture!("facts-tracking-ids.html"), "https://news.example.net/");
    assert_eq!(
        page.facts.tracking_ids,
        [
            "AW-987654321",
            "CA-PUB-1234567890123456",
            "FB-1122334455667788",
            "G-4BX7QL2K9M",
            "GTM-K9X2ZQ7",
            "UA-7654321-3",
        ]
    );
}

#[test]
fn disclosures_at_the_top_in_a_box_or_in_the_title() {
    for (html, name) in [
        (fixture!("facts-sponsored-disclosure.html"), "label at the top"),
        (fixture!("facts-affiliate-disclosure.html"), "disclosure box"),
        (fixture!("facts-sponsored-title.html"), "title"),
    ] {
        let page = run(html, "https://blog.example.net/post");
        assert!(page.facts.sponsored_disclosure, "{name}");
    }
}

#[test]
fn everyday_wording_and_ad_labels_are_not_disclosures() {
    for (html, name) in [
        (fixture!("facts-sponsored-near-miss.html"), "near miss"),
        (fixture!("facts-editorial-clean.html"), "editorial"),
        (fixture!("facts-spam-near-miss.html"), "spam near miss"),
    ] {
        let page = run(html, "https://blog.example.net/post");
        assert!(!page.facts.sponsored_disclosure, "{name}");
    }
}

#[test]
fn spam_terms_from_title_url_and_text() {
    let page = run(
        fixture!("facts-spam-terms.html"),
        "https://bonus.example.net/best-kamagra-deals",
    );
    assert_eq!(
        page.facts.spam_terms,
        [
            "casino",
            "casino bonus",
            "cialis",
            "free spins",
            "kamagra",
            "machines à sous",
            "online casino",
            "payday loans",
            "replica watches",
            "sportwetten",
            "viagra",
        ]
    );
}

#[test]
fn near_miss_words_are_not_spam_terms() {
    let page = run(
        fixture!("facts-spam-near-miss.html"),
        "https://blog.example.net/rust-loan-calculator",
    );
    assert_eq!(page.facts.spam_terms, Vec::<String>::new());
}

#[test]
fn configured_spam_terms_are_found_too() {
    let options = ExtractOptions {
        extra_spam_terms: vec!["Raised Beds".to_string()],
    };
    let page = run_with(
        fixture!("facts-editorial-clean.html"),
        "https://gardenjournal.example.org/2024/05/raised-beds.html",
        "example.com",
        &options,
    );
    assert_eq!(page.facts.spam_terms, ["raised beds"]);
}

#[test]
fn clean_editorial_page_has_quiet_facts() {
    let page = run(
        fixture!("facts-editorial-clean.html"),
        "https://gardenjournal.example.org/2024/05/raised-beds.html?utm_source=feed",
    );
    let facts = &page.facts;
    assert_eq!(
        facts.canonical.as_deref(),
        Some("https://gardenjournal.example.org/2024/05/raised-beds.html")
    );
    assert!(facts.spam_terms.is_empty());
    assert!(!facts.sponsored_disclosure);
    assert!(facts.tracking_ids.is_empty());
    assert_eq!(facts.frames, 0);
    assert_eq!((facts.external_links, facts.external_domains), (3, 3));
    assert!(facts.words > 150, "{} words", facts.words);
    assert!(
        facts.max_block_link_density < 0.3,
        "{}",
        facts.max_block_link_density
    );
    let target = link(&page, "https://example.com/tools");
    assert!(!target.in_ugc_area);
    assert!(target.block_link_density > 0.0 && target.block_link_density < 0.3);
}

#[test]
fn saved_page_states_its_url_in_the_saved_from_comment() {
    let page = run(
        fixture!("facts-saved-page.html"),
        "file:///home/me/facts-saved-page.html",
    );
    assert_eq!(
        page.facts.canonical.as_deref(),
        Some("https://blog.example.net/2024/05/garden-tools.html")
    );
    // The stated URL gives the site: the relative link is a file, not a link.
    assert_eq!((page.facts.external_links, page.facts.external_domains), (1, 1));
}

#[test]
fn dense_paragraph_and_frames() {
    let page = run(fixture!("facts-link-density.html"), "https://links.example.net/");
    let dense = link(&page, "https://example.com/a").block_link_density;
    let plain = link(&page, "https://example.com/b").block_link_density;
    assert!(dense > 0.9, "{dense}");
    assert!(plain > 0.0 && plain < 0.1, "{plain}");
    assert_eq!(page.facts.max_block_link_density, dense);
    assert_eq!(page.facts.frames, 2);
}

#[test]
fn pages_without_target_links_get_only_their_canonical() {
    let page = run_with(
        fixture!("facts-editorial-clean.html"),
        "https://gardenjournal.example.org/2024/05/raised-beds.html",
        "nothing.example",
        &ExtractOptions::default(),
    );
    assert!(page.links.is_empty());
    assert_eq!(
        page.facts,
        PageFacts {
            canonical: Some("https://gardenjournal.example.org/2024/05/raised-beds.html".to_string()),
            ..PageFacts::default()
        }
    );
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn arbitrary_markup_around_a_target_link_never_panics(
            before in "[<>/a-z =\"'!#-]{0,120}|\\PC{0,60}",
            after in "[<>/a-z =\"'!#-]{0,120}|\\PC{0,60}",
        ) {
            let html = format!("{before}<p><a href='https://example.com/'>x</a></p>{after}");
            let page = run(&html, "https://blog.example.net/");
            let facts = &page.facts;
            prop_assert!(facts.link_text_chars <= facts.text_chars);
            prop_assert!((0.0..=1.0).contains(&facts.max_block_link_density));
            for link in &page.links {
                prop_assert!((0.0..=1.0).contains(&link.block_link_density));
            }
        }
    }
}
