use super::*;
use crate::extract::{extract, ExtractOptions};
use proptest::prelude::*;

fn target(s: &str) -> Target {
    Target::parse(s).expect("test target parses")
}

fn may(html: &str, page: &str, targets: &[&str]) -> bool {
    let owned: Vec<Target> = targets.iter().map(|t| target(t)).collect();
    let targets: Vec<&Target> = owned.iter().collect();
    may_link(html, &Url::parse(page).expect("test URL parses"), &targets)
}

const PAGE: &str = "https://blog.example.net/post.html";

#[test]
fn a_page_with_no_href_to_a_target_is_not_read() {
    let html = "<p>github.com is great</p><a href=/about>About</a><a href='https://python.org/'>Py</a>";
    assert!(!may(html, PAGE, &["github.com"]));
    assert!(may(html, PAGE, &["github.com", "python.org"]));
}

#[test]
fn hrefs_naming_the_host_in_any_case_and_spacing_may_link() {
    for html in [
        "<a href=\"https://GitHub.COM/x\">",
        "<a HREF = 'https://github.com'>",
        "<a href\n=\nhttps://github.com>",
        "<a href=//github.com/x>",
        "<area href=https://docs.github.com/>",
    ] {
        assert!(may(html, PAGE, &["github.com"]), "{html}");
    }
}

#[test]
fn what_decoding_or_the_url_parser_rewrites_may_link() {
    for html in [
        "<a href=https://git&#104;ub.com/x>",
        "<a href=\"https://git%68ub.com/\">",
        "<a href=\"https://git\thub.com/\">",
        "<a href=\"https://git\rhub.com/\">",
        "<a href=\"https:\\\\github.com/\">",
        "<a href=\"https://ｇithub.com/\">",
        "<a href=\"https://git\0hub.com/\">",
    ] {
        assert!(may(html, PAGE, &["github.com"]), "{html:?}");
    }
}

#[test]
fn a_base_element_pages_on_a_target_ip_targets_and_saved_pages_are_always_read() {
    assert!(may("<BASE href=/x><a href=y>", PAGE, &["github.com"]));
    assert!(may("<a href=/x>", "https://gist.github.com/p", &["github.com"]));
    assert!(may("<a href=/x>", PAGE, &["127.0.0.1"]));
    assert!(may("<a href=/x>", "file:///home/me/page.html", &["github.com"]));
}

#[test]
fn other_attributes_and_names_that_only_start_like_href_are_not_links() {
    // `hrefx` is another attribute; `href` without `=` has no value.
    assert!(!may(
        "<a hrefx=https://github.com/ href>x</a>",
        PAGE,
        &["github.com"]
    ));
    // `data-href` ends in `href`: read as one, which only costs a pass.
    assert!(may("<a data-href=https://github.com/>", PAGE, &["github.com"]));
}

/// Pieces of markup, some cut mid-tag, with hosts spelled every way the
/// tokenizer or the URL parser rewrites.
const PIECES: &[&str] = &[
    "<a href=",
    "<a href=\"",
    "\"",
    "'",
    ">",
    " ",
    "\t",
    "\n",
    "\r",
    "=",
    "<a HREF = '",
    "<area href=",
    "https://github.com/x",
    "https://GITHUB.com",
    "//github.com/y",
    "https://git&#104;ub.com",
    "&amp;",
    "https://git%68ub.com",
    "https://git\thub.com",
    "https:\\\\github.com",
    "https://ｇithub.com",
    "github",
    ".com",
    "https://",
    "/relative",
    "<base href=https://github.com/>",
    "<a data-href=",
    "<svg><a href=",
    "</a>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "text",
    "\0",
    "&#x2e;",
    "hub.com",
];

proptest! {
    /// Whenever the scan says a page cannot link to github.com, the pass
    /// finds no link to it, wherever the page is served.
    #[test]
    fn no_page_the_scan_skips_has_a_link(pieces in proptest::collection::vec(0..PIECES.len(), 0..30)) {
        let html: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let github = target("github.com");
        for page in [PAGE, "http://other.example/a/"] {
            let url = Url::parse(page).expect("test URL parses");
            if !may_link(&html, &url, &[&github]) {
                let found = extract(&html, &url, &github, &ExtractOptions::default()).links;
                prop_assert!(found.is_empty(), "skipped {html:?} links to {found:?}");
            }
        }
    }
}

#[test]
fn a_base_in_any_case_is_sighted_and_means_the_page_may_link() {
    let url = Url::parse(PAGE).expect("test URL parses");
    let github = target("github.com");
    for (html, base) in [
        ("<a href=/x><BaSe href=/>", true),
        ("<base>", true),
        ("<a href=/x>base</a><basefont>", true),
        ("<a href=/x>base</a>", false),
    ] {
        let sighting = sight(html, &url, &[&github]);
        assert_eq!(sighting.may_have_base, base, "{html}");
        assert_eq!(sighting.may_link, base, "{html}");
    }
}

/// Once a link is sighted, the rest of the page is searched for `<base` alone.
#[test]
fn a_base_after_the_first_link_is_sighted() {
    let github = target("github.com");
    for (page, html, base) in [
        (
            PAGE,
            "<a href=https://github.com/x><a href=/y><BaSe href=/>",
            true,
        ),
        (PAGE, "<a href=https://github.com/x><a href=/y>", false),
        (PAGE, "<a href=https://GITHUB.com/x>href=<base", true),
        // A saved page may always link: the whole page is searched.
        (
            "file:///saved/page.html",
            "<base href=https://github.com/><a href=x>",
            true,
        ),
        ("file:///saved/page.html", "<a href=x>", false),
    ] {
        let url = Url::parse(page).expect("test URL parses");
        let sighting = sight(html, &url, &[&github]);
        assert!(sighting.may_link, "{html}");
        assert_eq!(sighting.may_have_base, base, "{page} {html}");
    }
}

#[test]
fn the_packed_search_and_the_automaton_mark_the_same_places() {
    let html = b"<A HREF=x><a hReF = 'y'><BASE href=z><p>href</p><bAsE>data-href=q hre f";
    for (hrefs, marked) in [(true, 7), (false, 2)] {
        let Some(packed) = Marks::packed(hrefs) else {
            eprintln!("skipped: this processor has no packed search, so only the automaton runs");
            return;
        };
        let found = |marks: &Marks| marks.find(html).collect::<Vec<_>>();
        let expected = found(&Marks::automaton(hrefs));
        assert_eq!(expected.len(), marked);
        assert_eq!(found(&packed), expected);
    }
}
