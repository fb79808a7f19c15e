//! `backlinks init`: a starting `backlinks.toml` with every setting, its default
//! and one line on what it does, commented out. Weights and thresholds are listed
//! from the scoring tables at run time, so the file never lags behind the flags.

use super::defaults;
use crate::analyze::{Thresholds, Weights};
use crate::report::atomic::AtomicFile;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Why `init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("`{}` already exists: pass `--force` to replace it, or `--path FILE` to write elsewhere", .0.display())]
    Exists(PathBuf),
    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Writes the starting file to `path`; an existing file is replaced only with `force`.
pub fn write(path: &Path, force: bool) -> Result<(), InitError> {
    if !force && (path.exists() || path.is_symlink()) {
        return Err(InitError::Exists(path.to_path_buf()));
    }
    let fail = |source| InitError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = AtomicFile::create(path).map_err(fail)?;
    file.writer()
        .and_then(|mut w| w.write_all(template().as_bytes()))
        .map_err(fail)?;
    file.commit().map_err(fail)
}

const INTRO: &str = "\
# Settings for `backlinks audit`, read from ./backlinks.toml (or `--config FILE`).
# Keys are the long flag names of `backlinks audit`; a value given on the command
# line replaces the file's, lists included. Every setting is shown with its
# default, commented out: remove the `#` to change it.
# Per-run flags (--sources, -o, --disavow, --quiet, --verbose, --only, --limit)
# stay on the command line.
";

/// One top-level setting: its key, what it does, its default as TOML.
struct Setting {
    key: &'static str,
    what: &'static str,
    default: String,
}

fn setting(key: &'static str, what: &'static str, default: impl std::fmt::Display) -> Setting {
    Setting {
        key,
        what,
        default: default.to_string(),
    }
}

