use super::*;

/// The names with `traits`, sorted.
fn named(traits: Traits) -> Vec<&'static str> {
    sorted(
        Element::all()
            .iter()
            .filter(|element| element.has(traits))
            .map(|element| element.name())
            .collect(),
    )
}

fn sorted(mut names: Vec<&'static str>) -> Vec<&'static str> {
    names.sort_unstable();
    names
}

#[test]
fn every_name_finds_its_element() {
    for &element in Element::all() {
        assert_eq!(Element::of(element.name().as_bytes()), element, "{element:?}");
    }
    let others = [
        "",
        "x-widget",
        "DIV",
        "a ",
        "a\0",
        "\0a",
        "h7",
        "svg:a",
        "foreignobject",
        "blockquote2",
        "a-very-long-custom-element-name",
        "é",
    ];
    for name in others {
        assert_eq!(Element::of(name.as_bytes()), Element::Other, "{name:?}");
    }
    assert_eq!(Element::Other.traits(), Traits::NONE);
    assert_eq!(Element::Other.name(), "");
}

/// HTML's void elements.
#[test]
fn void_elements_are_those_of_html() {
    let void =
        "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr";
    assert_eq!(named(Traits::VOID), sorted(void.split(' ').collect()));
}

/// The start tags HTML's "in body" insertion mode closes a `<p>` for.
#[test]
fn the_tags_that_close_a_p_are_those_of_html() {
    let closing = "address article aside blockquote center details dialog dir div dl dd dt fieldset \
                   figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main \
                   menu nav ol p plaintext pre search section summary table ul xmp";
    assert_eq!(
        named(Traits::CLOSES_P),
        sorted(closing.split_whitespace().collect())
    );
    let p_scope = "button caption table td template th";
    assert_eq!(named(Traits::BOUNDS_P), sorted(p_scope.split(' ').collect()));
}

#[test]
fn head_elements_raw_text_and_list_bounds() {
    let head = "base basefont bgsound link meta noscript script style template title";
    assert_eq!(named(Traits::IN_HEAD), sorted(head.split(' ').collect()));
    assert_eq!(
        named(Traits::RAW_TEXT),
        sorted(vec!["script", "style", "noscript", "template"])
    );
    let bounds = "ul ol dl table td th caption template button object";
    assert_eq!(named(Traits::BOUNDS_ITEMS), sorted(bounds.split(' ').collect()));
    assert_eq!(named(Traits::HEADING), vec!["h1", "h2", "h3", "h4", "h5", "h6"]);
}

/// The walk's sets, as docs/reference.md (Extraction) lists them.
#[test]
fn the_walks_sets() {
    let inline = "a ins abbr b bdi bdo big cite code data del dfn em font i kbd label mark nobr q s \
                  samp small span strike strong sub sup time tt u var wbr";
    assert_eq!(named(Traits::INLINE), sorted(inline.split_whitespace().collect()));
    assert_eq!(
        named(Traits::TEXT_BLOCK),
        sorted(vec!["p", "li", "td", "dd", "blockquote"])
    );
    assert_eq!(named(Traits::LEAF_TEXT_BLOCK), vec!["article", "div", "section"]);
    assert_eq!(
        named(Traits::NOT_TEXT),
        sorted(vec!["script", "noscript", "style", "template", "title"])
    );
    assert_eq!(named(Traits::SCRIPT_TEXT), vec!["noscript", "script"]);
    assert_eq!(named(Traits::FRAME), vec!["frame", "iframe"]);
    assert_eq!(named(Traits::TAGGING), vec!["iframe", "ins", "link", "script"]);
    assert_eq!(named(Traits::CHROME), vec!["aside", "footer", "nav"]);
    let markable = "div section article main header figure p blockquote";
    assert_eq!(named(Traits::MARKABLE), sorted(markable.split(' ').collect()));
    let block = "p blockquote li td dd div section article main nav aside footer header figure address \
                 caption details dialog dl dt fieldset figcaption form h1 h2 h3 h4 h5 h6 hgroup hr menu \
                 ol pre summary table tbody th ul";
    assert_eq!(
        named(Traits::BLOCK_LEVEL),
        sorted(block.split_whitespace().collect())
    );
}

#[test]
fn phrasing_elements_never_mark_comment_areas() {
    let phrasing =
        "span code pre a b i em strong small cite kbd samp var mark font label abbr time sup sub u s";
    assert_eq!(named(Traits::PHRASING), sorted(phrasing.split(' ').collect()));
}

#[test]
fn traits_combine() {
    assert!(Element::Table.has(Traits::VOID | Traits::BOUNDS_P));
    assert!(!Element::Table.has(Traits::VOID | Traits::INLINE));
}

/// Every short name: only the elements' own names find them.
#[test]
fn no_other_short_name_finds_an_element() {
    let alphabet: Vec<u8> = (b'a'..=b'z').chain(b'0'..=b'9').chain([b'-']).collect();
    let mut names: Vec<Vec<u8>> = vec![Vec::new()];
    let mut last = names.clone();
    for _ in 0..3 {
        last = last
            .iter()
            .flat_map(|name| alphabet.iter().map(move |&b| [name.as_slice(), &[b]].concat()))
            .collect();
        names.extend(last.iter().cloned());
    }
    for name in names {
        let element = Element::of(&name);
        let expected = Element::all().iter().find(|e| e.name().as_bytes() == name);
        assert_eq!(
            Some(&element).filter(|e| **e != Element::Other),
            expected,
            "{name:?}"
        );
    }
}
