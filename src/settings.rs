//! The command line and the settings file merged and validated into the settings
//! an audit runs with. A value given on the command line replaces the file's
//! (lists too); what neither gives takes its default from
//! [`crate::config::defaults`]. After this point nothing is optional that has a default.

use crate::analyze::{AnalysisConfig, Scoring};
use crate::audit::Plan;
use crate::cli::{AuditArgs, FailOn};
use crate::config::{defaults, ConfigFile, FileSettings, Origin};
use crate::fetch::FetchConfig;
use crate::render::RenderMode;
use crate::report::audit::{Filter, Limit};
use crate::report::Format;
use crate::target::{Target, TargetError};
use clap::ValueEnum;
use std::path::PathBuf;
use std::time::Duration;
use toml::Spanned;

/// Everything an `audit` run was asked to do, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub target: Target,
    pub source_args: Vec<String>,
    pub source_files: Vec<String>,
    pub fetch: FetchConfig,
    /// Brand terms, keywords, extra spam terms and TLDs, weights and thresholds.
    pub analysis: AnalysisConfig,
    /// The report on standard output; `None` with `--quiet`.
    pub stdout_format: Option<Format>,
    pub outputs: Vec<(PathBuf, Format)>,
    pub fail_on: Vec<FailOn>,
    /// `--disavow FILE`: where the referring domains of toxic links are added.
    pub disavow: Option<PathBuf>,
    /// `--only`: what every report lists.
    pub only: Filter,
    /// `--limit`: `None` leaves each destination its default.
    pub limit: Option<Limit>,
    /// `--csv-bom`.
    pub csv_bom: bool,
    /// `--check-targets`: ask every distinct target page what it answers.
    pub check_targets: bool,
    /// `--render`: when pages are also loaded in a headless browser.
    pub render: RenderMode,
    /// `--db`, `--no-save`, `--resume`.
    pub history: HistorySettings,
}

/// Why the arguments and the settings file cannot make settings: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Target(#[from] TargetError),
    /// A value that cannot be used, said with where it came from (a flag, or
    /// the file's line and key).
    #[error("{0}")]
    Invalid(String),
}

use SettingsError::Invalid;

/// What the history flags ask of an audit run.
#[derive(Debug, Clone, Default)]
pub struct HistorySettings {
    /// `--db`; else `BACKLINKS_DB`, else the platform's data folder.
    pub db: Option<PathBuf>,
    /// Save the audit (not `--no-save`).
    pub save: bool,
    /// `--resume`: go on with the latest partial audit of the target.
    pub resume: bool,
}

impl Settings {
    /// What the audit engine needs of these settings.
    pub fn plan(&self) -> Plan {
        Plan {
            target: self.target.clone(),
            fetch: self.fetch.clone(),
            analysis: self.analysis.clone(),
            check_targets: self.check_targets,
            render: self.render,
            browser: None,
        }
    }

    /// Merges the command line with the settings file, if any, and checks every value.
    pub fn from_args(args: AuditArgs, file: Option<&ConfigFile>) -> Result<Settings, SettingsError> {
        let target = Target::parse(&args.target)?;
        let fetch = fetch_config(&args, file)?;
        let analysis = analysis_config(&args, file, &target)?;

        let mut outputs = Vec::new();
        for path in &args.output.outputs {
            let format = Format::from_path(path).map_err(Invalid)?;
            outputs.push((path.clone(), format));
        }
        let format = match args.output.format {
            Some(format) => format,
            None => match from_file("format", file, |v| &v.format) {
                Some((name, origin)) => parse_format(&name).map_err(|m| Invalid(origin.locate(m)))?,
                None => defaults::FORMAT,
            },
        };
        // Each entry may itself be a comma separated list, in the file as on
        // the command line; a condition named twice counts once.
        let chosen = match (
            args.fail_on.is_empty(),
            file.and_then(|f| f.values.fail_on.as_ref()),
        ) {
            (true, Some(list)) => list.get_ref().0.clone(),
            _ => args.fail_on,
        };
        let mut fail_on = Vec::new();
        for condition in chosen {
            if !fail_on.contains(&condition) {
                fail_on.push(condition);
            }
        }
        let only = Filter::new(&args.output.view.only).map_err(Invalid)?;
        Ok(Settings {
            analysis,
            only,
            limit: args.output.view.limit.map(Limit::from_flag),
            // A switch can only turn this on; the file's `csv-bom = true` stands.
            csv_bom: args.output.csv_bom
                || from_file("csv-bom", file, |v| &v.csv_bom).is_some_and(|(on, _)| on),
            // A switch can only turn this on; the file's `check-targets = true`
            // stands, and `--fail-on broken-target` needs the targets checked.
            check_targets: args.check_targets
                || from_file("check-targets", file, |v| &v.check_targets).is_some_and(|(on, _)| on)
                || fail_on.contains(&FailOn::BrokenTarget),
            render: match args.render {
                Some(mode) => mode,
                None => from_file("render", file, |v| &v.render).map_or(RenderMode::Never, |(mode, _)| mode),
            },
            target,
            source_args: args.sources,
            source_files: args.source_files,
            fetch,
            stdout_format: (!args.output.quiet).then_some(format),
            outputs,
            fail_on,
            disavow: args.output.disavow,
            history: HistorySettings {
                db: args.db,
                save: !args.no_save,
                resume: args.resume,
            },
        })
    }
}

