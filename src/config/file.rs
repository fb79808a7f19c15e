//! Reading `backlinks.toml`: the keys are the long flag names of `audit`, plus the
//! `[weights]` and `[thresholds]` tables. Only the shape is checked here (types,
//! unknown keys), and the thresholds, which check their own ranges as they are
//! read; the other values are checked with the command line's in `settings`,
//! which knows where each came from.

use super::ConfigError;
use crate::analyze::Thresholds;
use crate::cli::FailOn;
use crate::render::RenderMode;
use serde::{de, Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The settings file as written. Every key is optional; a value given on the
/// command line replaces the file's. Spans give the line of each value for errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileSettings {
    pub brand: Option<Spanned<Vec<String>>>,
    pub no_default_brand: Option<Spanned<bool>>,
    pub keyword: Option<Spanned<Vec<String>>>,
    pub spam_term: Option<Spanned<Vec<String>>>,
    pub suspicious_tld: Option<Spanned<Vec<String>>>,
    /// Flag word → weight, routed to `Weights::set_word`.
    #[serde(default)]
    pub weights: BTreeMap<String, Spanned<u32>>,
    /// Unknown keys and values out of range are refused as the file is read.
    #[serde(default)]
    pub thresholds: Thresholds,

    pub concurrency: Option<Spanned<usize>>,
    pub per_host: Option<Spanned<usize>>,
    pub delay: Option<Spanned<u64>>,
    pub timeout: Option<Spanned<f64>>,
    pub retries: Option<Spanned<u32>>,
    pub backoff: Option<Spanned<u64>>,
    pub max_redirects: Option<Spanned<usize>>,
    pub max_page_size: Option<Spanned<SizeSetting>>,
    pub user_agent: Option<Spanned<String>>,
    pub ignore_robots: Option<Spanned<bool>>,
    pub allow_private: Option<Spanned<bool>>,

    pub format: Option<Spanned<String>>,
    pub csv_bom: Option<Spanned<bool>>,
    pub check_targets: Option<Spanned<bool>>,
    pub render: Option<Spanned<RenderMode>>,
    pub fail_on: Option<Spanned<FailOnList>>,
}

/// Flags that belong to one run, not to a site's settings: refused in the file
/// with a message saying which flag to use instead. `only` and `limit` are
/// views of one run's report, not settings of the site.
const PER_RUN_FLAGS: &[(&str, &str)] = &[
    ("sources", "`--sources FILE`"),
    ("output", "`-o FILE`"),
    ("disavow", "`--disavow FILE`"),
    ("quiet", "`--quiet`"),
    ("verbose", "`--verbose`"),
    ("only", "`--only LIST`"),
    ("limit", "`--limit N`"),
    ("config", "`--config FILE`"),
    ("target", "the TARGET argument"),
];

/// `fail-on`: conditions, each entry itself a comma separated list as on the
/// command line (`["toxic", "missing,nofollow"]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FailOnList(pub Vec<FailOn>);

impl<'de> Deserialize<'de> for FailOnList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = Vec::<String>::deserialize(deserializer)?;
        let words = entries
            .iter()
            .flat_map(|e| e.split(','))
            .filter(|w| !w.trim().is_empty());
        words
            .map(FailOn::parse)
            .collect::<Result<_, _>>()
            .map(FailOnList)
            .map_err(de::Error::custom)
    }
}

/// `max-page-size`: a number of bytes, or text with a unit (`"5MiB"`).
#[derive(Debug, Clone, PartialEq)]
pub enum SizeSetting {
    Bytes(u64),
    Text(String),
}

impl SizeSetting {
    /// The size as `parse_size` reads it.
    pub fn as_text(&self) -> String {
        match self {
            SizeSetting::Bytes(n) => n.to_string(),
            SizeSetting::Text(text) => text.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for SizeSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;
        impl de::Visitor<'_> for SizeVisitor {
            type Value = SizeSetting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of bytes (1000000) or a size with a unit (\"5MiB\")")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<SizeSetting, E> {
                u64::try_from(n)
                    .map(SizeSetting::Bytes)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(n), &self))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<SizeSetting, E> {
                Ok(SizeSetting::Bytes(n))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<SizeSetting, E> {
                Ok(SizeSetting::Text(text.to_string()))
            }
        }
        deserializer.deserialize_any(SizeVisitor)
    }
}

/// A settings file read and parsed, with its text kept for line numbers.
#[derive(Debug)]
pub struct ConfigFile {
    /// As the user named it (or `backlinks.toml`), for messages.
    pub path: PathBuf,
    text: String,
    pub values: FileSettings,
}

