//! Arguments merged and validated into the settings an audit runs with. After
//! this point nothing is optional that has a default.

use crate::analyze::AnchorRules;
use crate::cli::AuditArgs;
use crate::fetch::FetchConfig;
use crate::report::Format;
use crate::target::Target;
use std::path::PathBuf;
use std::time::Duration;

/// A condition that makes the audit exit with 1 (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Any toxic link.
    Toxic,
    /// Any listed source without a backlink, whatever the reason.
    Missing,
    /// Any backlink that passes no equity.
    Nofollow,
}

impl FailOn {
    fn parse(word: &str) -> Result<FailOn, String> {
        match word.trim().to_ascii_lowercase().as_str() {
            "toxic" => Ok(FailOn::Toxic),
            "missing" => Ok(FailOn::Missing),
            "nofollow" => Ok(FailOn::Nofollow),
            "lost" => Err("`--fail-on lost` needs the audit history, which this version does not keep yet; use `--fail-on missing` to fail when a listed source has no link".into()),
            other => Err(format!("`--fail-on {other}` is not a condition: use toxic, missing or nofollow (comma separated)")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub target: Target,
    pub source_args: Vec<String>,
    pub source_files: Vec<String>,
    pub fetch: FetchConfig,
    pub anchors: AnchorRules,
    /// The report on standard output; `None` with `--quiet`.
    pub stdout_format: Option<Format>,
    pub outputs: Vec<(PathBuf, Format)>,
    pub fail_on: Vec<FailOn>,
}

/// A usage error: exit code 2, with a message that says what to do.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl Settings {
    pub fn from_args(args: AuditArgs) -> Result<Settings, UsageError> {
        let usage = |m: String| UsageError(m);
        let target = Target::parse(&args.target).map_err(|e| usage(e.to_string()))?;
        let f = &args.fetch;
        if f.concurrency == 0 || f.per_host == 0 {
            return Err(usage("--concurrency and --per-host must be at least 1".into()));
        }
        if !(f.timeout.is_finite() && f.timeout > 0.0) {
            return Err(usage(format!(
                "--timeout {} is not a positive number of seconds",
                f.timeout
            )));
        }
        let max_page_size = parse_size(&f.max_page_size).map_err(usage)?;
        let fetch = FetchConfig {
            user_agent: f
                .user_agent
                .clone()
                .unwrap_or_else(|| format!("backlinks/{}", env!("CARGO_PKG_VERSION"))),
            timeout: Duration::from_secs_f64(f.timeout),
            retries: f.retries,
            backoff: Duration::from_millis(f.backoff),
            max_redirects: f.max_redirects,
            max_page_size,
            concurrency: f.concurrency,
            per_host: f.per_host,
            delay: Duration::from_millis(f.delay),
            obey_robots: !f.ignore_robots,
            verbose: args.output.verbose,
        };
        let mut outputs = Vec::new();
        for path in &args.output.outputs {
            let format = Format::from_path(path).map_err(usage)?;
            outputs.push((path.clone(), format));
        }
        let mut fail_on = Vec::new();
        for word in args.fail_on.iter().filter(|w| !w.trim().is_empty()) {
            let condition = FailOn::parse(word).map_err(usage)?;
            if !fail_on.contains(&condition) {
                fail_on.push(condition);
            }
        }
        let brands = if args.analysis.brand.is_empty() {
            vec![default_brand(&target)]
        } else {
            args.analysis.brand.clone()
        };
        Ok(Settings {
            anchors: AnchorRules::new(&brands, &args.analysis.keyword),
            target,
            source_args: args.sources,
            source_files: args.source_files,
            fetch,
            stdout_format: (!args.output.quiet).then_some(args.output.format),
            outputs,
            fail_on,
        })
    }
}

/// The target's first label, in Unicode: `example` for `www.example.com`,
/// `bücher` for `xn--bcher-kva.de`.
fn default_brand(target: &Target) -> String {
    let (unicode, _) = idna::domain_to_unicode(&target.host);
    unicode.split('.').next().unwrap_or_default().to_string()
}

/// Bytes, with an optional K/M/G (×1000) or KiB/MiB/GiB (×1024) suffix.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "--max-page-size `{text}`: unknown unit (use bytes, or K, M, KiB, MiB)"
            ))
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("--max-page-size `{text}` is not a size (for example 5MiB or 1000000)"))?;
    match n.checked_mul(factor) {
        Some(0) => Err("--max-page-size must be more than 0".into()),
        Some(bytes) => usize::try_from(bytes).map_err(|_| format!("--max-page-size `{text}` is too large")),
        None => Err(format!("--max-page-size `{text}` is too large")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_decimal_and_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("5MiB"), Ok(5 * 1024 * 1024));
        assert_eq!(parse_size("5 mib"), Ok(5 * 1024 * 1024));
        assert_eq!(parse_size("2K"), Ok(2000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn fail_on_words() {
        assert_eq!(FailOn::parse(" Missing "), Ok(FailOn::Missing));
        assert_eq!(FailOn::parse("nofollow"), Ok(FailOn::Nofollow));
        assert_eq!(FailOn::parse("toxic"), Ok(FailOn::Toxic));
        assert!(FailOn::parse("lost").unwrap_err().contains("history"));
        assert!(FailOn::parse("broken")
            .unwrap_err()
            .contains("toxic, missing or nofollow"));
    }

    #[test]
    fn default_brand_is_the_first_label_in_unicode() {
        assert_eq!(
            default_brand(&Target::parse("www.example.com").unwrap()),
            "example"
        );
        assert_eq!(default_brand(&Target::parse("bücher.de").unwrap()), "bücher");
    }
}
