//! How the pass reads markup a tree builder would rearrange, and hostile pages.

use super::*;

/// Anchor text, placement and hidden of the links marked `data-l`.
fn links(html: &str) -> Vec<(String, Placement, bool)> {
    marked(html, "data-l", None)
        .0
        .iter()
        .map(|(anchor, area)| (anchor.text(*area).0, anchor.placement, anchor.hidden))
        .collect()
}

#[test]
fn an_unclosed_p_ends_at_the_next_block() {
    // The link after the `div` is not inside the `p` (nor its block).
    let html = format!(
        "<p>{}<div><a data-l href=x>{}</a></div>",
        "x".repeat(100),
        "y".repeat(100)
    );
    let walked = marked(&html, "data-l", None).1;
    assert_eq!(walked.link_block_density, [1.0]);
    assert_eq!(walked.words, 2);
}

#[test]
fn a_stray_end_tag_is_ignored_and_an_end_tag_closes_what_opened_after_it() {
    let html = "<nav></div><a data-l href=x>one</a></nav><a data-l href=y>two</a>\
                <footer><span><b>bold</footer><a data-l href=z>three</a>";
    assert_eq!(
        links(html),
        [
            ("one".to_string(), Placement::Navigation, false),
            ("two".to_string(), Placement::Content, false),
            ("three".to_string(), Placement::Content, false),
        ]
    );
}

#[test]
fn a_new_anchor_closes_an_open_one() {
    let html =
        "<div hidden><a data-l href=x>outer <a data-l href=y>inner</a> after</div><a data-l href=z>z</a>";
    assert_eq!(
        links(html),
        [
            ("outer".to_string(), Placement::Content, true),
            ("inner".to_string(), Placement::Content, true),
            ("z".to_string(), Placement::Content, false),
        ]
    );
}

#[test]
fn in_svg_links_nest_and_text_belongs_to_the_innermost_whether_kept_or_not() {
    // Only the outer link is marked (kept): the unmarked inner one still
    // takes its own text and image, and the outer one reads on after it.
    let html = "<svg><a data-l href=x>before <a href=y>inner<img alt=logo></a> after</a></svg>";
    let (anchors, _) = marked(html, "data-l", None);
    let read: Vec<(String, bool)> = anchors.iter().map(|(a, area)| a.text(*area)).collect();
    assert_eq!(read, [("before after".to_string(), false)]);
    // Both kept: each has its own text; the image is the inner one's.
    let (anchors, _) = marked(html, "href", None);
    let read: Vec<(String, bool)> = anchors.iter().map(|(a, area)| a.text(*area)).collect();
    assert_eq!(
        read,
        [("before after".to_string(), false), ("inner".to_string(), false)]
    );
    assert!(anchors[1].0.image && !anchors[0].0.image);
}

#[test]
fn list_items_and_cells_close_their_open_siblings() {
    let html = "<ul><li><nav>menu<li><a data-l href=x>item</a></ul>\
                <table><tr><td><aside>side<td><a data-l href=y>cell</a></table>";
    // A tree builder would keep `nav` and `aside` open across the new item
    // and cell only as far as the item or cell that holds them.
    assert_eq!(
        links(html),
        [
            ("item".to_string(), Placement::Content, false),
            ("cell".to_string(), Placement::Content, false),
        ]
    );
}

