//! Every kind of HTML report in a real browser (headless Chromium): the page
//! requests nothing (every request goes through a proxy the test holds, and
//! only Chromium's own update and clock checks reach it), the console stays
//! empty (a blocked load or script would be logged there), the rendered text
//! is the report's, the sorting script ran, and page text that looks like
//! markup stays text. A screenshot of each report lands in
//! `target/html-reports/` for a person to look at. Skipped, saying why, when
//! Chromium is not installed; never when `CI=true` (`.ci/run` installs it).

use crate::discover::warc::{members, Rec};
use crate::run::{fixture, required_program, std_command};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TITLE: &str = "<script>alert(1)</script>";
const ANCHOR: &str = "\"><img src=x onerror=alert(1)>";

/// Hosts Chromium calls on its own (component updates, the network clock),
/// whatever page it shows.
const CHROMIUM_OWN: [&str; 5] = [
    "google.com",
    "googleapis.com",
    "gvt1.com",
    "gstatic.com",
    "googleusercontent.com",
];

/// A proxy that answers nothing and remembers the host of every request.
struct Proxy {
    port: u16,
    hosts: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let hosts = Arc::new(Mutex::new(Vec::new()));
        let seen = hosts.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut line = String::new();
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let _ = BufReader::new(&stream).read_line(&mut line);
                // Chromium opens spare connections to its proxy; one that
                // asked for nothing carried no request.
                if !line.trim().is_empty() {
                    seen.lock().unwrap().push(request_host(&line));
                }
            }
        });
        Proxy { port, hosts }
    }

    /// Hosts asked for that are not Chromium's own.
    fn page_requests(&self) -> Vec<String> {
        self.hosts
            .lock()
            .unwrap()
            .iter()
            .filter(|host| {
                !CHROMIUM_OWN
                    .iter()
                    .any(|own| *host == own || host.ends_with(&format!(".{own}")))
            })
            .cloned()
            .collect()
    }
}

/// `GET http://host/path HTTP/1.1` or `CONNECT host:443 HTTP/1.1` → `host`.
fn request_host(line: &str) -> String {
    let target = line.split_whitespace().nth(1).unwrap_or(line);
    let without_scheme = target.split("://").last().unwrap_or(target);
    let authority = without_scheme.split('/').next().unwrap_or_default();
    authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host)
        .to_string()
}

/// What Chromium made of a report.
struct Rendered {
    /// The DOM after the scripts ran.
    dom: String,
    /// Console messages, as Chromium logs them.
    console: Vec<String>,
    /// Requests the page made (Chromium's own left out).
    requests: Vec<String>,
}

