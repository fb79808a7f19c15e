//! Unit tests of the merge of command line and settings file.

use super::*;
use crate::cli::{Cli, Command};
use clap::Parser;

fn args(extra: &[&str]) -> AuditArgs {
    let argv = ["backlinks", "audit", "www.example.com"].iter().chain(extra);
    match Cli::parse_from(argv).command {
        Command::Audit(args) => *args,
        other => panic!("not an audit: {other:?}"),
    }
}

fn file(text: &str) -> ConfigFile {
    ConfigFile::parse(PathBuf::from("site.toml"), text.to_string()).unwrap()
}

fn merged(extra: &[&str], text: Option<&str>) -> Settings {
    let file = text.map(file);
    Settings::from_args(args(extra), file.as_ref()).unwrap()
}

/// The error a user sees: the file's own (a value of the wrong type or kind),
/// else the merge's.
fn error(extra: &[&str], text: Option<&str>) -> String {
    let parsed = text.map(|t| ConfigFile::parse(PathBuf::from("site.toml"), t.to_string()));
    let file = match parsed.transpose() {
        Ok(file) => file,
        Err(e) => return e.to_string(),
    };
    Settings::from_args(args(extra), file.as_ref())
        .unwrap_err()
        .to_string()
}

#[test]
fn without_a_file_every_setting_has_its_default() {
    let s = merged(&[], None);
    assert_eq!(s.fetch.concurrency, defaults::CONCURRENCY);
    assert_eq!(s.fetch.per_host, defaults::PER_HOST);
    assert_eq!(s.fetch.timeout, Duration::from_secs(20));
    assert_eq!(s.fetch.max_page_size, 5 * 1024 * 1024);
    assert_eq!(
        s.fetch.user_agent,
        format!("backlinks/{}", env!("CARGO_PKG_VERSION"))
    );
    assert!(s.fetch.obey_robots);
    assert_eq!(s.stdout_format, Some(Format::Table));
    assert_eq!(s.analysis.brands, ["example"]);
    assert!(s.analysis.keywords.is_empty() && s.fail_on.is_empty());
    assert_eq!(s.analysis.scoring, Scoring::default());
    assert_eq!(s.disavow, None);
}

const SITE: &str = r#"
brand = ["Acme", "Acme Tools"]
keyword = ["garden tools"]
spam-term = ["  Online   CASINO ", "casino"]
suspicious-tld = [".XYZ", "top", ".рф"]
concurrency = 16
per-host = 1
delay = 250
timeout = 7.5
retries = 0
backoff = 100
max-redirects = 3
max-page-size = 2048
user-agent = "acme-audit/1"
ignore-robots = true
format = "JSON"
fail-on = ["toxic", "missing,nofollow"]

[thresholds]
toxic = 40
"#;

#[test]
fn the_file_sets_what_the_command_line_leaves_out() {
    let s = merged(&[], Some(SITE));
    assert_eq!(s.fetch.concurrency, 16);
    assert_eq!(s.fetch.per_host, 1);
    assert_eq!(s.fetch.delay, Duration::from_millis(250));
    assert_eq!(s.fetch.timeout, Duration::from_millis(7500));
    assert_eq!(s.fetch.retries, 0);
    assert_eq!(s.fetch.backoff, Duration::from_millis(100));
    assert_eq!(s.fetch.max_redirects, 3);
    assert_eq!(s.fetch.max_page_size, 2048);
    assert_eq!(s.fetch.user_agent, "acme-audit/1");
    assert!(!s.fetch.obey_robots);
    assert_eq!(s.stdout_format, Some(Format::Json));
    assert_eq!(s.fail_on, [FailOn::Toxic, FailOn::Missing, FailOn::Nofollow]);
    assert_eq!(s.analysis.brands, ["example", "Acme", "Acme Tools"]);
    assert_eq!(s.analysis.keywords, ["garden tools"]);
    assert_eq!(s.analysis.extra_spam_terms, ["online casino", "casino"]);
    assert_eq!(s.analysis.suspicious_tlds, ["xyz", "top", "xn--p1ai"]);
    assert_eq!(s.analysis.scoring.thresholds.toxic, 40.0);
    // The anchor rules the analysis builds follow the file's brands.
    let rules = crate::analyze::AnchorRules::new(&s.analysis.brands, &s.analysis.keywords);
    assert_eq!(
        crate::analyze::anchor_kind("Acme Tools shop", false, &rules),
        crate::model::AnchorKind::Branded
    );
}

