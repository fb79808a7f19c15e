//! `history` and `show` on saved audits, and what `show` and `diff` say when
//! the audits they need are not there.

use super::{page, Monitor};
use crate::server::TestServer;

fn server() -> TestServer {
    TestServer::with_pages(vec![
        ("/a", page(&[("https://example.com/", "", "Example")])),
        ("/b", page(&[("https://example.com/x", "ugc", "=1+1")])),
        ("/c", page(&[("https://example.org/", "", "Elsewhere")])),
    ])
}

fn sources(server: &TestServer) -> Vec<String> {
    ["/a", "/b", "/c", "/missing"]
        .iter()
        .map(|p| server.url(p))
        .collect()
}

#[test]
fn show_prints_exactly_what_the_audit_printed() {
    let monitor = Monitor::new();
    let server = server();
    let mut first_json = Vec::new();
    // The first audit without the default brand (`example`), so it is unlike
    // the latest.
    for format in ["json", "csv", "markdown", "table"] {
        let args = match format {
            "json" => vec!["--format", format, "--no-default-brand"],
            _ => vec!["--format", format, "--brand", format],
        };
        let printed = monitor.audit(&sources(&server), &args).stdout;
        let shown = monitor
            .run(["show", "latest", "--format", format])
            .expect_code(0)
            .stdout;
        assert_eq!(
            String::from_utf8_lossy(&shown),
            String::from_utf8_lossy(&printed),
            "{format}"
        );
        if first_json.is_empty() {
            first_json = printed;
        }
    }
    let first = monitor
        .run(["show", "1", "--format", "json"])
        .expect_code(0)
        .stdout;
    assert!(first == first_json, "an id picks its audit");
    let latest = monitor.run(["show", "--format", "json"]).expect_code(0).stdout;
    assert!(first != latest, "the default is the latest");
}

#[test]
fn show_writes_o_files_and_jsonl_streams_every_source_then_the_summary() {
    let monitor = Monitor::new();
    let server = server();
    let printed = monitor.audit(&sources(&server), &["--format", "json"]).stdout;
    let outcome = monitor
        .run(["show", "latest", "-q", "-o", "s.json", "-o", "s.jsonl"])
        .expect_code(0);
    assert!(outcome.stdout.is_empty());
    assert_eq!(monitor.read("s.json").as_bytes(), printed.as_slice());
    let lines: Vec<serde_json::Value> = monitor
        .read("s.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let types: Vec<&str> = lines
        .iter()
        .map(|l| l["type"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        types,
        ["source", "source", "source", "source", "link", "link", "summary"]
    );
}

#[test]
fn show_with_a_target_picks_its_latest_audit_and_refuses_another_targets_id() {
    let monitor = Monitor::new();
    let server = server();
    monitor.audit(&sources(&server), &["-q"]);
    let mut other = vec!["audit".to_string(), "example.org".into(), "-q".into()];
    other.extend(sources(&server));
    monitor.run(&other).expect_code(0);
    let doc = monitor.json(&["show", "latest", "--target", "www.example.com"]);
    assert_eq!(doc["target"]["host"], "example.com");
    let outcome = monitor
        .run(["show", "2", "--target", "example.com"])
        .expect_code(2);
    assert!(
        outcome
            .stderr
            .contains("audit 2 is of example.org, not of example.com"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn history_lists_audits_newest_first_in_every_format() {
    let monitor = Monitor::new();
    let server = server();
    monitor.audit(&sources(&server), &["-q"]);
    let mut blog = vec!["audit".to_string(), "https://example.com/x".into(), "-q".into()];
    blog.extend(sources(&server));
    monitor.run(&blog).expect_code(0);

    let doc = monitor.json(&["history"]);
    assert_eq!(doc["schema_version"], 1);
    let audits = doc["audits"].as_array().expect("audits");
    let ids: Vec<i64> = audits.iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(ids, [2, 1]);
    let keys: Vec<&str> = audits[1]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "target",
            "started_at",
            "sources",
            "backlinks",
            "toxic",
            "partial",
            "sources_given",
            "referring_domains"
        ]
    );
    assert_eq!(audits[1]["sources_given"], 4);
    assert_eq!(audits[1]["referring_domains"], 1);
    assert_eq!(audits[1]["sources"], 4);
    assert_eq!(audits[1]["backlinks"], 2);
    assert_eq!(audits[1]["partial"], false);
    assert_eq!(audits[0]["target"]["path_prefix"], "/x");

    // A URL target lists only its own audits; a host lists those within it too.
    let only_blog = monitor.json(&["history", "https://example.com/x"]);
    assert_eq!(only_blog["audits"].as_array().map(Vec::len), Some(1));

    let csv = monitor
        .run(["history", "--format", "csv"])
        .expect_code(0)
        .stdout_text();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,target,started_at,sources,backlinks,toxic,partial,sources_given,referring_domains"
    );
    assert!(
        lines[1].starts_with("2,example.com/x,") && lines[2].starts_with("1,example.com,"),
        "{csv}"
    );
    let jsonl = monitor
        .run(["history", "--format", "jsonl"])
        .expect_code(0)
        .stdout_text();
    assert_eq!(jsonl.lines().count(), 2);
    assert!(jsonl.starts_with(r#"{"type":"audit","id":2,"#), "{jsonl}");
    let table = monitor.run(["history"]).expect_code(0).stdout_text();
    assert!(
        table.contains("Saved audits (2)") && table.contains("example.com/x"),
        "{table}"
    );
    let markdown = monitor
        .run(["history", "--format", "markdown", "-o", "h.csv"])
        .expect_code(0);
    assert!(
        markdown.stdout_text().contains("| 1 | example.com |"),
        "{}",
        markdown.stdout_text()
    );
    assert_eq!(monitor.read("h.csv"), csv);
}

#[test]
fn an_empty_history_is_an_empty_list_but_show_and_diff_say_what_to_run() {
    let monitor = Monitor::new();
    let history = monitor.run(["history"]).expect_code(0);
    assert_eq!(history.stdout_text(), "No saved audits.\n");
    assert!(history.stderr.contains("history.db"), "{}", history.stderr);
    let json = monitor.json(&["history"]);
    assert_eq!(json["audits"], serde_json::json!([]));
    for args in [&["show"][..], &["show", "3"], &["diff"], &["diff", "example.com"]] {
        let outcome = monitor.run(args).expect_code(2);
        assert!(outcome.stdout.is_empty(), "{args:?}");
        assert!(
            outcome.stderr.contains("run `backlinks audit"),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    assert!(
        !monitor.db().exists(),
        "reading commands never create the database"
    );
}

#[test]
fn unknown_ids_and_bad_picks_exit_2_with_a_clear_message() {
    let monitor = Monitor::new();
    let server = server();
    monitor.audit(&sources(&server), &["-q"]);
    for args in [
        &["show", "42"][..],
        &["diff", "--from", "42", "--to", "1"],
        &["diff", "--to", "42"],
    ] {
        let outcome = monitor.run(args).expect_code(2);
        assert!(
            outcome.stderr.contains("no saved audit has the id 42"),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    let outcome = monitor.run(["show", "last"]).expect_code(2);
    assert!(
        outcome.stderr.contains("neither an audit id nor `latest`"),
        "{}",
        outcome.stderr
    );
    let outcome = monitor.run(["diff", "-o", "out.xml"]).expect_code(2);
    assert!(outcome.stderr.contains(".xml"), "{}", outcome.stderr);
}
