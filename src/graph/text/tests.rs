//! The index built through buckets of any size is the same file, and answers
//! who links to each vertex as a brute-force transpose does.

use super::*;
use crate::graph::Silent;
use proptest::prelude::*;

/// `arcs` as a plain edge list in `dir`.
fn list(dir: &Path, arcs: &[(u64, u64)]) -> PathBuf {
    let list = dir.join("g-edges.txt");
    let text: String = arcs.iter().map(|(from, to)| format!("{from}\t{to}\n")).collect();
    std::fs::write(&list, text).unwrap();
    list
}

/// The index of `list` (holding `arcs`) built with buckets of `bucket_arcs`,
/// checked against the transpose; returns its bytes.
fn built(list: &Path, arcs: &[(u64, u64)], count: u64, bucket_arcs: u64) -> Vec<u8> {
    let index = list.with_file_name(format!("g-edges-{bucket_arcs}.index"));
    let stamp = Stamp::of(list).unwrap();
    build_in_buckets(list, &index, stamp, count, &Silent, bucket_arcs).unwrap();
    let edges = EdgeIndex::map(&index, stamp, count).expect("the index reads back");
    let bytes = std::fs::read(&index).unwrap();
    for target in 0..count {
        assert_eq!(
            edges.predecessors(target),
            transpose(arcs, target),
            "vertex {target}"
        );
    }
    bytes
}

/// The sources of the arcs to `target`, sorted, each once.
fn transpose(arcs: &[(u64, u64)], target: u64) -> Vec<VertexId> {
    let mut sources: Vec<VertexId> = arcs.iter().filter(|a| a.1 == target).map(|a| a.0).collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}

#[test]
fn tiny_buckets_build_the_same_index_as_one_bucket() {
    let dir = tempfile::tempdir().unwrap();
    // Vertex 0 and the last have arcs to them; 2 and 5 none; 3 more than a
    // small bucket holds; 1 <- 4 repeated.
    let arcs = [
        (1, 0),
        (4, 1),
        (4, 1),
        (0, 3),
        (1, 3),
        (2, 3),
        (4, 3),
        (6, 3),
        (3, 4),
        (0, 6),
        (5, 6),
    ];
    let list = list(dir.path(), &arcs);
    let whole = built(&list, &arcs, 7, u64::MAX);
    for bucket_arcs in [1, 2, 3, 5] {
        assert_eq!(
            built(&list, &arcs, 7, bucket_arcs),
            whole,
            "buckets of {bucket_arcs}"
        );
    }
}

#[test]
fn buckets_hold_consecutive_vertices_up_to_their_size() {
    assert_eq!(bucket_starts(&[1, 0, 2, 5, 1, 1], 2), [0, 2, 3, 4, 6]);
    assert_eq!(bucket_starts(&[0, 0, 0], 2), [0, 3]);
    assert_eq!(bucket_starts(&[], 2), [0, 0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bucket_size_answers_as_the_transpose(
        arcs in prop::collection::vec((0u64..12, 0u64..12), 0..60),
        bucket_arcs in 1u64..20,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let list = list(dir.path(), &arcs);
        let whole = built(&list, &arcs, 12, u64::MAX);
        prop_assert_eq!(built(&list, &arcs, 12, bucket_arcs), whole);
    }
}
