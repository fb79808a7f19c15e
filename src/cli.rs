//! Command-line arguments, as parsed by clap. Nothing here has behaviour: values are
//! merged and validated into [`crate::settings`] before any work starts.

use crate::report::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "backlinks",
    version,
    about = "Audit the backlinks of a site: fetch the pages that may link to it, extract every link with its rel, and report the profile.",
    after_help = "Exit codes: 0 ok, 1 a --fail-on condition holds, 2 usage or input error, 130 interrupted.\nExample: backlinks audit example.com --sources links.csv -o report.json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch the sources and report every link to TARGET.
    Audit(Box<AuditArgs>),
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The site audited: a host (`example.com`) or a URL prefix (`https://example.com/blog/`).
    pub target: String,

    /// Pages that may link to the target: URLs, bare hosts, saved HTML files.
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// A list of sources, or another tool's export (CSV/TSV); `-` reads standard input. Repeatable.
    #[arg(long = "sources", value_name = "FILE")]
    pub source_files: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub fetch: FetchArgs,

    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// Exit 1 when a condition holds: toxic, missing, nofollow (comma separated, repeatable).
    #[arg(long = "fail-on", value_name = "LIST", value_delimiter = ',')]
    pub fail_on: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Report format on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,

    /// Also write a report to FILE, format by extension (.csv .json .jsonl .ndjson .md .txt). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Print nothing on standard output (reports still go to -o files).
    #[arg(short, long)]
    pub quiet: bool,

    /// Show the full error chain of failed fetches.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Requests in flight in all.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub concurrency: usize,

    /// Requests in flight to one host.
    #[arg(long = "per-host", value_name = "N", default_value_t = 2)]
    pub per_host: usize,

    /// Minimum gap between the starts of two requests to one host, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub delay: u64,

    /// Time allowed for one request, body included, in seconds (fractions allowed).
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,

    /// Retries after a time-out, a connection error, 429, 502, 503 or 504.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,

    /// First wait before a retry, in milliseconds; doubled each time, capped at the timeout.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub backoff: u64,

    /// Redirects followed before giving up (status `unreachable`).
    #[arg(long = "max-redirects", value_name = "N", default_value_t = 10)]
    pub max_redirects: usize,

    /// Bytes of decoded body read per page (suffixes K, M, KiB, MiB allowed); the rest is skipped and the source marked truncated.
    #[arg(long = "max-page-size", value_name = "BYTES", default_value = "5MiB")]
    pub max_page_size: String,

    /// The User-Agent header sent [default: backlinks/VERSION].
    #[arg(long = "user-agent", value_name = "TEXT")]
    pub user_agent: Option<String>,

    /// Fetch pages that robots.txt disallows.
    #[arg(long = "ignore-robots")]
    pub ignore_robots: bool,
}

#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// A brand term: anchors containing it are `branded` [default: the target's first label]. Repeatable.
    #[arg(long, value_name = "TERM")]
    pub brand: Vec<String>,

    /// A money keyword: anchors equal to it are `exact`, containing it `partial`. Repeatable.
    #[arg(long, value_name = "TERM")]
    pub keyword: Vec<String>,
}
