//! `audit --render` (SPEC section 14) with a real headless Chromium: links a
//! script adds or removes, shadow roots and frames, a script that never ends,
//! a page that sends its visitors elsewhere, `auto` rendering only the pages
//! that need it, the fetch rules on the browser's requests, and a missing
//! browser. The pages are on 127.0.0.1; the target is `example.com`, which
//! no test contacts.

use crate::run::{required_program, Audit, Report};
use crate::server::{Page, Robots, TestServer};

/// The browser the tests render with, or `None` (printed) when it is absent
/// and CI is not asking for it.
fn chromium(test: &str) -> Option<()> {
    required_program(
        &["chromium", "chromium-browser", "google-chrome"],
        test,
        "apt install chromium",
    )
    .map(drop)
}

fn script(body: &str) -> Page {
    Page {
        status: 200,
        content_type: Some("application/javascript".to_string()),
        headers: Vec::new(),
        body: body.as_bytes().to_vec(),
    }
}

/// A script that appends a link to `https://example.com{path}` with `text`.
fn appending(path: &str, text: &str) -> String {
    format!(
        "var a = document.createElement('a'); a.href = 'https://example.com{path}'; \
         a.textContent = '{text}'; document.body.appendChild(a);"
    )
}

fn page(body: &str) -> Page {
    Page::html(format!(
        "<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"
    ))
}

fn rendered(server: &TestServer, paths: &[&str], mode: &str) -> Audit {
    rendered_within(server, paths, mode, 5)
}

/// `--render MODE` with `--timeout SECS` for each page, fetch and rendering.
fn rendered_within(server: &TestServer, paths: &[&str], mode: &str, secs: u32) -> Audit {
    Audit::new("example.com")
        .sources(paths.iter().map(|p| server.url(p)))
        .args(["--render", mode, "--no-save", "--retries", "0"])
        .args(["--timeout", &secs.to_string()])
}

