//! `-o` files: refused before any fetch when their path cannot work; one that
//! fails while written does not cost the others; links are followed.

use crate::run::{backlinks, Audit};
use crate::server::TestServer;
use std::fs;

/// A run of one linking page with these arguments.
fn audit_of_one_page(server: &TestServer) -> Audit {
    Audit::new("example.com").source(server.url("/page/1"))
}

fn refused_before_fetching(args: &[&str], says: &str) {
    let server = TestServer::start();
    let audit = audit_of_one_page(&server).args(args);
    fs::write(audit.dir().join("notes.txt"), "a file, not a folder").expect("notes");
    let outcome = audit.run().expect_code(2);
    assert!(outcome.stderr.contains(says), "{args:?}: {}", outcome.stderr);
    assert_eq!(outcome.stderr.lines().count(), 1, "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
    assert_eq!(server.requests().len(), 0, "{args:?}: nothing fetched");
}

#[test]
fn a_path_ending_in_a_slash_is_refused_before_fetching() {
    refused_before_fetching(&["-o", "out/"], "`out/` names a folder, not a report file");
    refused_before_fetching(&["-o", "out.json/"], "`out.json/` names a folder");
}

#[test]
fn a_parent_that_is_not_a_folder_is_refused_before_fetching() {
    refused_before_fetching(
        &["-o", "ok.csv", "-o", "notes.txt/r.json"],
        "cannot write report `notes.txt/r.json`: `notes.txt` is not a folder",
    );
}

#[test]
fn a_missing_folder_is_refused_not_created() {
    let server = TestServer::start();
    let audit = audit_of_one_page(&server).args(["-o", "reports/week.json"]);
    let outcome = audit.run().expect_code(2);
    assert!(
        outcome.stderr.contains(
            "cannot write report `reports/week.json`: folder `reports` does not exist (create it first)"
        ),
        "{}",
        outcome.stderr
    );
    assert!(!audit.dir().join("reports").exists(), "no folder made");
    assert_eq!(server.requests().len(), 0);
}

#[cfg(unix)]
#[test]
fn an_unwritable_folder_is_refused_before_fetching() {
    use std::os::unix::fs::PermissionsExt;
    let server = TestServer::start();
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let report = if root {
        // root writes through chmod 555; no one can create a file in /proc.
        eprintln!("note: running as root, where chmod 555 does not stop writes: /proc stands in for the read-only folder");
        "/proc/backlinks-report.json"
    } else {
        "locked/r.json"
    };
    let audit = audit_of_one_page(&server).args(["-o", "ok.csv", "-o", report]);
    let locked = audit.dir().join("locked");
    fs::create_dir(&locked).expect("locked dir");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).expect("chmod 555");
    let outcome = audit.run().expect_code(2);
    assert!(
        outcome
            .stderr
            .contains(&format!("cannot write report `{report}`")),
        "{}",
        outcome.stderr
    );
    assert_eq!(server.requests().len(), 0, "nothing fetched");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

/// `/dev/full` takes no byte, for root too; a link to it named `.json` is a
/// report that fails only as it is written, after every page was fetched.
#[cfg(target_os = "linux")]
#[test]
fn one_report_that_cannot_be_written_does_not_lose_the_others() {
    let server = TestServer::start();
    let audit = audit_of_one_page(&server).args([
        "-o",
        "full.json",
        "-o",
        "ok.csv",
        "-o",
        "full.jsonl",
        "-o",
        "ok.md",
        "-q",
    ]);
    for name in ["full.json", "full.jsonl"] {
        std::os::unix::fs::symlink("/dev/full", audit.dir().join(name)).expect("symlink");
    }
    let outcome = audit.run().expect_code(2);
    let dir = audit.dir();
    let csv = fs::read_to_string(dir.join("ok.csv")).expect("ok.csv written");
    assert_eq!(csv.lines().count(), 2, "header and the link: {csv}");
    assert!(fs::read_to_string(dir.join("ok.md"))
        .expect("ok.md written")
        .contains("example.com"));
    let errors: Vec<&str> = outcome
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", outcome.stderr);
    for name in ["full.json", "full.jsonl"] {
        assert!(
            errors[0].contains(&format!("cannot write report `{name}`: No space left on device")),
            "{}",
            outcome.stderr
        );
    }
    assert!(
        errors[0].ends_with("(the other reports were written)"),
        "{}",
        errors[0]
    );
    assert!(
        outcome.stderr.contains("saved as audit 1"),
        "the history too: {}",
        outcome.stderr
    );
    assert!(fs::symlink_metadata(dir.join("full.json"))
        .expect("link")
        .is_symlink());
    assert_eq!(server.hits("/page/1"), 1);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_writes_the_file_it_points_to() {
    let server = TestServer::start();
    let audit = audit_of_one_page(&server).args(["-o", "latest.json", "-q"]);
    let dir = audit.dir();
    fs::create_dir(dir.join("weekly")).expect("weekly");
    fs::write(dir.join("weekly/report.json"), "last week").expect("old report");
    std::os::unix::fs::symlink("weekly/report.json", dir.join("latest.json")).expect("symlink");
    audit.run().expect_code(0);
    assert!(fs::symlink_metadata(dir.join("latest.json"))
        .expect("link")
        .is_symlink());
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("weekly/report.json")).expect("target")).expect("JSON");
    assert_eq!(report["links"].as_array().map(Vec::len), Some(1));
    let names: Vec<String> = fs::read_dir(dir.join("weekly"))
        .expect("weekly")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.json"], "no temporary file left");
}

#[cfg(target_os = "linux")]
#[test]
fn show_and_diff_write_every_report_they_can() {
    let server = TestServer::start();
    let audit = audit_of_one_page(&server).args(["-q"]);
    audit.run().expect_code(0);
    audit.run().expect_code(0);
    let dir = audit.dir();
    std::os::unix::fs::symlink("/dev/full", dir.join("full.json")).expect("symlink");
    for command in ["show", "diff", "history"] {
        let _ = fs::remove_file(dir.join("ok.csv"));
        let output = backlinks(dir)
            .args([command, "-o", "full.json", "-o", "ok.csv", "-q"])
            .output()
            .expect("run backlinks");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(
                "cannot write report `full.json`: No space left on device (os error 28) (the other report was written)"
            ),
            "{command}: {stderr}"
        );
        assert!(dir.join("ok.csv").exists(), "{command}: ok.csv written");
    }
    let output = backlinks(dir).args(["show", "-o", "out/"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("names a folder"));
}
