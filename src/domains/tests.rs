//! The questions' arithmetic, checked by hand on a graph drawn here, and the
//! same questions answered from discovered links.

use super::*;
use crate::graph::{Graph, Silent};
use crate::model::LinkType;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::{Path, PathBuf};

fn gzip(path: &Path, text: &str) {
    let mut encoder = GzEncoder::new(std::fs::File::create(path).unwrap(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap();
}

fn sought(input: &str) -> Sought {
    let target = Target::parse(input).unwrap();
    let domain = crate::target::registrable_domain(&target.host);
    Sought {
        label: domain.clone(),
        domain,
        target,
    }
}

fn query(targets: &[&str], excluded: &[&str], min_shared: usize) -> Query {
    Query {
        targets: targets.iter().map(|t| sought(t)).collect(),
        excluded: excluded.iter().map(|t| sought(t)).collect(),
        min_shared,
        top: None,
    }
}

/// The drawing: three rivals a, b and c, my own site me, and five others.
///
/// ```text
/// x1 → a b c      x2 → a b      x3 → a      x4 → b c me      x5 → c
/// a → b (a rival linking to a rival)    b → b (a self-link)    me → a
/// ```
/// x5 ranks 2nd, x3 5th, x1 9th; the others are unranked.
const NAMES: [&str; 9] = [
    "com.a", "com.b", "com.c", "com.me", "com.x1", "com.x2", "com.x3", "com.x4", "com.x5",
];
const ARCS: [(usize, usize); 14] = [
    (4, 0),
    (4, 1),
    (4, 2),
    (5, 0),
    (5, 1),
    (6, 0),
    (7, 1),
    (7, 2),
    (7, 3),
    (8, 2),
    (0, 1),
    (1, 1),
    (3, 0),
    (4, 0), // a repeated arc counts once
];

fn drawn(dir: &Path) -> PathBuf {
    let basename = dir.join("drawn");
    let vertices: String = NAMES
        .iter()
        .enumerate()
        .map(|(id, n)| format!("{id}\t{n}\t1\n"))
        .collect();
    gzip(&dir.join("drawn-vertices.txt.gz"), &vertices);
    let edges: String = ARCS.iter().map(|(a, b)| format!("{a}\t{b}\n")).collect();
    gzip(&dir.join("drawn-edges.txt.gz"), &edges);
    gzip(
        &dir.join("drawn-ranks.txt.gz"),
        "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts\n\
         2\t900.5\t4\t0.2\tcom.x5\t1\n5\t500.0\t1\t0.4\tcom.x3\t1\n9\t10.0\t9\t0.01\tcom.x1\t1\n",
    );
    basename
}

fn ask(graph: &Graph, query: &Query) -> Answer {
    let (found, unknown) = from_graph(graph, query, query.top).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    finish(found, query)
}

fn rows(answer: &Answer) -> Vec<(String, Vec<String>)> {
    answer
        .domains
        .iter()
        .map(|d| (d.domain.clone(), d.links_to.clone()))
        .collect()
}

fn row(domain: &str, targets: &[&str]) -> (String, Vec<String>) {
    (
        domain.to_string(),
        targets.iter().map(|t| t.to_string()).collect(),
    )
}

#[test]
fn the_intersect_lists_domains_linking_to_enough_rivals_and_not_to_me() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    let two = ask(&graph, &query(&["a.com", "b.com", "c.com"], &["me.com"], 2));
    // x4 links to b and c but also to me; a links to b but is a rival.
    assert_eq!(
        rows(&two),
        vec![
            row("x1.com", &["a.com", "b.com", "c.com"]),
            row("x2.com", &["a.com", "b.com"])
        ]
    );
    assert_eq!(two.matched, 2);
    // a: x1 x2 x3 me; b: x1 x2 x4 a (its self-link not counted); c: x1 x4 x5.
    let counts: Vec<u64> = two.targets.iter().map(|t| t.referring_domains).collect();
    assert_eq!(counts, [4, 4, 3]);

    let three = ask(&graph, &query(&["a.com", "b.com", "c.com"], &["me.com"], 3));
    assert_eq!(rows(&three), vec![row("x1.com", &["a.com", "b.com", "c.com"])]);

    // One is enough: after the two-rival rows, x5 (ranked 2nd) before x3 (5th).
    let one = ask(&graph, &query(&["a.com", "b.com", "c.com"], &["me.com"], 1));
    assert_eq!(
        rows(&one),
        vec![
            row("x1.com", &["a.com", "b.com", "c.com"]),
            row("x2.com", &["a.com", "b.com"]),
            row("x5.com", &["c.com"]),
            row("x3.com", &["a.com"]),
        ]
    );
    let x5 = &one.domains[2];
    assert_eq!(
        x5.authority.map(|a| (a.harmonic_rank, a.pagerank_rank)),
        Some((2, 4))
    );
    assert_eq!(x5.hosts, Some(1));
}

#[test]
fn referring_domains_of_one_target_are_best_ranked_first_without_its_self_link() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    let answer = ask(&graph, &query(&["a.com"], &[], 1));
    // x3 (5th), x1 (9th), then the unranked by name: me, x2.
    let names: Vec<&str> = answer.domains.iter().map(|d| d.domain.as_str()).collect();
    assert_eq!(names, ["x3.com", "x1.com", "me.com", "x2.com"]);
    let b = ask(&graph, &query(&["b.com"], &[], 1));
    let names: Vec<&str> = b.domains.iter().map(|d| d.domain.as_str()).collect();
    assert_eq!(
        names,
        ["x1.com", "a.com", "x2.com", "x4.com"],
        "b's link to itself is not a referring domain"
    );
    let mut top = query(&["b.com"], &[], 1);
    top.top = Some(2);
    let cut = ask(&graph, &top);
    assert_eq!(cut.domains.len(), 2);
    assert_eq!(cut.matched, 4);
}

