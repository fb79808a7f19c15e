//! What the profile-wide flags need to know of each page with links: the
//! audit gathers it as pages come in, `profile` and `flags::network` read it.

/// What the profile pass needs to know of each page with links.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageSignals {
    /// The page as its links name it (`Link::source_url`).
    pub source_url: String,
    /// Its registrable domain; empty when it has none we know (a saved page).
    pub domain: String,
    /// The address it was fetched from.
    pub ip: Option<String>,
    /// Analytics and ad-network IDs found on it.
    pub tracking_ids: Vec<String>,
}
