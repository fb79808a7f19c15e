//! Flags of links that repeat across the profile: the same link on many pages
//! of one site (`sitewide`) and one anchor text dominating the profile
//! (`frequent-anchor`). Both raised only on links that pass equity.

use crate::analyze::anchor::fold;
use crate::analyze::Thresholds;
use crate::model::{AnchorKind, Link, Placement};
use std::collections::{HashMap, HashSet};

/// Indices of the followed links whose referring domain has the same link (same
/// target URL, same anchor text) on at least `sitewide-pages` of its pages, or
/// `sitewide-template-pages` when the link sits in navigation, header, footer or
/// sidebar: widely distributed template links, in Google's words. A domain we
/// could not name (a saved page without a URL) is never sitewide.
pub fn sitewide(links: &[Link], thresholds: &Thresholds) -> Vec<usize> {
    // Borrowed keys: a profile of 100,000 links must not copy each one's
    // domain and target a second time.
    let folded: Vec<String> = links.iter().map(|l| fold(&l.anchor_text)).collect();
    let key = |i: usize| {
        let l = &links[i];
        (
            l.source_domain.as_str(),
            l.target_url.as_str(),
            folded[i].as_str(),
        )
    };
    let mut pages: HashMap<(&str, &str, &str), HashSet<&str>> = HashMap::new();
    for (i, link) in links
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.source_domain.is_empty())
    {
        pages.entry(key(i)).or_default().insert(&link.source_url);
    }
    let needed = |placement| match placement {
        Placement::Content => thresholds.sitewide_pages,
        _ => thresholds.sitewide_template_pages,
    };
    links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.passes_equity && !l.source_domain.is_empty())
        .filter(|(i, l)| pages.get(&key(*i)).map_or(0, HashSet::len) as f64 >= needed(l.placement))
        .map(|(i, _)| i)
        .collect()
}

/// Indices of the followed links whose anchor text (case-folded) is at least
/// `frequent-anchor-share` of all links, in profiles of at least
/// `frequent-anchor-min-links`. Brand names, URLs, generic words, images and
/// empty anchors are left out: natural profiles are dominated by them.
pub fn frequent_anchor(links: &[Link], thresholds: &Thresholds) -> Vec<usize> {
    let total = links.len();
    if total == 0 || (total as f64) < thresholds.frequent_anchor_min_links {
        return Vec::new();
    }
    let folded: Vec<String> = links.iter().map(|l| fold(&l.anchor_text)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for text in &folded {
        *counts.entry(text).or_default() += 1;
    }
    let share = thresholds.frequent_anchor_share;
    links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.passes_equity)
        .filter(|(_, l)| {
            matches!(
                l.anchor_kind,
                AnchorKind::Exact | AnchorKind::Partial | AnchorKind::Other
            )
        })
        .filter(|(i, _)| counts[folded[*i].as_str()] as f64 / total as f64 >= share)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::link;
    use crate::model::LinkType;

    fn on(page: &str, domain: &str, anchor: &str, placement: Placement) -> Link {
        Link {
            source_url: format!("https://{domain}/{page}"),
            source_host: domain.into(),
            source_domain: domain.into(),
            placement,
            ..link(anchor)
        }
    }

    fn footer_links(domain: &str, pages: usize) -> Vec<Link> {
        (0..pages)
            .map(|p| on(&p.to_string(), domain, "Example", Placement::Footer))
            .collect()
    }

    #[test]
    fn sitewide_template_link_on_three_pages() {
        let s = Thresholds::default();
        assert_eq!(sitewide(&footer_links("a.test", 3), &s), [0, 1, 2]);
        assert!(sitewide(&footer_links("a.test", 2), &s).is_empty());
    }

    #[test]
    fn sitewide_content_link_needs_five_pages() {
        let s = Thresholds::default();
        let mentions = |n: usize| -> Vec<Link> {
            (0..n)
                .map(|p| on(&p.to_string(), "a.test", "Example", Placement::Content))
                .collect()
        };
        assert!(
            sitewide(&mentions(4), &s).is_empty(),
            "four posts mentioning the brand"
        );
        assert_eq!(sitewide(&mentions(5), &s).len(), 5);
    }

    #[test]
    fn sitewide_counts_distinct_pages_of_one_domain_with_one_link() {
        let s = Thresholds::default();
        // The same page listed three times is one page.
        let same_page: Vec<Link> = (0..3)
            .map(|_| on("x", "a.test", "Example", Placement::Footer))
            .collect();
        assert!(sitewide(&same_page, &s).is_empty());
        // Three domains, one page each.
        let spread: Vec<Link> = ["a.test", "b.test", "c.test"]
            .iter()
            .map(|d| on("x", d, "Example", Placement::Footer))
            .collect();
        assert!(sitewide(&spread, &s).is_empty());
        // Three pages, three different anchors.
        let varied: Vec<Link> = ["One", "Two", "Three"]
            .iter()
            .enumerate()
            .map(|(p, a)| on(&p.to_string(), "a.test", a, Placement::Footer))
            .collect();
        assert!(sitewide(&varied, &s).is_empty());
        // Saved pages without a domain.
        assert!(sitewide(&footer_links("", 5), &s).is_empty());
    }

    #[test]
    fn sitewide_leaves_links_that_pass_no_equity() {
        let mut links = footer_links("a.test", 3);
        links[0].link_type = LinkType::Nofollow;
        links[0].passes_equity = false;
        assert_eq!(
            sitewide(&links, &Thresholds::default()),
            [1, 2],
            "still counted as a page"
        );
    }

    fn profile(anchor: &str, kind: AnchorKind, repeated: usize, total: usize) -> Vec<Link> {
        (0..total)
            .map(|i| {
                let (text, kind) = if i < repeated {
                    (anchor.to_string(), kind)
                } else {
                    (format!("Example {i}"), AnchorKind::Branded)
                };
                Link {
                    anchor_kind: kind,
                    ..on(&i.to_string(), &format!("d{i}.test"), &text, Placement::Content)
                }
            })
            .collect()
    }

    #[test]
    fn frequent_anchor_at_a_quarter_of_ten_links() {
        let s = Thresholds::default();
        let hits = frequent_anchor(&profile("Garden Tools", AnchorKind::Exact, 3, 12), &s);
        assert_eq!(hits, [0, 1, 2], "3 of 12 is 25 %");
        assert!(frequent_anchor(&profile("Garden Tools", AnchorKind::Exact, 2, 12), &s).is_empty());
        assert!(
            frequent_anchor(&profile("Garden Tools", AnchorKind::Exact, 3, 9), &s).is_empty(),
            "too few links to speak of a profile"
        );
    }

    #[test]
    fn frequent_anchor_is_case_folded_and_spares_brands_urls_and_generic_words() {
        let s = Thresholds::default();
        let mut links = profile("garden tools", AnchorKind::Exact, 3, 12);
        links[1].anchor_text = "Garden  TOOLS".into();
        assert_eq!(frequent_anchor(&links, &s).len(), 3);
        for kind in [
            AnchorKind::Branded,
            AnchorKind::Url,
            AnchorKind::Generic,
            AnchorKind::Image,
        ] {
            assert!(
                frequent_anchor(&profile("x", kind, 8, 12), &s).is_empty(),
                "{kind:?}"
            );
        }
        let mut nofollow = profile("garden tools", AnchorKind::Exact, 3, 12);
        nofollow[0].passes_equity = false;
        assert_eq!(frequent_anchor(&nofollow, &s), [1, 2]);
    }
}
