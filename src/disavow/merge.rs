//! What to add to a disavow file: the toxic referring domains it does not cover
//! yet, as `domain:` lines in a dated block, each after a comment saying why,
//! as many as Google's limits allow.

use super::evidence::{Evidence, Proposals};
use super::existing::{domain_name, Existing};
use super::{MAX_BYTES, MAX_LINES, MAX_URL_CHARS};
use std::collections::BTreeMap;
use std::fmt;

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

/// What to append to `existing` so that it covers the `toxic` referring domains.
pub fn plan(existing: &Existing, toxic: &Proposals, stamp: Stamp<'_>) -> Plan {
    let mut plan = Plan::default();
    let candidates = plan.sort_out(existing, toxic);
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
    let mut text = opening(existing, stamp);
    // The block comment with the largest count is the longest it can be.
    let longest_comment = block_comment(stamp, candidates.len(), nl);
    let fit = fit(
        size_before_domains(existing, &text, &longest_comment),
        candidates,
        nl,
    );
    plan.left_out = fit.left_out;
    if let Some(limit) = fit.limit {
        plan.warnings.push(left_out_warning(&plan.left_out, limit));
    }
    if fit.hosts.is_empty() {
        return plan;
    }
    text.push_str(&block_comment(stamp, fit.hosts.len(), nl));
    for (host, evidence) in &fit.hosts {
        text.push_str(&entry(host, evidence, nl));
    }
    plan.append = text.into_bytes();
    plan.added = fit.hosts.into_iter().map(|(host, _)| host).collect();
    plan
}

/// One proposed domain: the comment saying why, then its `domain:` line.
fn entry(host: &str, evidence: &Evidence, nl: &str) -> String {
    format!("# {evidence}{nl}domain:{host}{nl}")
}

/// Lines of one [`entry`].
const ENTRY_LINES: usize = 2;

impl Plan {
    /// Notes the toxic domains that an existing line covers or that no
    /// `domain:` line can name; returns the others, the ones to add, with
    /// the evidence of every spelling of each.
    fn sort_out(&mut self, existing: &Existing, toxic: &Proposals) -> Proposals {
        let mut candidates = Proposals::new();
        for (domain, evidence) in toxic {
            match domain_line_host(domain) {
                Ok(host) if existing.covering(&host).is_some() => self.already_present.push(host),
                Ok(host) => candidates.entry(host).or_default().merge(evidence),
                Err(reason) => {
                    self.warnings.push(match domain.trim() {
                        "" => "toxic links on saved pages (no domain) are not added: add their sites by hand"
                            .into(),
                        _ => format!("`{domain}` is not added: {reason}"),
                    });
                    self.skipped.push(domain.clone());
                }
            }
        }
        self.already_present.sort();
        self.already_present.dedup();
        candidates
    }
}

/// What goes before the new block: the header of a new file, or the line
/// break an existing file lacks and a blank line.
fn opening(existing: &Existing, stamp: Stamp<'_>) -> String {
    let nl = existing.newline;
    let mut text = String::new();
    if existing.bytes == 0 {
        for line in header(stamp) {
            text.push_str(&line);
            text.push_str(nl);
        }
    } else {
        if !existing.ends_with_newline {
            text.push_str(nl);
        }
        text.push_str(nl);
    }
    text
}

/// The comment that opens the block of `count` new domains.
fn block_comment(stamp: Stamp<'_>, count: usize, nl: &str) -> String {
    let s = crate::words::s(count);
    format!(
        "# Added by backlinks {VERSION} on {} for {}: {count} domain{s}{nl}",
        stamp.date, stamp.target
    )
}

/// A file's size as Google counts it.
#[derive(Debug, Clone, Copy)]
struct Size {
    lines: usize,
    bytes: usize,
}

impl Size {
    /// The limit that `lines` more lines of `bytes` bytes in all would pass, if any.
    fn passed_by(self, lines: usize, bytes: usize) -> Option<Limit> {
        if self.lines + lines > MAX_LINES {
            Some(Limit::Lines)
        } else if self.bytes + bytes > MAX_BYTES {
            Some(Limit::Bytes)
        } else {
            None
        }
    }
}

/// One of Google's limits, as the warnings name it.
#[derive(Debug, Clone, Copy)]
enum Limit {
    Lines,
    Bytes,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Lines => write!(f, "{MAX_LINES} lines"),
            Limit::Bytes => write!(f, "{MAX_BYTES} bytes"),
        }
    }
}

/// The file's size once `opening` and `comment` are appended to it.
fn size_before_domains(existing: &Existing, opening: &str, comment: &str) -> Size {
    let mut lines = existing.lines + opening.matches(existing.newline).count() + 1;
    if existing.bytes != 0 && !existing.ends_with_newline {
        lines -= 1; // that break ends the last line; it does not start a new one
    }
    Size {
        lines,
        bytes: existing.bytes + opening.len() + comment.len(),
    }
}

/// The candidates split at the first one that would pass one of Google's limits.
struct Fit {
    /// The hosts to add, in order, with their evidence.
    hosts: Vec<(String, Evidence)>,
    /// The first host that did not fit, and every one after it.
    left_out: Vec<String>,
    /// The limit that first host would have passed.
    limit: Option<Limit>,
}

/// Takes entries (comment and `domain:` line), in order, while the file stays
/// within Google's limits.
fn fit(mut size: Size, candidates: BTreeMap<String, Evidence>, nl: &str) -> Fit {
    let mut hosts = Vec::new();
    let mut rest = candidates.into_iter();
    for (host, evidence) in rest.by_ref() {
        let bytes = entry(&host, &evidence, nl).len();
        if let Some(limit) = size.passed_by(ENTRY_LINES, bytes) {
            let left_out = std::iter::once(host).chain(rest.map(|(h, _)| h)).collect();
            return Fit {
                hosts,
                left_out,
                limit: Some(limit),
            };
        }
        size.lines += ENTRY_LINES;
        size.bytes += bytes;
        hosts.push((host, evidence));
    }
    Fit {
        hosts,
        left_out: Vec::new(),
        limit: None,
    }
}

/// Says how many domains `limit` kept out, and names the first few.
fn left_out_warning(left_out: &[String], limit: Limit) -> String {
    let one = left_out.len() == 1;
    format!(
        "{} domain{} left out: adding {} would pass Google's limit of {limit}: {}",
        left_out.len(),
        if one { "" } else { "s" },
        if one { "it" } else { "them" },
        sample(left_out)
    )
}

/// The comment that opens a new disavow file.
fn header(stamp: Stamp<'_>) -> [String; 7] {
    [
        format!(
            "# Disavow file for {}, written by backlinks {VERSION} on {}.",
            stamp.target, stamp.date
        ),
        "# Each `domain:` line is a referring domain with at least one link that backlinks".into(),
        "# judged toxic; the comment above it names the risk flags behind that judgement.".into(),
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
