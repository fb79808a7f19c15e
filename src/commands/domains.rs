//! `backlinks domains TARGET [--also COMPETITOR]... (--graph BASENAME | --from FILE)`:
//! arguments and report files checked first; then the graph opened (its
//! indexes built once, with a line and a bar on standard error) and/or the
//! discovered links read; then the answer reported.

mod progress;

use super::output::{self, create_report_file, ReportsNotWritten};
use crate::cli::DomainsArgs;
use crate::domains::{self, Found};
use crate::error::Outcome;
use crate::graph::{Graph, Progress, Silent};
use crate::model::{Basis, DomainsReport, DomainsSummary, Tool, DOMAINS_SCHEMA_VERSION};
use crate::report::{self, atomic::AtomicFile, Format};
use crate::settings::DomainsSettings;
use std::io;
use std::time::SystemTime;

pub fn domains(args: DomainsArgs) -> anyhow::Result<Outcome> {
    let settings = DomainsSettings::from_args(args)?;
    for notice in &settings.notices {
        eprintln!("{notice}");
    }
    let files = open_files(&settings)?;
    let started_at = now();
    let progress: Box<dyn Progress> = match settings.stdout_format {
        Some(_) => Box::new(progress::Bar::new()),
        None => Box::new(Silent),
    };
    let query = &settings.query;
    let mut found = Found::default();
    let mut inputs = Vec::new();
    if let Some(basename) = &settings.graph {
        let graph = Graph::open(basename, progress.as_ref())?;
        // Rows the archive may add pages to are all kept; else only those listed.
        let limit = query.top.filter(|_| settings.from.is_none());
        let (from_graph, unknown) = domains::from_graph(&graph, query, limit)?;
        for domain in unknown {
            eprintln!("note: --exclude {domain}: not in the graph, so no domain is left out for it");
        }
        found = from_graph;
        inputs.push(basename.display().to_string());
    }
    if let Some(path) = &settings.from {
        let links = domains::read_links(path)?;
        let from_links = domains::from_links(&links, query);
        found = match settings.graph {
            Some(_) => domains::merge(found, from_links),
            None => from_links,
        };
        inputs.push(path.display().to_string());
    }
    let answer = domains::finish(found, query);
    let report = DomainsReport {
        schema_version: DOMAINS_SCHEMA_VERSION,
        tool: Tool::current(),
        started_at,
        finished_at: now(),
        summary: DomainsSummary {
            basis: if settings.graph.is_some() {
                Basis::Graph
            } else {
                Basis::Discovered
            },
            input: inputs.join(" and "),
            targets: answer.targets,
            excluded: query.excluded.iter().map(|e| e.domain.clone()).collect(),
            min_shared: query.min_shared as u64,
            matched: answer.matched,
            listed: answer.domains.len() as u64,
        },
        domains: answer.domains,
    };
    write_reports(&settings, &report, files)?;
    Ok(Outcome::Clean)
}

fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// Each `-o` file's temporary, created now so an unwritable path fails
/// before the graph is read.
fn open_files(settings: &DomainsSettings) -> anyhow::Result<Vec<(AtomicFile, Format)>> {
    settings
        .outputs
        .iter()
        .map(|(path, format)| Ok((create_report_file(path)?, *format)))
        .collect()
}

/// Files first, so a reader that closes standard output early (`| head`)
/// does not cost them; one file that cannot be written does not cost the others.
fn write_reports(
    settings: &DomainsSettings,
    report: &DomainsReport,
    files: Vec<(AtomicFile, Format)>,
) -> anyhow::Result<()> {
    let total = files.len();
    let mut failures = Vec::new();
    for (mut file, format) in files {
        let path = file.path().to_path_buf();
        let written = file.writer().and_then(|mut out| {
            report::domains::render(report, format, output::file_options(settings.csv_bom), &mut out)
        });
        if let Err(error) = written.and_then(|()| file.commit()) {
            failures.push((path, error));
        }
    }
    if let Some(format) = settings.stdout_format {
        let mut out = io::BufWriter::new(io::stdout());
        report::domains::render(report, format, output::stdout_options(settings.csv_bom), &mut out)?;
    }
    Ok(ReportsNotWritten::check(failures, total)?)
}
