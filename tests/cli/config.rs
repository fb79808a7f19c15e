//! The settings file (`backlinks.toml`, `--config FILE`) and `backlinks init`.

use crate::run::{backlinks, fixture, Audit};
use crate::server::TestServer;
use std::fs;

fn site_settings() -> String {
    fs::read_to_string(fixture("config/site.toml")).expect("fixture")
}

/// Four in-flight pages on each of two hosts of one server (127.0.0.1, localhost).
fn two_hosts(server: &TestServer) -> Vec<String> {
    let port = server.host().rsplit(':').next().unwrap_or_default().to_string();
    (0..4)
        .flat_map(|i| {
            [
                server.url(&format!("/inflight/a{i}")),
                format!("http://localhost:{port}/inflight/b{i}"),
            ]
        })
        .collect()
}

fn user_agents(server: &TestServer) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/inflight/"))
        .map(|r| r.user_agent.unwrap_or_default())
        .collect()
}

fn anchor_kinds(report: &crate::run::Report) -> Vec<String> {
    report
        .links()
        .iter()
        .map(|l| l["anchor_kind"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn backlinks_toml_in_the_current_directory_is_honoured() {
    let server = TestServer::start();
    let audit = Audit::new("example.com").sources(two_hosts(&server));
    audit.file("backlinks.toml", site_settings());
    let report = audit.json();
    assert_eq!(report.summary()["sources"]["by_status"]["ok"], 8);
    assert_eq!(server.max_in_flight(), 1, "concurrency = 1 from the file");
    let agents = user_agents(&server);
    assert_eq!(agents.len(), 8);
    assert!(agents.iter().all(|ua| ua == "acme-audit/1.0"), "{agents:?}");
    // The file turns the default brand (`example`) off and names "Acme": "Example" is no brand now.
    assert_eq!(anchor_kinds(&report), vec!["other"; 8]);
}

#[test]
fn the_command_line_replaces_the_files_values_lists_included() {
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/inflight/1")).args([
        "--user-agent",
        "cli/2",
        "--brand",
        "Example",
    ]);
    audit.file("backlinks.toml", site_settings());
    let report = audit.json();
    assert_eq!(user_agents(&server), ["cli/2"]);
    assert_eq!(
        anchor_kinds(&report),
        ["branded"],
        "--brand Example replaced the file's Acme"
    );
}

#[test]
fn a_list_from_the_file_is_replaced_whole() {
    // The file says fail-on missing; a page without a link makes that hold.
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/nolink/1"));
    audit.file("backlinks.toml", site_settings());
    let outcome = audit.run().expect_code(1);
    assert!(outcome.stderr.contains("missing"), "{}", outcome.stderr);

    let audit = Audit::new("example.com")
        .source(server.url("/nolink/1"))
        .args(["--fail-on", "nofollow"]);
    audit.file("backlinks.toml", site_settings());
    audit.run().expect_code(0);
}

#[test]
fn config_names_a_file_elsewhere_and_then_backlinks_toml_is_not_read() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(server.url("/inflight/1"))
        .args(["--config", "settings/site.toml"]);
    fs::create_dir(audit.dir().join("settings")).expect("mkdir");
    audit.file("settings/site.toml", site_settings());
    // Would be a usage error if it were read.
    audit.file("backlinks.toml", "no-such-key = 1\n");
    audit.json();
    assert_eq!(user_agents(&server), ["acme-audit/1.0"]);
}

#[test]
fn a_missing_config_file_exits_2_and_names_it() {
    let server = TestServer::start();
    let outcome = Audit::new("example.com")
        .source(server.url("/inflight/1"))
        .args(["--config", "nowhere.toml"])
        .run()
        .expect_code(2);
    assert!(
        outcome.stderr.contains("`nowhere.toml` does not exist"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stdout.is_empty());
    assert!(server.requests().is_empty(), "nothing fetched");
}

#[test]
fn an_unknown_key_exits_2_naming_it_and_its_line() {
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/inflight/1"));
    audit.file(
        "backlinks.toml",
        fs::read(fixture("config/unknown-key.toml")).expect("fixture"),
    );
    let outcome = audit.run().expect_code(2);
    let err = &outcome.stderr;
    assert!(err.contains("settings file `backlinks.toml`, line 3"), "{err}");
    assert!(err.contains("unknown key `concurency`"), "{err}");
    assert!(err.contains("`concurrency`"), "the known keys are listed: {err}");
    assert!(outcome.stdout.is_empty());
    assert!(server.requests().is_empty(), "nothing fetched");
}

#[test]
fn a_bad_value_exits_2_naming_the_key() {
    let server = TestServer::start();
    for (text, expected) in [
        (
            "concurrency = 0\n",
            "line 1, key `concurrency`: must be at least 1",
        ),
        (
            "timeout = \"soon\"\n",
            "key `timeout`: invalid type: string \"soon\", expected a number",
        ),
        (
            "brand = \"Acme\"\n",
            "key `brand`: invalid type: string \"Acme\", expected a list",
        ),
        (
            "\n[weights]\nno-such-flag = 5\n",
            "line 3, key `weights.no-such-flag`",
        ),
        ("[thresholds]\ntoxic = -3\n", "line 2, key `thresholds.toxic`"),
        (
            "fail-on = [\"sometimes\"]\n",
            "key `fail-on`: `sometimes` is not a condition",
        ),
        ("output = \"r.json\"\n", "`output` belongs to one run"),
    ] {
        let audit = Audit::new("example.com").source(server.url("/inflight/1"));
        audit.file("backlinks.toml", text);
        let outcome = audit.run();
        assert_eq!(outcome.code, Some(2), "{text}: {}", outcome.stderr);
        assert!(outcome.stderr.contains(expected), "{text}: {}", outcome.stderr);
        assert!(outcome.stdout.is_empty());
    }
    assert!(server.requests().is_empty(), "nothing fetched");
}

#[test]
fn init_writes_a_commented_file_that_loads() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = backlinks(dir.path()).arg("init").output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote `backlinks.toml`"));
    let text = fs::read_to_string(dir.path().join("backlinks.toml")).expect("written");
    assert!(
        text.contains("# concurrency = 32\n") && text.contains("[thresholds]\n"),
        "{text}"
    );

    // An audit in that folder reads it without complaint.
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/inflight/1"));
    audit.file("backlinks.toml", &text);
    audit.json();

    // So does a copy with every setting turned on (each shows its default).
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.split_once(" = ").is_some_and(|(k, _)| !k.contains(' ')) => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let audit = Audit::new("example.com").source(server.url("/inflight/2"));
    audit.file("backlinks.toml", uncommented);
    audit.json();
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("custom.toml");
    fs::write(&path, "concurrency = 4\n").expect("write");
    let out = backlinks(dir.path())
        .args(["init", "--path", "custom.toml"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`custom.toml` already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).expect("kept"), "concurrency = 4\n");

    let out = backlinks(dir.path())
        .args(["init", "--path", "custom.toml", "--force"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(fs::read_to_string(&path)
        .expect("replaced")
        .starts_with("# Settings for `backlinks audit`"));
}

#[test]
fn weights_and_thresholds_from_the_file_decide_toxicity() {
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/site/hidden-links.html"));
    audit.file(
        "backlinks.toml",
        "[weights]\nhidden-link = 100\n[thresholds]\ntoxic = 1\n",
    );
    let report = audit.json();
    let hidden = report.link_to("https://example.com/h/display");
    assert_eq!(hidden["toxic"], true, "{hidden:#}");
    assert!(
        hidden["flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f == "hidden-link")),
        "{hidden:#}"
    );
}