fn fetch_config(args: &AuditArgs, file: Option<&ConfigFile>) -> Result<FetchConfig, SettingsError> {
    let f = &args.fetch;
    let concurrency = checked(
        choose("concurrency", f.concurrency, file, |v| &v.concurrency),
        defaults::CONCURRENCY,
        |n| bounds::in_flight(n, bounds::MAX_CONCURRENCY),
    )?;
    let per_host = checked(
        choose("per-host", f.per_host, file, |v| &v.per_host),
        defaults::PER_HOST,
        |n| bounds::in_flight(n, bounds::MAX_PER_HOST),
    )?;
    let timeout = checked(
        choose("timeout", f.timeout, file, |v| &v.timeout),
        Duration::from_secs_f64(defaults::TIMEOUT_SECS),
        bounds::timeout,
    )?;
    let delay = checked(
        choose("delay", f.delay, file, |v| &v.delay),
        Duration::from_millis(defaults::DELAY_MS),
        |ms| bounds::millis(ms, bounds::MAX_DELAY_MS, "too long a delay"),
    )?;
    let backoff = checked(
        choose("backoff", f.backoff, file, |v| &v.backoff),
        Duration::from_millis(defaults::BACKOFF_MS),
        |ms| bounds::millis(ms, bounds::MAX_BACKOFF_MS, "too long a wait before a retry"),
    )?;
    let retries = checked(
        choose("retries", f.retries, file, |v| &v.retries),
        defaults::RETRIES,
        |n| bounds::at_most(n, bounds::MAX_RETRIES, "too many retries"),
    )?;
    let max_redirects = checked(
        choose("max-redirects", f.max_redirects, file, |v| &v.max_redirects),
        defaults::MAX_REDIRECTS,
        |n| bounds::at_most(n, bounds::MAX_REDIRECTS, "too many redirects"),
    )?;
    // The flag's text and the file's text or number are read alike.
    let page_size = f
        .max_page_size
        .clone()
        .map(|text| (text, Origin::Flag("max-page-size")));
    let max_page_size = checked(
        page_size.or_else(|| {
            from_file("max-page-size", file, |v| &v.max_page_size)
                .map(|(size, origin)| (size.as_text(), origin))
        }),
        defaults::MAX_PAGE_SIZE,
        |text| bounds::page_size(&text),
    )?;
    Ok(FetchConfig {
        user_agent: choose("user-agent", f.user_agent.clone(), file, |v| &v.user_agent)
            .map_or_else(defaults::user_agent, |(ua, _)| ua),
        timeout,
        retries,
        backoff,
        max_redirects,
        max_page_size,
        concurrency,
        per_host,
        delay,
        // A switch can only turn this on; the file's `ignore-robots = true` stands.
        obey_robots: !(f.ignore_robots
            || from_file("ignore-robots", file, |v| &v.ignore_robots).is_some_and(|(on, _)| on)),
        // Likewise: the file's `allow-private = true` stands.
        allow_private: f.allow_private
            || from_file("allow-private", file, |v| &v.allow_private).is_some_and(|(on, _)| on),
        verbose: args.output.verbose,
    })
}

