//! Visible text of an element with white space collapsed, and what an anchor
//! says when it has no text (an image's or an area's `alt`).

use scraper::{ElementRef, Node};

/// Appends `text` to `out`, collapsing every run of white space (Unicode, so a
/// `&nbsp;` counts) into one space and never starting `out` with a space.
/// `out` ends with at most one pending space; [`finish`] trims it.
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
}

/// Drops the trailing space [`push_collapsed`] may leave.
pub(crate) fn finish(mut out: String) -> String {
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `text` with white space runs collapsed to one space and trimmed.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    finish(out)
}

/// The text of `element`'s descendants, collapsed. Script and style contents are
/// not text a reader sees.
pub(crate) fn element_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in element.descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let in_raw_text = node
            .parent()
            .and_then(|p| p.value().as_element().map(|e| e.name()))
            .is_some_and(|name| matches!(name, "script" | "style" | "noscript" | "template"));
        if !in_raw_text {
            push_collapsed(&mut out, text);
        }
    }
    finish(out)
}

/// Anchor text and whether the link is an image link, as docs/reference.md
/// (Extraction) defines them: an
/// `area` is an image link with its `alt`; an `a` without text that holds an
/// `img` is an image link with the first non-empty `alt` of its images.
pub(crate) fn anchor_text(element: ElementRef<'_>) -> (String, bool) {
    let value = element.value();
    if value.name() == "area" {
        return (collapse(value.attr("alt").unwrap_or("")), true);
    }
    let text = element_text(element);
    if !text.is_empty() {
        return (text, false);
    }
    let mut image = false;
    for img in element
        .descendants()
        .filter_map(|node| node.value().as_element())
        .filter(|e| e.name() == "img")
    {
        image = true;
        let alt = collapse(img.attr("alt").unwrap_or(""));
        if !alt.is_empty() {
            return (alt, true);
        }
    }
    (text, image)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn first_link(html: &str) -> (String, bool) {
        let doc = Html::parse_document(html);
        let selector = Selector::parse("a, area").expect("valid selector");
        let link = doc.select(&selector).next().expect("a link in the test page");
        anchor_text(link)
    }

    #[test]
    fn collapse_trims_and_joins_runs() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(collapse("a\u{a0}\u{a0}b"), "a b");
        assert_eq!(collapse(" \n "), "");
        assert_eq!(collapse("ab"), "ab");
    }

    #[test]
    fn nested_inline_elements_join_their_text() {
        let html = "<a href=x> Read <b>the <i>full</i></b>\n\n<span>story</span> </a>";
        assert_eq!(first_link(html), ("Read the full story".to_string(), false));
        let html = "<a href=x>foo<b>bar</b></a>";
        assert_eq!(first_link(html).0, "foobar");
    }

    #[test]
    fn scripts_inside_anchors_are_not_text() {
        let html = "<a href=x>Docs<script>var a = 1;</script><style>a{}</style></a>";
        assert_eq!(first_link(html).0, "Docs");
    }

    #[test]
    fn image_without_text_takes_the_alt() {
        let html = "<a href=x> <img src=logo.png alt=' GitHub  logo '> </a>";
        assert_eq!(first_link(html), ("GitHub logo".to_string(), true));
        let html = "<a href=x><img src=spacer.gif alt=''><img src=l.png alt='Logo'></a>";
        assert_eq!(first_link(html), ("Logo".to_string(), true));
    }

    #[test]
    fn image_without_alt_is_an_empty_image_link() {
        assert_eq!(first_link("<a href=x><img src=l.png></a>"), (String::new(), true));
    }

    #[test]
    fn text_beside_an_image_wins_over_its_alt() {
        let html = "<a href=x><img src=l.png alt='Logo'> GitHub</a>";
        assert_eq!(first_link(html), ("GitHub".to_string(), false));
    }

    #[test]
    fn empty_anchor_is_not_an_image() {
        assert_eq!(first_link("<a href=x> </a>"), (String::new(), false));
    }

    #[test]
    fn area_takes_its_alt_and_is_an_image() {
        let html = "<map><area href=x alt=' Our  repo ' shape=rect></map>";
        assert_eq!(first_link(html), ("Our repo".to_string(), true));
        let html = "<map><area href=x></map>";
        assert_eq!(first_link(html), (String::new(), true));
    }
}
