//! Which audits `diff` compares by default, and databases it must not read.

use super::{page, Monitor};
use crate::server::TestServer;
use backlinks::store::{AuditId, Store};

fn server() -> TestServer {
    TestServer::with_pages(vec![("/a", page(&[("https://example.com/", "", "Example")]))])
}

fn audit(monitor: &Monitor, target: &str, server: &TestServer) {
    let source = server.url("/a");
    monitor
        .run(["audit", target, source.as_str(), "-q"])
        .expect_code(0);
}

#[test]
fn a_database_from_a_newer_version_is_refused_by_every_command() {
    let monitor = Monitor::new();
    let conn = rusqlite::Connection::open(monitor.db()).expect("create a database");
    conn.pragma_update(None, "user_version", 999)
        .expect("set its version");
    drop(conn);
    let server = server();
    let source = server.url("/a");
    let runs: [&[&str]; 4] = [
        &["history"],
        &["show", "latest"],
        &["diff", "example.com"],
        &["audit", "example.com", &source],
    ];
    for args in runs {
        let outcome = monitor.run(args).expect_code(2);
        assert!(
            outcome.stderr.contains("written by a newer backlinks") && outcome.stderr.contains("999"),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    assert_eq!(server.hits("/a"), 0, "refused before anything is fetched");
}

#[test]
fn diff_needs_two_complete_audits_and_says_so() {
    let monitor = Monitor::new();
    let server = server();
    audit(&monitor, "example.com", &server);
    let outcome = monitor.run(["diff"]).expect_code(2);
    assert!(
        outcome
            .stderr
            .contains("no complete saved audit of example.com before audit 1"),
        "{}",
        outcome.stderr
    );
    let outcome = monitor.run(["diff", "example.org"]).expect_code(2);
    assert!(
        outcome.stderr.contains("no complete saved audit of example.org"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn without_a_target_diff_needs_the_history_to_hold_one() {
    let monitor = Monitor::new();
    let server = server();
    for target in ["example.com", "example.org", "example.com", "example.org"] {
        audit(&monitor, target, &server);
    }
    let outcome = monitor.run(["diff"]).expect_code(2);
    assert!(
        outcome
            .stderr
            .contains("audits of 2 targets (example.org, example.com)"),
        "{}",
        outcome.stderr
    );
    let doc = monitor.json(&["diff", "https://www.example.com"]);
    assert_eq!(
        (doc["from"]["id"].as_i64(), doc["to"]["id"].as_i64()),
        (Some(1), Some(3))
    );
    // An id tells the target.
    let doc = monitor.json(&["diff", "--to", "4"]);
    assert_eq!(
        (doc["from"]["id"].as_i64(), doc["target"]["host"].as_str()),
        (Some(2), Some("example.org"))
    );
    let outcome = monitor.run(["diff", "--from", "1", "--to", "2"]).expect_code(2);
    assert!(
        outcome.stderr.contains("diff compares two audits of one target"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn diff_leaves_a_partial_audit_out_by_default_and_says_so() {
    let monitor = Monitor::new();
    let server = server();
    audit(&monitor, "example.com", &server);
    audit(&monitor, "example.com", &server);
    // An audit that never finished (interrupted, crashed, or still running).
    let mut store = Store::open(&monitor.db()).expect("open the history");
    let head = store.load(AuditId(2)).expect("audit 2");
    let partial = store.begin_audit(&head).expect("begin an audit");
    drop(store);

    let outcome = monitor.run(["diff", "--format", "json"]).expect_code(0);
    let doc: serde_json::Value = serde_json::from_slice(&outcome.stdout).expect("JSON");
    assert_eq!(
        (doc["from"]["id"].as_i64(), doc["to"]["id"].as_i64()),
        (Some(1), Some(2))
    );
    assert!(
        outcome
            .stderr
            .contains(&format!("audit {partial}, the newest of example.com, is partial")),
        "{}",
        outcome.stderr
    );
    // Asked for, it is compared as it is: its missing source is unverified, not lost.
    let doc = monitor.json(&["diff", "--to", &partial.to_string()]);
    assert_eq!(doc["summary"]["unverified"], 1);
    assert_eq!(doc["summary"]["lost"], 0);
    let history = monitor.json(&["history"]);
    assert_eq!(history["audits"][0]["partial"], true);
    // `--from` alone compares with the latest complete audit, which must be newer.
    let outcome = monitor.run(["diff", "--from", "2"]).expect_code(2);
    assert!(
        outcome
            .stderr
            .contains("no complete audit of example.com is newer than audit 2"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn two_audits_writing_one_database_at_once_both_succeed() {
    let monitor = Monitor::new();
    let server = server();
    // Many slow sources each, so both runs write results while the other does.
    let sources: Vec<String> = (0..12)
        .map(|i| server.url(&format!("/delay/{}", 50 + i)))
        .collect();
    let spawn = |target: &str| {
        crate::run::std_command(monitor.db().parent().expect("scratch folder"))
            .args(["audit", target, "-q", "--per-host", "4"])
            .args(&sources)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start backlinks")
    };
    let runs = [spawn("example.com"), spawn("example.com")];
    for run in runs {
        let output = run.wait_with_output().expect("wait for backlinks");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let history = monitor.json(&["history"]);
    let audits = history["audits"].as_array().expect("audits");
    assert_eq!(audits.len(), 2, "{history:#}");
    for audit in audits {
        assert_eq!(
            (audit["sources"].as_u64(), audit["backlinks"].as_u64()),
            (Some(12), Some(12))
        );
        assert_eq!(audit["partial"], false);
    }
    assert_eq!(monitor.json(&["diff"])["summary"]["unchanged"], 12);
}

#[test]
fn a_file_that_is_no_database_is_said_once_with_the_fixes_each_command_has() {
    let monitor = Monitor::new();
    std::fs::write(monitor.db(), vec![b'x'; 4096]).expect("write a file that is not SQLite");
    let server = server();
    let source = server.url("/a");
    let runs: [&[&str]; 4] = [
        &["history"],
        &["show", "latest"],
        &["diff", "example.com"],
        &["audit", "example.com", &source],
    ];
    for args in runs {
        let outcome = monitor.run(args).expect_code(2);
        let err = &outcome.stderr;
        assert_eq!(
            err.matches("not a database").count(),
            1,
            "{args:?}: said once: {err}"
        );
        let is_audit = args[0] == "audit";
        assert_eq!(
            err.contains("--no-save"),
            is_audit,
            "{args:?}: only audit has --no-save: {err}"
        );
    }
    assert_eq!(server.hits("/a"), 0, "refused before anything is fetched");
}
