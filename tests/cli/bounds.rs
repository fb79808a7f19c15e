//! Numeric settings are bounded, and sizes read, alike in flags and in `backlinks.toml`.

use crate::run::Audit;
use crate::server::TestServer;

#[test]
fn a_delay_over_an_hour_exits_2_before_fetching_in_flag_and_file() {
    let server = TestServer::start();
    let flag = Audit::new("example.com")
        .source(server.url("/page/1"))
        .args(["--delay", "3600001"])
        .run()
        .expect_code(2);
    assert_eq!(
        flag.stderr.trim(),
        "error: --delay: `3600001` is too long a delay: at most 3600000 milliseconds (an hour)"
    );
    let audit = Audit::new("example.com").source(server.url("/page/1"));
    audit.file("backlinks.toml", "# polite\ndelay = 99999999999\n");
    let file = audit.run().expect_code(2);
    assert_eq!(
        file.stderr.trim(),
        "error: settings file `backlinks.toml`, line 2, key `delay`: `99999999999` is too long a delay: at most 3600000 milliseconds (an hour)"
    );
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn a_timeout_over_an_hour_exits_2_in_the_same_words() {
    let outcome = Audit::new("example.com")
        .source("https://partner.test/")
        .args(["--timeout", "1e18"])
        .run()
        .expect_code(2);
    assert!(
        outcome.stderr.contains(
            "--timeout: `1000000000000000000` is too long for a time-out: at most 3600 seconds (an hour)"
        ),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_size_suffix_reads_the_same_in_flag_and_file() {
    let server = TestServer::start();
    let url = server.url("/padded/3000");
    for size in ["2k", "2 KB", "2KiB"] {
        let flag = Audit::new("example.com")
            .source(&url)
            .args(["--max-page-size", size])
            .json();
        assert_eq!(flag.source(&url)["truncated"], true, "--max-page-size {size}");
        let audit = Audit::new("example.com").source(&url);
        audit.file("backlinks.toml", format!("max-page-size = \"{size}\"\n"));
        let file = audit.json();
        assert_eq!(file.source(&url)["truncated"], true, "max-page-size = \"{size}\"");
    }
    let audit = Audit::new("example.com").source(&url);
    audit.file("backlinks.toml", "max-page-size = \"1mb\"\n");
    assert_eq!(audit.json().source(&url)["truncated"], false);
}

#[test]
fn csv_bom_in_the_file_starts_every_csv_with_a_bom() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(server.url("/page/1"))
        .args(["--format", "csv", "-o", "r.csv"]);
    audit.file("backlinks.toml", "csv-bom = true\n");
    let outcome = audit.run().expect_code(0);
    assert!(outcome.stdout.starts_with(b"\xEF\xBB\xBFsource_url,"));
    let file = std::fs::read(audit.dir().join("r.csv")).expect("r.csv");
    assert!(file.starts_with(b"\xEF\xBB\xBFsource_url,"));
}

#[test]
fn only_and_limit_in_the_file_are_refused_naming_the_flag() {
    for (line, flag) in [
        ("only = [\"toxic\"]", "`--only LIST`"),
        ("limit = 5", "`--limit N`"),
    ] {
        let audit = Audit::new("example.com").source("https://partner.test/");
        audit.file("backlinks.toml", format!("{line}\n"));
        let outcome = audit.run().expect_code(2);
        assert!(
            outcome
                .stderr
                .contains("belongs to one run, not to the settings file")
                && outcome.stderr.contains(flag),
            "{}",
            outcome.stderr
        );
    }
}