/// The top-level settings, by section, with their defaults.
fn sections() -> [(&'static str, Vec<Setting>); 3] {
    [
        ("Analysis", analysis_settings()),
        ("Fetching", fetching_settings()),
        ("Output", output_settings()),
    ]
}

/// What the analysis looks for: the site's brand and keywords, spam terms and TLDs.
fn analysis_settings() -> Vec<Setting> {
    vec![
        setting(
            "brand",
            "Brand terms, added to the target's first label: an anchor containing one is `branded`.",
            "[]",
        ),
        setting(
            "no-default-brand",
            "Do not count the target's first label as a brand term.",
            false,
        ),
        setting(
            "keyword",
            "Money keywords: an anchor equal to one is `exact`, containing one `partial`.",
            "[]",
        ),
        setting(
            "spam-term",
            "Spam terms, added to the built-in list (found in the page's title, URL or text).",
            "[]",
        ),
        setting(
            "suspicious-tld",
            "Top-level domains flagged `suspicious-tld`, added to the built-in list.",
            "[]",
        ),
    ]
}

/// How pages are fetched: limits, politeness, retries and what the requests say.
fn fetching_settings() -> Vec<Setting> {
    vec![
        setting("concurrency", "Requests in flight in all.", defaults::CONCURRENCY),
        setting("per-host", "Requests in flight to one host.", defaults::PER_HOST),
        setting(
            "delay",
            "Minimum gap between the starts of two requests to one host, in milliseconds.",
            defaults::DELAY_MS,
        ),
        setting(
            "timeout",
            "Time allowed for one request, body included, and for parsing one page, in seconds.",
            defaults::TIMEOUT_SECS,
        ),
        setting(
            "retries",
            "Retries after a time-out, a connection error, 429, 502, 503 or 504.",
            defaults::RETRIES,
        ),
        setting(
            "backoff",
            "First wait before a retry, in milliseconds; doubled each time.",
            defaults::BACKOFF_MS,
        ),
        setting(
            "max-redirects",
            "Redirects followed before a source is `unreachable`.",
            defaults::MAX_REDIRECTS,
        ),
        setting(
            "max-page-size",
            "Decoded bytes read per page, 1 to 1GiB: a number, or text such as \"5MiB\", \"5M\", \"500KB\".",
            quoted(&defaults::size_text(defaults::MAX_PAGE_SIZE)),
        ),
        setting(
            "user-agent",
            "The User-Agent header sent.",
            quoted(&defaults::user_agent()),
        ),
        setting("ignore-robots", "Fetch pages that robots.txt disallows.", false),
        setting(
            "render",
            "Also load pages in headless Chromium to read the links scripts build: \"never\", \"auto\" (pages without a link that run scripts) or \"always\".",
            quoted("never"),
        ),
        setting(
            "allow-private",
            "Follow redirects to loopback, private and link-local addresses.",
            false,
        ),
    ]
}

/// What the run reports, and when it fails.
fn output_settings() -> Vec<Setting> {
    vec![
        setting(
            "format",
            "Report on standard output: table, csv, json, jsonl or markdown.",
            quoted(&defaults::FORMAT.to_string()),
        ),
        setting(
            "csv-bom",
            "Start CSV reports with a UTF-8 byte order mark, so Excel shows non-ASCII text right.",
            false,
        ),
        setting(
            "check-targets",
            "Ask every distinct page the backlinks point to what it answers, and list the broken ones.",
            false,
        ),
        setting(
            "fail-on",
            "Exit 1 when a condition holds: \"toxic\", \"missing\", \"nofollow\", \"lost\", \"broken-target\".",
            "[]",
        ),
    ]
}

/// A TOML string; none of the defaults needs escaping.
fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// The starting file's text.
pub fn template() -> String {
    let mut t = String::from(INTRO);
    for (section, settings) in sections() {
        let _ = writeln!(t, "\n## {section}");
        for Setting { key, what, default } in settings {
            let _ = writeln!(t, "# {what}\n# {key} = {default}");
        }
    }
    t.push_str("\n## Toxicity: flags combine as 100 x (1 - product of (1 - weight/100)), so one flag\n");
    t.push_str("## scores its own weight and no sum passes 100. Weights are 0-100.\n");
    t.push_str("## One line per flag, `flag = weight`; docs/scoring.md says what each flag means.\n");
    t.push_str("[weights]\n");
    for (flag, weight) in Weights::DEFAULTS {
        let _ = writeln!(t, "# {flag} = {weight}");
    }
    t.push_str("\n## Thresholds of the analysis.\n[thresholds]\n");
    for (name, value, meaning) in Thresholds::default().listed() {
        let _ = writeln!(t, "# {}\n# {name} = {value}", capitalized(meaning));
    }
    t
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use crate::config::ConfigFile;
    use crate::settings::Settings;
    use clap::Parser;

    fn load(text: &str) -> Result<ConfigFile, String> {
        ConfigFile::parse(PathBuf::from("backlinks.toml"), text.to_string()).map_err(|e| e.to_string())
    }

    /// The template with every `# key = value` line turned on.
    fn uncommented(text: &str) -> String {
        let setting = |l: &str| {
            l.strip_prefix("# ")
                .and_then(|rest| rest.split_once(" = "))
                .is_some_and(|(key, _)| {
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                })
        };
        text.lines()
            .map(|l| if setting(l) { &l[2..] } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// What a run with this settings file would use, for comparison.
    fn settings(file: Option<&ConfigFile>) -> String {
        let Command::Audit(args) = Cli::parse_from(["backlinks", "audit", "example.com"]).command else {
            unreachable!("parsed an audit")
        };
        let s = Settings::from_args(*args, file).unwrap();
        format!(
            "{:?} {:?} {:?} {:?}",
            s.fetch, s.analysis, s.stdout_format, s.fail_on
        )
    }

    #[test]
    fn the_template_loads_as_is() {
        let file = load(&template()).unwrap();
        assert_eq!(settings(Some(&file)), settings(None));
    }

    #[test]
    fn every_default_in_the_template_is_the_real_default() {
        let text = uncommented(&template());
        assert!(text.contains("\nconcurrency = 32\n"), "{text}");
        let file = load(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(settings(Some(&file)), settings(None));
    }

    #[test]
    fn every_key_of_the_file_is_in_the_template() {
        // serde lists the keys it knows when it meets one it does not.
        let error = load("no-such-key = 1").unwrap_err();
        let list = error.split_once("the keys are ").map_or("", |(_, rest)| rest);
        let list = list.split(" (").next().unwrap_or_default();
        let known: Vec<&str> = list.split(", ").map(|k| k.trim_matches('`')).collect();
        assert!(
            known.contains(&"concurrency") && known.contains(&"weights"),
            "{error}"
        );
        let text = template();
        for key in known {
            let present = text.contains(&format!("# {key} = ")) || text.contains(&format!("[{key}]"));
            assert!(present, "`{key}` missing from the template");
        }
    }

    #[test]
    fn weights_and_thresholds_come_from_the_scoring_tables() {
        let text = template();
        let (_, thresholds) = text.split_once("[thresholds]\n").unwrap();
        for (name, value, _) in Thresholds::default().listed() {
            assert!(thresholds.contains(&format!("# {name} = {value}\n")), "{name}");
        }
        let (_, weights) = text.split_once("[weights]\n").unwrap();
        for (flag, weight) in Weights::DEFAULTS {
            assert!(weights.contains(&format!("# {flag} = {weight}\n")), "{flag}");
        }
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backlinks.toml");
        write(&path, false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), template());

        std::fs::write(&path, "concurrency = 4\n").unwrap();
        let error = write(&path, false).unwrap_err().to_string();
        assert!(
            error.contains("already exists") && error.contains("--force"),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "concurrency = 4\n");

        write(&path, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), template());
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir/backlinks.toml");
        let error = write(&path, false).unwrap_err().to_string();
        assert!(error.contains("no-such-dir"), "{error}");
    }
}
