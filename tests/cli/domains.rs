//! `backlinks domains` end to end: small graphs written by the tests, every
//! format, the exit codes of section 8, and the CSV as `audit --sources`.

mod sources;

use crate::run::{backlinks, Outcome};
use flate2::write::GzEncoder;
use serde::Deserialize;
use std::io::Write;
use std::path::Path;

pub fn gzip(path: &Path, text: &str) {
    let mut encoder = GzEncoder::new(std::fs::File::create(path).unwrap(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap();
}

/// `dir/g-*`: the vertices (reversed names, sorted), the arcs, and ranks
/// in Common Crawl's layout for the names given.
pub fn write_graph(dir: &Path, names: &[&str], arcs: &[(usize, usize)], ranks: &[(&str, u32, &str)]) {
    let vertices: String = names
        .iter()
        .enumerate()
        .map(|(id, n)| format!("{id}\t{n}\t{}\n", id + 1))
        .collect();
    gzip(&dir.join("g-vertices.txt.gz"), &vertices);
    let edges: String = arcs.iter().map(|(a, b)| format!("{a}\t{b}\n")).collect();
    gzip(&dir.join("g-edges.txt.gz"), &edges);
    if !ranks.is_empty() {
        let mut text = "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts\n".to_string();
        for (name, position, value) in ranks {
            text.push_str(&format!("{position}\t{value}\t{position}\t0.25\t{name}\t1\n"));
        }
        gzip(&dir.join("g-ranks.txt.gz"), &text);
    }
}

pub fn domains(dir: &Path, args: &[&str]) -> Outcome {
    backlinks(dir)
        .arg("domains")
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// The JSON document, as docs/domains-output.md describes it: a field
/// added or renamed fails here.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema_version: u32,
    tool: Tool,
    started_at: String,
    finished_at: String,
    summary: Summary,
    domains: Vec<Domain>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    name: String,
    version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    basis: String,
    input: String,
    targets: Vec<TargetCount>,
    excluded: Vec<String>,
    min_shared: u64,
    matched: u64,
    listed: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetCount {
    target: String,
    referring_domains: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Domain {
    domain: String,
    links_to: Vec<String>,
    authority: Option<Authority>,
    hosts: Option<u64>,
    pages: Vec<Page>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Authority {
    harmonic_rank: u64,
    harmonic_value: f64,
    pagerank_rank: u64,
    pagerank_value: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub target: String,
    pub source_url: String,
    pub target_url: String,
    pub anchor_text: String,
    pub link_type: String,
}

/// a → example, bbc → example, bücher → example, b → a, example → example.
const NAMES: [&str; 6] = [
    "com.a",
    "com.b",
    "com.example",
    "com.xn--bcher-kva",
    "org.gamma",
    "uk.co.bbc",
];
const ARCS: [(usize, usize); 5] = [(0, 2), (5, 2), (3, 2), (1, 0), (2, 2)];

fn drawn() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_graph(
        dir.path(),
        &NAMES,
        &ARCS,
        &[("uk.co.bbc", 1, "3.4626736E7"), ("com.a", 7, "12.5")],
    );
    dir
}

#[test]
fn referring_domains_in_json_best_ranked_first_with_their_authority() {
    let dir = drawn();
    let outcome = domains(
        dir.path(),
        &["www.example.com", "--graph", "g", "--format", "json"],
    )
    .expect_code(0);
    let report: Report = serde_json::from_slice(&outcome.stdout).unwrap();
    assert_eq!(report.schema_version, 1);
    assert_eq!(report.tool.name, "backlinks");
    assert!(!report.tool.version.is_empty() && report.started_at <= report.finished_at);
    let names: Vec<&str> = report.domains.iter().map(|d| d.domain.as_str()).collect();
    assert_eq!(
        names,
        ["bbc.co.uk", "a.com", "xn--bcher-kva.com"],
        "ranked first, then by name; no self-link"
    );
    let bbc = &report.domains[0];
    let authority = bbc.authority.as_ref().unwrap();
    assert_eq!(
        (authority.harmonic_rank, authority.harmonic_value),
        (1, 34626736.0)
    );
    assert_eq!((authority.pagerank_rank, authority.pagerank_value), (1, 0.25));
    assert_eq!(bbc.hosts, Some(6));
    assert_eq!(bbc.links_to, ["example.com"]);
    assert!(bbc.pages.is_empty());
    assert!(report.domains[2].authority.is_none());
    let s = &report.summary;
    assert_eq!((s.basis.as_str(), s.input.as_str()), ("graph", "g"));
    assert_eq!(
        (s.targets[0].target.as_str(), s.targets[0].referring_domains),
        ("example.com", 3)
    );
    assert_eq!((s.min_shared, s.matched, s.listed), (1, 3, 3));
    assert!(s.excluded.is_empty());
    assert!(
        outcome.stderr.contains("building the vertex index"),
        "{}",
        outcome.stderr
    );
    // The second run reuses the indexes and says nothing of them.
    let again = domains(
        dir.path(),
        &["example.com", "--graph", "g", "--format", "json", "--top", "1"],
    )
    .expect_code(0);
    assert!(!again.stderr.contains("building"), "{}", again.stderr);
    let top: Report = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (top.domains.len(), top.summary.matched, top.summary.listed),
        (1, 3, 1)
    );
}

#[test]
fn the_intersect_in_every_format() {
    let dir = drawn();
    let args = [
        "example.com",
        "--also",
        "a.com",
        "--graph",
        "g",
        "--min-shared",
        "1",
        "--exclude",
        "gamma.org",
    ];
    let table = domains(dir.path(), &args).expect_code(0).stdout_text();
    assert!(
        table.contains(
            "Link intersect: domains linking to at least 1 of example.com, a.com, not to gamma.org"
        ),
        "{table}"
    );
    assert!(table.contains("bbc.co.uk") && table.contains("b.com"), "{table}");
    assert!(
        !table.lines().any(|l| l.starts_with("│ a.com ")),
        "a target is not an outreach row:\n{table}"
    );

    let csv = domains(dir.path(), &[&args[..], &["--format", "csv"]].concat())
        .expect_code(0)
        .stdout_text();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "source_url,domain,links_to,shared,harmonic_rank,harmonic_value,pagerank_rank,pagerank_value,hosts,target,target_url,anchor_text,link_type"
    );
    assert_eq!(
        lines[1],
        "https://bbc.co.uk/,bbc.co.uk,example.com,1,1,34626736,1,0.25,6,,,,"
    );
    assert_eq!(lines.len(), 4, "bbc, b and bücher: {csv}");

    let jsonl = domains(dir.path(), &[&args[..], &["--format", "jsonl"]].concat())
        .expect_code(0)
        .stdout_text();
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[..3].iter().all(|l| l["type"] == "domain"));
    assert_eq!(lines[3]["type"], "summary");
    assert_eq!(lines[3]["summary"]["excluded"][0], "gamma.org");

    let markdown = domains(dir.path(), &[&args[..], &["--format", "markdown"]].concat())
        .expect_code(0)
        .stdout_text();
    assert!(markdown.starts_with("## Link intersect"), "{markdown}");
    assert!(
        markdown.contains("| bbc.co.uk | example.com | 1 | 1 | 6 | 0 |"),
        "{markdown}"
    );

    domains(
        dir.path(),
        &[&args[..], &["-q", "-o", "out.json", "-o", "out.md"]].concat(),
    )
    .expect_code(0);
    let saved: Report = serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(saved.domains.len(), 3);
    assert!(dir.path().join("out.md").is_file());
}

#[test]
fn idn_targets_are_found_in_punycode() {
    let dir = drawn();
    let outcome = domains(dir.path(), &["bücher.com", "--graph", "g", "--format", "csv"]).expect_code(0);
    assert_eq!(
        outcome.stdout_text().lines().count(),
        1,
        "nobody links to bücher.com"
    );
    let outcome = domains(
        dir.path(),
        &["blog.example.com", "--graph", "g", "--format", "json"],
    )
    .expect_code(0);
    assert!(
        outcome
            .stderr
            .contains("the graph is domain-level: `blog.example.com` is read as `example.com`"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn what_cannot_be_answered_is_exit_2_with_one_clear_line() {
    let dir = drawn();
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "nowhere.com",
                "--graph",
                "g",
                "--also",
                "a.com",
                "--also",
                "gone.net",
            ],
            "not in the graph `g`: nowhere.com, gone.net",
        ),
        (&["example.com", "--graph", "missing"], "missing-vertices.txt.gz"),
        (
            &[
                "example.com",
                "--also",
                "a.com",
                "--graph",
                "g",
                "--min-shared",
                "3",
            ],
            "--min-shared 3: there are only 2 targets",
        ),
        (
            &["example.com", "--graph", "g", "--exclude", "www.example.com"],
            "is also a target",
        ),
        (&["example.com", "--graph", "g", "-o", "out.xlsx"], "out.xlsx"),
        (
            &["example.com", "--from", "nothing.csv"],
            "cannot read links file `nothing.csv`",
        ),
        (&["example.com"], "--graph"),
    ];
    for (args, expected) in cases {
        let outcome = domains(dir.path(), args).expect_code(2);
        assert!(outcome.stderr.contains(expected), "{args:?}: {}", outcome.stderr);
        assert!(outcome.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_graph_whose_files_disagree_is_exit_2() {
    let dir = drawn();
    gzip(&dir.path().join("g-edges.txt.gz"), "0\t2\n0\t17\n");
    let outcome = domains(dir.path(), &["example.com", "--graph", "g"]).expect_code(2);
    assert!(
        outcome.stderr.contains("does not match the vertex list"),
        "{}",
        outcome.stderr
    );
    std::fs::write(dir.path().join("g-edges.txt.gz"), b"\x1f\x8bnot gzip at all").unwrap();
    let outcome = domains(dir.path(), &["example.com", "--graph", "g"]).expect_code(2);
    assert!(outcome.stderr.contains("is damaged"), "{}", outcome.stderr);
}