impl ConfigFile {
    /// `--config FILE` when given (it must exist), else `backlinks.toml` in the
    /// current directory when there is one.
    pub fn load(explicit: Option<&Path>) -> Result<Option<ConfigFile>, ConfigError> {
        let path = explicit.unwrap_or(Path::new(super::defaults::CONFIG_FILE));
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match explicit {
                    None => Ok(None),
                    Some(path) => Err(ConfigError::Missing(path.to_path_buf())),
                }
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| ConfigError::Invalid {
            path: path.to_path_buf(),
            line: Some(line_of(&e.as_bytes()[..e.utf8_error().valid_up_to()], usize::MAX)),
            key: None,
            message: "the file is not UTF-8 text (TOML files are UTF-8)".into(),
        })?;
        ConfigFile::parse(path.to_path_buf(), text).map(Some)
    }

    /// Parses `text`, read from `path`.
    pub fn parse(path: PathBuf, text: String) -> Result<ConfigFile, ConfigError> {
        match toml::from_str::<FileSettings>(&text) {
            Ok(values) => Ok(ConfigFile { path, text, values }),
            Err(error) => Err(explain(&path, &text, &error)),
        }
    }

    /// The line (from 1) a value stands on.
    pub fn line<T>(&self, value: &Spanned<T>) -> usize {
        line_of(self.text.as_bytes(), value.span().start)
    }
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &[u8], offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text[..end].iter().filter(|&&b| b == b'\n').count()
}

/// A toml error as a usage error: the file, the line, the key and what is expected,
/// in plain words rather than Rust type names.
fn explain(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    let line = error.span().map(|span| line_of(text.as_bytes(), span.start));
    let message = error.message();
    let key = key_path(error);
    if let Some(unknown) = unknown_key(message) {
        // An unknown key in a table (`[thresholds]`) is named with its table.
        let per_run = PER_RUN_FLAGS
            .iter()
            .find(|(flag, _)| key.is_none() && *flag == unknown);
        let message = match per_run {
            Some((_, instead)) => {
                format!(
                    "`{unknown}` belongs to one run, not to the settings file: use {instead} on the command line"
                )
            }
            None => format!(
                "unknown key `{unknown}`; the keys are {} (`backlinks init` writes a file listing them all)",
                known_keys(message)
            ),
        };
        return ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            key: key.map(|table| format!("{table}.{unknown}")),
            message,
        };
    }
    let mut message = plain_words(message);
    if key.is_none() {
        // A syntax error: show the line, since no key can be named.
        if let Some(source_line) = line.and_then(|n| text.lines().nth(n - 1)) {
            message = format!("{message} (in `{}`)", source_line.trim());
        }
    }
    ConfigError::Invalid {
        path: path.to_path_buf(),
        line,
        key,
        message,
    }
}

