//! Command-line arguments, as parsed by clap. Nothing here has behaviour: values are
//! merged with the settings file and validated into `settings` before any
//! work starts. A setting with a default is an `Option` here, so the merge can tell
//! a value given on the command line (it replaces the file's) from one left out;
//! the defaults live in [`crate::config::defaults`] and `--help` shows them.

use crate::config::defaults::{self, help};
use crate::render::RenderMode;
use crate::report::audit::Only;
use crate::report::Format;
use crate::store::AuditId;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::{de, Deserialize, Deserializer};
use std::path::PathBuf;
use std::str::FromStr;

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
    /// Write a starting settings file: every setting with its default, commented out.
    Init(InitArgs),
    /// List the saved audits, newest first.
    History(HistoryArgs),
    /// Print a saved audit again, in any format, without fetching anything.
    Show(ShowArgs),
    /// Compare two saved audits of one target: new, lost, unverified and changed links.
    Diff(DiffArgs),
    /// Find links to TARGET (and competitors) in web archives: WARC and Common Crawl WAT files.
    Discover(Box<DiscoverArgs>),
    /// Referring domains of TARGET, and link intersect with competitors, from Common Crawl's web graph or discovered links.
    Domains(Box<DomainsArgs>),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,

    /// Where to write it.
    #[arg(long, value_name = "FILE", default_value = defaults::CONFIG_FILE)]
    pub path: PathBuf,
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

    /// Exit 1 when a condition holds: toxic, missing, nofollow, lost, broken-target (comma separated, repeatable).
    #[arg(long = "fail-on", value_name = "LIST", value_delimiter = ',', value_parser = FailOn::parse)]
    pub fail_on: Vec<FailOn>,

    /// The history database the audit is saved to
    /// [default: $BACKLINKS_DB, else backlinks/history.db in the platform's data directory].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Do not save this audit in the history database.
    #[arg(long = "no-save", conflicts_with = "resume")]
    pub no_save: bool,

    /// Continue the latest partial (interrupted) audit of TARGET: fetch only the sources it lacks.
    #[arg(long)]
    pub resume: bool,

    /// Ask every distinct page the backlinks point to what it answers, once each, and list the broken ones.
    #[arg(long = "check-targets")]
    pub check_targets: bool,

    /// Also load pages in headless Chromium to read the links scripts build: never, auto (pages
    /// without a link that run scripts) or always [default: never].
    #[arg(long, value_name = "WHEN", value_enum)]
    pub render: Option<RenderMode>,

    /// Settings file; values given on the command line replace the file's
    /// [default: backlinks.toml in the current directory, if there is one].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// The site whose backlinks are sought: a host or a URL prefix, as for `audit`.
    pub target: String,

    /// WARC or WAT files, plain or gzip: paths, `-` for standard input, or http(s) URLs.
    #[arg(
        value_name = "ARCHIVE",
        required_unless_present = "manifest",
        conflicts_with = "manifest"
    )]
    pub archives: Vec<String>,

    /// A competitor, sought in the same pass; each link names the target it points at. Repeatable.
    #[arg(long = "also", value_name = "COMPETITOR")]
    pub also: Vec<String>,

    /// A list of archives, one a line, plain or .gz (Common Crawl's warc.paths.gz, wat.paths.gz); `-` reads standard input.
    #[arg(long = "archives", value_name = "FILE")]
    pub manifest: Option<String>,

    /// Joined to the relative entries of --archives [Common Crawl: https://data.commoncrawl.org/].
    #[arg(long = "base-url", value_name = "URL")]
    pub base_url: Option<String>,

    /// Read every N-th archive of the list, starting at I (0-based), so N workers cover it without overlap.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,

    #[arg(long, value_enum, help = help("Report format on standard output", defaults::FORMAT))]
    pub format: Option<Format>,

    /// Also write the links to FILE, format by extension (.csv .json .jsonl .ndjson .md .txt .parquet). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Print nothing on standard output (reports still go to -o files).
    #[arg(short, long)]
    pub quiet: bool,

    /// Name every damaged record on standard error, not only the first few.
    #[arg(short, long)]
    pub verbose: bool,

    /// Start CSV reports with a UTF-8 byte order mark, so Excel shows non-ASCII text right.
    #[arg(long = "csv-bom")]
    pub csv_bom: bool,

    /// Archives read at once [default: the number of cores].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,

    #[arg(long, value_name = "SECS", help = help(
        "Time allowed without progress on a remote archive, and for parsing one page, in seconds (fractions allowed)",
        defaults::TIMEOUT_SECS,
    ))]
    pub timeout: Option<f64>,

    #[arg(long, value_name = "N", help = help(
        "Retries of a remote archive after an error or a dropped connection (resumed with a Range request)",
        defaults::RETRIES,
    ))]
    pub retries: Option<u32>,

    #[arg(long, value_name = "MS", help = help(
        "First wait before a retry, in milliseconds; doubled each time, capped at the timeout",
        defaults::BACKOFF_MS,
    ))]
    pub backoff: Option<u64>,

    #[arg(long = "max-page-size", value_name = "BYTES", help = help(
        "Bytes of one record's page read, up to 1GiB (suffixes K, M, G, KiB, MiB, GiB); the rest is skipped",
        defaults::size_text(defaults::MAX_PAGE_SIZE),
    ))]
    pub max_page_size: Option<String>,

    /// The User-Agent header sent for remote archives [default: backlinks/VERSION].
    #[arg(long = "user-agent", value_name = "TEXT")]
    pub user_agent: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  backlinks domains example.com --graph cc-main-2024-25-nov-dec-jan-domain --top 50\n  backlinks domains rival-a.com --also rival-b.com --exclude mysite.com --graph GRAPH -o outreach.csv\n  backlinks domains example.com --from found.parquet"
)]
pub struct DomainsArgs {
    /// The site whose referring domains are sought: a domain (`example.com`, `bücher.de`); a host or URL counts as its registrable domain in a graph.
    pub target: String,

