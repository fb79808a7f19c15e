//! `domains`' arguments checked into a query. Targets are normalised as the
//! audit's (lowercase, punycode, one `www.` dropped); a graph is
//! domain-level, so a host or URL target counts as its registrable domain,
//! with a notice saying so. `domains` reads no settings file.

use crate::cli::DomainsArgs;
use crate::config::defaults;
use crate::domains::{Query, Sought};
use crate::error::UsageError;
use crate::model::TargetInfo;
use crate::report::{target_label, Format};
use crate::target::{registrable_domain, Target};
use std::path::PathBuf;

/// The `--min-shared` default: what "link intersect" means with two or more targets.
const MIN_SHARED: usize = 2;

/// Everything a `domains` run was asked to do, checked.
pub struct DomainsSettings {
    pub query: Query,
    pub graph: Option<PathBuf>,
    pub from: Option<PathBuf>,
    pub stdout_format: Option<Format>,
    pub outputs: Vec<(PathBuf, Format)>,
    pub csv_bom: bool,
    /// Said on standard error before the run: how a target was read.
    pub notices: Vec<Notice>,
}

/// How an argument was understood, when it was not taken as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A host or URL target stands for its registrable domain in a graph.
    DomainLevel { input: String, domain: String },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::DomainLevel { input, domain } => write!(
                f,
                "note: the graph is domain-level: `{input}` is read as `{domain}` (its registrable domain)"
            ),
        }
    }
}

impl DomainsSettings {
    pub fn from_args(args: DomainsArgs) -> anyhow::Result<DomainsSettings> {
        let by_graph = args.graph.is_some();
        let mut notices = Vec::new();
        let mut targets: Vec<Sought> = Vec::new();
        for input in std::iter::once(&args.target).chain(&args.also) {
            let sought = sought(input, by_graph, &mut notices)?;
            if !targets.iter().any(|t| t.label == sought.label) {
                targets.push(sought);
            }
        }
        let mut excluded: Vec<Sought> = Vec::new();
        for input in &args.exclude {
            let sought = sought(input, by_graph, &mut notices)?;
            if targets.iter().any(|t| t.domain == sought.domain) {
                return Err(UsageError(format!(
                    "--exclude {input}: `{}` is also a target; exclude your own site, and give competitors as TARGET and --also",
                    sought.domain
                ))
                .into());
            }
            excluded.push(sought);
        }
        let min_shared = match args.min_shared {
            Some(0) => return Err(UsageError("--min-shared: give 1 or more".into()).into()),
            Some(n) if n > targets.len() => {
                return Err(UsageError(format!(
                    "--min-shared {n}: there are only {} targets (TARGET and each --also)",
                    targets.len()
                ))
                .into())
            }
            Some(n) => n,
            None => MIN_SHARED.min(targets.len()),
        };
        if args.top == Some(0) {
            return Err(
                UsageError("--top: give 1 or more (leave it out to list every domain)".into()).into(),
            );
        }
        let mut outputs = Vec::new();
        for path in &args.outputs {
            outputs.push((path.clone(), Format::from_path(path).map_err(UsageError)?));
        }
        Ok(DomainsSettings {
            query: Query {
                targets,
                excluded,
                min_shared,
                top: args.top,
            },
            graph: args.graph,
            from: args.from,
            stdout_format: (!args.quiet).then_some(args.format.unwrap_or(defaults::FORMAT)),
            outputs,
            csv_bom: args.csv_bom,
            notices,
        })
    }
}

fn sought(input: &str, by_graph: bool, notices: &mut Vec<Notice>) -> anyhow::Result<Sought> {
    let target = Target::parse(input)?;
    let domain = registrable_domain(&target.host);
    let label = if by_graph {
        domain.clone()
    } else {
        target_label(&TargetInfo::from(&target))
    };
    if by_graph && (domain != target.host || target.path_prefix != "/") {
        notices.push(Notice::DomainLevel {
            input: input.to_string(),
            domain: domain.clone(),
        });
    }
    Ok(Sought {
        label,
        domain,
        target,
    })
}
