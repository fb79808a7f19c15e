//! What to add to a disavow file: the toxic referring domains it does not cover
//! yet, as `domain:` lines in a dated block, as many as Google's limits allow.

use super::existing::{domain_name, Existing};
use super::{MAX_BYTES, MAX_LINES, MAX_URL_CHARS};
use std::collections::BTreeSet;

/// Who adds the block, for whom and when.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    /// The audited site, as the header names it: `example.com`, `example.com/blog/`.
    pub target: &'a str,
    /// `YYYY-MM-DD`, UTC.
    pub date: &'a str,
}

/// The change to make.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Bytes to append (the whole file when there was none); empty: leave the file alone.
    pub append: Vec<u8>,
    pub added: Vec<String>,
    /// Toxic domains an existing `domain:` line already covers.
    pub already_present: Vec<String>,
    /// Toxic domains that did not fit within Google's limits.
    pub left_out: Vec<String>,
    /// Toxic "domains" that cannot be a `domain:` line (IP addresses, saved pages).
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn plan(existing: &Existing, toxic: &BTreeSet<String>, stamp: Stamp<'_>) -> Plan {
    let mut plan = Plan::default();
    let mut candidates = BTreeSet::new();
    for domain in toxic {
        match domain_line_host(domain) {
            Ok(host) if existing.covering(&host).is_some() => plan.already_present.push(host),
            Ok(host) => {
                candidates.insert(host);
            }
            Err(reason) => {
                plan.warnings.push(match domain.trim() {
                    "" => {
                        "toxic links on saved pages (no domain) are not added: add their sites by hand".into()
                    }
                    _ => format!("`{domain}` is not added: {reason}"),
                });
                plan.skipped.push(domain.clone());
            }
        }
    }
    plan.already_present.sort();
    plan.already_present.dedup();
    if existing.lines > MAX_LINES || existing.bytes > MAX_BYTES {
        plan.warnings.push(format!(
            "the file already has {} lines and {} bytes, over Google's limits of {MAX_LINES} lines and {MAX_BYTES} bytes: Google will refuse it",
            existing.lines, existing.bytes
        ));
    }
    if candidates.is_empty() {
        return plan;
    }

    let nl = existing.newline;
    let fresh = existing.bytes == 0;
    let mut text = String::new();
    if fresh {
        for line in header(stamp) {
            text.push_str(&line);
            text.push_str(nl);
        }
    } else {
        if !existing.ends_with_newline {
            text.push_str(nl);
        }
        text.push_str(nl); // a blank line before the new block
    }
    let block = |count: usize| {
        let s = if count == 1 { "" } else { "s" };
        format!(
            "# Added by backlinks {VERSION} on {} for {}: {count} domain{s}{nl}",
            stamp.date, stamp.target
        )
    };
    // The block comment with the largest count is the longest it can be.
    let mut lines = existing.lines + text.matches(nl).count() + 1;
    if !fresh && !existing.ends_with_newline {
        lines -= 1; // that break ends the last line; it does not start a new one
    }
    let mut bytes = existing.bytes + text.len() + block(candidates.len()).len();
    let mut fitting = Vec::new();
    let mut limit_hit = None;
    for host in candidates {
        let line_bytes = "domain:".len() + host.len() + nl.len();
        if limit_hit.is_some() {
            plan.left_out.push(host);
        } else if lines + 1 > MAX_LINES {
            limit_hit = Some(format!("{MAX_LINES} lines"));
            plan.left_out.push(host);
        } else if bytes + line_bytes > MAX_BYTES {
            limit_hit = Some(format!("{MAX_BYTES} bytes"));
            plan.left_out.push(host);
        } else {
            lines += 1;
            bytes += line_bytes;
            fitting.push(host);
        }
    }
    if let Some(limit) = limit_hit {
        plan.warnings.push(format!(
            "{} domain{} left out: adding {} would pass Google's limit of {limit}: {}",
            plan.left_out.len(),
            if plan.left_out.len() == 1 { "" } else { "s" },
            if plan.left_out.len() == 1 { "it" } else { "them" },
            sample(&plan.left_out)
        ));
    }
    if fitting.is_empty() {
        return plan;
    }
    text.push_str(&block(fitting.len()));
    for host in &fitting {
        text.push_str("domain:");
        text.push_str(host);
        text.push_str(nl);
    }
    plan.append = text.into_bytes();
    plan.added = fitting;
    plan
}

/// The comment that opens a new disavow file.
fn header(stamp: Stamp<'_>) -> [String; 7] {
    [
        format!(
            "# Disavow file for {}, written by backlinks {VERSION} on {}.",
            stamp.target, stamp.date
        ),
        "# Each `domain:` line is a referring domain with at least one link that backlinks".into(),
        "# judged toxic; the audit report lists the flags behind each one.".into(),
        "# The tool proposes, a person decides: review every line, and delete the domains".into(),
        "# whose links you want to keep, before uploading this file in Google Search Console.".into(),
        "# Google advises disavowing only clearly manipulative links. An upload replaces the".into(),
        "# list Google has; later runs keep every line here and add new domains at the end.".into(),
    ]
}

/// A referring domain as a `domain:` line takes it: lowercase ASCII, no scheme,
/// path, port or leading dot, and a name rather than an IP address.
fn domain_line_host(domain: &str) -> Result<String, &'static str> {
    let trimmed = domain.trim().trim_end_matches('.');
    if let Ok(url::Host::Ipv4(_) | url::Host::Ipv6(_)) = url::Host::parse(trimmed) {
        return Err(
            "an IP address cannot be a `domain:` line; list its URLs by hand if you mean to disavow them",
        );
    }
    let host = domain_name(trimmed).ok_or("it is not a domain name")?;
    if "domain:".len() + host.len() > MAX_URL_CHARS {
        return Err("it is longer than Google accepts");
    }
    Ok(host)
}

/// Up to five names, then how many more.
fn sample(names: &[String]) -> String {
    let shown = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    match names.len().saturating_sub(5) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

#[cfg(test)]
mod tests;
