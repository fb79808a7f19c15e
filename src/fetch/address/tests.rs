//! The address classes at every range's edges, and the hop rule.

use super::*;
use AddressKind::*;

fn kind(text: &str) -> AddressKind {
    AddressKind::of(text.parse().unwrap_or_else(|e| panic!("{text}: {e}")))
}

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

#[test]
fn ipv4_ranges_at_their_edges() {
    let cases = [
        ("0.0.0.0", Unspecified),
        ("0.255.255.255", Unspecified),
        ("1.0.0.0", Public),
        ("9.255.255.255", Public),
        ("10.0.0.0", Private),
        ("10.255.255.255", Private),
        ("11.0.0.0", Public),
        ("100.63.255.255", Public),
        ("100.64.0.0", Private),
        ("100.127.255.255", Private),
        ("100.128.0.0", Public),
        ("126.255.255.255", Public),
        ("127.0.0.0", Loopback),
        ("127.0.0.1", Loopback),
        ("127.255.255.255", Loopback),
        ("128.0.0.0", Public),
        ("169.253.255.255", Public),
        ("169.254.0.0", LinkLocal),
        ("169.254.169.254", LinkLocal),
        ("169.254.255.255", LinkLocal),
        ("169.255.0.0", Public),
        ("172.15.255.255", Public),
        ("172.16.0.0", Private),
        ("172.31.255.255", Private),
        ("172.32.0.0", Public),
        ("192.167.255.255", Public),
        ("192.168.0.0", Private),
        ("192.168.255.255", Private),
        ("192.169.0.0", Public),
        ("93.184.216.34", Public),
        ("8.8.8.8", Public),
    ];
    for (address, expected) in cases {
        assert_eq!(kind(address), expected, "{address}");
    }
}

#[test]
fn ipv6_ranges_at_their_edges() {
    let cases = [
        ("::", Unspecified),
        ("::1", Loopback),
        ("::2", Public),
        ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Public),
        ("fc00::", Private),
        ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Private),
        ("fe00::", Public),
        ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Public),
        ("fe80::", LinkLocal),
        ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", LinkLocal),
        ("fec0::", Private),
        ("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Private),
        ("ff02::1", Public),
        ("2606:2800:220:1:248:1893:25c8:1946", Public),
    ];
    for (address, expected) in cases {
        assert_eq!(kind(address), expected, "{address}");
    }
}

#[test]
fn ipv4_mapped_addresses_are_their_ipv4_address() {
    assert_eq!(kind("::ffff:127.0.0.1"), Loopback);
    assert_eq!(kind("::ffff:10.0.0.1"), Private);
    assert_eq!(kind("::ffff:169.254.169.254"), LinkLocal);
    assert_eq!(kind("::ffff:0.0.0.0"), Unspecified);
    assert_eq!(kind("::ffff:a9fe:a9fe"), LinkLocal, "hex form");
    assert_eq!(kind("::ffff:93.184.216.34"), Public);
}

#[test]
fn a_public_page_may_redirect_only_to_public_addresses() {
    let public = kind("93.184.216.34");
    assert_eq!(public, Public);
    for to in [
        "127.0.0.1",
        "10.0.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "::1",
        "fd00::1",
        "::ffff:192.168.1.1",
    ] {
        assert_eq!(
            refused_address(public, &[ip(to)]),
            Some((kind(to), ip(to))),
            "{to}"
        );
    }
    assert_eq!(refused_address(public, &[ip("8.8.8.8"), ip("2001:db8::1")]), None);
}

#[test]
fn a_non_public_page_may_redirect_to_its_own_kind_and_to_public_addresses() {
    let loopback = kind("127.0.0.1");
    assert_eq!(refused_address(loopback, &[ip("127.0.0.2"), ip("::1")]), None);
    assert_eq!(refused_address(loopback, &[ip("93.184.216.34")]), None);
    assert_eq!(
        refused_address(loopback, &[ip("169.254.169.254")]),
        Some((LinkLocal, ip("169.254.169.254")))
    );
    assert_eq!(
        refused_address(loopback, &[ip("10.0.0.1")]),
        Some((Private, ip("10.0.0.1")))
    );
    assert_eq!(
        refused_address(loopback, &[ip("0.0.0.0")]),
        Some((Unspecified, ip("0.0.0.0")))
    );
    let private = kind("10.0.0.1");
    assert_eq!(refused_address(private, &[ip("192.168.1.1")]), None);
    assert_eq!(
        refused_address(private, &[ip("127.0.0.1")]),
        Some((Loopback, ip("127.0.0.1")))
    );
}

#[test]
fn a_name_is_refused_when_any_of_its_addresses_is() {
    let mixed = [ip("93.184.216.34"), ip("10.0.0.1")];
    assert_eq!(refused_address(Public, &mixed), Some((Private, ip("10.0.0.1"))));
}

#[test]
fn the_kind_of_an_unknown_page_is_the_strictest() {
    assert_eq!(common_kind(&[]), Public);
    assert_eq!(common_kind(&[ip("127.0.0.1"), ip("::1")]), Loopback);
    assert_eq!(common_kind(&[ip("127.0.0.1"), ip("10.0.0.1")]), Public);
}

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

const SECOND: Duration = Duration::from_secs(1);

#[tokio::test]
async fn hops_are_judged_on_literal_addresses_without_connecting() {
    let public = Some(ip("93.184.216.34"));
    let from = url("http://93.184.216.34/");
    let refused = check_hop(&from, public, &url("http://127.0.0.1:8080/admin"), SECOND)
        .await
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "redirect to a loopback address (127.0.0.1) refused; pass --allow-private to follow it"
    );
    let metadata = url("http://169.254.169.254/latest/meta-data/");
    let refused = check_hop(&from, public, &metadata, SECOND).await.unwrap_err();
    assert_eq!(refused.kind, LinkLocal);
    let mapped = url("http://[::ffff:10.0.0.1]/");
    assert_eq!(
        check_hop(&from, public, &mapped, SECOND).await.unwrap_err().kind,
        Private
    );
    // The URL parser reads other spellings of an IPv4 address as that address.
    let hex = url("http://0x7f.1/");
    assert_eq!(
        check_hop(&from, public, &hex, SECOND).await.unwrap_err().ip,
        ip("127.0.0.1")
    );
    let onward = url("http://93.184.216.35/");
    assert_eq!(check_hop(&from, public, &onward, SECOND).await, Ok(()));
}

#[tokio::test]
async fn localhost_is_resolved_and_is_loopback() {
    let from = url("http://93.184.216.34/");
    let refused = check_hop(
        &from,
        Some(ip("93.184.216.34")),
        &url("http://localhost:9/"),
        SECOND,
    )
    .await
    .unwrap_err();
    assert_eq!(refused.kind, Loopback);
    assert_eq!(refused.host.as_deref(), Some("localhost"));
    assert!(
        refused
            .to_string()
            .starts_with("redirect to a loopback address (`localhost` is "),
        "{refused}"
    );
    let loopback = url("http://127.0.0.1/");
    assert_eq!(
        check_hop(
            &loopback,
            Some(ip("127.0.0.1")),
            &url("http://localhost:9/"),
            SECOND
        )
        .await,
        Ok(())
    );
    // Unknown address of the redirecting page: its name decides.
    assert_eq!(
        check_hop(
            &url("http://localhost/"),
            None,
            &url("http://127.0.0.1:9/"),
            SECOND
        )
        .await,
        Ok(())
    );
}
