//! Small graphs written here in both forms from the same arcs (the BVGraph
//! compressed with `webgraph` itself, without the `.offsets` and `.ef` files
//! Common Crawl does not publish), giving the same answers.

use super::*;
use flate2::write::GzEncoder;
use std::io::Write;
use std::sync::Mutex;

/// Remembers what was built, to tell a build from a reuse.
#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

impl Progress for Recorder {
    fn begin(&self, what: &str, _: u64) {
        self.0.lock().unwrap().push(what.to_string());
    }
    fn advance(&self, _: u64) {}
    fn end(&self) {}
}

impl Recorder {
    fn builds(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|w| w.starts_with("building"))
            .cloned()
            .collect()
    }
}

pub(crate) fn gzip(path: &Path, text: &str) {
    let mut encoder = GzEncoder::new(std::fs::File::create(path).unwrap(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap();
}

/// The vertex list of `names` (reversed, sorted), with host counts 1, 2, ...
pub(crate) fn vertex_list(names: &[&str]) -> String {
    names
        .iter()
        .enumerate()
        .map(|(id, name)| format!("{id}\t{name}\t{}\n", id + 1))
        .collect()
}

/// `dir/NAME-vertices.txt.gz` and `dir/NAME-edges.txt.gz`.
pub(crate) fn write_text(dir: &Path, name: &str, names: &[&str], arcs: &[(usize, usize)]) -> PathBuf {
    let basename = dir.join(name);
    gzip(&with(&basename, "-vertices.txt.gz"), &vertex_list(names));
    let edges: String = arcs.iter().map(|(from, to)| format!("{from}\t{to}\n")).collect();
    gzip(&with(&basename, "-edges.txt.gz"), &edges);
    basename
}

/// The same graph as BVGraph files: `NAME.graph` and, when `transposed`,
/// `NAME-t.graph`, each with its `.properties` and nothing else.
#[cfg(feature = "webgraph")]
pub(crate) fn write_bvgraph(
    dir: &Path,
    name: &str,
    names: &[&str],
    arcs: &[(usize, usize)],
    transposed: bool,
) -> PathBuf {
    use dsi_bitstream::prelude::BE;
    use webgraph::prelude::*;
    let basename = dir.join(name);
    gzip(&with(&basename, "-vertices.txt.gz"), &vertex_list(names));
    let compress = |base: &Path, arcs: Vec<(usize, usize)>| {
        let mut graph = webgraph::graphs::vec_graph::VecGraph::empty(names.len());
        graph.add_arcs(arcs);
        BvComp::with_basename(base).comp_graph::<BE>(&graph).unwrap();
        for leftover in [".offsets", ".ef"] {
            let _ = std::fs::remove_file(with(base, leftover));
        }
    };
    compress(&basename, arcs.to_vec());
    if transposed {
        compress(
            &with(&basename, "-t"),
            arcs.iter().map(|&(a, b)| (b, a)).collect(),
        );
    }
    basename
}

fn with(basename: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", basename.display()))
}

/// A drawn graph: alpha, beta, gamma and bbc link to example; bbc to beta;
/// example links to itself; xn--bcher-kva (bücher.com) to alpha.
const NAMES: [&str; 6] = [
    "com.alpha",
    "com.beta",
    "com.example",
    "com.xn--bcher-kva",
    "org.gamma",
    "uk.co.bbc",
];
const ARCS: [(usize, usize); 7] = [(0, 2), (1, 2), (4, 2), (5, 2), (2, 2), (5, 1), (3, 0)];

fn every_answer(graph: &Graph) -> Vec<Vec<VertexId>> {
    let all: Vec<VertexId> = (0..graph.len()).collect();
    graph.predecessors(&all).unwrap()
}

#[test]
fn the_edge_list_answers_who_links_to_each_vertex() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&write_text(dir.path(), "g", &NAMES, &ARCS), &Silent).unwrap();
    assert_eq!(graph.arcs_kind(), "edge list");
    assert_eq!(
        every_answer(&graph),
        vec![vec![3], vec![5], vec![0, 1, 2, 4, 5], vec![], vec![], vec![]]
    );
}

#[cfg(feature = "webgraph")]
#[test]
fn a_bvgraph_and_its_published_transpose_answer_as_the_edge_list_does() {
    let dir = tempfile::tempdir().unwrap();
    let text = Graph::open(&write_text(dir.path(), "text", &NAMES, &ARCS), &Silent).unwrap();
    let progress = Recorder::default();
    let bv = Graph::open(&write_bvgraph(dir.path(), "bv", &NAMES, &ARCS, true), &progress).unwrap();
    assert_eq!(bv.arcs_kind(), "BVGraph");
    assert_eq!(every_answer(&bv), every_answer(&text));
    assert!(
        progress
            .builds()
            .iter()
            .any(|b| b.contains("offsets of") && b.contains("bv-t.graph")),
        "{:?}",
        progress.builds()
    );
    // The .ef is kept: the second open builds nothing.
    let again = Recorder::default();
    let bv = Graph::open(&dir.path().join("bv"), &again).unwrap();
    assert_eq!(again.builds(), Vec::<String>::new());
    assert_eq!(every_answer(&bv), every_answer(&text));
}

