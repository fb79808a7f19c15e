//! What an element's name tells the pass about the tree a browser would
//! build: which elements have no end tag, which ones end an open `<p>`, and
//! which ones belong in `<head>`. docs/reference.md (Extraction) says where
//! the pass and a full tree builder part ways.

/// Elements without content or end tag.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Start tags that close an open `<p>` first.
pub(crate) fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dd"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "xmp"
    )
}

/// Elements that may stand in `<head>`: anything else starts the body.
pub(crate) fn belongs_in_head(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "link"
            | "meta"
            | "noscript"
            | "script"
            | "style"
            | "template"
            | "title"
    )
}

/// Elements an open `<li>`, `<dd>` or `<dt>` is not looked for past: a new
/// list item inside a nested list or table does not close the outer one.
pub(crate) fn bounds_list_items(name: &str) -> bool {
    matches!(
        name,
        "ul" | "ol" | "dl" | "table" | "td" | "th" | "caption" | "template" | "button" | "object"
    )
}

/// Headings: a heading start tag closes a heading left open.
pub(crate) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements whose text is not the page's text when it is their direct
/// content (anchor text, the title).
pub(crate) fn holds_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
}
