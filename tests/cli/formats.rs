//! JSON Lines, CSV, the table and Markdown, through the binary.

use crate::run::{has_control_chars, std_command, Audit, Outcome};
use crate::server::{Page, TestServer};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

const CSV_HEADER: &str = "source_url,source_status,http_status,target_url,anchor_text,anchor_kind,link_type,rel,passes_equity,placement,hidden,toxicity,toxic,flags,weak,error,final_url,title,target_status,target_final_url,target_http_status,rendered,rendered_only,render_note";

fn run_format(format: &str, sources: &[String]) -> Outcome {
    Audit::new("example.com")
        .sources(sources)
        .args(["--format", format])
        .run()
        .expect_code(0)
}

#[test]
fn jsonl_has_typed_lines_and_the_summary_last() {
    let server = TestServer::start();
    let sources = [
        server.url("/site/document-order.html"),
        server.url("/site/no-link.html"),
        server.url("/status/404"),
    ];
    let text = run_format("jsonl", &sources).stdout_text();
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let count = |kind: &str| lines.iter().filter(|l| l["type"] == kind).count();
    assert_eq!(count("source"), 3);
    assert_eq!(count("link"), 4);
    assert_eq!(count("summary"), 1);
    assert_eq!(lines.len(), 8, "no other lines");

    let summary = lines.last().expect("a last line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["target"]["host"], "example.com");
    assert_eq!(summary["tool"]["name"], "backlinks");

    let source = lines.iter().find(|l| l["type"] == "source").expect("a source");
    for key in ["url", "status", "http_status", "links", "truncated"] {
        assert!(source.get(key).is_some(), "source line lacks {key}: {source}");
    }
    let link = lines.iter().find(|l| l["type"] == "link").expect("a link");
    for key in ["source_url", "target_url", "anchor_text", "rel", "link_type"] {
        assert!(link.get(key).is_some(), "link line lacks {key}: {link}");
    }
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_has_the_exact_header_and_a_row_for_every_linkless_source() {
    let server = TestServer::start();
    let sources = [
        server.url("/site/rel-variants.html"),
        server.url("/site/no-link.html"),
        server.url("/status/404"),
    ];
    let text = run_format("csv", &sources).stdout_text();
    assert_eq!(text.lines().next(), Some(CSV_HEADER));
    let (header, rows) = csv_rows(&text);
    assert_eq!(header.len(), 24);
    assert_eq!(rows.len(), 12, "10 links and 2 linkless sources");

    let no_link = rows
        .iter()
        .find(|r| r[0] == sources[1])
        .expect("a row for the no-link source");
    assert_eq!(no_link[1], "no-link");
    assert_eq!(no_link[2], "200");
    assert!(no_link[3..14].iter().all(String::is_empty), "{no_link:?}");
    assert_eq!(no_link[16], sources[1], "final_url");

    let error = rows.iter().find(|r| r[0] == sources[2]).expect("a row for 404");
    assert_eq!((error[1].as_str(), error[2].as_str()), ("http-error", "404"));
    assert!(error[15].contains("404"), "the error says why: {error:?}");

    let comma = rows
        .iter()
        .find(|r| r[3] == "https://example.com/rel/comma")
        .expect("the ugc,nofollow link");
    assert_eq!(comma[1], "ok");
    assert_eq!(comma[6], "ugc");
    assert_eq!(comma[7], "ugc nofollow", "rel is space separated");
    assert_eq!(comma[8], "false");
}

#[test]
fn csv_cells_that_start_a_formula_are_defused() {
    let server = TestServer::start();
    let sources = [server.url("/site/csv-injection.html")];
    let text = run_format("csv", &sources).stdout_text();
    let (_, rows) = csv_rows(&text);
    let anchor = |path: &str| {
        rows.iter()
            .find(|r| r[3] == format!("https://example.com/i/{path}"))
            .map(|r| r[4].clone())
            .unwrap_or_else(|| panic!("no row for {path}"))
    };
    assert_eq!(anchor("equals"), "'=HYPERLINK(\"https://evil.net\",\"Click\")");
    assert_eq!(anchor("plus"), "'+1 for Example");
    assert_eq!(anchor("minus"), "'-5% off");
    assert_eq!(anchor("at"), "'@Example");
    assert_eq!(anchor("plain"), "Example, \"quoted\", and a comma");
}

/// A page whose title and anchor text carry terminal escape sequences and controls.
fn hostile_server() -> TestServer {
    let body = "<html><head><title>\u{1b}]0;pwned\u{7}Evil \u{1b}[2Jtitle</title></head><body>\
        <a href=\"https://example.com/evil\">Click\u{1b}[31mRED\u{1b}[0m here\u{7}\u{9b}1m</a>\
        <a href=\"https://example.com/evil2\">line\rbreak\u{8}\u{8}</a></body></html>";
    TestServer::with_pages(vec![("/evil", Page::html(body))])
}

fn assert_terminal_safe(format: &str) -> String {
    let server = hostile_server();
    let text = run_format(format, &[server.url("/evil")]).stdout_text();
    assert!(!has_control_chars(&text), "{format}: {text:?}");
    assert!(
        !text.contains("[31m") && !text.contains("[2J"),
        "{format}: {text:?}"
    );
    assert!(!text.contains("]0;"), "{format}: {text:?}");
    text
}

#[test]
fn the_table_never_prints_control_characters_from_pages() {
    let text = assert_terminal_safe("table");
    assert!(
        text.contains("RED"),
        "the text around the sequences stays: {text}"
    );
}

#[test]
fn markdown_never_prints_control_characters_from_pages() {
    assert_terminal_safe("markdown");
}

#[test]
fn the_table_shows_the_summary_and_the_links() {
    let server = TestServer::start();
    let text = run_format("table", &[server.url("/site/anchor-text.html")]).stdout_text();
    assert!(text.contains("garden"), "{text}");
    assert!(text.contains("dofollow"), "{text}");
    assert!(!text.trim().is_empty());
}

#[test]
fn markdown_has_tables_and_escapes_pipes_in_page_text() {
    let server = TestServer::start();
    let text = run_format("markdown", &[server.url("/site/markdown-pipes.html")]).stdout_text();
    assert!(text.contains("|---") || text.contains("| ---"), "{text}");
    assert!(text.contains("cats") && text.contains("dogs"), "{text}");
    // Every row of a table has as many unescaped cell separators as its header.
    let mut expected: Option<usize> = None;
    for line in text.lines() {
        if !line.trim_start().starts_with('|') {
            expected = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match expected {
            None => expected = Some(cells),
            Some(n) => assert_eq!(cells, n, "{line}\n{text}"),
        }
    }
}

#[test]
fn every_format_agrees_on_the_number_of_links() {
    let server = TestServer::start();
    let sources = [server.url("/site/placement.html")];
    let json: Value = serde_json::from_slice(&run_format("json", &sources).stdout).expect("JSON");
    let links = json["links"].as_array().map(Vec::len).unwrap_or_default();
    assert_eq!(links, 11);
    let jsonl = run_format("jsonl", &sources).stdout_text();
    let link_lines = jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["type"] == "link")
        .count();
    assert_eq!(link_lines, links);
    let (_, rows) = csv_rows(&run_format("csv", &sources).stdout_text());
    assert_eq!(rows.len(), links);
}

#[test]
fn jsonl_streams_results_before_the_audit_ends() {
    let server = TestServer::start();
    let slow = server.url("/slow-body");
    let fast = server.url("/page/fast");
    let scratch = tempfile::tempdir().expect("scratch directory");
    let mut child = std_command(scratch.path())
        .args(["audit", "example.com", "--format", "jsonl", "--retries", "0"])
        .args(["--timeout", "5", &slow, &fast])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn backlinks");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    reader.read_line(&mut first).expect("a first line");
    // The slow page is listed first, but its body is still stalling: the fast
    // page's result must not wait for it.
    assert_eq!(
        server.slow_bodies_closed(),
        0,
        "the first line came only after the slow source ended: {first}"
    );
    let line: Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!((&line["type"], &line["url"]), (&json!("source"), &json!(fast)));

    let mut rest = String::new();
    reader.read_to_string(&mut rest).expect("the rest");
    assert_eq!(child.wait().expect("exit").code(), Some(0));
    let last: Value = serde_json::from_str(rest.lines().last().expect("lines")).expect("JSON");
    assert_eq!(last["type"], "summary");
}

#[test]
fn markdown_lists_links_worst_first() {
    // Unique anchors, none a substring of another; two hidden links should weigh more.
    let body = "<html><body><a href=\"https://example.com/1\">alpha</a>\
        <a href=\"https://example.com/2\" style=\"display:none\">bravo</a>\
        <a href=\"https://example.com/3\">charlie</a>\
        <a href=\"https://example.com/4\" hidden>delta</a></body></html>";
    let server = TestServer::with_pages(vec![("/mixed", Page::html(body))]);
    let sources = [server.url("/mixed")];
    let json: Value = serde_json::from_slice(&run_format("json", &sources).stdout).expect("JSON");
    let toxicity: Vec<(String, u64)> = json["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| {
            (
                l["anchor_text"].as_str().unwrap_or_default().to_string(),
                l["toxicity"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let text = run_format("markdown", &sources).stdout_text();
    // The links come last, so each anchor's last occurrence is its row.
    let mut rows: Vec<(usize, u64)> = toxicity
        .iter()
        .map(|(anchor, score)| (text.rfind(anchor.as_str()).expect(anchor), *score))
        .collect();
    rows.sort();
    let scores: Vec<u64> = rows.iter().map(|(_, score)| *score).collect();
    let mut worst_first = scores.clone();
    worst_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(scores, worst_first, "{toxicity:?}\n{text}");
}

#[test]
fn hostile_entries_from_a_sources_file_never_reach_the_terminal() {
    let audit = Audit::new("example.com");
    let list = audit.file(
        "list.txt",
        "https://127.0.0.1:1/ok\nhttp://exa\u{1b}[2Jmple\u{7}.com/\u{9b}31m\n",
    );
    let outcome = audit
        .sources_file(list)
        .args(["--retries", "0"])
        .run()
        .expect_code(0);
    let text = outcome.stdout_text();
    assert!(!has_control_chars(&text), "{text:?}");
    assert!(!has_control_chars(&outcome.stderr), "{:?}", outcome.stderr);
}
