//! What the browser may load for a rendered page: the fetched document once,
//! no images, media, fonts or frames, no navigation away, and every other
//! request only where the fetch rules (robots.txt, private addresses) let the
//! audit itself go.

/// What a request the browser is about to make is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// A document in the page's own frame: the page itself, then any place a
    /// script or a refresh sends the visitor.
    MainDocument,
    /// A document in an `<iframe>` or `<frame>`.
    FrameDocument,
    /// Images, media and fonts: they build no link.
    Decoration,
    /// Scripts, style sheets, data the scripts ask for, and the rest.
    Other,
}

/// What is done with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The page itself: answered with the document the audit fetched, so it
    /// is not fetched twice and the browser reads the same bytes.
    ServeFetched,
    Block(Blocked),
    /// Let it go if the fetch rules allow its URL.
    CheckRules,
}

/// Why a request was not let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Blocked {
    Decoration,
    /// Frames are pages of their own: their links are not the page's.
    Frame,
    /// The page tried to send the visitor elsewhere.
    Navigation,
    Robots,
    PrivateAddress,
}

impl Blocked {
    pub fn phrase(self) -> &'static str {
        match self {
            Blocked::Decoration => "image, media or font",
            Blocked::Frame => "frame",
            Blocked::Navigation => "navigation away",
            Blocked::Robots => "disallowed by robots.txt",
            Blocked::PrivateAddress => "to a private address",
        }
    }
}

/// The decision for a request of `kind` (`for_the_page` when it asks for the
/// page's own URL), once the page's document has (or has not yet) been
/// served. A document asked for before the page's own is a leftover of the
/// tab's last page, and is refused like any navigation.
pub fn decide(kind: RequestKind, document_served: bool, for_the_page: bool) -> Decision {
    match kind {
        RequestKind::MainDocument if !document_served && for_the_page => Decision::ServeFetched,
        RequestKind::MainDocument => Decision::Block(Blocked::Navigation),
        RequestKind::FrameDocument => Decision::Block(Blocked::Frame),
        RequestKind::Decoration => Decision::Block(Blocked::Decoration),
        RequestKind::Other => Decision::CheckRules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_served_once_then_navigation_is_blocked() {
        assert_eq!(
            decide(RequestKind::MainDocument, false, true),
            Decision::ServeFetched
        );
        for (served, for_the_page) in [(true, true), (true, false), (false, false)] {
            assert_eq!(
                decide(RequestKind::MainDocument, served, for_the_page),
                Decision::Block(Blocked::Navigation)
            );
        }
    }

    #[test]
    fn frames_and_decoration_never_load_and_the_rest_is_checked() {
        for served in [false, true] {
            for for_the_page in [false, true] {
                assert_eq!(
                    decide(RequestKind::FrameDocument, served, for_the_page),
                    Decision::Block(Blocked::Frame)
                );
                assert_eq!(
                    decide(RequestKind::Decoration, served, for_the_page),
                    Decision::Block(Blocked::Decoration)
                );
                assert_eq!(
                    decide(RequestKind::Other, served, for_the_page),
                    Decision::CheckRules
                );
            }
        }
    }
}
