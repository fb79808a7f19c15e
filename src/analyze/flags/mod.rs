//! Raising the flags ([`Flag`]): each a fact about a link, its page, its site or
//! the profile, with a documented trigger (docs/scoring.md). Weights live in
//! [`super::weights`]; nothing here knows how much a flag counts.
//!
//! Flags about how the link itself was made (its anchor, where it sits, whether
//! it was paid for) are raised only on links that pass equity: Google treats a
//! `nofollow`, `ugc` or `sponsored` link as not vouching for the target, so it
//! cannot be a ranking manipulation. Flags about the page, the site and the
//! network are raised on every link: they say where the link lives.

pub mod anchor;
pub mod domain;
pub mod network;
pub mod page;
pub mod repeated;

pub use crate::model::Flag;

/// Adds `flag` to a link's flags unless it is there already.
pub fn add(flags: &mut Vec<Flag>, flag: Flag) {
    if !flags.contains(&flag) {
        flags.push(flag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_flag_twice_keeps_one() {
        let mut flags = vec![];
        add(&mut flags, Flag::Sitewide);
        add(&mut flags, Flag::Sitewide);
        assert_eq!(flags, [Flag::Sitewide]);
    }
}