#[cfg(feature = "webgraph")]
#[test]
fn a_bvgraph_without_its_transpose_is_transposed_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = Graph::open(&write_text(dir.path(), "text", &NAMES, &ARCS), &Silent).unwrap();
    let progress = Recorder::default();
    let bv = Graph::open(&write_bvgraph(dir.path(), "bv", &NAMES, &ARCS, false), &progress).unwrap();
    assert!(
        progress.builds().iter().any(|b| b.contains("transpose of")),
        "{:?}",
        progress.builds()
    );
    assert!(dir.path().join("bv-t.graph").is_file());
    assert_eq!(every_answer(&bv), every_answer(&text));
}

#[cfg(feature = "webgraph")]
#[test]
fn a_bvgraph_of_another_size_than_the_vertex_list_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_bvgraph(dir.path(), "bv", &NAMES, &ARCS, true);
    gzip(&with(&basename, "-vertices.txt.gz"), &vertex_list(&NAMES[..5]));
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(matches!(error, GraphError::Mismatch { .. }), "{error}");
    assert!(
        error.to_string().contains("6 vertices, the vertex list 5"),
        "{error}"
    );
}

#[cfg(feature = "webgraph")]
#[test]
fn a_damaged_bvgraph_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_bvgraph(dir.path(), "bv", &NAMES, &ARCS, true);
    std::fs::write(with(&basename, "-t.properties"), "nodes=oops\n").unwrap();
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(matches!(error, GraphError::Damaged { .. }), "{error}");
    assert!(error.to_string().contains("bv-t.properties"), "{error}");
}

#[test]
fn names_are_found_reversed_both_ways_and_idn_in_punycode() {
    let dir = tempfile::tempdir().unwrap();
    let graph = Graph::open(&write_text(dir.path(), "g", &NAMES, &ARCS), &Silent).unwrap();
    assert_eq!(to_graph_name("bbc.co.uk"), "uk.co.bbc");
    assert_eq!(from_graph_name("uk.co.bbc"), "bbc.co.uk");
    assert_eq!(graph.id(&to_graph_name("bbc.co.uk")), Some(5));
    let bucher = crate::target::Target::parse("bücher.com").unwrap();
    assert_eq!(graph.id(&to_graph_name(&bucher.host)), Some(3));
    assert_eq!(graph.name(3), "com.xn--bcher-kva");
    assert_eq!(graph.id("com.alpha"), Some(0));
    assert_eq!(graph.id("org.gamma"), Some(4));
    for absent in ["com.alph", "com.alphaa", "", "zz.last", "a.first"] {
        assert_eq!(graph.id(absent), None, "{absent}");
    }
    assert_eq!(graph.hosts(5), Some(6));
}

#[test]
fn the_indexes_are_built_once_and_again_when_their_input_changes() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &ARCS);
    let first = Recorder::default();
    Graph::open(&basename, &first).unwrap();
    let builds = first.builds();
    assert_eq!(builds.len(), 2, "{builds:?}");
    assert!(
        builds[0].contains("vertex index") && builds[1].contains("transposed index of"),
        "{builds:?}"
    );
    assert!(dir.path().join("g-vertices.index").is_file());
    assert!(dir.path().join("g-edges.index").is_file());
    let second = Recorder::default();
    Graph::open(&basename, &second).unwrap();
    assert!(second.builds().is_empty(), "{:?}", second.builds());
    gzip(
        &with(&basename, "-vertices.txt.gz"),
        &vertex_list(
            &[
                "com.alpha",
                "com.beta",
                "com.example",
                "com.xn--bcher-kva",
                "org.gamma",
                "uk.co.bbc",
            ][..],
        )
        .replace("\t6\n", "\t60\n"),
    );
    let third = Recorder::default();
    let graph = Graph::open(&basename, &third).unwrap();
    assert_eq!(
        third.builds().len(),
        1,
        "only the vertex list changed: {:?}",
        third.builds()
    );
    assert_eq!(graph.hosts(5), Some(60));
}

#[test]
fn a_damaged_index_is_built_again() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &ARCS);
    Graph::open(&basename, &Silent).unwrap();
    let index = dir.path().join("g-vertices.index");
    let bytes = std::fs::read(&index).unwrap();
    std::fs::write(&index, &bytes[..bytes.len() - 3]).unwrap();
    let again = Recorder::default();
    let graph = Graph::open(&basename, &again).unwrap();
    assert_eq!(again.builds().len(), 1);
    assert_eq!(graph.id("uk.co.bbc"), Some(5));
}