#[test]
fn a_target_nobody_links_to_has_no_referring_domain_and_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    let answer = ask(&graph, &query(&["x1.com"], &[], 1));
    assert!(answer.domains.is_empty());
    assert_eq!(answer.targets[0].referring_domains, 0);
}

#[test]
fn every_target_the_graph_lacks_is_named_and_an_unknown_exclusion_is_returned() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    let error = from_graph(
        &graph,
        &query(&["a.com", "nowhere.org", "bücher.de"], &[], 1),
        None,
    )
    .err()
    .unwrap();
    let message = error.to_string();
    assert!(message.contains("nowhere.org, xn--bcher-kva.de"), "{message}");
    assert!(!message.contains("a.com,"), "{message}");
    let (_, unknown) = from_graph(&graph, &query(&["a.com"], &["new-site.com"], 1), None).unwrap();
    assert_eq!(unknown, ["new-site.com"]);
}

fn link(source: &str, target: &str, anchor: &str) -> DiscoveredLink {
    DiscoveredLink {
        source_url: source.to_string(),
        source_domain: None,
        target_url: target.to_string(),
        anchor_text: anchor.to_string(),
        link_type: LinkType::Dofollow,
    }
}

#[test]
fn discovered_links_give_the_same_answer_with_pages_and_anchors() {
    let links = vec![
        link("https://blog.x1.com/p1", "https://a.com/", "rival a"),
        link("https://x1.com/p2", "https://www.b.com/pricing", "rival b"),
        link("https://x2.com/p", "https://a.com/page", "a again"),
        link("https://a.com/about", "https://a.com/", "internal"),
        link("https://x4.com/p", "https://b.com/", "b"),
        link("https://x4.com/p", "https://me.com/", "me"),
        link("https://x5.com/p", "https://notb.com/", "not a target"),
    ];
    let both = finish(
        from_links(&links, &query(&["a.com", "b.com"], &["me.com"], 2)),
        &query(&["a.com", "b.com"], &["me.com"], 2),
    );
    assert_eq!(rows(&both), vec![row("x1.com", &["a.com", "b.com"])]);
    let pages: Vec<(&str, &str, &str)> = both.domains[0]
        .pages
        .iter()
        .map(|p| (p.target.as_str(), p.source_url.as_str(), p.anchor_text.as_str()))
        .collect();
    assert_eq!(
        pages,
        [
            ("a.com", "https://blog.x1.com/p1", "rival a"),
            ("b.com", "https://x1.com/p2", "rival b")
        ]
    );
    let q = query(&["a.com", "b.com"], &["me.com"], 1);
    let one = finish(from_links(&links, &q), &q);
    assert_eq!(
        rows(&one),
        vec![row("x1.com", &["a.com", "b.com"]), row("x2.com", &["a.com"])]
    );
    let counts: Vec<u64> = one.targets.iter().map(|t| t.referring_domains).collect();
    assert_eq!(counts, [2, 2], "a: x1 x2 (its own page is internal); b: x1 x4");
}

