//! Network footprints across the profile: several referring domains on one
//! server, or sharing one analytics or ad account, are the marks of a private
//! blog network. Raised on every link of the pages concerned.

use crate::analyze::signals::PageSignals;
use crate::analyze::Thresholds;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::IpAddr;

/// Source URLs of the pages served from an address that at least
/// `shared-ip-domains` referring domains share, or from an IPv4 /24 that at
/// least `shared-subnet-domains` share. Loopback and private addresses count
/// like any other (the tests run on 127.0.0.1; real pages are not served there).
pub fn shared_ip<'a>(pages: &'a [PageSignals], thresholds: &Thresholds) -> HashSet<&'a str> {
    let located: Vec<(&PageSignals, IpAddr)> = pages
        .iter()
        .filter(|p| !p.domain.is_empty())
        .filter_map(|p| Some((p, p.ip.as_deref()?.parse::<IpAddr>().ok()?.to_canonical())))
        .collect();
    let mut by_ip: HashMap<IpAddr, BTreeSet<&str>> = HashMap::new();
    let mut by_subnet: HashMap<[u8; 3], BTreeSet<&str>> = HashMap::new();
    for (page, ip) in &located {
        by_ip.entry(*ip).or_default().insert(&page.domain);
        if let Some(subnet) = subnet(*ip) {
            by_subnet.entry(subnet).or_default().insert(&page.domain);
        }
    }
    let on_ip = thresholds.shared_ip_domains;
    let in_subnet = thresholds.shared_subnet_domains;
    located
        .iter()
        .filter(|(_, ip)| {
            by_ip[ip].len() as f64 >= on_ip
                || subnet(*ip).is_some_and(|s| by_subnet[&s].len() as f64 >= in_subnet)
        })
        .map(|(page, _)| page.source_url.as_str())
        .collect()
}

/// The first three octets of an IPv4 address.
fn subnet(ip: IpAddr) -> Option<[u8; 3]> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            Some([a, b, c])
        }
        IpAddr::V6(_) => None,
    }
}

/// Source URLs of the pages carrying an analytics or ad-network ID that pages of
/// at least `shared-tracking-domains` different referring domains carry.
pub fn shared_tracking_id<'a>(pages: &'a [PageSignals], thresholds: &Thresholds) -> HashSet<&'a str> {
    let named = || pages.iter().filter(|p| !p.domain.is_empty());
    let mut domains: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for page in named() {
        for id in &page.tracking_ids {
            domains.entry(id).or_default().insert(&page.domain);
        }
    }
    let needed = thresholds.shared_tracking_domains;
    named()
        .filter(|p| {
            p.tracking_ids
                .iter()
                .any(|id| domains[id.as_str()].len() as f64 >= needed)
        })
        .map(|p| p.source_url.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, domain: &str, ip: Option<&str>, ids: &[&str]) -> PageSignals {
        PageSignals {
            source_url: url.into(),
            domain: domain.into(),
            ip: ip.map(String::from),
            tracking_ids: ids.iter().map(|i| i.to_string()).collect(),
        }
    }

    fn sorted(set: HashSet<&str>) -> Vec<&str> {
        let mut v: Vec<&str> = set.into_iter().collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn shared_ip_needs_three_domains_on_one_address() {
        let s = Thresholds::default();
        let two = [
            page("https://a.test/", "a.test", Some("198.51.100.7"), &[]),
            page("https://b.test/", "b.test", Some("198.51.100.7"), &[]),
            page("https://c.test/", "c.test", Some("203.0.113.9"), &[]),
        ];
        assert!(
            shared_ip(&two, &s).is_empty(),
            "two domains on one IP are ordinary hosting"
        );
        let mut three = two.to_vec();
        three[2].ip = Some("198.51.100.7".into());
        assert_eq!(
            sorted(shared_ip(&three, &s)),
            ["https://a.test/", "https://b.test/", "https://c.test/"]
        );
    }

    #[test]
    fn shared_ip_counts_domains_not_pages() {
        let s = Thresholds::default();
        let pages = [
            page("https://a.test/1", "a.test", Some("198.51.100.7"), &[]),
            page("https://a.test/2", "a.test", Some("198.51.100.7"), &[]),
            page("https://a.test/3", "a.test", Some("198.51.100.7"), &[]),
            page("https://b.test/", "b.test", Some("198.51.100.7"), &[]),
        ];
        assert!(shared_ip(&pages, &s).is_empty());
    }

    #[test]
    fn shared_ip_by_subnet_needs_four_domains_in_one_ipv4_24() {
        let s = Thresholds::default();
        let mut pages = vec![
            page("https://a.test/", "a.test", Some("198.51.100.1"), &[]),
            page("https://b.test/", "b.test", Some("198.51.100.2"), &[]),
            page("https://c.test/", "c.test", Some("198.51.100.3"), &[]),
            page("https://d.test/", "d.test", Some("198.51.101.4"), &[]),
        ];
        assert!(
            shared_ip(&pages, &s).is_empty(),
            "three in one /24, the fourth next door"
        );
        pages[3].ip = Some("198.51.100.4".into());
        assert_eq!(shared_ip(&pages, &s).len(), 4);
        // IPv6 has no /24 rule.
        let v6: Vec<PageSignals> = ["a", "b", "c", "d"]
            .iter()
            .enumerate()
            .map(|(i, d)| {
                page(
                    &format!("https://{d}.test/"),
                    &format!("{d}.test"),
                    Some(&format!("2001:db8::{i}")),
                    &[],
                )
            })
            .collect();
        assert!(shared_ip(&v6, &s).is_empty());
    }

    #[test]
    fn shared_ip_keeps_loopback_and_skips_unknown_addresses_and_domains() {
        let s = Thresholds::default();
        let pages = [
            page("https://a.test/", "a.test", Some("127.0.0.1"), &[]),
            page("https://b.test/", "b.test", Some("::ffff:127.0.0.1"), &[]),
            page("https://c.test/", "c.test", Some("127.0.0.1"), &[]),
            page("file:///x.html", "", Some("127.0.0.1"), &[]),
            page("https://d.test/", "d.test", None, &[]),
            page("https://e.test/", "e.test", Some("not an ip"), &[]),
        ];
        assert_eq!(
            sorted(shared_ip(&pages, &s)),
            ["https://a.test/", "https://b.test/", "https://c.test/"]
        );
    }

    #[test]
    fn shared_tracking_id_needs_two_domains() {
        let s = Thresholds::default();
        let one_domain = [
            page("https://a.test/1", "a.test", None, &["UA-1-1"]),
            page("https://a.test/2", "a.test", None, &["UA-1-1"]),
        ];
        assert!(
            shared_tracking_id(&one_domain, &s).is_empty(),
            "one site, one account"
        );
        let two_domains = [
            page("https://a.test/1", "a.test", None, &["G-ABC", "UA-1-1"]),
            page("https://b.test/", "b.test", None, &["UA-1-1"]),
            page("https://c.test/", "c.test", None, &["G-XYZ"]),
        ];
        assert_eq!(
            sorted(shared_tracking_id(&two_domains, &s)),
            ["https://a.test/1", "https://b.test/"]
        );
    }
}
