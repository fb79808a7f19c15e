//! Wording every kind of report shares, as raw text (each format escapes it).

use crate::model::TargetInfo;

/// The target as a person writes it: `example.com`, or `example.com/blog/`
/// for a URL target.
pub(crate) fn target_label(target: &TargetInfo) -> String {
    if target.path_prefix.is_empty() || target.path_prefix == "/" {
        target.host.clone()
    } else {
        format!("{}{}", target.host, target.path_prefix)
    }
}

/// A share from 0 to 1 as a percentage with one decimal.
pub(super) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

pub(super) use crate::words::count as plural;

/// Anchor text, or what stands for it when there is none.
pub(super) fn anchor_label(text: &str) -> &str {
    if text.is_empty() {
        "(no text)"
    } else {
        text
    }
}
