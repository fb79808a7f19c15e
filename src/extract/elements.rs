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
        let Some(key) = key(name) else {
            return Element::Other;
        };
        match LOOKUP.slots[slot(key, LOOKUP.seed)] {
            0 => Element::Other,
            at if KEYS[usize::from(at) - 1] == key => ELEMENTS[usize::from(at) - 1],
            _ => Element::Other,
        }
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

/// Names longer than this are no element's.
const MAX_NAME: usize = 15;

/// A name of up to [`MAX_NAME`] bytes as one number: its bytes, then its
/// length in the top byte (so that a NUL byte cannot make two names one).
const fn key_of(name: &[u8]) -> u128 {
    let mut key = (name.len() as u128) << 120;
    let mut at = 0;
    while at < name.len() {
        key |= (name[at] as u128) << (8 * at);
        at += 1;
    }
    key
}

/// [`key_of`], at run time: a few overlapping loads, not a loop over the
/// bytes or a copy (both cost more than the rest of the lookup).
fn key(name: &[u8]) -> Option<u128> {
    let len = name.len();
    let bytes = match len {
        0 => 0,
        1..=3 => {
            // Bytes 0, len/2 and len - 1 cover every position.
            let at = |i: usize| u128::from(name[i]) << (8 * i);
            at(0) | at(len / 2) | at(len - 1)
        }
        4..=7 => {
            let word = |i: usize| {
                u128::from(u32::from_le_bytes([
                    name[i],
                    name[i + 1],
                    name[i + 2],
                    name[i + 3],
                ]))
            };
            word(0) | word(len - 4) << (8 * (len - 4))
        }
        8..=MAX_NAME => {
            let word = |i: usize| u64::from_le_bytes(name[i..i + 8].try_into().unwrap_or_default());
            // The last eight bytes, moved down so that byte 8 comes first.
            let high = word(len - 8).checked_shr(8 * (16 - len) as u32).unwrap_or(0);
            u128::from(word(0)) | u128::from(high) << 64
        }
        _ => return None,
    };
    Some(bytes | (len as u128) << 120)
}

const KEYS: [u128; NAMES.len()] = {
    let mut keys = [0; NAMES.len()];
    let mut at = 0;
    while at < NAMES.len() {
        assert!(NAMES[at].len() <= MAX_NAME);
        keys[at] = key_of(NAMES[at].as_bytes());
        at += 1;
    }
    keys
};

/// Slots of the lookup table: enough that a seed without collisions among
/// the names is found within a few tries.
const SLOT_BITS: u32 = 11;

const fn slot(key: u128, seed: u64) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(31);
    (folded.wrapping_mul(seed) >> (64 - SLOT_BITS)) as usize
}

/// A perfect hash of the names, found at compile time: each name's slot
/// holds its index plus one, and no two names share a slot.
struct Lookup {
    seed: u64,
    slots: [u8; 1 << SLOT_BITS],
}

const LOOKUP: Lookup = {
    assert!(NAMES.len() < u8::MAX as usize);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut slots = [0u8; 1 << SLOT_BITS];
        let mut at = 0;
        while at < KEYS.len() {
            let slot = slot(KEYS[at], seed);
            if slots[slot] != 0 {
                break;
            }
            slots[slot] = at as u8 + 1;
            at += 1;
        }
        if at == KEYS.len() {
            break Lookup { seed, slots };
        }
        seed = seed.wrapping_add(0x6A09_E667_F3BC_C908);
    }
};

#[cfg(test)]
mod tests;