    /// A competitor: with it, the answer is the link intersect (domains linking to at least --min-shared of the targets). Repeatable.
    #[arg(long = "also", value_name = "COMPETITOR")]
    pub also: Vec<String>,

    /// The common prefix of a web graph's files: BASENAME-vertices.txt.gz, BASENAME-ranks.txt.gz (optional),
    /// and the BVGraph BASENAME.graph / BASENAME-t.graph or the edge list BASENAME-edges.txt.gz.
    #[arg(long, value_name = "BASENAME", required_unless_present = "from")]
    pub graph: Option<std::path::PathBuf>,

    /// What `discover` wrote (.parquet, .csv, .jsonl, .json): the same questions at page level, with pages and anchors.
    #[arg(long, value_name = "FILE")]
    pub from: Option<std::path::PathBuf>,

    /// List the domains that link to at least N of the targets [default: 2, or 1 with a single target].
    #[arg(long = "min-shared", value_name = "N")]
    pub min_shared: Option<usize>,

    /// Leave out every domain that links to this site (your own). Repeatable.
    #[arg(long, value_name = "DOMAIN")]
    pub exclude: Vec<String>,

    /// List only the best N domains [default: all].
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    #[arg(long, value_enum, help = help("Report format on standard output", defaults::FORMAT))]
    pub format: Option<Format>,

    /// Also write a report to FILE, format by extension (.csv .json .jsonl .ndjson .md .txt). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Print nothing on standard output (reports still go to -o files), and no progress.
    #[arg(short, long)]
    pub quiet: bool,

    /// Start CSV reports with a UTF-8 byte order mark, so Excel shows non-ASCII text right.
    #[arg(long = "csv-bom")]
    pub csv_bom: bool,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    #[arg(long, value_enum, help = help("Report format on standard output", defaults::FORMAT))]
    pub format: Option<Format>,

    /// Also write a report to FILE, format by extension (.csv .json .jsonl .ndjson .md .txt). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Print nothing on standard output (reports still go to -o files).
    #[arg(short, long)]
    pub quiet: bool,

    /// Show the full error chain of failed fetches.
    #[arg(short, long)]
    pub verbose: bool,

    /// Add the referring domains of toxic links to a disavow file in Google's format;
    /// an existing file keeps every line and gains a dated block of new domains.
    #[arg(long, value_name = "FILE")]
    pub disavow: Option<PathBuf>,

    #[command(flatten)]
    pub view: ViewArgs,

    /// Start CSV reports with a UTF-8 byte order mark, so Excel shows non-ASCII text right.
    #[arg(long = "csv-bom")]
    pub csv_bom: bool,
}

