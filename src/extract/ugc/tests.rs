use super::*;
use crate::extract::tag::with_first_tag;

/// Whether the element with a `data-x` attribute marks user content, by the
/// rule and by the memo the pass uses.
fn marks(html: &str) -> bool {
    with_first_tag(html, "data-x", |element| {
        let marks = marks_ugc(element);
        assert_eq!(UgcMemo::default().marks(element), marks, "{html}");
        marks
    })
}

#[test]
fn comment_and_forum_classes_mark() {
    for token in [
        "comment",
        "comments",
        "comment-body",
        "comment-content",
        "commentlist",
        "comment-list",
        "comment-author",
        "comment-123",
        "bbp-reply-content",
        "post-reply",
        "reply",
        "forum-post",
        "forums",
        "signature",
        "message-signature",
        "ipsSignature",
        "signaturecontainer",
        "fb-comments",
        "wp-block-comments",
        "wp-block-comment-content",
        "commentBody",
        "disqus_thread",
        "author-box",
        "author-bio",
        "about-author",
        "about-the-author",
        "authorbox",
        "saboxplugin-wrap",
        "bbWrapper",
        "postbit",
    ] {
        assert!(token_marks_ugc(token), "{token} should mark");
    }
}

#[test]
fn near_miss_classes_do_not_mark() {
    for token in [
        "recommended",
        "commentary",
        "commentator",
        "no-comments-yet-notice",
        "comments-open",
        "comments-closed",
        "comment-count",
        "comments-link",
        "comment-reply-link",
        "comment-form",
        "add-comment",
        "leave-comment",
        "category-comments",
        "tag-forum",
        "signature-dish",
        "email-signature",
        "sig",
        "sig-object",
        "sig-name",
        "postbody",
        "post-body",
        "forum-nav",
        "author",
        "post-author",
        "byline",
        "replyable",
        "",
    ] {
        assert!(!token_marks_ugc(token), "{token} should not mark");
    }
}

#[test]
fn id_class_and_microdata_mark_containers() {
    assert!(marks(
        "<section id=comments class=comments-area data-x></section>"
    ));
    assert!(marks("<div data-x class='entry comment-body'></div>"));
    assert!(marks("<div id=disqus_thread data-x></div>"));
    assert!(marks(
        "<div data-x itemscope itemtype='http://schema.org/Comment'></div>"
    ));
    assert!(marks(
        "<div data-x itemtype='https://schema.org/UserComments/'></div>"
    ));
    assert!(marks("<li data-x itemprop='comment'></li>"));
    assert!(marks("<article data-x role='comment'></article>"));
    assert!(marks("<body id=phpbb data-x></body>"));
}

#[test]
fn near_miss_elements_do_not_mark() {
    assert!(!marks("<div data-x class='recommended'></div>"));
    assert!(!marks("<dt data-x class='sig sig-object py'></dt>"));
    assert!(!marks(
        "<div data-x itemtype='https://schema.org/Question'></div>"
    ));
    assert!(!marks("<div data-x itemprop='commentCount'></div>"));
    assert!(!marks("<div data-x itemtype='https://schema.org/Article'></div>"));
    assert!(!marks("<section data-x class='discussion'></section>"));
    // Ids are headings' and API names' slugs in generated documentation.
    assert!(!marks("<section data-x id='comments'></section>"));
    assert!(!marks(
        "<section data-x id='location-of-translator-comments'></section>"
    ));
    assert!(!marks("<dt data-x id='xml.dom.Comment.data'></dt>"));
    assert!(!marks("<dt data-x id='inspect.signature'></dt>"));
    // Code comments are spans.
    assert!(!marks("<pre><span data-x class='token comment'></span></pre>"));
    assert!(!marks("<code><span data-x class='hljs-comment'></span></code>"));
}
