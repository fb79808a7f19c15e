//! Updating a disavow file on disk (`mod.rs`).

use super::*;

const STAMP: Stamp<'static> = Stamp {
    target: "example.com",
    date: "2026-11-21",
};

fn toxic(names: &[&str]) -> Proposals {
    let evidence = Evidence::of_link(&[crate::model::Flag::HiddenLink]);
    names.iter().map(|n| (n.to_string(), evidence.clone())).collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn printed(outcome: &DisavowOutcome, path: &Path) -> String {
    let mut err = Vec::new();
    print_outcome(outcome, path, &mut err).unwrap();
    String::from_utf8(err).unwrap()
}

#[test]
fn a_new_file_is_written_with_the_toxic_domains() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disavow.txt");
    let outcome = update(&path, &toxic(&["b.net", "a.net"]), STAMP).unwrap();
    assert!(outcome.written);
    assert_eq!(outcome.added, ["a.net", "b.net"]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Disavow file for example.com"), "{text}");
    assert!(
        text.ends_with("domain:a.net\n# hidden-link: 1 toxic link\ndomain:b.net\n"),
        "{text}"
    );
    assert_eq!(
        files_in(dir.path()),
        ["disavow.txt"],
        "no temporary file left behind"
    );
    let said = printed(&outcome, &path);
    assert!(
        said.contains("added 2 domains") && said.contains("review them"),
        "{said}"
    );
}

#[test]
fn an_existing_file_keeps_every_byte_and_gains_a_block() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disavow.txt");
    let mine: &[u8] = b"# my notes, caf\xe9\r\nDomain:old.net\ndomain:spam.net/blog\n  https://x.org/a  \n\ndomain:kept.net";
    std::fs::write(&path, mine).unwrap();
    let outcome = update(&path, &toxic(&["kept.net", "new.net", "old.net"]), STAMP).unwrap();
    let after = std::fs::read(&path).unwrap();
    assert!(
        after.starts_with(mine),
        "the original bytes come first, unchanged"
    );
    let added = String::from_utf8(after[mine.len()..].to_vec()).unwrap();
    assert!(added.starts_with("\r\n\r\n# Added by backlinks"), "{added:?}");
    assert!(
        added.ends_with("domain:new.net\r\n# hidden-link: 1 toxic link\r\ndomain:old.net\r\n"),
        "{added:?}"
    );
    assert_eq!(outcome.added, ["new.net", "old.net"]);
    assert_eq!(outcome.already_present, 1);
    let said = printed(&outcome, &path);
    for expected in [
        "disavow.txt`: line 1: is not valid UTF-8",
        "line 2: starts with `Domain:`",
        "line 3: has a path after `domain:`",
        "(1 was already there)",
    ] {
        assert!(said.contains(expected), "{expected}:\n{said}");
    }
}

#[test]
fn nothing_new_leaves_the_file_alone_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disavow.txt");
    std::fs::write(&path, "domain:spam.net\n").unwrap();
    let outcome = update(&path, &toxic(&["spam.net"]), STAMP).unwrap();
    assert!(!outcome.written);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "domain:spam.net\n");
    assert_eq!(files_in(dir.path()), ["disavow.txt"]);
    assert!(
        printed(&outcome, &path).contains("not rewritten: it already covers every toxic referring domain")
    );
}

#[test]
fn no_toxic_link_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disavow.txt");
    let outcome = update(&path, &Proposals::new(), STAMP).unwrap();
    assert!(!outcome.written && !path.exists());
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
    assert!(printed(&outcome, &path).contains("no toxic links"));
}

#[test]
fn toxic_links_without_a_nameable_domain_are_not_called_absent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disavow.txt");
    let outcome = update(&path, &toxic(&["203.0.113.9"]), STAMP).unwrap();
    assert!(!outcome.written && !path.exists());
    assert_eq!(outcome.skipped, 1);
    let said = printed(&outcome, &path);
    assert!(
        said.contains("`203.0.113.9` is not added: an IP address"),
        "{said}"
    );
    assert!(
        said.contains("no toxic link has a domain a `domain:` line can name"),
        "{said}"
    );
    assert!(!said.contains("no toxic links"), "{said}");
}

#[test]
fn an_unwritable_place_fails_before_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let error = PendingDisavow::open(&dir.path().join("missing/disavow.txt"))
        .err()
        .unwrap()
        .to_string();
    assert!(
        error.contains("missing/disavow.txt") && error.contains("folder"),
        "{error}"
    );
    let error = PendingDisavow::open(dir.path()).err().unwrap().to_string();
    assert!(error.contains("cannot write disavow file"), "{error}");
}

#[test]
fn a_pending_file_dropped_unused_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disavow.txt");
    drop(PendingDisavow::open(&path).unwrap());
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn many_warnings_are_cut_short() {
    let outcome = DisavowOutcome {
        warnings: (1..=25).map(|n| format!("line {n}: x")).collect(),
        ..DisavowOutcome::default()
    };
    let said = printed(&outcome, Path::new("d.txt"));
    assert_eq!(said.matches("warning:").count(), SHOWN_WARNINGS + 1);
    assert!(said.contains("5 more warnings not shown"), "{said}");
}

#[test]
fn today_is_a_utc_date() {
    let today = today_utc();
    let bytes = today.as_bytes();
    assert_eq!(bytes.len(), 10, "{today}");
    assert!(bytes[4] == b'-' && bytes[7] == b'-', "{today}");
    assert!(
        today.replace('-', "").bytes().all(|b| b.is_ascii_digit()),
        "{today}"
    );
}

#[test]
fn the_target_is_named_with_its_path_prefix_when_it_has_one() {
    let target = |host: &str, path_prefix: &str| TargetInfo {
        input: host.into(),
        host: host.into(),
        path_prefix: path_prefix.into(),
    };
    assert_eq!(target_label(&target("example.com", "/")), "example.com");
    assert_eq!(
        target_label(&target("example.com", "/blog/")),
        "example.com/blog/"
    );
}
