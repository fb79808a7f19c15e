use super::*;
use crate::extract::pass;
use crate::extract::sponsored::TOP_CHARS;

fn walked(html: &str) -> Walked {
    pass::marked(html, "data-none", None).1
}

/// The walk, asked for the block density of the `a[data-l]` links.
fn densities(html: &str) -> (f64, Vec<f64>) {
    let walked = pass::marked(html, "data-l", None).1;
    (walked.max_block_link_density, walked.link_block_density)
}

/// A paragraph of `n` characters without white space.
fn chars(n: usize) -> String {
    "x".repeat(n)
}

#[test]
fn visible_text_counts_words_and_characters_without_white_space() {
    let page = walked(
        "<title>Not counted</title><style>p{}</style><script>var a = 1;</script>\
         <p>Hello  wide\u{a0}world</p><noscript>no</noscript><template>t</template>",
    );
    assert_eq!(page.words, 3);
    assert_eq!(page.text_chars, "Hellowideworld".len());
    assert_eq!(page.text, "Hello wide world");
}

#[test]
fn block_elements_end_words_and_inline_ones_do_not() {
    let page = walked("<ul><li>one</li><li>two</li></ul><p>foo<b>bar</b><br>baz</p>");
    assert_eq!(page.words, 4);
    assert_eq!(page.text, "one two foobar baz");
}

#[test]
fn link_text_counts_inside_a_href_only() {
    let page = walked("<p>abc <a href=x>defg</a> <a name=n>hi</a> <a href=y><b>jk</b></a></p>");
    assert_eq!(page.text_chars, 11);
    assert_eq!(page.link_text_chars, 6);
}

#[test]
fn block_density_needs_eighty_characters() {
    let long = format!("<p>{} <a data-l href=x>{}</a></p>", chars(60), chars(20));
    assert_eq!(densities(&long), (0.25, vec![0.25]));
    let short = format!("<p>{} <a data-l href=x>{}</a></p>", chars(40), chars(39));
    assert_eq!(densities(&short), (0.0, vec![0.0]));
}

#[test]
fn the_densest_block_wins() {
    let html = format!(
        "<p>{}</p><li><a href=a>{}</a> {}</li><td><a href=b>{}</a></td>",
        chars(100),
        chars(60),
        chars(40),
        chars(10)
    );
    assert_eq!(walked(&html).max_block_link_density, 0.6);
}

#[test]
fn divs_are_text_blocks_only_without_block_children() {
    // A div of links with no block inside is a block: a link list.
    let leaf = format!(
        "<div><a data-l href=a>{}</a> <a href=b>{}</a></div>",
        chars(50),
        chars(50)
    );
    assert_eq!(densities(&leaf), (1.0, vec![1.0]));
    // The same links beside a paragraph: the div is not a block, the p is,
    // and the links' nearest block is the list item around the div.
    let parent = format!(
        "<li><div><p>{}</p><a data-l href=a>{}</a> <a href=b>{}</a></div></li>",
        chars(100),
        chars(50),
        chars(50)
    );
    assert_eq!(densities(&parent), (0.5, vec![0.5]));
}

#[test]
fn a_link_takes_its_nearest_block_and_none_gives_zero() {
    let html = format!(
        "<blockquote>{}<p>{} <a data-l href=a>{}</a></p></blockquote><span><a data-l href=b>x</a></span>",
        chars(100),
        chars(60),
        chars(20)
    );
    let (_, links) = densities(&html);
    assert_eq!(links, [0.25, 0.0]);
}

#[test]
fn frames_are_counted() {
    assert_eq!(
        walked("<iframe src=a></iframe><div><iframe></iframe></div>").frames,
        2
    );
    assert_eq!(
        walked("<frameset><frame src=a><frame src=b></frameset>").frames,
        2
    );
    assert_eq!(walked("<p>frame iframe</p><object data=x></object>").frames, 0);
}

#[test]
fn tracking_ids_come_from_scripts_and_tag_attributes() {
    let page = walked(
        "<script async src='https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9'></script>\
         <script>gtag('config', 'UA-1234567-1');</script>\
         <ins class=adsbygoogle data-ad-client='ca-pub-1234567890123456'></ins>\
         <noscript><iframe src='https://www.googletagmanager.com/ns.html?id=GTM-AB12CD3'></iframe></noscript>\
         <meta name=google-adsense-account content=ca-pub-9999999999999999>",
    );
    let ids: Vec<&str> = page.tracking_ids.iter().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "CA-PUB-1234567890123456",
            "CA-PUB-9999999999999999",
            "G-ABC123XYZ9",
            "GTM-AB12CD3",
            "UA-1234567-1"
        ]
    );
}

#[test]
fn ids_in_visible_text_and_other_attributes_are_not_tracking() {
    let page = walked(
        "<p>Our property is UA-1234567-1</p><pre>gtag('config', 'G-ABC123XYZ9')</pre>\
         <a href='https://example.org/?id=GTM-AB12CD3'>x</a><img src='x?ca-pub-1234567890123456'>",
    );
    assert!(page.tracking_ids.is_empty(), "{:?}", page.tracking_ids);
}

#[test]
fn disclosure_reads_the_article_top_and_marked_areas() {
    let page = walked(
        "<nav>Werbung</nav><article><header><span class=label>Anzeige</span></header>\
         <p>Text</p></article><div class='affiliate-disclosure'>Contains <a href=x>affiliate links</a>.</div>",
    );
    assert!(page.disclosure.label);
    assert!(page.disclosure.article_top.starts_with("Anzeige"));
    assert_eq!(page.disclosure.marked, "Contains affiliate links.");
}

#[test]
fn navigation_asides_footers_and_ad_slots_are_not_read() {
    let page = walked(
        "<body><nav>Sponsored post</nav><main><div class='ad-slot'><span>Anzeige</span></div>\
         <aside>Werbung</aside><div role=contentinfo>Sponsored</div><p>Hello</p></main>\
         <footer class=sponsored>Sponsored</footer></body>",
    );
    assert!(!page.disclosure.label);
    assert_eq!(page.disclosure.article_top, "Hello");
    assert_eq!(page.disclosure.body_top, "Hello");
    assert_eq!(page.disclosure.marked, "");
}

#[test]
fn labels_count_only_near_the_top() {
    let late = walked(&format!(
        "<article><p>{}</p><p>Sponsored</p></article>",
        chars(400)
    ));
    assert!(!late.disclosure.label);
    assert_eq!(late.disclosure.article_top.len(), TOP_CHARS);
    // Outside article and main, a label is not read: the body takes phrases only.
    let body = walked("<body><div>Sponsored</div><p>text</p></body>");
    assert!(!body.disclosure.label);
    assert_eq!(body.disclosure.body_top, "Sponsored text");
}

#[test]
fn first_article_wins_over_main() {
    let page = walked("<main><p>Intro</p><article><p>First</p></article><article>Second</article></main>");
    assert_eq!(page.disclosure.article_top, "First");
    let page = walked("<div role=main><p>Only main</p></div>");
    assert_eq!(page.disclosure.article_top, "Only main");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = "<div>".repeat(20_000) + "text";
    let page = walked(&html);
    assert_eq!(page.words, 1);
}

#[test]
fn ids_mark_ad_slots_but_not_disclosure_boxes() {
    let page = walked("<article><div id=sponsored-content><h2>Sponsored content</h2></div><div id=ad-top>Anzeige</div><p>x</p></article>");
    assert_eq!(page.disclosure.marked, "");
    assert_eq!(page.disclosure.article_top, "Sponsored content x");
}
