//! Two audits of one server whose pages change in between: every kind of
//! change, checked in the diff's JSON field by field, then in every other format.

use super::{page, Monitor};
use crate::server::TestServer;
use serde_json::Value;

/// The audits' sources: the second adds `/fresh`.
const PATHS: [&str; 4] = ["/post", "/review", "/partner", "/outage"];

/// A server in the state of the first audit.
fn first_week() -> TestServer {
    TestServer::with_pages(vec![
        (
            "/post",
            page(&[
                ("https://example.com/stays", "", "Example"),
                ("https://example.com/dropped", "", "Dropped"),
            ]),
        ),
        ("/review", page(&[("https://example.com/pricing", "", "Pricing")])),
        (
            "/partner",
            page(&[("https://example.com/tools", "", "garden tools")]),
        ),
        ("/outage", page(&[("https://example.com/contact", "", "Contact")])),
        ("/fresh", page(&[("https://example.com/new", "", "Example shop")])),
    ])
}

/// The second week: a link removed, one turned nofollow, an anchor rewritten,
/// a page down with 503.
fn second_week(server: &TestServer) {
    server.set_page("/post", page(&[("https://example.com/stays", "", "Example")]));
    server.set_page(
        "/review",
        page(&[("https://example.com/pricing", "nofollow", "Pricing")]),
    );
    server.set_page(
        "/partner",
        page(&[("https://example.com/tools", "", "Example tools")]),
    );
    let down = page(&[("https://example.com/contact", "", "Contact")]).with_status(503);
    server.set_page("/outage", down);
}

/// Two saved audits, the second with the new source `/fresh`.
fn two_audits() -> (Monitor, TestServer) {
    let monitor = Monitor::new();
    let server = first_week();
    let sources: Vec<String> = PATHS.iter().map(|p| server.url(p)).collect();
    monitor.audit(&sources, &["-q"]);
    second_week(&server);
    let mut sources = sources;
    sources.push(server.url("/fresh"));
    monitor.audit(&sources, &["-q"]);
    (monitor, server)
}

/// What each change must be: kind, source path, target URL.
fn expected(server: &TestServer) -> Vec<(&'static str, String, &'static str)> {
    vec![
        ("lost", server.url("/post"), "https://example.com/dropped"),
        ("changed", server.url("/review"), "https://example.com/pricing"),
        ("changed", server.url("/partner"), "https://example.com/tools"),
        ("unverified", server.url("/outage"), "https://example.com/contact"),
        ("new", server.url("/fresh"), "https://example.com/new"),
    ]
}

#[test]
fn diff_json_reports_every_kind_of_change_field_by_field() {
    let (monitor, server) = two_audits();
    let doc = monitor.json(&["diff"]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["target"]["host"], "example.com");
    assert_eq!(doc["from"]["id"], 1);
    assert_eq!(doc["to"]["id"], 2);
    assert!(doc["from"]["started_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    assert_eq!(
        doc["summary"],
        serde_json::json!({"new": 1, "lost": 1, "unverified": 1, "changed": 2, "unchanged": 1})
    );
    let changes = doc["changes"].as_array().expect("changes");
    let seen: Vec<(&str, &str, &str)> = changes
        .iter()
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap_or_default();
            (text("change"), text("source_url"), text("target_url"))
        })
        .collect();
    let want = expected(&server);
    let want: Vec<(&str, &str, &str)> = want.iter().map(|(k, s, t)| (*k, s.as_str(), *t)).collect();
    assert_eq!(seen, want, "{doc:#}");

    let [lost, nofollow, anchor, unverified, new] = &changes[..] else {
        panic!("five changes: {doc:#}");
    };
    assert_eq!(lost["before"]["anchor_text"], "Dropped");
    assert_eq!(lost["after"], Value::Null);
    assert_eq!(nofollow["before"]["link_type"], "dofollow");
    assert_eq!(nofollow["after"]["link_type"], "nofollow");
    assert_eq!(nofollow["before"]["passes_equity"], true);
    assert_eq!(nofollow["after"]["passes_equity"], false);
    assert_eq!(nofollow["after"]["rel"], serde_json::json!(["nofollow"]));
    assert_eq!(anchor["before"]["anchor_text"], "garden tools");
    assert_eq!(anchor["after"]["anchor_text"], "Example tools");
    assert_eq!(anchor["before"]["link_type"], anchor["after"]["link_type"]);
    // A page that answered 503 says nothing about its link: never lost.
    assert_eq!(unverified["before"]["target_url"], "https://example.com/contact");
    assert_eq!(unverified["after"], Value::Null);
    assert_eq!(new["before"], Value::Null);
    assert_eq!(new["after"]["anchor_text"], "Example shop");
}

