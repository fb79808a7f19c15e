//! Whether a link sits in content the site's visitors wrote: a comment, a forum
//! post or reply, a signature, or an author box (where guest posters put their
//! links).
//!
//! What marks such an area, on an ancestor of the link (its own class says
//! nothing about where it sits) that is a container (inline elements such as
//! `span` and `code` never do: Prism and highlight.js mark code comments with
//! `token comment` and `hljs-comment` spans):
//! - a `class` token, cut into word pieces (`comment-body` →
//!   `comment`, `body`), that has a *head* piece — `comment(s)`, `reply`,
//!   `replies`, `forum(s)`, `signature(s)` — followed only by container pieces
//!   (`body`, `content`, `list`, `author`, `thread`, `wrapper`, digits, ...), and
//!   not preceded by a piece that says the token is about comments rather than
//!   holding one (`no`, `count`, `category`, `tag`, `add`, `leave`, ...).
//!   A head may carry its container glued on (`commentlist`,
//!   `signaturecontainer`). So `comment-body`, `commentlist`, `bbp-reply-content`,
//!   `post-reply`, `forum-post`, `message-signature`, `ipsSignature` and
//!   `fb-comments` match; `commentary`, `recommended`, `comments-open`,
//!   `comment-count`, `no-comments-yet-notice`, `category-comments` and
//!   `signature-dish` do not;
//! - an author box: pieces `author` with `box`, `bio`, `biography`, `info` or
//!   `description`, or `about` with `author` (`about-the-author`), or the glued
//!   `authorbox`, `authorbio`, `aboutauthor`, or Simple Author Box's `saboxplugin-wrap`;
//! - forum software: a `disqus` class piece, the ids `disqus_thread` and
//!   phpBB's `<body id="phpbb">`, XenForo's `bbWrapper`, vBulletin's `postbit`.
//!   Other ids are not read: documentation generators make ids of headings
//!   and API names (`<section id="comments">`, `<dt id="xml.dom.Comment.data">`);
//!   comment templates also set a class (`<div id="comments" class="comments-area">`);
//! - `itemtype` schema.org `Comment`, `UserComments` or `DiscussionForumPosting`,
//!   `itemprop` `comment`/`comments`, ARIA `role="comment"`.
//!
//! Sphinx's `sig` classes (function signatures) and a bare `postbody` (Blogger's
//! article body as well as phpBB's post) are deliberately not markers.

use super::classes::{any_piece, is_one_of, pieces};
use scraper::node::Element;

const HEADS: [&str; 8] = [
    "comment",
    "comments",
    "reply",
    "replies",
    "forum",
    "forums",
    "signature",
    "signatures",
];

/// Pieces that may follow a head: parts of the comment, or of the box holding it.
const CONTAINERS: [&str; 38] = [
    "area",
    "author",
    "block",
    "body",
    "box",
    "container",
    "content",
    "contents",
    "data",
    "details",
    "entries",
    "entry",
    "holder",
    "inner",
    "item",
    "items",
    "list",
    "main",
    "message",
    "meta",
    "outer",
    "post",
    "posts",
    "section",
    "text",
    "thread",
    "threads",
    "view",
    "wrap",
    "wrapper",
    "widget",
    "root",
    "panel",
    "row",
    "cell",
    "card",
    "node",
    "bubble",
];

/// Pieces before a head that make the token about comments, not a comment.
const NEGATING_PREFIXES: [&str; 24] = [
    "no", "has", "without", "hide", "show", "toggle", "count", "category", "cat", "tag", "tags", "email",
    "mail", "add", "leave", "write", "open", "closed", "disable", "disabled", "enable", "enabled", "allow",
    "load",
];

