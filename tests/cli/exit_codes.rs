//! Exit codes: 0, 1 for a `--fail-on` condition, 2 for usage and input errors,
//! and a quiet 0 when the reader of standard output goes away.

use crate::run::{std_command, Audit};
use crate::server::TestServer;
use std::io::Read;
use std::process::Stdio;

fn lines_mentioning<'a>(stderr: &'a str, word: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(word)).collect()
}

#[test]
fn a_clean_audit_exits_0() {
    let server = TestServer::start();
    let outcome = Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .args(["--fail-on", "missing,nofollow,toxic"])
        .run()
        .expect_code(0);
    assert!(!outcome.stdout.is_empty());
}

#[test]
fn fail_on_missing_exits_1_with_one_line_saying_which() {
    let server = TestServer::start();
    let outcome = Audit::new("example.com")
        .sources([server.url("/site/link.html"), server.url("/site/no-link.html")])
        .args(["--fail-on", "missing", "--format", "json"])
        .run()
        .expect_code(1);
    assert_eq!(
        lines_mentioning(&outcome.stderr, "--fail-on missing"),
        ["--fail-on missing: 1 of 2 sources without a backlink"],
        "{}",
        outcome.stderr
    );
    let named = format!("  missing: {} (no-link)", server.url("/site/no-link.html"));
    assert_eq!(
        lines_mentioning(&outcome.stderr, "  missing: "),
        [named.as_str()],
        "each page without a backlink is named: {}",
        outcome.stderr
    );
    let report: serde_json::Value =
        serde_json::from_slice(&outcome.stdout).expect("the report is still printed");
    assert_eq!(report["summary"]["sources"]["by_status"]["no-link"], 1);
}

#[test]
fn quiet_still_says_which_fail_on_condition_holds() {
    let server = TestServer::start();
    let outcome = Audit::new("example.com")
        .source(server.url("/site/no-link.html"))
        .args(["--quiet", "--fail-on", "missing"])
        .run()
        .expect_code(1);
    assert!(outcome.stdout.is_empty());
    assert_eq!(
        lines_mentioning(&outcome.stderr, "--fail-on missing").len(),
        1,
        "{}",
        outcome.stderr
    );
}

#[test]
fn fail_on_missing_counts_sources_we_could_not_see() {
    let server = TestServer::start();
    Audit::new("example.com")
        .sources([server.url("/site/link.html"), server.url("/status/404")])
        .args(["--fail-on", "missing"])
        .run()
        .expect_code(1);
}

#[test]
fn fail_on_nofollow_exits_1_for_a_link_that_passes_no_equity() {
    let server = TestServer::start();
    let rel = Audit::new("example.com")
        .source(server.url("/site/rel-variants.html"))
        .args(["--fail-on", "nofollow"])
        .run()
        .expect_code(1);
    assert_eq!(
        lines_mentioning(&rel.stderr, "nofollow").len(),
        1,
        "{}",
        rel.stderr
    );

    // A dofollow link on a page-level nofollow page passes no equity either.
    Audit::new("example.com")
        .source(server.url("/site/meta-robots-nofollow.html"))
        .args(["--fail-on", "nofollow"])
        .run()
        .expect_code(1);
}

#[test]
fn fail_on_accepts_a_repeated_flag_and_a_list() {
    let server = TestServer::start();
    let outcome = Audit::new("example.com")
        .sources([server.url("/site/link.html"), server.url("/site/no-link.html")])
        .args(["--fail-on", "toxic", "--fail-on", "nofollow,missing"])
        .run()
        .expect_code(1);
    assert!(outcome.stderr.contains("missing"), "{}", outcome.stderr);
}

#[test]
fn bad_flags_and_values_exit_2() {
    let server = TestServer::start();
    let url = server.url("/site/link.html");
    for args in [
        vec!["--no-such-flag"],
        vec!["--format", "xml"],
        vec!["--fail-on", "sometimes"],
        vec!["--max-page-size", "lots"],
        vec!["--timeout", "soon"],
        vec!["--concurrency", "-1"],
        vec!["--concurrency", "0"],
        vec!["--per-host", "0"],
        vec!["--timeout", "0"],
    ] {
        let outcome = Audit::new("example.com").source(&url).args(&args).run();
        assert_eq!(outcome.code, Some(2), "{args:?}: {}", outcome.stderr);
        assert!(!outcome.stderr.trim().is_empty(), "{args:?}");
        assert!(outcome.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn an_unreadable_sources_file_exits_2_and_names_it() {
    let outcome = Audit::new("example.com")
        .args(["--sources", "no-such-list.txt"])
        .run()
        .expect_code(2);
    assert!(outcome.stderr.contains("no-such-list.txt"), "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
}

#[test]
fn a_directory_as_sources_file_exits_2() {
    let outcome = Audit::new("example.com")
        .args(["--sources", "."])
        .run()
        .expect_code(2);
    assert!(!outcome.stderr.trim().is_empty());
}

#[test]
fn no_valid_source_at_all_exits_2() {
    let none = Audit::new("example.com").run().expect_code(2);
    assert!(!none.stderr.trim().is_empty());

    let audit = Audit::new("example.com");
    let list = audit.file("list.txt", "# only comments\n\nhttp://exa mple.com/\n");
    let outcome = audit.sources_file(list).run().expect_code(2);
    assert!(!outcome.stderr.trim().is_empty());
    assert!(outcome.stdout.is_empty());
}

#[test]
fn a_closed_stdout_ends_the_run_quietly_with_0() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let list: String = (0..120)
        .map(|i| server.url(&format!("/many/{i}")) + "\n")
        .collect();
    let list_path = audit.file("list.txt", list);
    for format in ["json", "jsonl", "table"] {
        let mut cmd = std_command(audit.dir());
        let mut child = cmd
            .args(["audit", "example.com", "--backoff", "10", "--format", format])
            .arg("--sources")
            .arg(&list_path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn backlinks");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn an_interrupted_audit_saves_a_partial_report_and_exits_130() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let child = std_command(audit.dir())
        .args(["audit", "example.com", "--format", "json", "-o", "partial.json"])
        .args(["--timeout", "30", "--retries", "0"])
        .args([server.url("/page/done"), server.url("/slow-body")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn backlinks");
    // Interrupt once the stalling request is under way (bounded wait).
    for _ in 0..1500 {
        if server.hits("/slow-body") > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(server.hits("/slow-body"), 1, "the slow request never arrived");
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(sent.success());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_eq!(report["partial"], true);
    let file: serde_json::Value = serde_json::from_slice(
        &std::fs::read(audit.dir().join("partial.json")).expect("partial.json written"),
    )
    .expect("JSON");
    assert_eq!(file["partial"], true);
}

#[test]
fn fail_on_missing_counts_invalid_entries() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let list = audit.file(
        "list.txt",
        format!("{}\nhttp://exa mple.com/\n", server.url("/page/1")),
    );
    audit
        .sources_file(list)
        .args(["--fail-on", "missing"])
        .run()
        .expect_code(1);
}

#[test]
fn an_unreadable_sources_file_says_its_cause_once() {
    let outcome = Audit::new("example.com")
        .args(["--sources", "no-such-list.txt"])
        .run();
    assert_eq!(outcome.code, Some(2), "{}", outcome.stderr);
    // The operating system's words for "not found" end in its error code.
    let said = outcome.stderr.matches("(os error 2)").count();
    assert_eq!(said, 1, "the cause said once: {}", outcome.stderr);
    assert_eq!(outcome.stderr.lines().count(), 1, "{}", outcome.stderr);
}
