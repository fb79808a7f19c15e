//! Whether a page discloses paid content ("Sponsored", "Anzeige", "paid
//! partnership", ...): the `unmarked-sponsored` flag then asks why a link on it
//! is followed.
//!
//! The rule, built for precision (words like "sponsored" or "Werbung" are also
//! everyday words, and ad slots are labelled "Anzeige" on clean pages):
//! - Where: the title; the visible text of elements whose class has a
//!   piece `sponsored`, `advertorial`, `disclosure`, `disclaimer`, `partner`,
//!   `partnered`, `partnership`, `paid`, `promoted` or `affiliate` (the *marked
//!   areas*, up to [`MARKED_CHARS`] characters; below the top only containers
//!   such as `div`, `section` and `p` count, see [`super::zones`]); and the
//!   first [`TOP_CHARS`] characters of visible text of the first `article`
//!   (else `main` or `role="main"`, else `body`). Text inside `nav`, `aside`,
//!   `footer` (or their ARIA roles) and ad slots (a class or id piece `ad`,
//!   `ads`, `advert`, `advertisement`, `adsbygoogle`, ...) is never read; link
//!   text is (a category link "Sponsored" labels a post).
//! - What: a *phrase* (`sponsored post`, `advertorial`, `paid partnership`,
//!   `in partnership with`, `#ad`, `contains affiliate links`, `gesponserter
//!   Beitrag`, `contenu sponsorisé`, `contenido patrocinado`, ...) anywhere in
//!   those places; `affiliate links` only in a marked area; or a *label* (a
//!   word that discloses only when it stands alone: `Sponsored`, `Anzeige`,
//!   `Werbung`, `Gesponsert`, `Sponsorisé`, `Publicité`, `Patrocinado`,
//!   `Publicidad`, `Sponsorizzato`, `Pubblicità`, `Publicidade`, `Gesponsord`,
//!   `Advertentie`) as the whole of a text node (punctuation around it
//!   aside) in a marked area or the top of an `article`/`main`, or as a whole
//!   segment of the title (`Anzeige: ...`, `... | Sponsored`). The top of the
//!   `body` fallback takes phrases only.
//! - Phrases match case-insensitively between word boundaries, where letters,
//!   digits, `-`, `_`, `/`, `@`, `=`, `&` and `%` continue a word: so
//!   `unsponsored`, `#adidas`, `state-sponsored` or `example.com/#ad` do not match.
//! - A negation anywhere in those places (`not sponsored`, `unbezahlte Werbung`,
//!   `unbeauftragt`, `nicht gesponsert`, `non sponsorisé`, `no patrocinado`, ...)
//!   means the page says it is not paid, and wins.

use super::terms::Terms;
use std::sync::LazyLock;

/// How much of the top of the article is read, in characters.
pub(crate) const TOP_CHARS: usize = 300;
/// How much text of marked areas is read, in characters.
pub(crate) const MARKED_CHARS: usize = 2000;

/// Phrases that disclose paid content wherever they are read.
const PHRASES: &[&str] = &[
    "sponsored post",
    "sponsored content",
    "sponsored article",
    "sponsored story",
    "paid post",
    "paid partnership",
    "paid promotion",
    "in partnership with",
    "advertorial",
    "advertorials",
    "#ad",
    "#ads",
    "#sponsored",
    "#advertising",
    "#anzeige",
    "#werbung",
    "contains affiliate links",
    "contain affiliate links",
    "gesponserter beitrag",
    "bezahlte partnerschaft",
    "enthält werbung",
    "in kooperation mit",
    "contenu sponsorisé",
    "article sponsorisé",
    "publireportage",
    "partenariat rémunéré",
    "en partenariat avec",
    "contenido patrocinado",
    "artículo patrocinado",
    "publirreportaje",
    "contenuto sponsorizzato",
    "articolo sponsorizzato",
    "publiredazionale",
    "conteúdo patrocinado",
    "publieditorial",
    "parceria paga",
    "gesponsorde inhoud",
    "gesponsord artikel",
    "betaalde samenwerking",
];

/// Phrases that disclose only inside a marked area (a disclosure box).
const MARKED_AREA_PHRASES: &[&str] = &["affiliate links", "affiliate link"];