const AUTHOR_BOX_PIECES: [&str; 5] = ["box", "bio", "biography", "info", "description"];
const GLUED_TOKENS: [&str; 7] = [
    "authorbox",
    "authorbio",
    "aboutauthor",
    "saboxplugin-wrap",
    "bbwrapper",
    "postbit",
    "postbitlegacy",
];
/// Ids that only forum and comment software give. Other ids are not read:
/// documentation generators make ids of headings and API names
/// (`<section id="comments">`, `<dt id="xml.dom.Comment.data">`).
const PLATFORM_IDS: [&str; 2] = ["disqus_thread", "phpbb"];
const SCHEMA_TYPES: [&str; 3] = ["Comment", "UserComments", "DiscussionForumPosting"];

/// Elements that hold phrasing, not posts: their classes style text.
const INLINE: [&str; 22] = [
    "span", "code", "pre", "a", "b", "i", "em", "strong", "small", "cite", "kbd", "samp", "var", "mark",
    "font", "label", "abbr", "time", "sup", "sub", "u", "s",
];

/// Whether `element` marks a comment, forum post, signature or author box.
pub(crate) fn marks_ugc(element: &Element) -> bool {
    if INLINE.contains(&element.name()) {
        return false;
    }
    let (mut class, mut id) = (None, None);
    let mut marked = false;
    for (name, value) in element.attrs() {
        match name {
            "class" => class = Some(value),
            "id" => id = Some(value),
            "itemtype" => marked |= value.split_ascii_whitespace().any(is_ugc_schema_type),
            "itemprop" => {
                marked |= value
                    .split_ascii_whitespace()
                    .any(|p| p.eq_ignore_ascii_case("comment") || p.eq_ignore_ascii_case("comments"))
            }
            "role" => {
                marked |= value
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("comment"))
            }
            _ => {}
        }
    }
    marked
        || id.is_some_and(|id| is_one_of(id.trim(), &PLATFORM_IDS))
        || class.is_some_and(|class| class.split_ascii_whitespace().any(token_marks_ugc))
}

fn is_ugc_schema_type(url: &str) -> bool {
    let name = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    SCHEMA_TYPES.iter().any(|t| name.eq_ignore_ascii_case(t))
}

/// The class/id rules of the module documentation, for one token.
pub(crate) fn token_marks_ugc(token: &str) -> bool {
    if is_one_of(token, &GLUED_TOKENS) || any_piece(token, |p| p.eq_ignore_ascii_case("disqus")) {
        return true;
    }
    let pieces = pieces(token);
    is_author_box(&pieces) || has_ugc_head(&pieces)
}

fn is_author_box(pieces: &[&str]) -> bool {
    let has = |word: &str| pieces.iter().any(|p| p.eq_ignore_ascii_case(word));
    has("author") && (pieces.iter().any(|p| is_one_of(p, &AUTHOR_BOX_PIECES)) || has("about"))
}

fn has_ugc_head(pieces: &[&str]) -> bool {
    pieces.iter().enumerate().any(|(at, piece)| {
        is_head(piece)
            && pieces[at + 1..].iter().all(|p| is_container(p))
            && !pieces[..at].iter().any(|p| is_one_of(p, &NEGATING_PREFIXES))
    })
}

/// A head, alone or with a container glued on (`commentlist`).
fn is_head(piece: &str) -> bool {
    HEADS.iter().any(|head| {
        piece.len() >= head.len()
            && piece.is_char_boundary(head.len())
            && piece[..head.len()].eq_ignore_ascii_case(head)
            && (piece.len() == head.len() || is_one_of(&piece[head.len()..], &CONTAINERS))
    })
}

fn is_container(piece: &str) -> bool {
    piece.bytes().all(|b| b.is_ascii_digit()) || is_one_of(piece, &CONTAINERS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn marks(html: &str) -> bool {
        let doc = Html::parse_document(html);
        let selector = Selector::parse("[data-x]").expect("valid selector");
        let element = doc
            .select(&selector)
            .next()
            .expect("the test page has the element");
        marks_ugc(element.value())
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
}
