//! What an element's name tells the rules, looked up once per tag: the
//! [`Element`] it names and its [`Traits`]. The tree the pass follows (which
//! elements have no end tag, which ones end an open `<p>`, which belong in
//! `<head>`), the facts walk (text blocks, inline elements, tags that carry
//! tracking IDs) and the comment-area rule all read these bits, not the name:
//! a page has thousands of elements, and matching each name against a dozen
//! lists cost more than reading them. docs/reference.md (Extraction) says
//! where the pass and a full tree builder part ways.

use std::ops::BitOr;

/// What an element's name says about it, as a set of bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traits(u32);

impl Traits {
    // The tree.
    /// No content and no end tag.
    pub(crate) const VOID: Traits = Traits(1 << 0);
    /// Its start tag closes an open `<p>` first.
    pub(crate) const CLOSES_P: Traits = Traits(1 << 1);
    /// May stand in `<head>`: any other element starts the body.
    pub(crate) const IN_HEAD: Traits = Traits(1 << 2);
    /// An open `<li>`, `<dd>` or `<dt>` is not looked for past it: a new list
    /// item inside a nested list or table does not close the outer one.
    pub(crate) const BOUNDS_ITEMS: Traits = Traits(1 << 3);
    /// An open `<p>` is not looked for past it.
    pub(crate) const BOUNDS_P: Traits = Traits(1 << 4);
    /// `h1` to `h6`: a heading start tag closes a heading left open.
    pub(crate) const HEADING: Traits = Traits(1 << 5);
    /// Its direct text is not the page's text (anchor text, the title).
    pub(crate) const RAW_TEXT: Traits = Traits(1 << 6);

    // The facts walk (docs/reference.md, Extraction).
    /// Inline: its edges do not separate words.
    pub(crate) const INLINE: Traits = Traits(1 << 7);
    /// Its text is not visible text.
    pub(crate) const NOT_TEXT: Traits = Traits(1 << 8);
    /// Its text is script, read for tracking IDs.
    pub(crate) const SCRIPT_TEXT: Traits = Traits(1 << 9);
    /// A text block.
    pub(crate) const TEXT_BLOCK: Traits = Traits(1 << 10);
    /// A text block when it has no block-level descendants.
    pub(crate) const LEAF_TEXT_BLOCK: Traits = Traits(1 << 11);
    pub(crate) const BLOCK_LEVEL: Traits = Traits(1 << 12);
    pub(crate) const FRAME: Traits = Traits(1 << 13);
    /// Its `src`, `href` and `data-*` may carry a tracking ID.
    pub(crate) const TAGGING: Traits = Traits(1 << 14);
    /// Site chrome (`nav`, `aside`, `footer`): its text is not read as the
    /// page's own by the paid-content rule.
    pub(crate) const CHROME: Traits = Traits(1 << 15);
    /// A container whose class or id may mark a disclosure box or an ad slot.
    pub(crate) const MARKABLE: Traits = Traits(1 << 16);

    // Comment areas.
    /// Holds phrasing, not posts: its classes style text.
    pub(crate) const PHRASING: Traits = Traits(1 << 17);

    const NONE: Traits = Traits(0);

    /// Whether it has any of `traits`.
    pub(crate) fn has(self, traits: Traits) -> bool {
        self.0 & traits.0 != 0
    }
}

impl BitOr for Traits {
    type Output = Traits;

    fn bitor(self, other: Traits) -> Traits {
        Traits(self.0 | other.0)
    }
}

/// Declares [`Element`], with each one's name and traits.
macro_rules! elements {
    ($($element:ident $name:literal [$($trait:ident)*],)*) => {
        /// The elements some rule tells apart by name, and `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Element {
            $($element,)*
            /// Any other name: its elements are told apart by the name itself.
            Other,
        }

        /// Every element but `Other`, in declaration order.
        const ELEMENTS: &[Element] = &[$(Element::$element,)*];
        const NAMES: &[&str] = &[$($name,)*];
        /// Indexed by `Element as usize`; `Other`'s last.
        const TRAITS: &[Traits] = &[$(Traits(0 $(| Traits::$trait.0)*),)* Traits::NONE];
    };
}

