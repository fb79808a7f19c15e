//! Anchor kinds, first that applies: image, empty, url, branded, exact, partial,
//! generic, other (docs/reference.md, Analysis).

use crate::model::AnchorKind;

/// Brand terms and money keywords, case-folded once.
#[derive(Debug, Clone, Default)]
pub struct AnchorRules {
    brands: Vec<String>,
    keywords: Vec<String>,
}

impl AnchorRules {
    pub fn new(brands: &[String], keywords: &[String]) -> AnchorRules {
        let fold = |terms: &[String]| -> Vec<String> {
            terms.iter().map(|t| fold(t)).filter(|t| !t.is_empty()).collect()
        };
        AnchorRules {
            brands: fold(brands),
            keywords: fold(keywords),
        }
    }

    /// The money keywords, case-folded.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }
}

/// Lowercase with white-space runs collapsed: how anchors are compared.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn anchor_kind(text: &str, image: bool, rules: &AnchorRules) -> AnchorKind {
    if image {
        return AnchorKind::Image;
    }
    let folded = fold(text);
    if folded.is_empty() {
        AnchorKind::Empty
    } else if looks_like_url(&folded) {
        AnchorKind::Url
    } else if rules.brands.iter().any(|b| folded.contains(b.as_str())) {
        AnchorKind::Branded
    } else if rules.keywords.contains(&folded) {
        AnchorKind::Exact
    } else if rules.keywords.iter().any(|k| folded.contains(k.as_str())) {
        AnchorKind::Partial
    } else if GENERIC.contains(&folded.trim_matches(|c: char| !c.is_alphanumeric())) {
        AnchorKind::Generic
    } else {
        AnchorKind::Other
    }
}

/// A URL (`https://…`, `www.…`) or a bare host (`example.com`, `shop.example.co.uk/x`).
fn looks_like_url(text: &str) -> bool {
    if text.contains(char::is_whitespace) {
        return false;
    }
    if text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.") {
        return true;
    }
    let host = text.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// Anchors that say nothing about the page they point to, in the languages our
/// users' links are most often in. Compared with the whole folded anchor text.
const GENERIC: &[&str] = &[
    // English
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "learn more",
    "website",
    "this site",
    "this website",
    "site",
    "link",
    "this link",
    "visit",
    "visit website",
    "visit site",
    "source",
    "homepage",
    "home page",
    "more info",
    "more information",
    "details",
    "continue reading",
    "see more",
    "go",
    "this",
    "page",
    "this page",
    "official site",
    "official website",
    "check it out",
    "find out more",
    "view",
    "download",
    // German
    "hier",
    "hier klicken",
    "klicken sie hier",
    "mehr",
    "weiterlesen",
    "mehr erfahren",
    "webseite",
    "website besuchen",
    "mehr lesen",
    "diese seite",
    "link",
    "quelle",
    // French
    "cliquez ici",
    "ici",
    "en savoir plus",
    "lire la suite",
    "plus",
    "site web",
    "ce site",
    "voir plus",
    "source",
    "lien",
    // Spanish
    "haga clic aquí",
    "haz clic aquí",
    "clic aquí",
    "aquí",
    "leer más",
    "más información",
    "sitio web",
    "este sitio",
    "ver más",
    "fuente",
    "enlace",
    // Italian
    "clicca qui",
    "qui",
    "leggi di più",
    "leggi tutto",
    "scopri di più",
    "sito web",
    "questo sito",
    "fonte",
    "collegamento",
    // Portuguese
    "clique aqui",
    "aqui",
    "leia mais",
    "saiba mais",
    "site",
    "este site",
    "ver mais",
    "fonte",
    // Dutch
    "klik hier",
    "hier",
    "lees meer",
    "meer lezen",
    "meer informatie",
    "website",
    "deze site",
    "bron",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> AnchorKind {
        let rules = AnchorRules::new(&["Example".into()], &["garden tools".into()]);
        anchor_kind(text, false, &rules)
    }

    #[test]
    fn kinds_follow_the_spec_order() {
        let rules = AnchorRules::new(&["example".into()], &[]);
        assert_eq!(anchor_kind("Example", true, &rules), AnchorKind::Image);
        assert_eq!(kind("  "), AnchorKind::Empty);
        assert_eq!(kind("https://example.com/x"), AnchorKind::Url);
        assert_eq!(
            kind("example.com"),
            AnchorKind::Url,
            "a bare host is a url, not a brand"
        );
        assert_eq!(kind("www.example.com"), AnchorKind::Url);
        assert_eq!(kind("Example Inc."), AnchorKind::Branded);
        assert_eq!(kind("Garden   Tools"), AnchorKind::Exact);
        assert_eq!(kind("the best garden tools"), AnchorKind::Partial);
        assert_eq!(
            kind("example garden tools"),
            AnchorKind::Branded,
            "brand before keyword"
        );
        assert_eq!(kind("Click here"), AnchorKind::Generic);
        assert_eq!(kind("Read more »"), AnchorKind::Generic);
        assert_eq!(kind("hier klicken"), AnchorKind::Generic);
        assert_eq!(kind("haga clic aquí"), AnchorKind::Generic);
        assert_eq!(kind("A thoughtful review"), AnchorKind::Other);
    }

    #[test]
    fn near_misses_are_not_urls_or_generic() {
        assert_eq!(kind("version 1.2"), AnchorKind::Other);
        assert_eq!(kind("e.g. this"), AnchorKind::Other);
        assert_eq!(kind("click here to buy shovels"), AnchorKind::Other);
    }
}
