//! Page-level robots rules: `<meta name="robots">` content and `X-Robots-Tag`.

use super::Directives;

/// Rules whose value follows a colon; their names are not crawler names.
const RULES_WITH_VALUES: [&str; 4] = [
    "unavailable_after",
    "max-snippet",
    "max-image-preview",
    "max-video-preview",
];

impl Directives {
    /// Parses a comma separated robots rule list (`noindex, nofollow`, `none`).
    /// Tokens are case-insensitive; white space separates them too, so a sloppy
    /// `noindex nofollow` means what its author meant.
    pub fn from_rules(rules: &str) -> Directives {
        let mut directives = Directives::default();
        for token in rules.split(|c: char| c == ',' || c.is_ascii_whitespace()) {
            directives.apply_token(token);
        }
        directives
    }

    /// The directives of `X-Robots-Tag` header values: unprefixed rules and rules
    /// prefixed `googlebot:` count, other bots' rules do not. A `botname:` prefix
    /// scopes every rule after it in the same value, up to the next prefix.
    pub fn from_x_robots_tag<'a>(values: impl IntoIterator<Item = &'a str>) -> Directives {
        let mut directives = Directives::default();
        for value in values {
            let mut counts = true;
            for item in value.split(',') {
                let rules = match bot_prefix(item) {
                    Some((bot, rest)) => {
                        counts = bot.eq_ignore_ascii_case("googlebot");
                        rest
                    }
                    None => item,
                };
                if counts {
                    directives = directives.union(Directives::from_rules(rules));
                }
            }
        }
        directives
    }

    fn apply_token(&mut self, token: &str) {
        if token.eq_ignore_ascii_case("nofollow") {
            self.nofollow = true;
        } else if token.eq_ignore_ascii_case("noindex") {
            self.noindex = true;
        } else if token.eq_ignore_ascii_case("none") {
            self.nofollow = true;
            self.noindex = true;
        }
    }
}

/// Splits `botname: rules` into the crawler name and the rules. A crawler name is
/// one token (letters first, then letters, digits, `-`, `_`) that is not the name
/// of a rule with a value such as `unavailable_after: 25 Jun 2010`.
fn bot_prefix(item: &str) -> Option<(&str, &str)> {
    let (name, rest) = item.split_once(':')?;
    let name = name.trim_matches(|c: char| c.is_ascii_whitespace());
    let mut chars = name.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let is_token = chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let is_rule = RULES_WITH_VALUES
        .iter()
        .any(|rule| rule.eq_ignore_ascii_case(name));
    (first_is_letter && is_token && !is_rule).then_some((name, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: Directives = Directives {
        nofollow: true,
        noindex: true,
    };
    const NOFOLLOW: Directives = Directives {
        nofollow: true,
        noindex: false,
    };
    const NOINDEX: Directives = Directives {
        nofollow: false,
        noindex: true,
    };
    const NEITHER: Directives = Directives {
        nofollow: false,
        noindex: false,
    };

    #[test]
    fn rules_are_comma_separated_and_case_insensitive() {
        assert_eq!(Directives::from_rules("noindex, nofollow"), BOTH);
        assert_eq!(Directives::from_rules("NOFOLLOW"), NOFOLLOW);
        assert_eq!(Directives::from_rules(" NoIndex ,follow"), NOINDEX);
        assert_eq!(Directives::from_rules("noindex nofollow"), BOTH);
    }

    #[test]
    fn none_means_both() {
        assert_eq!(Directives::from_rules("none"), BOTH);
        assert_eq!(Directives::from_rules("None"), BOTH);
    }

    #[test]
    fn near_miss_rules_do_nothing() {
        assert_eq!(Directives::from_rules("index, follow, all"), NEITHER);
        assert_eq!(
            Directives::from_rules("no-follow, nofollowed, noindexing"),
            NEITHER
        );
        assert_eq!(Directives::from_rules("nonefollow"), NEITHER);
        assert_eq!(Directives::from_rules(""), NEITHER);
    }

    #[test]
    fn x_robots_tag_unprefixed_rules_count() {
        assert_eq!(Directives::from_x_robots_tag(["noindex"]), NOINDEX);
        assert_eq!(Directives::from_x_robots_tag(["noindex", "nofollow"]), BOTH);
        assert_eq!(Directives::from_x_robots_tag(["noindex, nofollow"]), BOTH);
        assert_eq!(Directives::from_x_robots_tag(Vec::<&str>::new()), NEITHER);
    }

    #[test]
    fn x_robots_tag_googlebot_prefix_counts() {
        assert_eq!(Directives::from_x_robots_tag(["googlebot: nofollow"]), NOFOLLOW);
        assert_eq!(Directives::from_x_robots_tag(["GoogleBot:noindex"]), NOINDEX);
        assert_eq!(
            Directives::from_x_robots_tag(["googlebot: noindex, nofollow"]),
            BOTH
        );
    }

    #[test]
    fn x_robots_tag_other_bots_do_not_count() {
        assert_eq!(Directives::from_x_robots_tag(["bingbot: noindex"]), NEITHER);
        assert_eq!(
            Directives::from_x_robots_tag(["otherbot: noindex, nofollow"]),
            NEITHER
        );
        assert_eq!(
            Directives::from_x_robots_tag(["googlebot-news: noindex"]),
            NEITHER
        );
    }

    #[test]
    fn x_robots_tag_prefix_scopes_until_the_next_prefix() {
        assert_eq!(
            Directives::from_x_robots_tag(["bingbot: noindex, googlebot: nofollow"]),
            NOFOLLOW
        );
        assert_eq!(
            Directives::from_x_robots_tag(["googlebot: nofollow, bingbot: noindex"]),
            NOFOLLOW
        );
        assert_eq!(
            Directives::from_x_robots_tag(["noindex, bingbot: nofollow"]),
            NOINDEX
        );
        // Each header value starts unscoped.
        assert_eq!(
            Directives::from_x_robots_tag(["bingbot: nofollow", "noindex"]),
            NOINDEX
        );
    }

    #[test]
    fn x_robots_tag_rules_with_colons_are_not_prefixes() {
        assert_eq!(
            Directives::from_x_robots_tag(["unavailable_after: 25 Jun 2010 15:00:00 PST, noindex"]),
            NOINDEX
        );
        assert_eq!(
            Directives::from_x_robots_tag(["max-snippet: 20, nofollow"]),
            NOFOLLOW
        );
        // A date's time after a comma is not a crawler named `15`.
        assert_eq!(
            Directives::from_x_robots_tag(["unavailable_after: Friday, 25-Jun-10 15:00:00 PST, noindex"]),
            NOINDEX
        );
        assert_eq!(
            Directives::from_x_robots_tag(["bingbot: unavailable_after: 2030-01-01, noindex"]),
            NEITHER
        );
    }

    #[test]
    fn union_keeps_the_most_restrictive() {
        assert_eq!(NOFOLLOW.union(NOINDEX), BOTH);
        assert_eq!(NEITHER.union(NEITHER), NEITHER);
    }
}