#[test]
fn raw_text_elements_hold_no_tags_and_entities_are_decoded() {
    let html = "<script>document.write('<a data-l href=no>no</a>')</script>\
                <style>a::after{content:'<a data-l href=no>'}</style>\
                <textarea><a data-l href=no>no</a></textarea>\
                <!-- <a data-l href=no>no</a> -->\
                <template><a data-l href='x?a=1&amp;b=2'>in &lt;template&gt;</a></template>\
                <a data-l href='?a=1&amp;b=2&copy=3'>R&amp;D&nbsp;team</a>";
    let (anchors, walked) = marked(html, "data-l", None);
    let got: Vec<(&str, String)> = anchors
        .iter()
        .map(|(a, area)| (a.href.as_str(), a.text(*area).0))
        .collect();
    assert_eq!(
        got,
        [
            ("x?a=1&b=2", "in <template>".to_string()),
            // An attribute keeps `&copy=` as written: a named reference
            // followed by `=` is not one there.
            ("?a=1&b=2&copy=3", "R&D team".to_string()),
        ]
    );
    // Template content and the textarea's markup as text: the textarea's
    // text is visible, the template's is not.
    assert_eq!(walked.text, "<a data-l href=no>no</a> R&D team");
}

#[test]
fn cdata_outside_svg_is_a_comment() {
    let html = "<p><![CDATA[<a data-l href=no>no</a>]]></p><a data-l href=y>yes</a>";
    assert_eq!(links(html), [("yes".to_string(), Placement::Content, false)]);
}

#[test]
fn svg_self_closing_tags_close_and_html_ones_do_not() {
    let html = "<svg><path d=x /><a data-l href=x><text>icon</text></a></svg>\
                <nav/><a data-l href=y>in nav</a>";
    assert_eq!(
        links(html),
        [
            ("icon".to_string(), Placement::Content, false),
            ("in nav".to_string(), Placement::Navigation, false),
        ]
    );
}

#[test]
fn nul_bytes_are_dropped_from_text() {
    let html = "<p>a\0b</p><a data-l href=x>\0l\0ink\0</a>";
    let (anchors, walked) = marked(html, "data-l", None);
    assert_eq!(anchors[0].0.text(false).0, "link");
    assert_eq!(walked.text, "ab link");
}

#[test]
fn a_page_without_body_tag_has_its_body_read() {
    let walked = marked("<title>T</title><p>Sponsored post</p>", "data-l", None).1;
    assert_eq!(walked.disclosure.body_top, "Sponsored post");
}

#[test]
fn the_stack_is_bounded_and_deep_pages_keep_their_links() {
    let html = "<div>".repeat(100_000) + "<nav><a data-l href=x>deep</a></nav>";
    let mut pass = Pass::new(Interest::Marked("data-l", None), Gather::Facts);
    pass.read(&html, &Budget::unlimited()).unwrap();
    assert!((MAX_DEPTH - 2..=MAX_DEPTH).contains(&pass.stack.len()));
    pass.pop_to(0);
    let got: Vec<(String, Placement)> = pass
        .anchors
        .iter()
        .map(|(a, area)| (a.text(*area).0, a.placement))
        .collect();
    assert_eq!(got, [("deep".to_string(), Placement::Navigation)]);
    assert_eq!(pass.walker.map(Walker::finish).unwrap_or_default().words, 1);
}

#[test]
fn hostile_pages_hold_nothing_per_byte() {
    const MIB: usize = 1 << 20;
    // Five MiB of NUL bytes: no text, no element, no error kept.
    let nul = "\0".repeat(5 * MIB);
    let (anchors, walked) = marked(&nul, "href", None);
    assert!(anchors.is_empty());
    assert_eq!((walked.words, walked.text.capacity()), (0, 0));
    // Five MiB of anchors: each kept once, with its text and nothing else.
    let anchor = "<a href=https://github.com/x>x</a>";
    let page = anchor.repeat(5 * MIB / anchor.len());
    let url = Url::parse("https://example.org/").expect("valid URL");
    let target = Target::parse("github.com").expect("valid target");
    let targets = [&target];
    let passed = run(&page, &url, &targets, Gather::Facts, false, &Budget::unlimited()).unwrap();
    assert_eq!(passed.anchors.len(), 5 * MIB / anchor.len());
    assert_eq!(passed.walked.link_block_density.len(), passed.anchors.len());
    assert!(passed.walked.text.len() <= 2 * passed.anchors.len());
}
