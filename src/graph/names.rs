//! Common Crawl names a domain graph's vertices with the labels reversed
//! (`com.example`, `uk.co.bbc`), IDN ones in punycode (`com.xn--bcher-kva`);
//! people write them the other way round.

/// `example.com` → `com.example`.
pub fn to_graph_name(domain: &str) -> String {
    reverse(domain)
}

/// `com.example` → `example.com`.
pub fn from_graph_name(name: &str) -> String {
    reverse(name)
}

fn reverse(name: &str) -> String {
    let mut labels: Vec<&str> = name.split('.').collect();
    labels.reverse();
    labels.join(".")
}
