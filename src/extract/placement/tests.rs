use super::*;
use crate::extract::pass::{self, Anchor};

/// `check` on what the pass says of the link `a#l`.
fn with_link<T>(html: &str, check: impl FnOnce(&Anchor) -> T) -> T {
    let (anchors, _) = pass::marked(html, "id", Some("l"));
    let (link, _) = anchors.first().expect("the test page has a#l");
    check(link)
}

fn placed(html: &str) -> Placement {
    with_link(html, |link| link.placement)
}

fn hidden(html: &str) -> bool {
    with_link(html, |link| link.hidden)
}

fn in_ugc(html: &str) -> bool {
    with_link(html, |link| link.in_ugc_area)
}

#[test]
fn links_under_comment_areas_are_ugc() {
    assert!(in_ugc(
        "<ol class=commentlist><li class='comment even'><div class=comment-body><p><a id=l href=x>x</a></div></ol>"
    ));
    assert!(in_ugc(
        "<div id=disqus_thread><div><a id=l href=x>x</a></div></div>"
    ));
    assert!(in_ugc(
        "<div class='author-box'><p>Jane writes at <a id=l href=x>x</a></div>"
    ));
    assert!(in_ugc(
        "<div itemscope itemtype='https://schema.org/Comment'><a id=l href=x>x</a></div>"
    ));
}

#[test]
fn links_outside_comment_areas_are_not_ugc() {
    assert!(!in_ugc("<div class=recommended><a id=l href=x>x</a></div>"));
    assert!(!in_ugc(
        "<body class='single comments-open'><p><a id=l href=x>x</a>"
    ));
    // A comment area that is a sibling, or the link's own class, does not count.
    assert!(!in_ugc("<div class=comments></div><p><a id=l href=x>x</a></p>"));
    assert!(!in_ugc("<p><a id=l class=comment href=x>x</a></p>"));
}

#[test]
fn landmark_elements_place_links() {
    assert_eq!(placed("<nav><a id=l href=x>x</a></nav>"), Placement::Navigation);
    assert_eq!(
        placed("<header><p><a id=l href=x>x</a></header>"),
        Placement::Header
    );
    assert_eq!(placed("<footer><a id=l href=x>x</a></footer>"), Placement::Footer);
    assert_eq!(placed("<aside><a id=l href=x>x</a></aside>"), Placement::Sidebar);
}

#[test]
fn aria_roles_place_links() {
    assert_eq!(
        placed("<div role=navigation><a id=l href=x>x</a></div>"),
        Placement::Navigation
    );
    assert_eq!(
        placed("<div role=BANNER><a id=l href=x>x</a></div>"),
        Placement::Header
    );
    assert_eq!(
        placed("<div role=contentinfo><a id=l href=x>x</a></div>"),
        Placement::Footer
    );
    assert_eq!(
        placed("<ul role='list complementary'><li><a id=l href=x>x</a></ul>"),
        Placement::Sidebar
    );
}

#[test]
fn nearest_landmark_wins() {
    assert_eq!(
        placed("<footer><nav><a id=l href=x>x</a></nav></footer>"),
        Placement::Navigation
    );
    assert_eq!(
        placed("<nav><footer><a id=l href=x>x</a></footer></nav>"),
        Placement::Footer
    );
    assert_eq!(
        placed("<aside><div role=banner><a id=l href=x>x</a></div></aside>"),
        Placement::Header
    );
    // A role on the element itself overrides its name.
    assert_eq!(
        placed("<nav role=contentinfo><a id=l href=x>x</a></nav>"),
        Placement::Footer
    );
}

#[test]
fn other_containers_are_content() {
    assert_eq!(
        placed("<main><article><a id=l href=x>x</a></article></main>"),
        Placement::Content
    );
    assert_eq!(
        placed("<div role=main class=nav><a id=l href=x>x</a></div>"),
        Placement::Content
    );
    assert_eq!(
        placed("<div role=navigationbar><a id=l href=x>x</a></div>"),
        Placement::Content
    );
    // The link's own role is not where it sits.
    assert_eq!(
        placed("<p><a id=l role=navigation href=x>x</a></p>"),
        Placement::Content
    );
    // Landmarks that are siblings, not ancestors, do not count.
    assert_eq!(
        placed("<nav></nav><a id=l href=x>x</a><footer></footer>"),
        Placement::Content
    );
}

#[test]
fn hidden_attribute_on_link_or_ancestor() {
    assert!(hidden("<a id=l href=x hidden>x</a>"));
    assert!(hidden("<div hidden><p><a id=l href=x>x</a></div>"));
    assert!(!hidden("<div><a id=l href=x>x</a></div><div hidden></div>"));
    assert!(!hidden("<div aria-hidden=true><a id=l href=x>x</a></div>"));
}

#[test]
fn hiding_styles_on_link_or_ancestor() {
    assert!(hidden("<a id=l href=x style='display:none'>x</a>"));
    assert!(hidden(
        "<div style='color:red; DISPLAY : None !important'><a id=l href=x>x</a></div>"
    ));
    assert!(hidden(
        "<span style='visibility: hidden'><a id=l href=x>x</a></span>"
    ));
}

#[test]
fn style_variants_hide() {
    for style in [
        "display:none",
        "display: none;",
        "Display:NONE",
        "display:none!important",
        "display: none ! important",
        "visibility:hidden",
        "visibility : HIDDEN",
        "font-size:0",
        "font-size:0px",
        "font-size: 0em",
        "font-size:0pt",
        "font-size:0rem",
        "font-size:0%",
        "font-size:0.0px",
        "font-size: 0 !important",
        "opacity:0",
        "opacity:0.0",
        "opacity: .0",
        "OPACITY:0 !IMPORTANT",
        "color: red; opacity: 0",
    ] {
        assert!(style_hides(style), "{style:?} should hide");
    }
}

#[test]
fn near_miss_styles_do_not_hide() {
    for style in [
        "display: block",
        "display:inline-none",
        "visibility:visible",
        "font-size:0.5em",
        "font-size:10px",
        "font-size:0x",
        "opacity:0.5",
        "opacity:1",
        "opacity:0px",
        "max-opacity:0",
        "content:'display:none'x",
        "display",
        "",
    ] {
        assert!(!style_hides(style), "{style:?} should not hide");
    }
}
