use super::*;
use crate::analyze::tests::link;
use proptest::prelude::*;

fn varied() -> Vec<Link> {
    let mut nofollow = link("Gärten & tools — 庭");
    nofollow.rel = vec!["nofollow".into(), "".into(), "noopener".into()];
    nofollow.link_type = LinkType::Nofollow;
    nofollow.passes_equity = false;
    nofollow.placement = Placement::Footer;
    nofollow.flags = vec![Flag::HiddenLink, Flag::Sitewide, Flag::NonHttps];
    nofollow.toxicity = 62;
    nofollow.toxic = true;
    let mut empty = link("");
    empty.target_url = "https://example.com/a?b=c#d".into();
    empty.anchor_kind = AnchorKind::Empty;
    empty.hidden = true;
    empty.weak = true;
    empty.rendered_only = true;
    vec![link("Example"), nofollow, empty, link("Example")]
}

#[test]
fn links_of_one_page_come_back_equal_and_are_packed() {
    let page = WaitingPage::pack(varied());
    assert!(matches!(page, WaitingPage::Packed(_)));
    assert_eq!(page.len(), 4);
    assert_eq!(page.unpack(), varied());
}

#[test]
fn links_of_different_pages_are_kept_as_they_came() {
    let mut links = varied();
    links[2].source_url = "https://blog.test/other".into();
    let page = WaitingPage::pack(links.clone());
    assert!(matches!(page, WaitingPage::Loose(_)));
    assert_eq!(page.unpack(), links);
}

proptest! {
    #[test]
    fn any_texts_and_flags_round_trip(
        pieces in proptest::collection::vec(
            ("\\PC{0,12}", "\\PC{0,12}", proptest::collection::vec("\\PC{0,6}", 0..4), proptest::collection::vec(0..Flag::COUNT, 0..5)),
            1..6,
        )
    ) {
        let links: Vec<Link> = pieces
            .into_iter()
            .map(|(target, anchor, rel, flags)| Link {
                target_url: target,
                rel,
                flags: flags.into_iter().map(|i| Flag::ALL[i]).collect(),
                ..link(&anchor)
            })
            .collect();
        prop_assert_eq!(WaitingPage::pack(links.clone()).unpack(), links);
    }
}