#[test]
fn the_command_line_replaces_the_file_lists_included() {
    let s = merged(
        &[
            "--concurrency",
            "4",
            "--per-host",
            "3",
            "--timeout",
            "2",
            "--max-page-size",
            "1KiB",
            "--user-agent",
            "cli",
            "--format",
            "csv",
            "--fail-on",
            "nofollow",
            "--brand",
            "Other",
            "--keyword",
            "rakes",
            "--spam-term",
            "viagra",
            "--suspicious-tld",
            "biz",
            "--delay",
            "0",
        ],
        Some(SITE),
    );
    assert_eq!(s.fetch.concurrency, 4);
    assert_eq!(s.fetch.per_host, 3);
    assert_eq!(
        s.fetch.delay,
        Duration::ZERO,
        "an explicit default still wins over the file"
    );
    assert_eq!(s.fetch.timeout, Duration::from_secs(2));
    assert_eq!(s.fetch.max_page_size, 1024);
    assert_eq!(s.fetch.user_agent, "cli");
    assert_eq!(s.stdout_format, Some(Format::Csv));
    assert_eq!(s.fail_on, [FailOn::Nofollow]);
    assert_eq!(s.analysis.brands, ["example", "Other"]);
    assert_eq!(s.analysis.keywords, ["rakes"]);
    assert_eq!(s.analysis.extra_spam_terms, ["viagra"]);
    assert_eq!(s.analysis.suspicious_tlds, ["biz"]);
    // What the command line does not name still comes from the file.
    assert_eq!(s.fetch.retries, 0);
    assert_eq!(s.analysis.scoring.thresholds.toxic, 40.0);
}

#[test]
fn quiet_still_leaves_no_report_on_standard_output() {
    assert_eq!(merged(&["--quiet"], Some(SITE)).stdout_format, None);
}

#[test]
fn an_empty_brand_list_keeps_the_default_brand() {
    assert_eq!(merged(&[], Some("brand = []\n")).analysis.brands, ["example"]);
}

#[test]
fn brands_add_to_the_default_brand_unless_it_is_turned_off() {
    let brands = |args: &[&str], file| merged(args, file).analysis.brands;
    assert_eq!(brands(&["--brand", "Acme"], None), ["example", "Acme"]);
    assert_eq!(brands(&["--brand", "example"], None), ["example"], "named once");
    assert_eq!(brands(&["--brand", "Acme", "--no-default-brand"], None), ["Acme"]);
    let off = Some("no-default-brand = true\nbrand = [\"Acme\"]\n");
    assert_eq!(brands(&[], off), ["Acme"]);
    assert_eq!(
        brands(&["--brand", "Other"], off),
        ["Other"],
        "the command line's list replaces the file's; the file's switch stands"
    );
    assert!(brands(&["--no-default-brand"], None).is_empty());
}

#[test]
fn ignore_robots_from_either_place_turns_robots_off() {
    assert!(merged(&[], Some("ignore-robots = false\n")).fetch.obey_robots);
    assert!(
        !merged(&["--ignore-robots"], Some("ignore-robots = false\n"))
            .fetch
            .obey_robots
    );
    assert!(!merged(&[], Some("ignore-robots = true\n")).fetch.obey_robots);
}