/// Phrases saying the page is not paid.
const NEGATIONS: &[&str] = &[
    "not sponsored",
    "non-sponsored",
    "not a sponsored",
    "no sponsored",
    "unbezahlte werbung",
    "unbezahlt",
    "unbeauftragt",
    "unbeauftragte werbung",
    "nicht gesponsert",
    "non sponsorisé",
    "no patrocinado",
    "non sponsorizzato",
    "não patrocinado",
    "niet gesponsord",
];

/// Words that disclose when they stand alone as a label.
const LABELS: &[&str] = &[
    "sponsored",
    "anzeige",
    "werbung",
    "gesponsert",
    "sponsorisé",
    "publicité",
    "patrocinado",
    "publicidad",
    "sponsorizzato",
    "pubblicità",
    "publicidade",
    "gesponsord",
    "advertentie",
];

/// Class or id pieces of areas that hold disclosures.
pub(crate) const MARKED_AREA_PIECES: &[&str] = &[
    "sponsored",
    "advertorial",
    "disclosure",
    "disclaimer",
    "partner",
    "partnered",
    "partnership",
    "paid",
    "promoted",
    "affiliate",
];

/// Class or id pieces of ad slots, whose labels are not about the page.
pub(crate) const AD_SLOT_PIECES: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "advertising",
    "adsbygoogle",
    "adslot",
    "adunit",
    "adsense",
    "dfp",
];

#[derive(Clone, Copy)]
enum Kind {
    Phrase,
    MarkedAreaPhrase,
    Negation,
}

static WORDING: LazyLock<(Terms, Vec<Kind>)> = LazyLock::new(|| {
    let lists: [(&[&str], Kind); 3] = [
        (PHRASES, Kind::Phrase),
        (MARKED_AREA_PHRASES, Kind::MarkedAreaPhrase),
        (NEGATIONS, Kind::Negation),
    ];
    let (mut terms, mut kinds) = (Vec::new(), Vec::new());
    for (list, kind) in lists {
        terms.extend_from_slice(list);
        kinds.extend(std::iter::repeat_n(kind, list.len()));
    }
    (Terms::new(&terms), kinds)
});

/// The text a page offers for the rule, gathered by the facts walk.
#[derive(Debug, Default)]
pub(crate) struct DisclosureText {
    /// Visible text of marked areas, collapsed, up to [`MARKED_CHARS`].
    pub marked: String,
    /// The top of the first article or main element, and of the body.
    pub article_top: String,
    pub body_top: String,
    /// A label stood alone in a marked area or at the top of an article.
    pub label: bool,
}

/// Whether the page discloses paid content, by the module's rule.
pub(crate) fn discloses(title: Option<&str>, text: &DisclosureText) -> bool {
    let (terms, kinds) = &*WORDING;
    let (mut phrase, mut negated) = (false, false);
    let places = [
        (title.unwrap_or(""), false),
        (text.marked.as_str(), true),
        (text.article_top.as_str(), false),
        (text.body_top.as_str(), false),
    ];
    for (haystack, marked_area) in places {
        terms.find(haystack, continues_word, |i| match kinds[i] {
            Kind::Phrase => phrase = true,
            Kind::MarkedAreaPhrase => phrase |= marked_area,
            Kind::Negation => negated = true,
        });
    }
    let title_label = title.is_some_and(|title| title_segments(title).any(is_label));
    (phrase || text.label || title_label) && !negated
}

/// Whether `text` is a label word alone, punctuation and white space around it aside.
pub(crate) fn is_label(text: &str) -> bool {
    let word = text.trim_matches(|c: char| c.is_whitespace() || is_label_punctuation(c));
    // The longest label is 13 bytes; most text nodes end here.
    word.len() <= 16 && !word.is_empty() && LABELS.iter().any(|label| word.to_lowercase() == *label)
}

fn is_label_punctuation(c: char) -> bool {
    matches!(
        c,
        ':' | '|' | '-' | '–' | '—' | '·' | '•' | '(' | ')' | '[' | ']' | '*' | '»' | '«' | '/' | '#'
    )
}

/// The parts of a title between separators (`|`, `:`, `–`, `—`, `·`, `•`, `»`,
/// brackets, and ` - `).
fn title_segments(title: &str) -> impl Iterator<Item = &str> {
    title
        .split(" - ")
        .flat_map(|part| part.split(['|', ':', '–', '—', '·', '•', '»', '«', '(', ')', '[', ']']))
}

/// Characters that continue a word for the phrase boundaries: letters and
/// digits, and the joiners of compounds and URLs.
fn continues_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '@' | '=' | '&' | '%')
}

#[cfg(test)]
mod tests;
