//! The audit's JSON and JSON Lines read back through the schema written down
//! a second time (`mirror`): a change to the model that changes the output
//! fails here.

use super::{mirror, render};
use crate::report::Format;

#[test]
fn the_output_matches_the_contract_mirror() {
    let report: mirror::AuditReport = serde_json::from_str(&render(Format::Json)).unwrap();
    assert_eq!(report.schema_version, 1);
    assert_eq!(report.sources.len(), 3);
    assert_eq!(report.links.len(), 2);
    assert_eq!(report.sources[2].status, mirror::Status::HttpError);
    assert_eq!(report.links[1].link_type, mirror::LinkType::Nofollow);
}

#[test]
fn the_mirror_refuses_an_unknown_or_a_missing_key() {
    let json = render(Format::Json);
    let parses = |text: &str| serde_json::from_str::<mirror::AuditReport>(text).is_ok();
    assert!(parses(&json));
    let extra = json.replacen("\"partial\": false,", "\"partial\": false, \"extra\": 1,", 1);
    assert!(!parses(&extra), "unknown key");
    let missing = json.replacen("\"error\": null,", "", 1);
    assert!(!parses(&missing), "missing nullable key");
    let unknown_status = json.replacen("\"no-link\"", "\"no_link\"", 2);
    assert!(!parses(&unknown_status), "unknown status word");
}

#[test]
fn every_line_matches_the_contract_mirror() {
    let out = render(Format::Jsonl);
    let lines: Vec<mirror::JsonLine> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(lines[..3]
        .iter()
        .all(|l| matches!(l, mirror::JsonLine::Source(_))));
    assert!(lines[3..5].iter().all(|l| matches!(l, mirror::JsonLine::Link(_))));
    assert!(matches!(lines.last(), Some(mirror::JsonLine::Summary(_))));
    assert_eq!(lines.len(), 3 + 2 + 1);
}

#[test]
fn the_mirror_refuses_a_line_with_an_unknown_key_or_type() {
    let out = render(Format::Jsonl);
    let parses = |line: &str| serde_json::from_str::<mirror::JsonLine>(line).is_ok();
    let source = out.lines().next().unwrap();
    assert!(parses(source));
    assert!(!parses(&source.replacen(
        r#""links":2"#,
        r#""links":2,"extra":1"#,
        1
    )));
    assert!(!parses(&source.replacen(
        r#""type":"source""#,
        r#""type":"link""#,
        1
    )));
    assert!(!parses(&source.replacen(
        r#""type":"source""#,
        r#""type":"page""#,
        1
    )));
}
