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
