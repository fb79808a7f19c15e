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
use super::elements::Traits;
use super::tag::{Attr, StartTag};

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

/// Whether `element` marks a comment, forum post, signature or author box.
#[cfg(test)]
pub(crate) fn marks_ugc(element: StartTag<'_>) -> bool {
    marks_ugc_by(element, |class| {
        class.split_ascii_whitespace().any(token_marks_ugc)
    })
}

/// [`marks_ugc`], with `class_marks` judging the class value.
fn marks_ugc_by(element: StartTag<'_>, class_marks: impl FnOnce(&str) -> bool) -> bool {
    // Phrasing elements (`span`, `code`, ...) hold text, not posts: their
    // classes style it.
    if element.is_bare() || element.element().has(Traits::PHRASING) {
        return false;
    }
    let (class, id) = (element.attr(Attr::Class), element.attr(Attr::Id));
    let has_token = |attr, is: fn(&str) -> bool| {
        element
            .attr(attr)
            .is_some_and(|value| value.split_ascii_whitespace().any(is))
    };
    let marked = has_token(Attr::Itemtype, is_ugc_schema_type)
        || has_token(Attr::Itemprop, |p| {
            p.eq_ignore_ascii_case("comment") || p.eq_ignore_ascii_case("comments")
        })
        || has_token(Attr::Role, |r| r.eq_ignore_ascii_case("comment"));
    marked || id.is_some_and(|id| is_one_of(id.trim(), &PLATFORM_IDS)) || class.is_some_and(class_marks)
}

/// [`marks_ugc`] for every element of a page: the pass asks it of each open
/// element, and pages repeat a few class values thousands of times, so the
/// last few values' verdicts are kept.
#[derive(Default)]
pub(crate) struct UgcMemo {
    entries: [(String, bool); 8],
    next: usize,
}

impl UgcMemo {
    pub(crate) fn marks(&mut self, element: StartTag<'_>) -> bool {
        marks_ugc_by(element, |class| {
            if let Some((_, marks)) = self.entries.iter().find(|(seen, _)| seen == class) {
                return *marks;
            }
            let marks = class.split_ascii_whitespace().any(token_marks_ugc);
            let entry = &mut self.entries[self.next];
            entry.0.clear();
            entry.0.push_str(class);
            entry.1 = marks;
            self.next = (self.next + 1) % self.entries.len();
            marks
        })
    }
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
mod tests;