#[test]
fn check_targets_from_either_place_or_fail_on_broken_target_turns_it_on() {
    assert!(!merged(&[], None).check_targets);
    assert!(!merged(&[], Some("check-targets = false\n")).check_targets);
    assert!(merged(&["--check-targets"], Some("check-targets = false\n")).check_targets);
    assert!(merged(&[], Some("check-targets = true\n")).check_targets);
    assert!(merged(&["--fail-on", "broken-target"], None).check_targets);
    assert!(merged(&[], Some("fail-on = [\"broken-target\"]\n")).check_targets);
    assert!(merged(&["--check-targets"], None).plan().check_targets);
}

#[test]
fn render_comes_from_the_flag_else_the_file_else_never() {
    use crate::render::RenderMode;
    assert_eq!(merged(&[], None).render, RenderMode::Never);
    assert_eq!(merged(&[], Some("render = \"auto\"\n")).render, RenderMode::Auto);
    assert_eq!(
        merged(&["--render", "always"], Some("render = \"auto\"\n"))
            .plan()
            .render,
        RenderMode::Always
    );
    assert_eq!(
        merged(&["--render", "never"], Some("render = \"always\"\n")).render,
        RenderMode::Never
    );
}

#[test]
fn allow_private_from_either_place_turns_the_refusal_off() {
    assert!(!merged(&[], None).fetch.allow_private);
    assert!(!merged(&[], Some("allow-private = false\n")).fetch.allow_private);
    assert!(
        merged(&["--allow-private"], Some("allow-private = false\n"))
            .fetch
            .allow_private
    );
    assert!(merged(&[], Some("allow-private = true\n")).fetch.allow_private);
}

#[test]
fn weights_go_to_the_scoring_table() {
    if let Some((flag, default)) = crate::analyze::Weights::DEFAULTS.first() {
        let changed = if *default == 100 { 0 } else { 100 };
        let s = merged(&[], Some(&format!("[weights]\n{flag} = {changed}\n")));
        assert_eq!(s.analysis.scoring.weight(*flag), changed);
    }
    let e = error(&[], Some("\n[weights]\nno-such-flag = 5\n"));
    assert!(e.contains("site.toml") && e.contains("line 3"), "{e}");
    assert!(e.contains("`weights.no-such-flag`"), "{e}");
}

#[test]
fn a_bad_threshold_names_the_key_and_line() {
    let e = error(&[], Some("[thresholds]\ntoxic = -1\n"));
    assert!(e.contains("line 2") && e.contains("`thresholds.toxic`"), "{e}");
    let e = error(&[], Some("[thresholds]\nno-such = 1\n"));
    assert!(e.contains("`thresholds.no-such`"), "{e}");
}

#[test]
fn a_bad_value_says_where_it_came_from() {
    let e = error(&[], Some("retries = 1\nconcurrency = 0\n"));
    assert_eq!(
        e,
        "settings file `site.toml`, line 2, key `concurrency`: must be at least 1"
    );
    assert_eq!(
        error(&["--per-host", "0"], None),
        "--per-host: must be at least 1"
    );
    let e = error(&[], Some("timeout = 0\n"));
    assert!(
        e.contains("`timeout`") && e.contains("positive number of seconds"),
        "{e}"
    );
    assert!(error(&["--timeout", "1e300"], None).contains("too long"));
    assert!(error(&["--timeout", "inf"], None).contains("not a positive number"));
    assert!(error(&["--timeout", "NaN"], None).contains("--timeout"));
    let e = error(&[], Some("max-page-size = \"5 parsecs\"\n"));
    assert!(e.contains("`max-page-size`") && e.contains("unknown unit"), "{e}");
    assert!(error(&[], Some("max-page-size = 0\n")).contains("more than 0"));
    let e = error(&[], Some("format = \"xml\"\n"));
    assert!(
        e.contains("`format`") && e.contains("table, csv, json, jsonl, markdown"),
        "{e}"
    );
    let e = error(&[], Some("fail-on = [\"toxic\", \"sometimes\"]\n"));
    assert!(e.contains("`fail-on`") && e.contains("`sometimes`"), "{e}");
    for tld in ["x y", "", ".", "a/b"] {
        let e = error(&[], Some(&format!("suspicious-tld = [\"{tld}\"]\n")));
        assert!(
            e.contains("`suspicious-tld`") && e.contains("not a top-level domain"),
            "{tld:?}: {e}"
        );
    }
}