fn analysis_config(
    args: &AuditArgs,
    file: Option<&ConfigFile>,
    target: &Target,
) -> Result<AnalysisConfig, SettingsError> {
    let a = &args.analysis;
    let list = |key, flag: &Vec<String>, get: FileList| {
        choose_list(key, flag.clone(), file, get).map_or_else(Vec::new, |(terms, _)| terms)
    };
    // The target's own name is a brand unless told otherwise: `--brand` adds
    // the names people also use for the site. A switch can only turn the
    // default off; the file's `no-default-brand = true` stands.
    let no_default_brand = a.no_default_brand
        || from_file("no-default-brand", file, |v| &v.no_default_brand).is_some_and(|(on, _)| on);
    let mut brands = Vec::new();
    if !no_default_brand {
        brands.push(default_brand(target));
    }
    for brand in list("brand", &a.brand, |v| &v.brand) {
        if !brands.contains(&brand) {
            brands.push(brand);
        }
    }
    let keywords = list("keyword", &a.keyword, |v| &v.keyword);
    let extra_spam_terms = normalize_terms(list("spam-term", &a.spam_term, |v| &v.spam_term));
    let suspicious_tlds = match choose_list("suspicious-tld", a.suspicious_tld.clone(), file, |v| {
        &v.suspicious_tld
    }) {
        Some((tlds, origin)) => normalize_tlds(&tlds).map_err(|m| Invalid(origin.locate(m)))?,
        None => Vec::new(),
    };
    let mut scoring = Scoring::default();
    if let Some(file) = file {
        for (flag, weight) in &file.values.weights {
            scoring
                .weights
                .set_word(flag, *weight.get_ref())
                .map_err(|m| Invalid(file_origin(file, &format!("weights.{flag}"), weight).locate(m)))?;
        }
        scoring.thresholds = file.values.thresholds.clone();
    }
    Ok(AnalysisConfig {
        brands,
        keywords,
        extra_spam_terms,
        suspicious_tlds,
        scoring,
    })
}

/// Reads one key of the settings file.
type FileValue<T> = for<'v> fn(&'v FileSettings) -> &'v Option<Spanned<T>>;
type FileList = FileValue<Vec<String>>;

/// The command line's value if given, else the file's, with where it came from.
fn choose<'a, T: Clone>(
    key: &'static str,
    flag: Option<T>,
    file: Option<&'a ConfigFile>,
    get: FileValue<T>,
) -> Option<(T, Origin<'a>)> {
    match flag {
        Some(value) => Some((value, Origin::Flag(key))),
        None => from_file(key, file, get),
    }
}

/// A list: the command line's replaces the file's when it has any entry. An empty
/// list in the file is the same as leaving the key out.
fn choose_list<'a>(
    key: &'static str,
    flag: Vec<String>,
    file: Option<&'a ConfigFile>,
    get: FileList,
) -> Option<(Vec<String>, Origin<'a>)> {
    choose(key, (!flag.is_empty()).then_some(flag), file, get).filter(|(list, _)| !list.is_empty())
}

/// A chosen value checked by `check`, its error said with where the value
/// came from; or the default when neither place gives one.
fn checked<T, U>(
    choice: Option<(T, Origin<'_>)>,
    default: U,
    check: impl FnOnce(T) -> Result<U, String>,
) -> Result<U, SettingsError> {
    match choice {
        Some((value, origin)) => check(value).map_err(|m| Invalid(origin.locate(m))),
        None => Ok(default),
    }
}

fn from_file<'a, T: Clone>(
    key: &'static str,
    file: Option<&'a ConfigFile>,
    get: FileValue<T>,
) -> Option<(T, Origin<'a>)> {
    let file = file?;
    let value = get(&file.values).as_ref()?;
    Some((value.get_ref().clone(), file_origin(file, key, value)))
}

fn file_origin<'a, T>(file: &'a ConfigFile, key: &str, value: &Spanned<T>) -> Origin<'a> {
    Origin::File {
        file,
        key: key.to_string(),
        line: file.line(value),
    }
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_str(name, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!("`{name}` is not a format: use {}", names.join(", "))
    })
}

/// Spam terms as matched: lowercase, white space collapsed, blanks dropped, no repeats.
fn normalize_terms(terms: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for term in terms {
        let folded = term
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !folded.is_empty() && !out.contains(&folded) {
            out.push(folded);
        }
    }
    out
}

/// TLDs as compared with hosts: lowercase ASCII (punycode), without the leading
/// dot, so `.XYZ`, `xyz` and `.рф` all work.
fn normalize_tlds(tlds: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for tld in tlds {
        let bare = tld.trim().trim_start_matches('.');
        let ascii = idna::domain_to_ascii(bare)
            .ok()
            .filter(|a| !a.is_empty() && !a.ends_with('.'))
            .filter(|a| {
                a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            })
            .ok_or_else(|| format!("`{tld}` is not a top-level domain (write it as `xyz` or `.xyz`)"))?;
        if !out.contains(&ascii) {
            out.push(ascii);
        }
    }
    Ok(out)
}

/// The target's first label, in Unicode: `example` for `www.example.com`,
/// `bücher` for `xn--bcher-kva.de`.
fn default_brand(target: &Target) -> String {
    let (unicode, _) = idna::domain_to_unicode(&target.host);
    unicode.split('.').next().unwrap_or_default().to_string()
}

mod bounds;
mod discover;
mod domains;

pub use bounds::parse_size;
pub use discover::{DiscoverSettings, Output as DiscoverOutput};
pub use domains::{DomainsSettings, Notice};

#[cfg(test)]
mod tests;
