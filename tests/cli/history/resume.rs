//! Interrupt and resume with real signals: the first run is stopped while a
//! source stalls, saves what it finished as partial, and `--resume` fetches
//! only what is missing, ending as one complete audit under the same id.

use crate::run::std_command;
use crate::server::TestServer;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::Duration;

fn spawn_audit(dir: &Path, args: &[String]) -> Child {
    std_command(dir)
        .args([
            "audit",
            "example.com",
            "--format",
            "json",
            "--retries",
            "0",
            "--timeout",
            "30",
        ])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn backlinks")
}

/// Waits (bounded) until the server has seen `path`, then sends `signal`.
fn signal_when_requested(server: &TestServer, path: &str, child: &Child, signal: &str) {
    for _ in 0..1500 {
        if server.hits(path) > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(server.hits(path), 1, "{path} was never requested");
    let sent = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
}

/// Waits (bounded) until the history holds `sources` saved results of the
/// running audit: the finished page is parsed and saved, not merely fetched.
fn wait_until_saved(dir: &Path, sources: u64) {
    for _ in 0..1500 {
        let output = std_command(dir)
            .args(["history", "--format", "json"])
            .output()
            .expect("history");
        if let Ok(doc) = serde_json::from_slice::<serde_json::Value>(&output.stdout) {
            if doc["audits"][0]["sources"].as_u64() == Some(sources) {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the audit never saved {sources} results");
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
}

fn history(dir: &Path) -> serde_json::Value {
    let output = std_command(dir)
        .args(["history", "--format", "json"])
        .output()
        .expect("history");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output)
}

#[test]
fn an_interrupted_audit_resumes_and_ends_as_one_complete_audit() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let done = server.url("/page/done");
    let slow = server.url("/slow-body");
    let later = server.url("/page/later");

    // Both in flight at once: which starts first is up to the scheduler, and
    // with one slot a stall taken first would hold back the finished page.
    let first = spawn_audit(
        dir.path(),
        &[
            "--concurrency".into(),
            "2".into(),
            "--per-host".into(),
            "2".into(),
            done.clone(),
            slow.clone(),
        ],
    );
    wait_until_saved(dir.path(), 1);
    signal_when_requested(&server, "/slow-body", &first, "-INT");
    let output = first.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let partial = json(&output);
    assert_eq!(partial["partial"], true);
    assert_eq!(
        partial["sources"].as_array().unwrap().len(),
        1,
        "only the finished source"
    );
    let saved = history(dir.path());
    assert_eq!(saved["audits"].as_array().unwrap().len(), 1);
    assert_eq!(saved["audits"][0]["partial"], true);
    assert_eq!(
        (
            &saved["audits"][0]["sources"],
            &saved["audits"][0]["sources_given"]
        ),
        (&1.into(), &2.into()),
        "a partial audit knows how far it got"
    );
    let table = std_command(dir.path()).args(["history"]).output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("1 of 2"), "{table}");
    let id = saved["audits"][0]["id"].clone();

    // The list now drops the stalling page and gains another.
    let output = std_command(dir.path())
        .args([
            "audit",
            "example.com",
            "--format",
            "json",
            "--resume",
            &done,
            &later,
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let resumed = json(&output);
    assert_eq!(resumed["partial"], false);
    let urls: Vec<&str> = resumed["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [done.as_str(), later.as_str()],
        "input order, the finished source kept"
    );
    assert_eq!(
        resumed["started_at"], partial["started_at"],
        "one audit, started once"
    );
    assert_eq!(
        server.hits("/page/done"),
        1,
        "a finished source is not fetched again"
    );
    assert_eq!(server.hits("/page/later"), 1);
    assert_eq!(resumed["summary"]["backlinks"], 2);

    let saved = history(dir.path());
    assert_eq!(
        saved["audits"].as_array().unwrap().len(),
        1,
        "resumed, not a second audit"
    );
    assert_eq!(saved["audits"][0]["id"], id);
    assert_eq!(saved["audits"][0]["partial"], false);
}

#[test]
fn sigterm_interrupts_like_ctrl_c() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_audit(
        dir.path(),
        &[
            "--concurrency".into(),
            "1".into(),
            server.url("/page/done"),
            server.url("/slow-body"),
        ],
    );
    signal_when_requested(&server, "/slow-body", &child, "-TERM");
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(json(&output)["partial"], true);
}

#[test]
fn resume_without_an_interrupted_audit_is_a_usage_error() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let output = std_command(dir.path())
        .args(["audit", "example.com", "--resume", &server.url("/page/done")])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no interrupted audit"), "{stderr}");
    assert_eq!(server.hits("/page/done"), 0, "nothing fetched");
}