#[test]
fn a_value_the_command_line_replaces_is_not_checked() {
    // The file's value never takes effect, so it cannot make the run fail.
    assert_eq!(
        merged(&["--concurrency", "2"], Some("concurrency = 0\n"))
            .fetch
            .concurrency,
        2
    );
}

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
fn every_numeric_setting_is_bounded_alike_in_flags_and_file() {
    // (flag, key, the largest value allowed, the smallest refused, a word of its message)
    let cases = [
        (
            "concurrency",
            "1000",
            "1001",
            "too many requests in flight: at most 1000",
        ),
        (
            "per-host",
            "1000",
            "1001",
            "too many requests in flight: at most 1000",
        ),
        (
            "delay",
            "3600000",
            "3600001",
            "too long a delay: at most 3600000 milliseconds (an hour)",
        ),
        (
            "timeout",
            "3600",
            "3600.5",
            "too long for a time-out: at most 3600 seconds (an hour)",
        ),
        ("retries", "10", "11", "too many retries: at most 10"),
        (
            "backoff",
            "3600000",
            "3600001",
            "too long a wait before a retry: at most 3600000 milliseconds (an hour)",
        ),
        ("max-redirects", "100", "101", "too many redirects: at most 100"),
        (
            "max-page-size",
            "1073741824",
            "1073741825",
            "too large for a page: at most 1GiB",
        ),
    ];
    for (key, max, over, message) in cases {
        merged(&[&format!("--{key}"), max], None);
        merged(&[], Some(&format!("{key} = {max}\n")));
        assert_eq!(
            error(&[&format!("--{key}"), over], None),
            format!("--{key}: `{over}` is {message}"),
        );
        let in_file = error(&[], Some(&format!("\n{key} = {over}\n")));
        assert_eq!(
            in_file,
            format!("settings file `site.toml`, line 2, key `{key}`: `{over}` is {message}"),
        );
    }
}

#[test]
fn the_lower_bounds_are_said_alike_in_flags_and_file() {
    for (key, low, message) in [
        ("concurrency", "0", "must be at least 1"),
        ("per-host", "0", "must be at least 1"),
        ("timeout", "0", "`0` is not a positive number of seconds"),
        ("max-page-size", "0", "must be more than 0"),
    ] {
        assert_eq!(
            error(&[&format!("--{key}"), low], None),
            format!("--{key}: {message}")
        );
        let in_file = error(&[], Some(&format!("{key} = {low}\n")));
        assert!(in_file.ends_with(&format!("key `{key}`: {message}")), "{in_file}");
    }
    // Zero is allowed where it means "none".
    let s = merged(
        &[
            "--delay",
            "0",
            "--retries",
            "0",
            "--backoff",
            "0",
            "--max-redirects",
            "0",
        ],
        None,
    );
    assert_eq!(
        (s.fetch.delay, s.fetch.retries, s.fetch.max_redirects),
        (Duration::ZERO, 0, 0)
    );
}

#[test]
fn a_delay_at_its_bound_is_used_as_given() {
    assert_eq!(
        merged(&["--delay", "3600000"], None).fetch.delay,
        Duration::from_secs(3600)
    );
    assert_eq!(
        merged(&[], Some("delay = 250\n")).fetch.delay,
        Duration::from_millis(250)
    );
    let e = error(&["--delay", "18446744073709551615"], None);
    assert!(
        e.starts_with("--delay: `18446744073709551615` is too long a delay"),
        "{e}"
    );
}

