//! `discover`'s arguments checked into what a scan needs. `discover` reads no
//! settings file: the file tunes how an audit judges and fetches a site,
//! while a scan's few knobs are per run.

use super::bounds;
use crate::archive::RemoteOptions;
use crate::archive::{self as manifest, Location, Shard};
use crate::cli::DiscoverArgs;
use crate::config::defaults;
use crate::discover::Sought;
use crate::model::TargetInfo;
use crate::report::target_label;
use crate::report::Format;
use crate::target::Target;
use std::path::PathBuf;
use std::time::Duration;

/// What a `-o` file of `discover` holds, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Report(Format),
    /// `.parquet`: the links, one row each.
    Parquet,
}

impl Output {
    fn from_path(path: &std::path::Path) -> Result<Output, String> {
        let parquet = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
        if parquet {
            return Ok(Output::Parquet);
        }
        Format::from_path(path)
            .map(Output::Report)
            .map_err(|m| format!("{m} (discover also writes .parquet)"))
    }
}

/// Everything a `discover` run was asked to do, checked.
pub struct DiscoverSettings {
    /// `TARGET` first, then each `--also`, each once.
    pub sought: Vec<Sought>,
    /// After `--shard`.
    pub archives: Vec<Location>,
    pub threads: usize,
    /// Pages parsed at once: every core.
    pub parsers: usize,
    pub max_page: usize,
    pub parse_timeout: Duration,
    pub remote: RemoteOptions,
    pub stdout_format: Option<Format>,
    pub outputs: Vec<(PathBuf, Output)>,
    pub csv_bom: bool,
    pub verbose: bool,
}

impl DiscoverSettings {
    /// A usage error (exit 2) names the flag and the bound.
    pub fn from_args(args: DiscoverArgs) -> anyhow::Result<DiscoverSettings> {
        let flag = |name: &'static str| move |m: String| anyhow::anyhow!("--{name}: {m}");
        let sought = sought(&args.target, &args.also)?;
        let base = args
            .base_url
            .as_deref()
            .map(|b| manifest::parse_base_url(b).map_err(flag("base-url")))
            .transpose()?;
        let mut archives = match &args.manifest {
            Some(list) => manifest::read_manifest(list, base.as_ref())?,
            None => args
                .archives
                .iter()
                .map(|entry| Location::parse(entry, base.as_ref()).map_err(|m| anyhow::anyhow!("{m}")))
                .collect::<anyhow::Result<_>>()?,
        };
        if let Some(shard) = &args.shard {
            let shard: Shard = shard.parse().map_err(flag("shard"))?;
            archives = shard.select(archives);
        }
        let timeout =
            bounds::timeout(args.timeout.unwrap_or(defaults::TIMEOUT_SECS)).map_err(flag("timeout"))?;
        let max_page = match &args.max_page_size {
            Some(text) => bounds::page_size(text).map_err(flag("max-page-size"))?,
            None => defaults::MAX_PAGE_SIZE,
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = bounds::in_flight(args.concurrency.unwrap_or(cores), bounds::MAX_CONCURRENCY)
            .map_err(flag("concurrency"))?;
        let retries = bounds::at_most(
            args.retries.unwrap_or(defaults::RETRIES),
            bounds::MAX_RETRIES,
            "too many retries",
        )
        .map_err(flag("retries"))?;
        let backoff = bounds::millis(
            args.backoff.unwrap_or(defaults::BACKOFF_MS),
            bounds::MAX_BACKOFF_MS,
            "too long a backoff",
        )
        .map_err(flag("backoff"))?;
        let mut outputs = Vec::new();
        for path in &args.outputs {
            let output = Output::from_path(path).map_err(|m| anyhow::anyhow!(m))?;
            outputs.push((path.clone(), output));
        }
        Ok(DiscoverSettings {
            sought,
            archives,
            threads,
            parsers: cores,
            max_page,
            parse_timeout: timeout,
            remote: RemoteOptions {
                timeout,
                retries,
                backoff,
                user_agent: args.user_agent.unwrap_or_else(defaults::user_agent),
            },
            stdout_format: (!args.quiet).then_some(args.format.unwrap_or(defaults::FORMAT)),
            outputs,
            csv_bom: args.csv_bom,
            verbose: args.verbose,
        })
    }
}

/// The targets, each once, in the order given.
fn sought(target: &str, also: &[String]) -> anyhow::Result<Vec<Sought>> {
    let mut sought: Vec<Sought> = Vec::new();
    for input in std::iter::once(target).chain(also.iter().map(String::as_str)) {
        let target = Target::parse(input)?;
        let label = target_label(&TargetInfo::from(&target));
        if !sought.iter().any(|s| s.label == label) {
            sought.push(Sought { target, label });
        }
    }
    Ok(sought)
}