#[test]
fn ranks_in_common_crawls_layout_give_each_domain_its_authority() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &ARCS);
    // As published: a header, sorted by harmonic centrality, Java's float text.
    gzip(
        &with(&basename, "-ranks.txt.gz"),
        "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts\n\
         1\t3.4626736E7\t3\t0.005384977821460953\tuk.co.bbc\t6\n\
         2\t3.42356E7\t1\t0.008634952900502719\tcom.example\t3\n\
         3\t1.5E-4\t2\t0.007010813553170503\tcom.alpha\t1\n",
    );
    let graph = Graph::open(&basename, &Silent).unwrap();
    assert!(graph.has_ranks());
    let bbc = graph.authority(5).unwrap();
    assert_eq!((bbc.harmonic_rank, bbc.pagerank_rank), (1, 3));
    assert_eq!(bbc.harmonic_value, 34626736.0);
    assert_eq!(bbc.pagerank_value, 0.005384977821460953);
    assert_eq!(graph.authority(0).unwrap().harmonic_value, 0.00015);
    assert_eq!(graph.authority(4), None, "gamma is not ranked");
}

#[test]
fn a_ranks_file_naming_a_domain_the_vertex_list_lacks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &ARCS);
    gzip(
        &with(&basename, "-ranks.txt.gz"),
        "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts\n1\t2.0\t1\t0.5\tcom.elsewhere\t1\n",
    );
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(matches!(error, GraphError::Mismatch { .. }), "{error}");
    assert!(error.to_string().contains("`com.elsewhere`"), "{error}");
    gzip(
        &with(&basename, "-ranks.txt.gz"),
        "1\t2.0\t1\t0.5\tcom.alpha\t1\n",
    );
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(error.to_string().contains("expected the header"), "{error}");
}

#[test]
fn an_unsorted_or_misnumbered_vertex_list_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &ARCS);
    gzip(
        &with(&basename, "-vertices.txt.gz"),
        "0\tcom.beta\t1\n1\tcom.alpha\t1\n",
    );
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(
        error
            .to_string()
            .contains("line 2: `com.alpha` comes after `com.beta`"),
        "{error}"
    );
    gzip(
        &with(&basename, "-vertices.txt.gz"),
        "0\tcom.alpha\t1\n2\tcom.beta\t1\n",
    );
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(
        error.to_string().contains("line 2: id 2 where 1 was expected"),
        "{error}"
    );
}

#[test]
fn an_edge_list_naming_a_vertex_beyond_the_list_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &[(0, 2), (9, 2)]);
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(matches!(error, GraphError::Mismatch { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("line 2 names vertex 9, but the vertex list has 6"),
        "{error}"
    );
}

#[test]
fn a_truncated_gzip_is_named_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let edges: String = (0..5000)
        .map(|i| format!("{}\t{}\n", i % 6, (i + 1) % 6))
        .collect();
    let basename = write_text(dir.path(), "g", &NAMES, &[]);
    gzip(&with(&basename, "-edges.txt.gz"), &edges);
    let path = with(&basename, "-edges.txt.gz");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(matches!(error, GraphError::Damaged { .. }), "{error}");
}

#[test]
fn missing_files_say_which_are_expected() {
    let dir = tempfile::tempdir().unwrap();
    let basename = dir.path().join("nothing");
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(error.to_string().contains("nothing-vertices.txt.gz"), "{error}");
    gzip(&with(&basename, "-vertices.txt.gz"), &vertex_list(&NAMES));
    let error = Graph::open(&basename, &Silent).err().unwrap();
    assert!(matches!(error, GraphError::NoArcs { .. }), "{error}");
    assert!(error.to_string().contains("nothing-edges.txt.gz"), "{error}");
}

#[test]
fn the_edge_index_sorts_and_dedups_and_follows_a_changed_list() {
    let dir = tempfile::tempdir().unwrap();
    let basename = write_text(dir.path(), "g", &NAMES, &[(3, 2), (1, 2), (3, 2), (0, 2), (2, 2)]);
    let graph = Graph::open(&basename, &Silent).unwrap();
    assert_eq!(
        graph.predecessors(&[2, 0]).unwrap(),
        vec![vec![0, 1, 2, 3], vec![]]
    );
    gzip(&with(&basename, "-edges.txt.gz"), "5\t0\n4\t0\n\n");
    let changed = Recorder::default();
    let graph = Graph::open(&basename, &changed).unwrap();
    assert_eq!(changed.builds().len(), 1, "{:?}", changed.builds());
    assert_eq!(graph.predecessors(&[0, 2]).unwrap(), vec![vec![4, 5], vec![]]);
}