#[test]
fn every_size_form_reads_the_same_in_flags_and_file() {
    let forms = [
        ("5242880", 5 << 20),
        ("5MiB", 5 << 20),
        ("5mib", 5 << 20),
        ("5 MiB", 5 << 20),
        ("5M", 5_000_000),
        ("5m", 5_000_000),
        ("5MB", 5_000_000),
        ("5mb", 5_000_000),
        ("500K", 500_000),
        ("500kb", 500_000),
        ("512KiB", 512 << 10),
        ("1G", 1_000_000_000),
        ("1GB", 1_000_000_000),
        ("1GiB", 1 << 30),
        ("1000B", 1000),
        (" 64KiB ", 64 << 10),
    ];
    for (text, bytes) in forms {
        let flag = merged(&["--max-page-size", text], None).fetch.max_page_size;
        let file = merged(&[], Some(&format!("max-page-size = \"{text}\"\n")))
            .fetch
            .max_page_size;
        assert_eq!((flag, file), (bytes, bytes), "{text}");
    }
    assert_eq!(
        merged(&[], Some("max-page-size = 2048\n")).fetch.max_page_size,
        2048
    );
}

#[test]
fn every_bad_size_says_why_in_flags_and_file() {
    for (text, message) in [
        (
            "5 parsecs",
            "has an unknown unit (use bytes, or K, KB, M, MB, G, GB, KiB, MiB, GiB)",
        ),
        ("5TiB", "has an unknown unit"),
        ("MiB", "is not a size (for example 5MiB or 1000000)"),
        ("-5", "is not a size"),
        (
            "1.5MiB",
            "is not a whole number of bytes (use a smaller unit: 1536KiB for 1.5MiB)",
        ),
        ("2GiB", "is too large for a page: at most 1GiB"),
        ("99999999999999999999G", "is too large"),
    ] {
        let flag = error(&[&format!("--max-page-size={text}")], None);
        assert!(flag.starts_with("--max-page-size: `"), "{flag}");
        assert!(flag.contains(message), "{text}: {flag}");
        let file = error(&[], Some(&format!("max-page-size = \"{text}\"\n")));
        assert!(
            file.contains("key `max-page-size`: `") && file.contains(message),
            "{text}: {file}"
        );
    }
}

#[test]
fn csv_bom_is_a_setting_of_the_file_that_the_flag_can_only_turn_on() {
    assert!(!merged(&[], None).csv_bom);
    assert!(merged(&[], Some("csv-bom = true\n")).csv_bom);
    assert!(!merged(&[], Some("csv-bom = false\n")).csv_bom);
    assert!(merged(&["--csv-bom"], Some("csv-bom = false\n")).csv_bom);
    let e = error(&[], Some("csv-bom = \"yes\"\n"));
    assert!(e.contains("`csv-bom`"), "{e}");
}

#[test]
fn only_and_limit_are_refused_in_the_file_naming_the_flag() {
    let e = error(&[], Some("only = [\"toxic\"]\n"));
    assert!(
        e.contains("`only` belongs to one run") && e.contains("`--only LIST`"),
        "{e}"
    );
    let e = error(&[], Some("\nlimit = 10\n"));
    assert!(
        e.contains("line 2") && e.contains("`limit` belongs to one run") && e.contains("`--limit N`"),
        "{e}"
    );
}

#[test]
fn fail_on_words() {
    assert_eq!(FailOn::parse(" Missing "), Ok(FailOn::Missing));
    assert_eq!(FailOn::parse("nofollow"), Ok(FailOn::Nofollow));
    assert_eq!(FailOn::parse("toxic"), Ok(FailOn::Toxic));
    assert_eq!(FailOn::parse("LOST"), Ok(FailOn::Lost));
    assert!(FailOn::parse("broken")
        .unwrap_err()
        .contains("toxic, missing, nofollow, lost or broken-target"));
    assert_eq!(FailOn::parse("Broken-Target"), Ok(FailOn::BrokenTarget));
}

#[test]
fn default_brand_is_the_first_label_in_unicode() {
    assert_eq!(
        default_brand(&Target::parse("www.example.com").unwrap()),
        "example"
    );
    assert_eq!(default_brand(&Target::parse("bücher.de").unwrap()), "bücher");
}
