//! Where a link sits (its nearest landmark, a comment or forum area) and
//! whether it is hidden.

use super::elements::Element;
use crate::model::Placement;

/// The landmark an element with this name and `role` attribute is: an ARIA
/// role first (the first of its tokens that is one), then the name. The pass
/// gives a link the nearest landmark among its ancestors, `content` when none
/// is one; a link is hidden when it or an ancestor has the `hidden` attribute
/// or an inline style that hides it ([`style_hides`]); it sits in a comment
/// area when an ancestor marks one ([`super::ugc`]).
pub(crate) fn landmark(element: Element, role: Option<&str>) -> Option<Placement> {
    let by_role = role.and_then(|roles| {
        roles.split_ascii_whitespace().find_map(|role| {
            [
                ("navigation", Placement::Navigation),
                ("banner", Placement::Header),
                ("contentinfo", Placement::Footer),
                ("complementary", Placement::Sidebar),
            ]
            .into_iter()
            .find(|(name, _)| role.eq_ignore_ascii_case(name))
            .map(|(_, placement)| placement)
        })
    });
    by_role.or(match element {
        Element::Nav => Some(Placement::Navigation),
        Element::Header => Some(Placement::Header),
        Element::Footer => Some(Placement::Footer),
        Element::Aside => Some(Placement::Sidebar),
        _ => None,
    })
}

/// Whether an inline style hides its element: `display:none`,
/// `visibility:hidden`, a zero `font-size` or a zero `opacity`, in any case and
/// spacing, `!important` or not.
pub(crate) fn style_hides(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let property = property.trim_matches(|c: char| c.is_ascii_whitespace());
        let is = |name: &str| property.eq_ignore_ascii_case(name);
        if !(is("display") || is("visibility") || is("font-size") || is("opacity")) {
            return false;
        }
        let value: String = value
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let value = value.strip_suffix("!important").unwrap_or(&value);
        (is("display") && value == "none")
            || (is("visibility") && value == "hidden")
            || (is("font-size") && is_zero(value, &["", "px", "em", "pt", "rem", "%"]))
            || (is("opacity") && is_zero(value, &["", "%"]))
    })
}

/// Whether `value` is a number equal to zero followed by one of `units`.
fn is_zero(value: &str, units: &[&str]) -> bool {
    let unit_start = value
        .find(|c: char| !matches!(c, '0'..='9' | '.' | '+' | '-'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(unit_start);
    units.contains(&unit) && number.parse::<f64>().is_ok_and(|n| n == 0.0)
}

#[cfg(test)]
mod tests;