#[test]
fn every_format_carries_the_same_changes() {
    let (monitor, server) = two_audits();
    let json = monitor.json(&["diff", "example.com"]);
    let changes = json["changes"].as_array().expect("changes").clone();

    let jsonl = monitor
        .run(["diff", "--format", "jsonl"])
        .expect_code(0)
        .stdout_text();
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), changes.len() + 1, "{jsonl}");
    for (line, change) in lines.iter().zip(&changes) {
        let mut line = line.clone();
        let tag = line.as_object_mut().and_then(|o| o.shift_remove("type"));
        assert_eq!(tag, Some(Value::from("change")));
        assert_eq!(&line, change);
    }
    let summary = lines.last().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    for key in ["schema_version", "target", "from", "to", "summary"] {
        assert_eq!(summary[key], json[key], "{key}");
    }

    let csv = monitor
        .run(["diff", "--format", "csv"])
        .expect_code(0)
        .stdout_text();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[..3], ["change", "source_url", "target_url"]);
    assert_eq!(header.last().map(String::as_str), Some("source_status"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), changes.len(), "{csv}");
    for (row, want) in rows.iter().zip(expected(&server)) {
        assert_eq!(
            (&row[0], &row[1], &row[2]),
            (want.0, want.1.as_str(), want.2),
            "{csv}"
        );
    }
    assert_eq!((&rows[1][3], &rows[1][4]), ("dofollow", "nofollow"));
    assert_eq!((&rows[2][5], &rows[2][6]), ("garden tools", "Example tools"));
    assert_eq!(
        &rows[3][11], "http-error",
        "the reason an unverified link could not be checked"
    );

    for format in ["table", "markdown"] {
        let out = monitor
            .run(["diff", "--format", format])
            .expect_code(0)
            .stdout_text();
        let lost = out.find("Lost (1)").unwrap_or_else(|| panic!("{format}:\n{out}"));
        let unverified = out.find("Unverified (1)").expect("unverified group");
        let changed = out.find("Changed (2)").expect("changed group");
        let new = out.find("New (1)").expect("new group");
        assert!(
            lost < unverified && unverified < changed && changed < new,
            "{format}:\n{out}"
        );
        // Table cells may wrap: each piece is checked on its own.
        for text in [
            "1 new, 1 lost, 1 unverified, 2 changed, 1 unchanged",
            "example.com/dropped",
            "type dofollow → nofollow",
            "\"garden tools\"",
            "\"Example tools\"",
            "http-error",
            "Example shop",
        ] {
            assert!(out.contains(text), "{format}: missing {text:?}\n{out}");
        }
    }
}

#[test]
fn o_writes_every_format_and_leaves_standard_output_empty_with_q() {
    let (monitor, _server) = two_audits();
    let outcome = monitor
        .run([
            "diff", "-q", "-o", "d.json", "-o", "d.jsonl", "-o", "d.csv", "-o", "d.md", "-o", "d.txt",
        ])
        .expect_code(0);
    assert!(outcome.stdout.is_empty());
    let printed = monitor
        .run(["diff", "--format", "json"])
        .expect_code(0)
        .stdout_text();
    assert_eq!(monitor.read("d.json"), printed);
    assert_eq!(monitor.read("d.jsonl").lines().count(), 6);
    assert!(monitor.read("d.csv").starts_with("change,source_url,target_url,"));
    assert!(monitor
        .read("d.md")
        .starts_with("## Backlink changes for example.com"));
    let table = monitor.read("d.txt");
    assert!(table.contains("Lost (1)") && !table.contains('\u{1b}'), "{table}");
}

#[test]
fn fail_on_lost_names_the_lost_link_and_not_the_unverified_one() {
    let monitor = Monitor::new();
    let server = first_week();
    let sources: Vec<String> = PATHS.iter().map(|p| server.url(p)).collect();
    monitor.audit(&sources, &["-q", "--fail-on", "lost"]);
    second_week(&server);
    let mut args: Vec<String> = [
        "audit",
        "example.com",
        "--backoff",
        "10",
        "-q",
        "--fail-on",
        "lost",
    ]
    .map(String::from)
    .to_vec();
    args.extend(sources);
    let outcome = monitor.run(&args).expect_code(1);
    assert!(
        outcome.stderr.contains("https://example.com/dropped"),
        "{}",
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("https://example.com/contact"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_backwards_diff_warns_and_a_forwards_one_does_not() {
    let (monitor, _server) = two_audits();
    let backwards = monitor
        .run(["diff", "--from", "2", "--to", "1", "--format", "json"])
        .expect_code(0);
    assert!(
        backwards
            .stderr
            .contains("warning: audit 2 is newer than audit 1: this diff runs backwards"),
        "{}",
        backwards.stderr
    );
    let forwards = monitor
        .run(["diff", "--from", "1", "--to", "2", "--format", "json"])
        .expect_code(0);
    assert!(!forwards.stderr.contains("backwards"), "{}", forwards.stderr);
}
