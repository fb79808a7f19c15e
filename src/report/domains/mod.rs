//! `domains`: referring domains and link intersect, in every format. The
//! CSV has a `source_url` column (`https://DOMAIN/` for a graph's row, the
//! page for a discovered link's), so it is a valid `audit --sources` file:
//! the pages behind a domain can be checked live (docs/domains-output.md).

mod csv;
mod html;
mod json;
mod jsonl;
mod markdown;
mod table;

pub use self::csv::COLUMNS;

use super::text::plural;
use super::{Format, RenderOptions};
use crate::model::{Basis, DomainsReport, ReferringDomain};
use std::io::{self, Write};

/// Writes `report` as `format` and flushes.
pub fn render(
    report: &DomainsReport,
    format: Format,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => out.write_all(table::render(report, options).as_bytes())?,
        Format::Markdown => out.write_all(markdown::render(report).as_bytes())?,
        Format::Json => json::write(report, &mut *out)?,
        Format::Jsonl => jsonl::write(report, &mut *out)?,
        Format::Csv => csv::write(report, options.csv_bom, &mut *out)?,
        Format::Html => out.write_all(html::render(report).as_bytes())?,
    }
    out.flush()
}

/// What the report answers, in a line: "Referring domains of a.com", or the
/// link intersect with its threshold and exclusions.
fn title(report: &DomainsReport) -> String {
    let s = &report.summary;
    let targets: Vec<&str> = s.targets.iter().map(|t| t.target.as_str()).collect();
    let mut title = if targets.len() == 1 {
        format!("Referring domains of {}", targets[0])
    } else {
        format!(
            "Link intersect: domains linking to at least {} of {}",
            s.min_shared,
            targets.join(", ")
        )
    };
    if !s.excluded.is_empty() {
        title.push_str(&format!(", not to {}", s.excluded.join(", ")));
    }
    title
}

/// The summary as label and value lines, shared by the table and Markdown.
fn summary_lines(report: &DomainsReport) -> Vec<(&'static str, String)> {
    let s = &report.summary;
    let source = match s.basis {
        Basis::Graph => format!("web graph {}", s.input),
        Basis::Discovered => format!("links discovered in {}", s.input),
    };
    let mut lines = vec![("Source", source)];
    for target in &s.targets {
        lines.push((
            "Target",
            format!(
                "{}: {}",
                target.target,
                plural(target.referring_domains as usize, "referring domain")
            ),
        ));
    }
    let listed = if s.listed < s.matched {
        format!("{} (the best {} listed)", s.matched, s.listed)
    } else {
        s.matched.to_string()
    };
    lines.push(("Domains found", listed));
    lines
}

/// The URL a domain's row stands for in `audit --sources`: its home page.
fn home_page(row: &ReferringDomain) -> String {
    format!("https://{}/", row.domain)
}

/// A harmonic-centrality or PageRank value as reports print it: the file's
/// own digits (Rust prints the shortest text that reads back the same).
fn value(number: f64) -> String {
    number.to_string()
}

#[cfg(test)]
mod tests;
