//! `--disavow FILE`: Google's format, a person's lines kept, mistakes reported.

use crate::run::{fixture, Audit};
use crate::server::TestServer;
use std::fs;

/// Settings that make a hidden link toxic once the flags exist: the hidden-link
/// flag alone reaches the threshold.
const HIDDEN_IS_TOXIC: &str = "[weights]\nhidden-link = 100\n[thresholds]\ntoxic = 1\n";

/// The hidden-links fixture page, on `localhost` so its referring domain is a
/// name (an IP address cannot be a `domain:` line).
fn hidden_links_page(server: &TestServer) -> String {
    let port = server.host().rsplit(':').next().unwrap_or_default().to_string();
    format!("http://localhost:{port}/site/hidden-links.html")
}

fn hand_written() -> Vec<u8> {
    fs::read(fixture("disavow/hand-written.txt")).expect("fixture")
}

#[test]
fn without_toxic_links_no_file_is_written() {
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/inflight/1")).args([
        "--disavow",
        "disavow.txt",
        "--format",
        "json",
    ]);
    // The highest threshold, so that no link here is toxic whatever the weights.
    audit.file("backlinks.toml", "[thresholds]\ntoxic = 100\n");
    let outcome = audit.run().expect_code(0);
    let report: serde_json::Value = serde_json::from_slice(&outcome.stdout).expect("JSON");
    assert_eq!(report["summary"]["toxic"], 0, "precondition: no toxic link");
    assert!(
        outcome
            .stderr
            .contains("disavow: no toxic links; `disavow.txt` not written"),
        "{}",
        outcome.stderr
    );
    assert!(!audit.dir().join("disavow.txt").exists());
}

#[test]
fn a_hand_written_file_is_kept_byte_for_byte_and_its_mistakes_reported() {
    let server = TestServer::start();
    let audit = Audit::new("example.com").source(server.url("/inflight/1")).args([
        "--disavow",
        "disavow.txt",
        "--format",
        "jsonl",
    ]);
    let path = audit.file("disavow.txt", hand_written());
    let outcome = audit.run().expect_code(0);
    assert_eq!(fs::read(&path).expect("still there"), hand_written());
    let err = &outcome.stderr;
    for expected in [
        "line 5: starts with `Domain:`",
        "line 6: has a scheme after `domain:` (write `domain:casino-links.xyz`)",
        "line 7: has a path after `domain:`",
        "line 8: has a leading dot after `domain:` (write `domain:pills-cheap.top`)",
        "line 10: repeats the URL of line 9",
        "line 11: lists a URL that `domain:spammy-directory.net` on line 4 already covers",
        "line 12: repeats `domain:spammy-directory.net` of line 4",
        "line 13: `article-spinner.net` is neither a URL nor a `domain:` line",
    ] {
        assert!(err.contains(expected), "{expected}:\n{err}");
    }
    assert_eq!(
        err.matches("warning: disavow file `disavow.txt`: line ").count(),
        8,
        "{err}"
    );
    assert!(
        !outcome.stdout.is_empty(),
        "the report still goes to standard output"
    );
}

#[test]
fn an_unwritable_disavow_path_exits_2_before_fetching() {
    let server = TestServer::start();
    let outcome = Audit::new("example.com")
        .source(server.url("/inflight/1"))
        .args(["--disavow", "no-such-folder/disavow.txt"])
        .run()
        .expect_code(2);
    assert!(
        outcome.stderr.contains("no-such-folder/disavow.txt"),
        "{}",
        outcome.stderr
    );
    assert!(server.requests().is_empty(), "nothing fetched");
}

#[test]
fn toxic_referring_domains_start_a_new_file() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(hidden_links_page(&server))
        .args(["--disavow", "disavow.txt"]);
    audit.file("backlinks.toml", HIDDEN_IS_TOXIC);
    let outcome = audit.run().expect_code(0);
    let text = fs::read_to_string(audit.dir().join("disavow.txt")).expect("written");
    assert!(
        text.starts_with("# Disavow file for example.com, written by backlinks"),
        "{text}"
    );
    assert!(text.contains("The tool proposes, a person decides"), "{text}");
    assert!(text.contains("\n# Added by backlinks "), "{text}");
    assert!(text.ends_with("domain:localhost\n"), "{text}");
    assert!(
        outcome
            .stderr
            .contains("disavow: added 1 domain to `disavow.txt`"),
        "{}",
        outcome.stderr
    );

    // A second run finds it there and leaves the file alone.
    let again = audit.run().expect_code(0);
    assert_eq!(
        fs::read_to_string(audit.dir().join("disavow.txt")).expect("kept"),
        text
    );
    assert!(again.stderr.contains("not rewritten"), "{}", again.stderr);
}

#[test]
fn toxic_referring_domains_are_appended_to_a_hand_written_file() {
    let server = TestServer::start();
    let audit = Audit::new("example.com")
        .source(hidden_links_page(&server))
        .args(["--disavow", "disavow.txt"]);
    audit.file("backlinks.toml", HIDDEN_IS_TOXIC);
    let path = audit.file("disavow.txt", hand_written());
    let outcome = audit.run().expect_code(0);
    let after = fs::read(&path).expect("written");
    assert!(
        after.starts_with(&hand_written()),
        "every original line kept, in order"
    );
    let added = String::from_utf8(after[hand_written().len()..].to_vec()).expect("UTF-8");
    assert!(added.starts_with("\n# Added by backlinks "), "{added}");
    assert!(added.contains(" for example.com: 1 domain\n"), "{added}");
    assert!(added.ends_with("domain:localhost\n"), "{added}");
    assert!(
        outcome.stderr.contains("line 5: starts with `Domain:`"),
        "{}",
        outcome.stderr
    );
}