/// Which part of an audit its reports show (`audit` and `show`).
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// List only the links or sources that meet every condition (comma separated, repeatable):
    /// toxic, weak, dofollow, nofollow, ugc, sponsored, no-equity (links); missing, no-link, unchecked
    /// (sources without a backlink). Every format; the summary still counts the whole audit.
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = Only::parse)]
    pub only: Vec<Only>,

    /// Links listed in the table and Markdown, worst first; 0 lists all
    /// [default: a screenful in a terminal, else all (Markdown: 100)].
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    #[arg(long, value_name = "N", help = help("Requests in flight in all", defaults::CONCURRENCY))]
    pub concurrency: Option<usize>,

    #[arg(long = "per-host", value_name = "N", help = help("Requests in flight to one host", defaults::PER_HOST))]
    pub per_host: Option<usize>,

    #[arg(long, value_name = "MS", help = help(
        "Minimum gap between the starts of two requests to one host, in milliseconds",
        defaults::DELAY_MS,
    ))]
    pub delay: Option<u64>,

    #[arg(long, value_name = "SECS", help = help(
        "Time allowed for one request, body included, and for parsing one page, in seconds (fractions allowed)",
        defaults::TIMEOUT_SECS,
    ))]
    pub timeout: Option<f64>,

    #[arg(long, value_name = "N", help = help(
        "Retries after a time-out, a connection error, 429, 502, 503 or 504",
        defaults::RETRIES,
    ))]
    pub retries: Option<u32>,

    #[arg(long, value_name = "MS", help = help(
        "First wait before a retry, in milliseconds; doubled each time, capped at the timeout",
        defaults::BACKOFF_MS,
    ))]
    pub backoff: Option<u64>,

    #[arg(long = "max-redirects", value_name = "N", help = help(
        "Redirects followed before giving up (status `unreachable`)",
        defaults::MAX_REDIRECTS,
    ))]
    pub max_redirects: Option<usize>,

    #[arg(long = "max-page-size", value_name = "BYTES", help = help(
        "Bytes of decoded body read per page, up to 1GiB (suffixes K, M, G, KiB, MiB, GiB); the rest is skipped and the source marked truncated",
        defaults::size_text(defaults::MAX_PAGE_SIZE),
    ))]
    pub max_page_size: Option<String>,

    /// The User-Agent header sent [default: backlinks/VERSION].
    #[arg(long = "user-agent", value_name = "TEXT")]
    pub user_agent: Option<String>,

    /// Fetch pages that robots.txt disallows.
    #[arg(long = "ignore-robots")]
    pub ignore_robots: bool,

    /// Follow redirects to loopback, private and link-local addresses (refused by default, against server-side request forgery).
    #[arg(long = "allow-private")]
    pub allow_private: bool,
}

#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// A brand term, added to the target's first label: anchors containing one are `branded`. Repeatable.
    #[arg(long, value_name = "TERM")]
    pub brand: Vec<String>,

    /// Do not count the target's first label as a brand term (only `--brand` terms are).
    #[arg(long = "no-default-brand")]
    pub no_default_brand: bool,

    /// A money keyword: anchors equal to it are `exact`, containing it `partial`. Repeatable.
    #[arg(long, value_name = "TERM")]
    pub keyword: Vec<String>,

    /// A spam term, added to the built-in list (gambling, pharma, ...). Repeatable.
    #[arg(long = "spam-term", value_name = "TERM")]
    pub spam_term: Vec<String>,

    /// A top-level domain to flag as `suspicious-tld`, added to the built-in list. Repeatable.
    #[arg(long = "suspicious-tld", value_name = "TLD")]
    pub suspicious_tld: Vec<String>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only audits of this target: a host, or a URL prefix (`example.com` lists `example.com/blog/` too).
    pub target: Option<String>,

    #[command(flatten)]
    pub saved: SavedArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The audit: an id that `backlinks history` lists, or `latest`.
    #[arg(value_name = "ID|latest", default_value = "latest")]
    pub audit: AuditPick,

    /// With `latest`: the newest audit of this target rather than of any.
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,

    #[command(flatten)]
    pub view: ViewArgs,

    #[command(flatten)]
    pub saved: SavedArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The target whose audits are compared [default: the only target in the history].
    pub target: Option<String>,

    /// The older audit [default: the complete audit before --to].
    #[arg(long, value_name = "ID")]
    pub from: Option<AuditId>,

    /// The newer audit [default: the latest complete audit of the target].
    #[arg(long, value_name = "ID")]
    pub to: Option<AuditId>,

    #[command(flatten)]
    pub saved: SavedArgs,
}

/// What `history`, `show` and `diff` share: where the history is, and where
/// the report goes. They do not read `backlinks.toml`.
#[derive(Debug, Args)]
pub struct SavedArgs {
    /// Report format on standard output.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,

    /// Also write a report to FILE, format by extension (.csv .json .jsonl .ndjson .md .txt). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Print nothing on standard output (reports still go to -o files).
    #[arg(short, long)]
    pub quiet: bool,

