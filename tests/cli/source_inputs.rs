//! Where sources come from: arguments, lists, standard input, other tools' exports.

use crate::run::Audit;
use crate::server::TestServer;

fn urls_of(report: &crate::run::Report) -> Vec<String> {
    report
        .sources()
        .iter()
        .map(|s| s["url"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn sources_from_stdin_skip_comments_and_blank_lines() {
    let server = TestServer::start();
    let first = server.url("/page/1");
    let second = server.url("/nolink/2");
    let list = format!(
        "# sources for the audit\n\n   {first}   \n\t\n# {}\n{second}\n",
        server.url("/page/commented-out")
    );
    let report = Audit::new("example.com")
        .args(["--sources", "-"])
        .stdin(list)
        .json();
    assert_eq!(urls_of(&report), [first.clone(), second.clone()]);
    assert_eq!(report.status(&first), "ok");
    assert_eq!(report.status(&second), "no-link");
    assert_eq!(server.hits("/page/commented-out"), 0);
}

#[test]
fn positional_sources_come_first_then_each_list_in_order() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let one = audit.file("one.txt", format!("{}\n", server.url("/page/b")));
    let two = audit.file("two.txt", format!("{}\n", server.url("/page/c")));
    let report = audit
        .sources_file(one)
        .source(server.url("/page/a"))
        .sources_file(two)
        .json();
    assert_eq!(
        urls_of(&report),
        [
            server.url("/page/a"),
            server.url("/page/b"),
            server.url("/page/c")
        ]
    );
}

#[test]
fn duplicates_are_dropped_after_normalisation() {
    let server = TestServer::start();
    let url = server.url("/page/1");
    let audit = Audit::new("example.com");
    let list = audit.file(
        "list.txt",
        format!("{url}\n{url}#comments\n{}\n", server.url("/page/2")),
    );
    let report = audit.source(&url).sources_file(list).json();
    assert_eq!(urls_of(&report), [url.clone(), server.url("/page/2")]);
    assert_eq!(server.hits("/page/1"), 1, "fetched once");
    assert_eq!(report.summary()["sources"]["total"], 2);
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[test]
fn an_ahrefs_export_in_utf16_with_tabs_is_read_by_column_name() {
    let server = TestServer::start();
    let (a, b) = (server.url("/page/a"), server.url("/nolink/b"));
    let export = format!(
        "\"Referring page title\"\t\"Referring page URL\"\t\"Target URL\"\t\"Anchor\"\r\n\
         \"Gartengeräte im Test\"\t\"{a}\"\t\"https://example.com/\"\t\"Example\"\r\n\
         \"Zweite Seite\"\t\"{b}\"\t\"https://example.com/x\"\t\"hier\"\r\n"
    );
    let audit = Audit::new("example.com");
    let path = audit.file("ahrefs.tsv", utf16le_with_bom(&export));
    let report = audit.sources_file(path).json();
    assert_eq!(urls_of(&report), [a.clone(), b.clone()]);
    assert_eq!(report.status(&a), "ok");
    assert_eq!(report.status(&b), "no-link");
}

#[test]
fn a_semrush_csv_with_a_bom_is_read_by_column_name() {
    let server = TestServer::start();
    let url = server.url("/page/s");
    let export = format!(
        "\u{feff}Page ascore,Source title,Source url,Target url,Anchor\n\
         34,\"Tools, rakes and hoes\",{url},https://example.com/,Example\n"
    );
    let audit = Audit::new("example.com");
    let path = audit.file("semrush.csv", export);
    let report = audit.sources_file(path).json();
    assert_eq!(urls_of(&report), [url]);
}

#[test]
fn a_search_console_links_export_is_read() {
    let server = TestServer::start();
    let url = server.url("/page/g");
    let export = format!("\u{feff}Linking page,Last crawled\n{url},2024-05-14\n");
    let audit = Audit::new("example.com");
    let path = audit.file("gsc.csv", export);
    let report = audit.sources_file(path).json();
    assert_eq!(urls_of(&report), [url]);
}

#[test]
fn a_search_console_aggregate_export_is_refused() {
    let server = TestServer::start();
    let export = format!(
        "\u{feff}Site,Linking pages,Target pages\n{},34,5\n",
        server.host()
    );
    let audit = Audit::new("example.com");
    let path = audit.file("top-linking-sites.csv", export);
    let outcome = audit.sources_file(path).run().expect_code(2);
    assert!(
        outcome.stderr.contains("top-linking-sites.csv"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stdout.is_empty());
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn an_export_without_a_known_column_lists_the_columns_seen() {
    let audit = Audit::new("example.com");
    let path = audit.file("odd.csv", "Page,Visits\nhttps://127.0.0.1:1/,3\n");
    let outcome = audit.sources_file(path).run().expect_code(2);
    assert!(
        outcome.stderr.contains("Page") && outcome.stderr.contains("Visits"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn an_entry_without_a_scheme_gets_https() {
    // Nothing listens for TLS on a closed port: what matters is the URL recorded.
    let port = crate::server::closed_port();
    let report = Audit::new("example.com")
        .source(format!("127.0.0.1:{port}/page"))
        .args(["--retries", "0"])
        .json();
    assert_eq!(
        report.sources()[0]["url"],
        format!("https://127.0.0.1:{port}/page")
    );
}

#[test]
fn a_saved_page_on_disk_is_read_as_a_source() {
    let page = crate::run::fixture("site/link.html");
    let report = Audit::new("example.com").source(page.as_os_str()).json();
    let source = &report.sources()[0];
    assert_eq!(source["status"], "ok");
    assert!(
        source["url"].as_str().is_some_and(|u| u.starts_with("file://")),
        "{source}"
    );
    assert_eq!(source["ip"], serde_json::Value::Null);
    assert_eq!(report.links().len(), 1);
}

#[test]
fn a_list_with_crlf_line_ends_and_a_bom_is_read() {
    let server = TestServer::start();
    let (a, b) = (server.url("/page/a"), server.url("/page/b"));
    let audit = Audit::new("example.com");
    let path = audit.file(
        "windows.txt",
        format!("\u{feff}# saved on Windows\r\n{a}\r\n\r\n{b}\r\n"),
    );
    let report = audit.sources_file(path).json();
    assert_eq!(urls_of(&report), [a, b]);
    assert_eq!(report.summary()["sources"]["by_status"]["ok"], 2);
}

#[test]
fn a_utf16_big_endian_list_is_read() {
    let server = TestServer::start();
    let url = server.url("/page/be");
    let mut bytes = vec![0xfe, 0xff];
    for unit in format!("Referring page URL\tAnchor\n{url}\tExample\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    let audit = Audit::new("example.com");
    let path = audit.file("ahrefs-be.tsv", bytes);
    let report = audit.sources_file(path).json();
    assert_eq!(urls_of(&report), [url]);
}

#[test]
fn a_file_url_is_read_from_disk() {
    let page = crate::run::fixture("site/link.html");
    let url = format!("file://{}", page.display());
    let report = Audit::new("example.com").source(&url).json();
    assert_eq!(report.sources()[0]["status"], "ok");
    assert_eq!(report.sources()[0]["url"], url.as_str());
}

#[test]
fn scheme_and_host_case_do_not_defeat_de_duplication() {
    let server = TestServer::start();
    let url = server.url("/page/1");
    let shouted = url.replacen("http://", "HTTP://", 1);
    let report = Audit::new("example.com").sources([&url, &shouted]).json();
    assert_eq!(urls_of(&report), [url]);
}

#[test]
fn unfetched_sources_have_no_final_url_status_or_ip() {
    let robots = "User-agent: *\nDisallow: /private/\n";
    let server = crate::server::TestServer::with_robots(crate::server::Robots::Text(robots.into()));
    let private = server.url("/private/1");
    let audit = Audit::new("example.com");
    let list = audit.file("list.txt", format!("{private}\nhttp://exa mple.com/\n"));
    let report = audit.sources_file(list).json();
    for source in report.sources() {
        assert_eq!(source["final_url"], serde_json::Value::Null, "{source}");
        assert_eq!(source["http_status"], serde_json::Value::Null, "{source}");
        assert_eq!(source["ip"], serde_json::Value::Null, "{source}");
        assert_eq!(source["links"], 0, "{source}");
    }
}
