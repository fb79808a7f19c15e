//! Where a link sits (its nearest landmark, a comment or forum area) and
//! whether it is hidden.

use super::ugc;
use crate::model::Placement;
use scraper::node::Element;
use scraper::ElementRef;

/// Where a link sits and whether it is hidden, from one walk up its ancestors.
pub(crate) struct Context {
    pub placement: Placement,
    pub hidden: bool,
    /// An ancestor marks a comment, forum post, signature or author box.
    pub in_ugc_area: bool,
}

/// The placement of the nearest landmark ancestor (an ARIA `role` first, then
/// the element's name; `content` when none is a landmark), and whether the link
/// or an ancestor has the `hidden` attribute or an inline style that hides it,
/// and whether an ancestor marks user-generated content ([`ugc`]).
pub(crate) fn context(link: ElementRef<'_>) -> Context {
    let mut placement = None;
    let mut hidden = false;
    let mut in_ugc_area = false;
    let ancestors = link.ancestors().filter_map(|node| node.value().as_element());
    for (depth, element) in std::iter::once(link.value()).chain(ancestors).enumerate() {
        // One pass over the attributes: `attr()` would hash each name it looks up.
        let mut role = None;
        for (name, value) in element.attrs() {
            match name {
                "hidden" => hidden = true,
                "style" => hidden = hidden || style_hides(value),
                "role" => role = Some(value),
                _ => {}
            }
        }
        if depth > 0 {
            if placement.is_none() {
                placement = landmark(element, role);
            }
            in_ugc_area = in_ugc_area || ugc::marks_ugc(element);
        }
        if hidden && placement.is_some() && in_ugc_area {
            break;
        }
    }
    Context {
        placement: placement.unwrap_or(Placement::Content),
        hidden,
        in_ugc_area,
    }
}

fn landmark(element: &Element, role: Option<&str>) -> Option<Placement> {
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
    by_role.or(match element.name() {
        "nav" => Some(Placement::Navigation),
        "header" => Some(Placement::Header),
        "footer" => Some(Placement::Footer),
        "aside" => Some(Placement::Sidebar),
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