/// The name in serde's "unknown field `x`, expected one of ..." message.
fn unknown_key(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// The "expected one of `a`, `b`" part of an unknown-field message.
fn known_keys(message: &str) -> &str {
    message
        .split_once("expected one of ")
        .or_else(|| message.split_once("expected "))
        .map_or("", |(_, known)| known)
}

/// The dotted key path toml records for a value error (`weights.hidden-link`).
/// toml only shows it when it has no input to quote, so ask it that way.
fn key_path(error: &toml::de::Error) -> Option<String> {
    let mut bare = error.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let last = shown.lines().last()?;
    let key = last.strip_prefix("in `")?.strip_suffix('`')?;
    Some(key.to_string())
}

/// serde's type names in the words a settings file uses.
fn plain_words(message: &str) -> String {
    let mut text = message.to_string();
    for (rust, plain) in [
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list such as [\"a\", \"b\"]"),
        ("expected struct Thresholds", "expected a map"),
    ] {
        if let Some(stripped) = text.strip_suffix(rust) {
            text = format!("{stripped}{plain}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, String> {
        ConfigFile::parse(PathBuf::from("site.toml"), text.to_string()).map_err(|e| e.to_string())
    }

    #[test]
    fn every_flag_key_reads_with_its_line() {
        let file = parse(
            "brand = [\"Acme\"]\nkeyword = [\"garden tools\"]\nconcurrency = 16\nper-host = 1\n\
             delay = 250\ntimeout = 7.5\nretries = 0\nbackoff = 100\nmax-redirects = 3\n\
             max-page-size = \"2MiB\"\nuser-agent = \"me\"\nignore-robots = true\n\
             format = \"json\"\nfail-on = [\"toxic\"]\nspam-term = [\"casino\"]\n\
             suspicious-tld = [\"xyz\"]\n[weights]\nhidden-link = 100\n[thresholds]\ntoxic = 1\n",
        )
        .unwrap();
        let v = &file.values;
        assert_eq!(v.concurrency.as_ref().map(|s| *s.get_ref()), Some(16));
        assert_eq!(file.line(v.concurrency.as_ref().unwrap()), 3);
        assert_eq!(v.timeout.as_ref().map(|s| *s.get_ref()), Some(7.5));
        assert_eq!(
            v.max_page_size.as_ref().map(|s| s.get_ref().clone()),
            Some(SizeSetting::Text("2MiB".into()))
        );
        assert_eq!(v.ignore_robots.as_ref().map(|s| *s.get_ref()), Some(true));
        assert_eq!(*v.weights["hidden-link"].get_ref(), 100);
        assert_eq!(file.line(&v.weights["hidden-link"]), 18);
        assert_eq!(v.thresholds.toxic, 1.0, "an integer is a number");
    }

    #[test]
    fn a_size_is_an_integer_or_text() {
        let file = parse("max-page-size = 1000\n").unwrap();
        assert_eq!(
            file.values.max_page_size.map(|s| s.into_inner()),
            Some(SizeSetting::Bytes(1000))
        );
        let error = parse("max-page-size = -5\n").unwrap_err();
        assert!(error.contains("a number of bytes"), "{error}");
        let error = parse("max-page-size = true\n").unwrap_err();
        assert!(error.contains("max-page-size"), "{error}");
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line_and_the_known_keys() {
        let error = parse("concurrency = 4\nconcurenc = 3\n").unwrap_err();
        assert!(error.contains("site.toml"), "{error}");
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("unknown key `concurenc`"), "{error}");
        assert!(error.contains("`concurrency`"), "lists the known keys: {error}");
        let error = parse("[weight]\nhidden-link = 1\n").unwrap_err();
        assert!(error.contains("unknown key `weight`"), "{error}");
    }

    #[test]
    fn an_unknown_threshold_is_named_with_its_table() {
        let error = parse("[thresholds]\ntoxic = 40\noutput = 1\n").unwrap_err();
        assert!(
            error.contains("line 3, key `thresholds.output`: unknown key `output`; the keys are `toxic`, "),
            "not a per-run flag inside a table: {error}"
        );
    }

    #[test]
    fn a_threshold_out_of_range_names_the_key_and_line() {
        let error = parse("\n[thresholds]\nshared-ip-domains = 1\n").unwrap_err();
        assert_eq!(
            error,
            "settings file `site.toml`, line 3, key `thresholds.shared-ip-domains`: \
             must be a number of 2 or more, not 1"
        );
    }

    #[test]
    fn per_run_flags_are_refused_with_the_flag_to_use() {
        for (key, flag) in [
            ("output", "-o FILE"),
            ("disavow", "--disavow FILE"),
            ("sources", "--sources"),
            ("only", "--only LIST"),
            ("limit", "--limit N"),
        ] {
            let error = parse(&format!("{key} = \"x\"\n")).unwrap_err();
            assert!(error.contains(&format!("`{key}` belongs to one run")), "{error}");
            assert!(error.contains(flag), "{error}");
        }
    }

    #[test]
    fn a_wrong_type_names_the_key_and_what_is_expected() {
        let error = parse("\n\nconcurrency = \"many\"\n").unwrap_err();
        assert!(error.contains("line 3"), "{error}");
        assert!(error.contains("`concurrency`"), "{error}");
        assert!(error.contains("expected a whole number"), "{error}");
        let error = parse("brand = \"Acme\"\n").unwrap_err();
        assert!(
            error.contains("`brand`") && error.contains("expected a list"),
            "{error}"
        );
        let error = parse("[weights]\nhidden-link = -1\n").unwrap_err();
        assert!(
            error.contains("`weights.hidden-link`") && error.contains("line 2"),
            "{error}"
        );
        let error = parse("timeout = \"soon\"\n").unwrap_err();
        assert!(
            error.contains("`timeout`") && error.contains("expected a number"),
            "{error}"
        );
    }

    #[test]
    fn a_syntax_error_quotes_its_line() {
        let error = parse("concurrency = 4\nconcurrency = 5\n").unwrap_err();
        assert!(
            error.contains("line 2") && error.contains("`concurrency = 5`"),
            "{error}"
        );
        let error = parse("brand = [\"Acme\"\n").unwrap_err();
        assert!(error.contains("line 1"), "{error}");
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        let file = parse("# nothing yet\n").unwrap();
        assert!(file.values.concurrency.is_none() && file.values.weights.is_empty());
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of(b"a\nb\nc", 0), 1);
        assert_eq!(line_of(b"a\nb\nc", 2), 2);
        assert_eq!(line_of(b"a\nb\nc", 99), 3);
    }
}
