//! `-o` report files, `--quiet`, and what goes to standard error.

use crate::run::Audit;
use crate::server::TestServer;
use serde_json::Value;

#[test]
fn each_output_file_takes_its_format_from_its_extension() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .sources([server.url("/site/link.html"), server.url("/site/no-link.html")])
        .args([
            "--format", "json", "-o", "r.json", "-o", "r.csv", "-o", "r.jsonl", "-o", "r.ndjson", "-o",
            "r.md",
        ]);
    let outcome = audit.run().expect_code(0);
    let dir = audit.dir();

    let stdout: Value = serde_json::from_slice(&outcome.stdout).expect("JSON on stdout");
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.join("r.json")).expect("r.json")).expect("JSON");
    assert_eq!(file, stdout, "one run, one report");

    let csv = std::fs::read_to_string(dir.join("r.csv")).expect("r.csv");
    assert!(csv.starts_with("source_url,source_status,"), "{csv}");
    assert_eq!(csv.lines().count(), 3, "header, one link, one linkless source");

    for name in ["r.jsonl", "r.ndjson"] {
        let text = std::fs::read_to_string(dir.join(name)).expect(name);
        let last: Value = serde_json::from_str(text.lines().last().expect("lines")).expect("JSON");
        assert_eq!(last["type"], "summary", "{name}");
    }

    let md = std::fs::read_to_string(dir.join("r.md")).expect("r.md");
    assert!(md.contains('|'), "{md}");

    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("scratch dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("r.") || n.starts_with('.') || n.contains("tmp"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["r.csv", "r.json", "r.jsonl", "r.md", "r.ndjson"],
        "no temporary files left behind"
    );
}

#[test]
fn an_unknown_output_extension_is_a_usage_error_before_fetching() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .args(["-o", "report.unknown"]);
    let outcome = audit.run().expect_code(2);
    assert!(outcome.stderr.contains("report.unknown"), "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
    assert_eq!(server.requests().len(), 0, "nothing fetched");
    assert!(!audit.dir().join("report.unknown").exists());
}

#[test]
fn an_unwritable_output_is_a_usage_error_before_fetching() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .args(["-o", "missing-dir/report.json"]);
    let outcome = audit.run().expect_code(2);
    assert!(outcome.stderr.contains("missing-dir"), "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn quiet_leaves_stdout_empty_and_still_writes_files() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .args(["--quiet", "-o", "out.json"]);
    let outcome = audit.run().expect_code(0);
    assert!(outcome.stdout.is_empty(), "{:?}", outcome.stdout_text());
    let file: Value = serde_json::from_slice(&std::fs::read(audit.dir().join("out.json")).expect("out.json"))
        .expect("JSON");
    assert_eq!(file["summary"]["backlinks"], 1);

    let short = Audit::new("example.com")
        .source(server.url("/site/link.html"))
        .args(["-q", "--format", "json"])
        .run()
        .expect_code(0);
    assert!(short.stdout.is_empty());
}

#[test]
fn stderr_has_no_progress_bar_or_escape_codes_when_not_a_terminal() {
    let server = TestServer::start();
    let sources: Vec<String> = (0..5)
        .map(|i| server.url(&format!("/delay/{}", 50 * i)))
        .chain([server.url("/status/404")])
        .collect();
    for format in ["table", "json"] {
        let outcome = Audit::new("example.com")
            .sources(&sources)
            .args(["--format", format])
            .run()
            .expect_code(0);
        assert!(!outcome.stderr.contains('\u{1b}'), "{:?}", outcome.stderr);
        assert!(!outcome.stderr.contains('\r'), "{:?}", outcome.stderr);
        assert!(!outcome.stdout.contains(&0x1b), "no colour when not a terminal");
    }
}
