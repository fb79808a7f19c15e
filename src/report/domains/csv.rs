//! The domains as CSV: a row per domain from a graph, a row per page from
//! discovered links (the domain's columns repeated). `source_url` comes first
//! so that `audit --sources` reads it; `links_to` joins the targets with spaces.

use super::{home_page, value};
use crate::model::{DomainsReport, ReferringDomain, ReferringPage};
use crate::report::csv::{safe_cell, start, write_record};
use std::borrow::Cow;
use std::io::{self, Write};

pub const COLUMNS: [&str; 13] = [
    "source_url",
    "domain",
    "links_to",
    "shared",
    "harmonic_rank",
    "harmonic_value",
    "pagerank_rank",
    "pagerank_value",
    "hosts",
    "target",
    "target_url",
    "anchor_text",
    "link_type",
];

pub(super) fn write(report: &DomainsReport, bom: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = start(out, bom)?;
    write_record(&mut csv, &COLUMNS)?;
    for row in &report.domains {
        if row.pages.is_empty() {
            write_record(&mut csv, &cells(row, None))?;
        }
        for page in &row.pages {
            write_record(&mut csv, &cells(row, Some(page)))?;
        }
    }
    csv.flush()
}

fn cells(row: &ReferringDomain, page: Option<&ReferringPage>) -> Vec<Cow<'static, str>> {
    let authority = row.authority;
    let cells = [
        page.map_or_else(|| home_page(row), |p| p.source_url.clone()),
        row.domain.clone(),
        row.links_to.join(" "),
        row.links_to.len().to_string(),
        authority.map(|a| a.harmonic_rank.to_string()).unwrap_or_default(),
        authority.map(|a| value(a.harmonic_value)).unwrap_or_default(),
        authority.map(|a| a.pagerank_rank.to_string()).unwrap_or_default(),
        authority.map(|a| value(a.pagerank_value)).unwrap_or_default(),
        row.hosts.map(|h| h.to_string()).unwrap_or_default(),
        page.map(|p| p.target.clone()).unwrap_or_default(),
        page.map(|p| p.target_url.clone()).unwrap_or_default(),
        page.map(|p| p.anchor_text.clone()).unwrap_or_default(),
        page.map(|p| p.link_type.as_str().to_string()).unwrap_or_default(),
    ];
    cells
        .into_iter()
        .map(|cell| Cow::Owned(safe_cell(Cow::Owned(cell)).into_owned()))
        .collect()
}
