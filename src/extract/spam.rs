//! Spam terms: words that, on a page linking to you, mark the kind of site link
//! sellers and spammers run (gambling, pharma, payday loans, counterfeits,
//! adult, essay mills, bought followers, crypto scams).
//!
//! The list keeps precision high: only terms that are spam markers wherever they
//! appear, in English, German, French, Spanish, Italian, Portuguese and Dutch,
//! plus the Indonesian gambling terms that dominate today's comment spam.
//! Ambiguous words stay out (`bet`, `betting`, `poker`, `pills`, `loan`,
//! `adult`, `escort`, `xxx`, `slot machine`): they need a second word (`sports
//! betting`, `online poker`, `cheap pills`, `payday loan`, `escort service`,
//! `xxx videos`). Python's own documentation deals poker hands in its `re`
//! examples, and docs use `XXX` as a placeholder.
//! Terms match case-insensitively between word boundaries (letters and digits
//! either side end a match: `casinos` is its own term, `megacasino` is nothing).

use super::terms::{is_alphanumeric, Terms};
use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use url::Url;

/// The built-in spam terms, lowercase.
pub const BUILT_IN: &[&str] = &[
    // Gambling
    "casino",
    "casinos",
    "online casino",
    "casino bonus",
    "no deposit bonus",
    "free spins",
    "online slots",
    "online poker",
    "poker online",
    "poker bonus",
    "sportsbook",
    "sports betting",
    "betting odds",
    "betting sites",
    "betting tips",
    "online betting",
    "slot gacor",
    "judi online",
    "judi slot",
    "judi bola",
    "togel",
    "onlinecasino",
    "sportwetten",
    "wettanbieter",
    "paris sportifs",
    "machines à sous",
    "apuestas deportivas",
    "apuestas online",
    "casas de apuestas",
    "tragamonedas",
    "tragaperras",
    "casinò",
    "scommesse sportive",
    "scommesse online",
    "cassino",
    "cassinos",
    "apostas esportivas",
    "apostas desportivas",
    "apostas online",
    "casas de apostas",
    "caça-níqueis",
    "online gokken",
    "gokkasten",
    "sportweddenschappen",
    // Pharma
    "viagra",
    "cialis",
    "levitra",
    "kamagra",
    "cheap pills",
    "diet pills",
    "weight loss pills",
    "online pharmacy",
    "canadian pharmacy",
    "no prescription needed",
    "male enhancement",
    "penis enlargement",
    "potenzmittel",
    // Loans
    "payday loan",
    "payday loans",
    "bad credit loans",
    "kredit ohne schufa",
    // Counterfeits
    "replica watches",
    "replica handbags",
    "replica bags",
    "fake rolex",
    "cheap nfl jerseys",
    // Adult
    "porn",
    "porno",
    "pornos",
    "free porn",
    "xxx videos",
    "xxx porn",
    "sex cams",
    "escort service",
    "escort services",
    "escort agency",
    "escort girls",
    "call girls",
    "adult dating",
    "sexkontakte",
    // Essay mills
    "essay writing service",
    "essay writing services",
    "write my essay",
    "buy essay",
    "buy essays",
    // Bought audiences
    "buy followers",
    "buy instagram followers",
    "buy twitter followers",
    "buy tiktok followers",
    "buy youtube views",
    "buy likes",
    "buy instagram likes",
    "follower kaufen",
    "likes kaufen",
    "acheter des followers",
    "acheter des abonnés",
    "comprar seguidores",
    "comprar likes",
    "comprare follower",
    "comprare followers",
    "volgers kopen",
    "likes kopen",
    // Crypto and game-currency scams
    "crypto doubler",
    "bitcoin doubler",
    "double your bitcoin",
    "bitcoin generator",
    "free robux",
    "robux generator",
    "free v-bucks",
];

static BUILT_IN_TERMS: LazyLock<Terms> = LazyLock::new(|| Terms::new(BUILT_IN));

/// Spam terms (built-in plus `extra`, lowercase) found in the title, the page
/// URL (its separators read as spaces, percent escapes decoded) or `text`,
/// sorted and deduplicated.
pub(crate) fn find(title: Option<&str>, page_url: Option<&Url>, text: &str, extra: &[String]) -> Vec<String> {
    let extra = extra_terms(extra);
    let url_words = page_url.map(url_words).unwrap_or_default();
    let mut found = BTreeSet::new();
    for haystack in [title.unwrap_or(""), url_words.as_str(), text] {
        BUILT_IN_TERMS.find(haystack, is_alphanumeric, |i| {
            found.insert(BUILT_IN[i]);
        });
        if let Some(extra) = &extra {
            extra.terms.find(haystack, is_alphanumeric, |i| {
                found.insert(extra.normalised[i].as_str());
            });
        }
    }
    found.into_iter().map(str::to_string).collect()
}

/// Configured terms, compiled.
struct Extra {
    /// As configured: the cache key.
    configured: Vec<String>,
    /// Trimmed, lowercase, not empty.
    normalised: Vec<String>,
    terms: Terms,
}

/// The last configured list, compiled: an audit passes the same list for
/// every page, and compiling it per page would cost more than matching.
static LAST_EXTRA: Mutex<Option<Arc<Extra>>> = Mutex::new(None);

fn extra_terms(configured: &[String]) -> Option<Arc<Extra>> {
    if configured.is_empty() {
        return None;
    }
    // A poisoned lock only means another page's thread panicked: the cache is still sound.
    let mut last = LAST_EXTRA.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(extra) = last.as_ref().filter(|extra| extra.configured == configured) {
        return Some(extra.clone());
    }
    let normalised: Vec<String> = configured
        .iter()
        .map(|term| term.trim().to_lowercase())
        .filter(|term| !term.is_empty())
        .collect();
    let extra = Arc::new(Extra {
        configured: configured.to_vec(),
        terms: Terms::new(&normalised),
        normalised,
    });
    *last = Some(extra.clone());
    Some(extra)
}

/// The URL's host, path and query as words: percent escapes decoded, every
/// character that is not a letter or digit a space (`/best-online-casino` →
/// ` best online casino`).
fn url_words(url: &Url) -> String {
    let raw = [
        url.host_str().unwrap_or(""),
        url.path(),
        url.query().unwrap_or(""),
    ]
    .join(" ");
    percent_decode(&raw)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