fn run_chromium(browser: &Path, proxy: &Proxy, profile: &Path, args: &[String]) -> Output {
    let mut child = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .args([
            "--disable-background-networking",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--proxy-server=http://127.0.0.1:{}", proxy.port))
        // Loopback too goes through the proxy.
        .arg("--proxy-bypass-list=<-loopback>")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    // A guard against a hung browser, not a timing measurement.
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("chromium output")
}

fn render(browser: &Path, report: &Path, name: &str) -> Rendered {
    let proxy = Proxy::start();
    let profile = tempfile::tempdir().unwrap();
    let url = url::Url::from_file_path(report).expect("a file URL").to_string();
    let dumped = run_chromium(
        browser,
        &proxy,
        profile.path(),
        &["--dump-dom".into(), url.clone()],
    );
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-reports");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join(format!("{name}.png"));
    run_chromium(
        browser,
        &proxy,
        profile.path(),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
            url,
        ],
    );
    assert!(shot.is_file(), "no screenshot of {name}");
    // Let the proxy read a request made at the last moment.
    std::thread::sleep(Duration::from_millis(300));
    let console = String::from_utf8_lossy(&dumped.stderr)
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    Rendered {
        dom: String::from_utf8_lossy(&dumped.stdout).into_owned(),
        console,
        requests: proxy.page_requests(),
    }
}

/// Runs backlinks in `dir`, expecting exit 0.
fn backlinks(dir: &Path, args: &[&str]) {
    let output = std_command(dir).args(args).output().expect("run backlinks");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Two saved pages: one whose anchor to example.com is markup, one without a
/// link whose title is (titles are shown for pages without a link).
fn hostile_pages(dir: &Path) -> [PathBuf; 2] {
    let linking = dir.join("hostile-anchor.html");
    let html = format!(
        "<!DOCTYPE html><html><head><title>Tools</title></head><body><p>\
         <a href=\"https://example.com/tools\">{}</a></p></body></html>",
        escape_for_page(ANCHOR)
    );
    std::fs::write(&linking, html).unwrap();
    let titled = dir.join("hostile-title.html");
    let html = format!(
        "<!DOCTYPE html><html><head><title>{}</title></head><body><p>No link.</p></body></html>",
        escape_for_page(TITLE)
    );
    std::fs::write(&titled, html).unwrap();
    [linking, titled]
}

/// The text as a page would carry it, so it reads back as written.
fn escape_for_page(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A web archive of two captured pages, one with a hostile anchor.
fn archive(dir: &Path) -> PathBuf {
    let records = [
        Rec::html(
            "https://blog.test/post",
            &format!(
                "<title>Post</title><p><a href=\"https://example.com/\">{}</a></p>",
                escape_for_page(ANCHOR)
            ),
        ),
        Rec::html(
            "https://news.test/item",
            "<p><a href=\"https://example.com/tools\" rel=\"nofollow\">tools</a></p>",
        ),
    ];
    let path = dir.join("capture.warc.gz");
    std::fs::write(&path, members(&records).0).unwrap();
    path
}

/// Checks what every report must be in the browser, then `text` in its DOM.
fn check(rendered: &Rendered, name: &str, texts: &[&str]) {
    assert!(
        rendered.console.is_empty(),
        "{name}: console: {:#?}",
        rendered.console
    );
    assert!(
        rendered.requests.is_empty(),
        "{name}: the page requested {:?}",
        rendered.requests
    );
    assert!(
        rendered.dom.contains("tabindex=\"0\""),
        "{name}: the sorting script did not run"
    );
    for text in texts {
        assert!(
            rendered.dom.contains(text),
            "{name}: `{text}` not in:\n{}",
            rendered.dom
        );
    }
    assert!(
        !rendered.dom.contains("<img"),
        "{name}: page markup became an element"
    );
}

#[test]
fn every_html_report_renders_offline_in_chromium_and_page_markup_stays_text() {
    let Some(browser) = required_program(
        &["chromium", "chromium-browser"],
        "every_html_report_renders_offline_in_chromium_and_page_markup_stays_text",
        "apt-get install chromium",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let demo = fixture("demo/sources.txt");
    let demo = demo.to_str().unwrap();
    backlinks(
        d,
        &[
            "audit",
            "example.com",
            "--sources",
            demo,
            "-q",
            "-o",
            "first.json",
        ],
    );
    let [anchor, title] = hostile_pages(d);
    let (anchor, title) = (anchor.to_str().unwrap(), title.to_str().unwrap());
    backlinks(
        d,
        &[
            "audit",
            "example.com",
            "--sources",
            demo,
            anchor,
            title,
            "-q",
            "-o",
            "audit.html",
            "-o",
            "audit.json",
        ],
    );
    let audit: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("audit.json")).unwrap()).unwrap();
    let backlinks_count = format!("<dt>Backlinks</dt><dd>{}</dd>", audit["summary"]["backlinks"]);
    backlinks(d, &["show", "latest", "-q", "-o", "show.html"]);
    backlinks(d, &["diff", "-q", "-o", "diff.html"]);
    backlinks(d, &["history", "-q", "-o", "history.html"]);
    let warc = archive(d);
    backlinks(
        d,
        &[
            "discover",
            "example.com",
            warc.to_str().unwrap(),
            "-q",
            "-o",
            "found.html",
            "-o",
            "found.csv",
        ],
    );
    backlinks(
        d,
        &[
            "domains",
            "example.com",
            "--from",
            "found.csv",
            "-q",
            "-o",
            "domains.html",
        ],
    );

    let markup_as_text = "&lt;img src=x onerror=alert(1)&gt;";
    let cases: [(&str, Vec<&str>); 6] = [
        (
            "audit",
            vec![
                "Backlink audit of example.com",
                &backlinks_count,
                markup_as_text,
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ],
        ),
        ("show", vec!["Backlink audit of example.com", &backlinks_count]),
        (
            "diff",
            vec![
                "Links by change",
                "New (1): not there before",
                "hostile-anchor.html",
            ],
        ),
        ("history", vec!["Audit history", "over time", "2 saved audits"]),
        (
            "found",
            vec!["Links found in web archives", "blog.test", markup_as_text],
        ),
        ("domains", vec!["Referring domains of", "news.test"]),
    ];
    for (name, texts) in cases {
        let rendered = render(&browser, &d.join(format!("{name}.html")), name);
        check(&rendered, name, &texts);
    }
}
