//! JSON Lines and CSV are written while the scan runs (so a scan reported
//! in them holds no links); they must say exactly what the JSON report,
//! written at the end from the kept links, says: same links, same order,
//! whichever archive a thread finished first.

use super::warc::{members, Rec};
use serde_json::Value;

#[test]
fn streamed_reports_hold_the_links_of_the_json_report_in_archive_order() {
    let (site, names) = super::site_pages();
    let dir = tempfile::tempdir().unwrap();
    // Four archives, the largest first, so the threads finish out of order.
    let mut archives = Vec::new();
    for (at, chunk) in names.chunks(names.len().div_ceil(4)).enumerate() {
        let mut records = vec![Rec::warcinfo()];
        for name in chunk {
            let body = std::fs::read_to_string(site.join(name)).unwrap();
            let copies = if at == 0 { 40 } else { 1 };
            for copy in 0..copies {
                records.push(Rec::html(
                    &format!("https://pages{at}.example.net/{copy}/{name}"),
                    &body,
                ));
            }
        }
        let file = format!("part-{at}.warc.gz");
        std::fs::write(dir.path().join(&file), members(&records).0).unwrap();
        archives.push(file);
    }
    let mut args = vec!["example.com", "--also", "github.com", "--concurrency", "4"];
    args.extend(archives.iter().map(String::as_str));
    let (doc, _) = super::discover_json(
        dir.path(),
        &[&args[..], &["-o", "s.jsonl", "-o", "s.csv"]].concat(),
        0,
    );
    let links = doc["links"].as_array().unwrap();
    assert!(links.len() > 200, "only {} links", links.len());

    let jsonl = std::fs::read_to_string(dir.path().join("s.jsonl")).unwrap();
    let lines: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (summary, streamed) = lines.split_last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["summary"], doc["summary"]);
    assert_eq!(streamed.len(), links.len());
    for (line, link) in streamed.iter().zip(links) {
        let mut line = line.clone();
        line.as_object_mut().unwrap().remove("type");
        assert_eq!(&line, link);
    }
    // The order is archive order, then record order.
    let archive_of = |link: &Value| link["archive"].as_str().unwrap().to_string();
    let order: Vec<String> = links.iter().map(archive_of).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    let mut csv = csv::Reader::from_path(dir.path().join("s.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), links.len());
    for (row, link) in rows.iter().zip(links) {
        assert_eq!(&row[1], link["source_url"].as_str().unwrap());
        assert_eq!(&row[7], link["target_url"].as_str().unwrap());
    }
}