fn link_urls(report: &Report, source: &str) -> Vec<(String, bool)> {
    report
        .links()
        .iter()
        .filter(|l| l["source_url"] == source)
        .map(|l| {
            (
                l["target_url"].as_str().unwrap().to_string(),
                l["rendered_only"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_link_a_script_appends_is_read_and_marked_as_only_rendered() {
    let Some(()) = chromium("a_link_a_script_appends_is_read_and_marked_as_only_rendered") else {
        return;
    };
    let server = TestServer::with_pages(vec![
        (
            "/appended",
            page("<p><a href=\"https://example.com/static\">static</a></p><script src=\"/app.js\"></script>"),
        ),
        ("/app.js", script(&appending("/by-script", "added by a script"))),
    ]);
    let source = server.url("/appended");

    let fetched_only = rendered(&server, &["/appended"], "never").json();
    assert_eq!(fetched_only.source(&source)["rendered"], false);
    assert_eq!(
        link_urls(&fetched_only, &source),
        [("https://example.com/static".to_string(), false)]
    );
    assert_eq!(server.hits("/app.js"), 0, "no browser without --render");

    let reports = tempfile::tempdir().unwrap();
    let csv_path = reports.path().join("out.csv");
    let report = rendered(&server, &["/appended"], "always")
        .args(["-o", csv_path.to_str().unwrap()])
        .json();
    assert_eq!(report.source(&source)["rendered"], true);
    assert_eq!(report.source(&source)["render_note"], serde_json::Value::Null);
    assert_eq!(
        link_urls(&report, &source),
        [
            ("https://example.com/static".to_string(), false),
            ("https://example.com/by-script".to_string(), true)
        ]
    );
    assert_eq!(
        report.link_to("https://example.com/by-script")["anchor_text"],
        "added by a script"
    );
    assert_eq!(
        server.hits("/appended"),
        2,
        "fetched once by each audit: the browser is handed the fetched page"
    );

    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let by_script = rows
        .iter()
        .find(|r| &r[column("target_url")] == "https://example.com/by-script")
        .unwrap();
    assert_eq!(&by_script[column("rendered")], "true");
    assert_eq!(&by_script[column("rendered_only")], "true");
}

#[test]
fn a_link_a_script_removes_is_gone_and_the_report_says_why() {
    let Some(()) = chromium("a_link_a_script_removes_is_gone_and_the_report_says_why") else {
        return;
    };
    let server = TestServer::with_pages(vec![(
        "/removed",
        page("<p id=\"p\"><a href=\"https://example.com/gone\">static</a></p><script>document.getElementById('p').remove();</script>"),
    )]);
    let source = server.url("/removed");
    let fetched_only = rendered(&server, &["/removed"], "never").json();
    assert_eq!(fetched_only.status(&source), "ok");

    let report = rendered(&server, &["/removed"], "always").json();
    assert_eq!(report.status(&source), "no-link", "the rendered document wins");
    let record = report.source(&source);
    assert_eq!(record["rendered"], true);
    let note = record["render_note"].as_str().unwrap();
    assert!(
        note.contains("the fetched HTML has 1 link to the target that the rendered page does not"),
        "{note}"
    );

    let table = rendered(&server, &["/removed"], "always")
        .args(["--format", "table"])
        .run()
        .expect_code(0);
    let text = table.stdout_text();
    assert!(text.contains("a script removes it"), "{text}");
}

#[test]
fn open_shadow_roots_are_read_but_closed_ones_and_frames_are_not() {
    let Some(()) = chromium("open_shadow_roots_are_read_but_closed_ones_and_frames_are_not") else {
        return;
    };
    let server = TestServer::with_pages(vec![
        (
            "/components",
            page(
                "<div id=\"open\"></div><div id=\"closed\"></div><iframe src=\"/frame\"></iframe>\
                 <script>\
                 document.getElementById('open').attachShadow({mode: 'open'}).innerHTML = \
                   '<a href=\"https://example.com/open-shadow\">open</a>';\
                 document.getElementById('closed').attachShadow({mode: 'closed'}).innerHTML = \
                   '<a href=\"https://example.com/closed-shadow\">closed</a>';\
                 </script>",
            ),
        ),
        (
            "/frame",
            page("<a href=\"https://example.com/in-frame\">framed</a>"),
        ),
    ]);
    let source = server.url("/components");
    let report = rendered(&server, &["/components"], "always").json();
    assert_eq!(
        link_urls(&report, &source),
        [("https://example.com/open-shadow".to_string(), true)]
    );
    assert_eq!(
        server.hits("/frame"),
        0,
        "a frame is a page of its own: never loaded"
    );
}

#[test]
fn a_script_that_never_ends_times_out_and_the_browser_renders_the_next_page() {
    let Some(()) = chromium("a_script_that_never_ends_times_out_and_the_browser_renders_the_next_page")
    else {
        return;
    };
    let server = TestServer::with_pages(vec![
        (
            "/loops",
            page("<a href=\"https://example.com/x\">x</a><script>while (true) {}</script>"),
        ),
        ("/busy", page("<script src=\"/delay/60000\"></script>")),
        ("/after", page("<script src=\"/app.js\"></script>")),
        ("/app.js", script(&appending("/after", "after"))),
    ]);
    let report = rendered_within(&server, &["/loops", "/busy", "/after"], "always", 2)
        .args(["--concurrency", "1"])
        .json();
    for path in ["/loops", "/busy"] {
        let record = report.source(&server.url(path));
        assert_eq!(record["status"], "unreachable", "{record}");
        let error = record["error"].as_str().unwrap();
        assert!(error.starts_with("rendering timed out after 2 s"), "{error}");
    }
    let loops = report.source(&server.url("/loops"))["error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        loops.ends_with("; the fetched HTML has 1 link to the target"),
        "{loops}"
    );
    assert_eq!(report.status(&server.url("/after")), "ok", "the browser survived");
    assert_eq!(report.link_to("https://example.com/after")["rendered_only"], true);
}

#[test]
fn a_page_that_sends_visitors_to_another_host_is_read_where_it_was() {
    let Some(()) = chromium("a_page_that_sends_visitors_to_another_host_is_read_where_it_was") else {
        return;
    };
    let server = TestServer::start();
    let port = server.host().rsplit_once(':').unwrap().1.to_string();
    let elsewhere = format!("http://localhost:{port}/elsewhere");
    server.set_page(
        "/leaves",
        page(&format!(
            "<a href=\"https://example.com/before\">before</a><script>location.href = '{elsewhere}';</script>"
        )),
    );
    server.set_page(
        "/elsewhere",
        page("<a href=\"https://example.com/elsewhere\">there</a>"),
    );
    let source = server.url("/leaves");
    let report = rendered(&server, &["/leaves"], "always").json();
    assert_eq!(
        link_urls(&report, &source),
        [("https://example.com/before".to_string(), false)]
    );
    let note = report.source(&source)["render_note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(note.contains(&format!("sends visitors to {elsewhere}")), "{note}");
    assert_eq!(server.hits("/elsewhere"), 0, "the navigation is not followed");
}

#[test]
fn auto_renders_only_scripted_pages_without_a_link() {
    let Some(()) = chromium("auto_renders_only_scripted_pages_without_a_link") else {
        return;
    };
    let server = TestServer::with_pages(vec![
        (
            "/linked",
            page("<a href=\"https://example.com/\">static</a><script src=\"/linked.js\"></script>"),
        ),
        ("/linked.js", script(&appending("/more", "more"))),
        (
            "/scripted",
            page("<p>none yet</p><script src=\"/scripted.js\"></script>"),
        ),
        ("/scripted.js", script(&appending("/built", "built"))),
        (
            "/plain",
            page("<p>no link, no script</p><script type=\"application/ld+json\">{}</script>"),
        ),
    ]);
    let report = rendered(&server, &["/linked", "/scripted", "/plain"], "auto").json();
    assert_eq!(report.source(&server.url("/linked"))["rendered"], false);
    assert_eq!(report.source(&server.url("/scripted"))["rendered"], true);
    assert_eq!(report.source(&server.url("/plain"))["rendered"], false);
    assert_eq!(report.status(&server.url("/plain")), "no-link");
    assert_eq!(report.link_to("https://example.com/built")["rendered_only"], true);
    // What the browser asked for: the scripts of the rendered page only.
    assert_eq!(server.hits("/linked.js"), 0);
    assert_eq!(server.hits("/scripted.js"), 1);
    assert_eq!(server.hits("/scripted"), 1, "the page itself was fetched once");
}

#[test]
fn the_browser_meets_robots_txt_and_the_private_address_rule() {
    let Some(()) = chromium("the_browser_meets_robots_txt_and_the_private_address_rule") else {
        return;
    };
    let server = TestServer::with(
        Robots::Text("User-agent: *\nDisallow: /private-js/\n".into()),
        vec![
            (
                "/guarded",
                page(
                    "<script src=\"/private-js/app.js\"></script>\
                     <script src=\"http://10.255.255.1/app.js\"></script>\
                     <script src=\"/open.js\"></script>",
                ),
            ),
            ("/private-js/app.js", script(&appending("/robots", "robots"))),
            ("/open.js", script(&appending("/open", "open"))),
        ],
    );
    let source = server.url("/guarded");
    let report = rendered(&server, &["/guarded"], "always").json();
    assert_eq!(
        link_urls(&report, &source),
        [("https://example.com/open".to_string(), true)]
    );
    assert_eq!(server.hits("/private-js/app.js"), 0);
    let note = report.source(&source)["render_note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note.contains("kept from 1 request disallowed by robots.txt"),
        "{note}"
    );
    assert!(
        note.contains("kept from 1 request to a private address"),
        "{note}"
    );

    let ignoring = rendered(&server, &["/guarded"], "always")
        .args(["--ignore-robots"])
        .json();
    assert!(
        link_urls(&ignoring, &source).contains(&("https://example.com/robots".to_string(), true)),
        "--ignore-robots lets the browser load it too"
    );
}

#[test]
fn a_missing_browser_stops_always_and_warns_auto() {
    let server = TestServer::with_pages(vec![("/page", page("<a href=\"https://example.com/\">x</a>"))]);
    let without_browser = |mode: &str| {
        rendered(&server, &["/page"], mode)
            .env("BACKLINKS_BROWSER", None)
            .env("PATH", Some("/nonexistent"))
    };
    let always = without_browser("always").run().expect_code(2);
    assert!(
        always.stderr.contains("--render always needs a browser"),
        "{}",
        always.stderr
    );
    assert!(
        always.stderr.contains("apt install chromium"),
        "{}",
        always.stderr
    );
    assert_eq!(server.hits("/page"), 0, "refused before any fetch");

    let auto = without_browser("auto")
        .args(["--format", "json"])
        .run()
        .expect_code(0);
    assert_eq!(
        auto.stderr
            .matches("warning: --render auto renders nothing")
            .count(),
        1,
        "{}",
        auto.stderr
    );
    let report: serde_json::Value = serde_json::from_slice(&auto.stdout).unwrap();
    assert_eq!(report["sources"][0]["status"], "ok");
    assert_eq!(report["sources"][0]["rendered"], false);

    let named = rendered(&server, &["/page"], "always")
        .env("BACKLINKS_BROWSER", Some("/nonexistent/chromium"))
        .run()
        .expect_code(2);
    assert!(
        named
            .stderr
            .contains("BACKLINKS_BROWSER names `/nonexistent/chromium`"),
        "{}",
        named.stderr
    );
}
