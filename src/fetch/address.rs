//! Private addresses. A page on the web must not make us fetch from the
//! machine's own network (server-side request forgery: a redirect to the cloud
//! metadata service at 169.254.169.254, or to an admin page on 10.0.0.1). A
//! redirect hop may go to a non-public address only from a page answered from
//! the same kind of address, so a list of intranet pages (or a test server on
//! 127.0.0.1) still works, and `--allow-private` lifts the rule. Sources the
//! user lists are fetched as given: only hops are checked.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;
use url::{Host, Url};

/// What an address reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    Public,
    /// 127/8, ::1: this machine.
    Loopback,
    /// 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT, where some
    /// clouds keep their metadata service), fc00::/7, fec0::/10 (the old
    /// site-local range).
    Private,
    /// 169.254/16, fe80::/10: the link, and the metadata service of most clouds.
    LinkLocal,
    /// 0.0.0.0/8 and `::`: connecting there reaches this machine.
    Unspecified,
}

impl AddressKind {
    /// The kind of `ip`; an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is its
    /// IPv4 address.
    pub fn of(ip: IpAddr) -> AddressKind {
        match ip {
            IpAddr::V4(v4) => AddressKind::of_v4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => AddressKind::of_v4(v4),
                None => AddressKind::of_v6(v6),
            },
        }
    }

    fn of_v4(ip: Ipv4Addr) -> AddressKind {
        match ip.octets() {
            [0, ..] => AddressKind::Unspecified,
            [127, ..] => AddressKind::Loopback,
            [10, ..] | [172, 16..=31, ..] | [192, 168, ..] | [100, 64..=127, ..] => AddressKind::Private,
            [169, 254, ..] => AddressKind::LinkLocal,
            _ => AddressKind::Public,
        }
    }

    fn of_v6(ip: Ipv6Addr) -> AddressKind {
        if ip.is_unspecified() {
            return AddressKind::Unspecified;
        }
        if ip.is_loopback() {
            return AddressKind::Loopback;
        }
        match ip.segments()[0] {
            0xfc00..=0xfdff | 0xfec0..=0xfeff => AddressKind::Private,
            0xfe80..=0xfebf => AddressKind::LinkLocal,
            _ => AddressKind::Public,
        }
    }

    fn phrase(self) -> &'static str {
        match self {
            AddressKind::Public => "a public address",
            AddressKind::Loopback => "a loopback address",
            AddressKind::Private => "a private address",
            AddressKind::LinkLocal => "a link-local address",
            AddressKind::Unspecified => "an unspecified address",
        }
    }
}

/// A redirect hop refused, and where it led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedHop {
    pub kind: AddressKind,
    pub ip: IpAddr,
    /// The host name that resolved to `ip`; `None` for an address in the URL.
    pub host: Option<String>,
}

impl fmt::Display for RefusedHop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let where_to = match &self.host {
            Some(host) => format!("`{host}` is {}", self.ip),
            None => self.ip.to_string(),
        };
        write!(
            f,
            "redirect to {} ({where_to}) refused; pass --allow-private to follow it",
            self.kind.phrase()
        )
    }
}

/// The rule: the first of `to`'s addresses a page answered from an address of
/// kind `from` may not redirect to (any public one may; others only when
/// `from` is of their kind).
pub fn refused_address(from: AddressKind, to: &[IpAddr]) -> Option<(AddressKind, IpAddr)> {
    to.iter()
        .map(|&ip| (AddressKind::of(ip), ip))
        .find(|&(kind, _)| kind != AddressKind::Public && kind != from)
}

/// Whether the hop from `from` (answered from `from_ip`, when known) to `to`
/// is refused. A host name is resolved first and every address it gives is
/// judged; nothing is connected to.
pub async fn check_hop(
    from: &Url,
    from_ip: Option<IpAddr>,
    to: &Url,
    timeout: Duration,
) -> Result<(), RefusedHop> {
    let from_kind = match from_ip {
        Some(ip) => AddressKind::of(ip),
        None => common_kind(&addresses(from, timeout).await),
    };
    let to_addresses = addresses(to, timeout).await;
    match refused_address(from_kind, &to_addresses) {
        None => Ok(()),
        Some((kind, ip)) => Err(RefusedHop {
            kind,
            ip,
            host: match to.host() {
                Some(Host::Domain(name)) => Some(name.to_string()),
                _ => None,
            },
        }),
    }
}

/// The kind all these addresses share; `Public` (the strictest start) when
/// they differ or are unknown.
fn common_kind(addresses: &[IpAddr]) -> AddressKind {
    let mut kinds = addresses.iter().map(|&ip| AddressKind::of(ip));
    match kinds.next() {
        Some(first) if kinds.all(|kind| kind == first) => first,
        _ => AddressKind::Public,
    }
}

/// The addresses `url`'s host stands for: the address in the URL, or what its
/// name resolves to (`localhost` included). None when the look-up fails or
/// takes longer than `timeout`: the request then fails on its own.
async fn addresses(url: &Url, timeout: Duration) -> Vec<IpAddr> {
    match url.host() {
        Some(Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        Some(Host::Domain(name)) => {
            let port = url.port_or_known_default().unwrap_or(80);
            match tokio::time::timeout(timeout, tokio::net::lookup_host((name, port))).await {
                Ok(Ok(found)) => found.map(|address| address.ip()).collect(),
                _ => Vec::new(),
            }
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