#[test]
fn the_graph_gives_the_rows_and_the_archive_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    let q = query(&["a.com"], &[], 1);
    let (from_graph, _) = from_graph(&graph, &q, None).unwrap();
    let links = vec![
        link("https://x3.com/review", "https://a.com/", "a review"),
        link("https://only-archive.net/p", "https://a.com/", "new"),
    ];
    let answer = finish(merge(from_graph, from_links(&links, &q)), &q);
    let names: Vec<&str> = answer.domains.iter().map(|d| d.domain.as_str()).collect();
    // Unranked rows: the one with pages (only-archive.net) before those without.
    assert_eq!(
        names,
        ["x3.com", "x1.com", "only-archive.net", "me.com", "x2.com"]
    );
    assert_eq!(answer.domains[0].pages[0].anchor_text, "a review");
    assert!(answer.domains[0].authority.is_some());
    assert!(answer.domains[1].pages.is_empty());
}

#[test]
fn keeping_only_the_top_n_while_reading_gives_the_first_n_of_the_whole_list() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    for (targets, excluded, min_shared) in [
        (&["a.com"][..], &[][..], 1),
        (&["b.com"][..], &[][..], 1),
        (&["a.com", "b.com", "c.com"][..], &["me.com"][..], 1),
        (&["a.com", "b.com", "c.com"][..], &[][..], 2),
    ] {
        let whole = ask(&graph, &query(targets, excluded, min_shared));
        for n in 1..=whole.domains.len() + 1 {
            let mut cut = query(targets, excluded, min_shared);
            cut.top = Some(n);
            let answer = ask(&graph, &cut);
            let expected: Vec<_> = rows(&whole).into_iter().take(n).collect();
            assert_eq!(rows(&answer), expected, "{targets:?} top {n}");
            assert_eq!(answer.targets, whole.targets, "the counts do not depend on --top");
        }
    }
}

#[cfg(feature = "webgraph")]
#[test]
fn the_bvgraph_form_of_the_drawing_gives_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let text = Graph::open(&drawn(dir.path()), &Silent).unwrap();
    let bv_dir = tempfile::tempdir().unwrap();
    let basename = crate::graph::tests::write_bvgraph(bv_dir.path(), "drawn", &NAMES, &ARCS, true);
    std::fs::copy(
        dir.path().join("drawn-vertices.txt.gz"),
        bv_dir.path().join("drawn-vertices.txt.gz"),
    )
    .unwrap();
    std::fs::copy(
        dir.path().join("drawn-ranks.txt.gz"),
        bv_dir.path().join("drawn-ranks.txt.gz"),
    )
    .unwrap();
    let bv = Graph::open(&basename, &Silent).unwrap();
    assert_eq!(bv.arcs_kind(), "BVGraph");
    for q in [
        query(&["a.com"], &[], 1),
        query(&["b.com"], &[], 1),
        query(&["a.com", "b.com", "c.com"], &["me.com"], 2),
        query(&["a.com", "b.com", "c.com"], &["me.com"], 1),
    ] {
        let (from_text, from_bv) = (ask(&text, &q), ask(&bv, &q));
        assert_eq!(from_bv.domains, from_text.domains);
        assert_eq!(from_bv.targets, from_text.targets);
        assert!(!from_text.domains.is_empty());
    }
}
