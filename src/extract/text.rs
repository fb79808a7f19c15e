//! Text with white space collapsed, as anchor text and the title keep it.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pass;

    /// Anchor text and image-ness of the first a[href]/area[href], by the
    /// rule of `pass::Anchor::text`.
    fn first_link(html: &str) -> (String, bool) {
        let (anchors, _) = pass::marked(html, "href", None);
        let (anchor, area) = anchors.first().expect("a link in the test page");
        anchor.text(*area)
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
