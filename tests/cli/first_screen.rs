//! What a person reads first: the table's width, top referring domains, where
//! each link is, `--only` and `--limit`, the CSV's reasons and byte order mark,
//! and the line that says where the audit was saved.

use crate::run::{backlinks, fixture, Audit};
use crate::server::TestServer;

fn demo() -> Audit {
    Audit::new("example.com").sources_file(fixture("demo/sources.txt"))
}

fn stdout(audit: &Audit) -> String {
    audit.run().expect_code(0).stdout_text()
}

#[test]
fn the_table_uses_100_columns_off_a_terminal_unless_columns_says_otherwise() {
    let audit = demo();
    let list = fixture("demo/sources.txt");
    let widest = |columns: Option<&str>| {
        let mut cmd = backlinks(audit.dir());
        cmd.args(["audit", "example.com", "--no-save", "--sources"])
            .arg(&list);
        match columns {
            Some(columns) => cmd.env("COLUMNS", columns),
            None => cmd.env_remove("COLUMNS"),
        };
        let output = cmd.output().expect("run backlinks");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
    };
    assert_eq!(widest(None), 100);
    assert_eq!(widest(Some("72")), 72);
}

#[test]
fn the_table_shows_top_referring_domains_and_where_each_link_is() {
    let out = stdout(&demo().args(["--no-save"]));
    assert!(out.contains("Top referring domains"), "{out}");
    assert!(out.contains("Dofollow"), "{out}");
    let links = &out[out.find("Links, worst first").expect("links")..];
    assert!(links.contains("↳ "), "flags under their link: {links}");
    let table = &links[..links.find('╰').expect("the table's end")];
    for row in table.lines().filter(|l| l.contains('┆')) {
        let source = row.split('┆').nth(1).expect("a source cell");
        assert!(!source.contains("://"), "no scheme: {row}");
    }
}

#[test]
fn only_toxic_keeps_the_toxic_links_in_every_format_and_says_so() {
    let audit = demo().args(["--no-save", "--only", "toxic"]);
    let table = stdout(&audit);
    assert!(table.contains("Filtered with --only toxic: 1 of"), "{table}");
    assert!(table.contains("Links, worst first (1)"), "{table}");
    assert!(!table.contains("Could not check"), "{table}");

    let json = demo().args(["--no-save", "--only", "toxic"]).json();
    assert_eq!(json.doc["only"], serde_json::json!(["toxic"]));
    assert_eq!(json.links().len(), 1);
    assert!(json.links().iter().all(|l| l["toxic"] == true));
    assert!(
        json.summary()["backlinks"].as_u64().unwrap() > 1,
        "the summary is whole"
    );

    let csv = demo()
        .args(["--no-save", "--only", "toxic", "--format", "csv"])
        .run()
        .expect_code(0);
    let text = csv.stdout_text();
    assert_eq!(text.lines().count(), 1 + 1, "{text}");
    assert!(
        csv.stderr
            .contains("the CSV lists only the rows --only toxic keeps"),
        "{}",
        csv.stderr
    );
}

#[test]
fn only_missing_lists_the_sources_without_a_backlink_and_no_link() {
    let server = TestServer::start();
    let out = Audit::new("example.com")
        .sources([
            server.url("/site/link.html"),
            server.url("/site/no-link.html"),
            server.url("/status/404"),
        ])
        .args(["--no-save", "--only", "missing", "--format", "csv"])
        .run()
        .expect_code(0)
        .stdout_text();
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(
        rows.iter()
            .all(|r| r.contains(",no-link,") || r.contains(",http-error,")),
        "{out}"
    );
}

#[test]
fn impossible_or_unknown_conditions_are_usage_errors() {
    let both = demo().args(["--only", "dofollow,nofollow"]).run().expect_code(2);
    assert!(
        both.stderr.contains("keeps no link: a link has one type"),
        "{}",
        both.stderr
    );
    let unknown = demo().args(["--only", "spam"]).run().expect_code(2);
    assert!(
        unknown.stderr.contains("`spam` is not an --only condition"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn limit_cuts_the_links_table_and_says_how_to_see_them_all() {
    let out = stdout(&demo().args(["--no-save", "--limit", "1"]));
    assert!(
        out.contains("more links not shown: `--limit 0` lists them all"),
        "{out}"
    );
    let links = &out[out.find("Links, worst first").expect("links")..];
    let table = &links[..links.find('╰').expect("the table's end")];
    let rows = table.lines().filter(|l| l.contains('┆')).count();
    assert_eq!(rows, 2, "the header and one link: {table}");
    let whole = stdout(&demo().args(["--no-save"]));
    assert!(
        !whole.contains("not shown"),
        "not a terminal: every link: {whole}"
    );
}

#[test]
fn csv_bom_starts_the_csv_with_a_byte_order_mark_and_only_then() {
    let with = demo()
        .args(["--no-save", "--format", "csv", "--csv-bom"])
        .run()
        .expect_code(0);
    assert!(with.stdout.starts_with(b"\xEF\xBB\xBFsource_url,"));
    let without = demo().args(["--no-save", "--format", "csv"]).run().expect_code(0);
    assert!(without.stdout.starts_with(b"source_url,"));
}

#[test]
fn the_csv_says_why_a_source_failed_and_where_it_ended() {
    let server = TestServer::start();
    let out = Audit::new("example.com")
        .sources([server.url("/status/404"), server.url("/site/link.html")])
        .args(["--no-save", "--format", "csv"])
        .run()
        .expect_code(0)
        .stdout_text();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        &header[14..],
        [
            "weak",
            "error",
            "final_url",
            "title",
            "target_status",
            "target_final_url",
            "target_http_status",
            "rendered",
            "rendered_only",
            "render_note"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let gone = rows.iter().find(|r| &r[1] == "http-error").expect("the 404");
    assert!(gone[15].contains("404"), "{gone:?}");
    let ok = rows.iter().find(|r| &r[1] == "ok").expect("a link");
    assert_eq!(&ok[16], server.url("/site/link.html"));
    assert!(ok[15].is_empty(), "{ok:?}");
}

#[test]
fn an_audit_that_saves_says_where_and_one_that_does_not_says_nothing() {
    let saved = demo().run().expect_code(0);
    let line = saved
        .stderr
        .lines()
        .find(|l| l.starts_with("saved as audit 1 in "))
        .unwrap_or_else(|| panic!("no saved line: {}", saved.stderr));
    assert!(line.contains("history.db"), "{line}");
    assert!(
        line.contains("`backlinks history` lists them; `--no-save` skips saving"),
        "{line}"
    );
    let unsaved = demo().args(["--no-save"]).run().expect_code(0);
    assert!(!unsaved.stderr.contains("saved as"), "{}", unsaved.stderr);
}