    /// The history database [default: $BACKLINKS_DB, else backlinks/history.db in the platform's data directory].
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Start CSV reports with a UTF-8 byte order mark, so Excel shows non-ASCII text right.
    #[arg(long = "csv-bom")]
    pub csv_bom: bool,
}

/// A condition that makes the audit exit with 1 (`--fail-on`, and `fail-on` in
/// the settings file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any toxic link.
    Toxic,
    /// Any listed source without a backlink, whatever the reason.
    Missing,
    /// Any backlink that passes no equity.
    Nofollow,
    /// Any link of the previous complete audit of the target that is now gone.
    Lost,
    /// Any backlink to a target page that answers 4xx/5xx (needs `--check-targets`).
    BrokenTarget,
}

impl FailOn {
    /// One condition, in any case, blanks around it ignored.
    pub fn parse(word: &str) -> Result<FailOn, String> {
        let word = word.trim();
        <FailOn as ValueEnum>::from_str(word, true).map_err(|_| {
            format!(
                "`{}` is not a condition: use toxic, missing, nofollow, lost or broken-target (comma separated)",
                word.to_ascii_lowercase()
            )
        })
    }
}

impl<'de> Deserialize<'de> for FailOn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FailOn, D::Error> {
        let word = String::deserialize(deserializer)?;
        FailOn::parse(&word).map_err(de::Error::custom)
    }
}

/// Which saved audit `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPick {
    /// The newest, partial or not (of `--target` when given).
    Latest,
    Id(AuditId),
}

impl FromStr for AuditPick {
    type Err = String;

    fn from_str(s: &str) -> Result<AuditPick, String> {
        if s.trim().eq_ignore_ascii_case("latest") {
            return Ok(AuditPick::Latest);
        }
        s.parse().map(AuditPick::Id).map_err(|_| {
            format!(
                "`{s}` is neither an audit id nor `latest` (ids are the numbers `backlinks history` lists)"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_and_ids_are_picks_and_anything_else_says_what_is_expected() {
        assert_eq!("latest".parse(), Ok(AuditPick::Latest));
        assert_eq!(" LATEST ".parse(), Ok(AuditPick::Latest));
        assert_eq!("12".parse(), Ok(AuditPick::Id(AuditId(12))));
        for bad in ["0", "-1", "last", "", "1.5"] {
            let err = bad.parse::<AuditPick>().unwrap_err();
            assert!(err.contains("neither an audit id nor `latest`"), "{bad}: {err}");
        }
    }

    #[test]
    fn only_takes_a_comma_list_in_any_case_and_names_the_words_it_knows() {
        let parsed = Cli::try_parse_from([
            "backlinks",
            "audit",
            "a.com",
            "--only",
            "TOXIC, no-equity",
            "--only",
            "missing",
        ])
        .unwrap();
        let Command::Audit(args) = parsed.command else {
            panic!("not an audit")
        };
        assert_eq!(
            args.output.view.only,
            [Only::Toxic, Only::NoEquity, Only::Missing]
        );
        let alias = Cli::try_parse_from(["backlinks", "show", "--only", "lost-equity"]).unwrap();
        let Command::Show(args) = alias.command else {
            panic!("not show")
        };
        assert_eq!(args.view.only, [Only::NoEquity]);
        let bad = Cli::try_parse_from(["backlinks", "audit", "a.com", "--only", "spammy"]).unwrap_err();
        assert!(
            bad.to_string()
                .contains("`spammy` is not an --only condition: use toxic, weak, dofollow"),
            "{bad}"
        );
    }

    #[test]
    fn fail_on_reads_the_same_on_the_command_line_and_in_the_file() {
        let parsed = Cli::try_parse_from(["backlinks", "audit", "a.com", "--fail-on", "TOXIC,lost"]).unwrap();
        let Command::Audit(args) = parsed.command else {
            panic!("not an audit")
        };
        assert_eq!(args.fail_on, [FailOn::Toxic, FailOn::Lost]);
        let bad = Cli::try_parse_from(["backlinks", "audit", "a.com", "--fail-on", "sometimes"]).unwrap_err();
        assert!(
            bad.to_string().contains("`sometimes` is not a condition"),
            "{bad}"
        );
        let from_file: Vec<FailOn> = serde_json::from_str(r#"[" Nofollow ", "missing"]"#).unwrap();
        assert_eq!(from_file, [FailOn::Nofollow, FailOn::Missing]);
    }
}