elements! {
    A "a" [INLINE PHRASING],
    Abbr "abbr" [INLINE PHRASING],
    Address "address" [CLOSES_P BLOCK_LEVEL],
    Area "area" [VOID],
    Article "article" [CLOSES_P LEAF_TEXT_BLOCK BLOCK_LEVEL MARKABLE],
    Aside "aside" [CLOSES_P CHROME BLOCK_LEVEL],
    B "b" [INLINE PHRASING],
    Base "base" [VOID IN_HEAD],
    Basefont "basefont" [VOID IN_HEAD],
    Bdi "bdi" [INLINE],
    Bdo "bdo" [INLINE],
    Bgsound "bgsound" [VOID IN_HEAD],
    Big "big" [INLINE],
    Blockquote "blockquote" [CLOSES_P TEXT_BLOCK BLOCK_LEVEL MARKABLE],
    Body "body" [],
    Br "br" [VOID],
    Button "button" [BOUNDS_P BOUNDS_ITEMS],
    Caption "caption" [BOUNDS_P BOUNDS_ITEMS BLOCK_LEVEL],
    Center "center" [CLOSES_P],
    Cite "cite" [INLINE PHRASING],
    Code "code" [INLINE PHRASING],
    Col "col" [VOID],
    Data "data" [INLINE],
    Dd "dd" [CLOSES_P TEXT_BLOCK BLOCK_LEVEL],
    Del "del" [INLINE],
    Details "details" [CLOSES_P BLOCK_LEVEL],
    Dfn "dfn" [INLINE],
    Dialog "dialog" [CLOSES_P BLOCK_LEVEL],
    Dir "dir" [CLOSES_P],
    Div "div" [CLOSES_P LEAF_TEXT_BLOCK BLOCK_LEVEL MARKABLE],
    Dl "dl" [CLOSES_P BOUNDS_ITEMS BLOCK_LEVEL],
    Dt "dt" [CLOSES_P BLOCK_LEVEL],
    Em "em" [INLINE PHRASING],
    Embed "embed" [VOID],
    Fieldset "fieldset" [CLOSES_P BLOCK_LEVEL],
    Figcaption "figcaption" [CLOSES_P BLOCK_LEVEL],
    Figure "figure" [CLOSES_P BLOCK_LEVEL MARKABLE],
    Font "font" [INLINE PHRASING],
    Footer "footer" [CLOSES_P CHROME BLOCK_LEVEL],
    Form "form" [CLOSES_P BLOCK_LEVEL],
    Frame "frame" [VOID FRAME],
    H1 "h1" [CLOSES_P HEADING BLOCK_LEVEL],
    H2 "h2" [CLOSES_P HEADING BLOCK_LEVEL],
    H3 "h3" [CLOSES_P HEADING BLOCK_LEVEL],
    H4 "h4" [CLOSES_P HEADING BLOCK_LEVEL],
    H5 "h5" [CLOSES_P HEADING BLOCK_LEVEL],
    H6 "h6" [CLOSES_P HEADING BLOCK_LEVEL],
    Head "head" [],
    Header "header" [CLOSES_P BLOCK_LEVEL MARKABLE],
    Hgroup "hgroup" [CLOSES_P BLOCK_LEVEL],
    Hr "hr" [VOID CLOSES_P BLOCK_LEVEL],
    Html "html" [],
    I "i" [INLINE PHRASING],
    Iframe "iframe" [FRAME TAGGING],
    Img "img" [VOID],
    Input "input" [VOID],
    Ins "ins" [INLINE TAGGING],
    Kbd "kbd" [INLINE PHRASING],
    Keygen "keygen" [VOID],
    Label "label" [INLINE PHRASING],
    Li "li" [CLOSES_P TEXT_BLOCK BLOCK_LEVEL],
    Link "link" [VOID IN_HEAD TAGGING],
    Listing "listing" [CLOSES_P],
    Main "main" [CLOSES_P BLOCK_LEVEL MARKABLE],
    Mark "mark" [INLINE PHRASING],
    Math "math" [],
    Menu "menu" [CLOSES_P BLOCK_LEVEL],
    Meta "meta" [VOID IN_HEAD],
    Nav "nav" [CLOSES_P CHROME BLOCK_LEVEL],
    Nobr "nobr" [INLINE],
    Noscript "noscript" [IN_HEAD RAW_TEXT NOT_TEXT SCRIPT_TEXT],
    Object "object" [BOUNDS_ITEMS],
    Ol "ol" [CLOSES_P BOUNDS_ITEMS BLOCK_LEVEL],
    Option "option" [],
    P "p" [CLOSES_P TEXT_BLOCK BLOCK_LEVEL MARKABLE],
    Param "param" [VOID],
    Plaintext "plaintext" [CLOSES_P],
    Pre "pre" [CLOSES_P BLOCK_LEVEL PHRASING],
    Q "q" [INLINE],
    S "s" [INLINE PHRASING],
    Samp "samp" [INLINE PHRASING],
    Script "script" [IN_HEAD RAW_TEXT NOT_TEXT SCRIPT_TEXT TAGGING],
    Search "search" [CLOSES_P],
    Section "section" [CLOSES_P LEAF_TEXT_BLOCK BLOCK_LEVEL MARKABLE],
    Small "small" [INLINE PHRASING],
    Source "source" [VOID],
    Span "span" [INLINE PHRASING],
    Strike "strike" [INLINE],
    Strong "strong" [INLINE PHRASING],
    Style "style" [IN_HEAD RAW_TEXT NOT_TEXT],
    Sub "sub" [INLINE PHRASING],
    Summary "summary" [CLOSES_P BLOCK_LEVEL],
    Sup "sup" [INLINE PHRASING],
    Svg "svg" [],
    Table "table" [CLOSES_P BOUNDS_P BOUNDS_ITEMS BLOCK_LEVEL],
    Tbody "tbody" [BLOCK_LEVEL],
    Td "td" [BOUNDS_P BOUNDS_ITEMS TEXT_BLOCK BLOCK_LEVEL],
    Template "template" [IN_HEAD RAW_TEXT NOT_TEXT BOUNDS_P BOUNDS_ITEMS],
    Th "th" [BOUNDS_P BOUNDS_ITEMS BLOCK_LEVEL],
    Time "time" [INLINE PHRASING],
    Title "title" [IN_HEAD NOT_TEXT],
    Tr "tr" [],
    Track "track" [VOID],
    Tt "tt" [INLINE],
    U "u" [INLINE PHRASING],
    Ul "ul" [CLOSES_P BOUNDS_ITEMS BLOCK_LEVEL],
    Var "var" [INLINE PHRASING],
    Wbr "wbr" [VOID INLINE],
    Xmp "xmp" [CLOSES_P],
}

impl Element {
    /// The element with lowercase name `name`: one hash, one table read and
    /// one comparison, as every tag of a page is looked up.
    pub(crate) fn of(name: &[u8]) -> Element {
        lookup::index(name).map_or(Element::Other, |at| ELEMENTS[at])
    }

    /// Its name; `""` for `Other`.
    pub(crate) fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("")
    }

    pub(crate) fn traits(self) -> Traits {
        TRAITS[self as usize]
    }

    pub(crate) fn has(self, traits: Traits) -> bool {
        self.traits().has(traits)
    }

    /// Tests: every element but `Other`.
    #[cfg(test)]
    pub(crate) fn all() -> &'static [Element] {
        ELEMENTS
    }
}

mod lookup;

#[cfg(test)]
mod tests;
