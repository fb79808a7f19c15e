//! Referring domains from links `discover` found: each link is matched to
//! the targets by section 2's rule, grouped by its page's registrable
//! domain, and keeps its page, anchor and type. A page on a target's own
//! domain is internal and left out.

use super::{DiscoveredLink, Found, Query};
use crate::model::{ReferringDomain, ReferringPage};
use crate::target::{normalize_host, registrable_domain};
use std::collections::BTreeSet;
use url::Url;

pub fn from_links(links: &[DiscoveredLink], query: &Query) -> Found {
    let mut found = Found::default();
    let mut per_target: Vec<BTreeSet<String>> = vec![BTreeSet::new(); query.targets.len()];
    for link in links {
        let Ok(target_url) = Url::parse(&link.target_url) else {
            continue;
        };
        let Some(domain) = source_domain(link) else {
            continue;
        };
        for site in &query.excluded {
            if site.target.matches_url(&target_url) && site.domain != domain {
                found.excluded.insert(domain.clone());
            }
        }
        for (at, sought) in query.targets.iter().enumerate() {
            if !sought.target.matches_url(&target_url) || sought.domain == domain {
                continue;
            }
            per_target[at].insert(domain.clone());
            let row = found
                .domains
                .entry(domain.clone())
                .or_insert_with(|| ReferringDomain {
                    domain: domain.clone(),
                    links_to: Vec::new(),
                    authority: None,
                    hosts: None,
                    pages: Vec::new(),
                });
            if !row.links_to.contains(&sought.label) {
                row.links_to.push(sought.label.clone());
            }
            row.pages.push(ReferringPage {
                target: sought.label.clone(),
                source_url: link.source_url.clone(),
                target_url: link.target_url.clone(),
                anchor_text: link.anchor_text.clone(),
                link_type: link.link_type,
            });
        }
    }
    found.per_target = per_target.iter().map(|s| s.len() as u64).collect();
    found
}

/// The page's registrable domain: discover's `source_domain`, else worked
/// out from the page's URL.
fn source_domain(link: &DiscoveredLink) -> Option<String> {
    if let Some(domain) = link.source_domain.as_deref().filter(|d| !d.is_empty()) {
        return normalize_host(domain);
    }
    let url = Url::parse(&link.source_url).ok()?;
    let host = normalize_host(url.host_str()?)?;
    Some(registrable_domain(&host))
}
