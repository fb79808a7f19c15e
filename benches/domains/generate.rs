//! Writes a synthetic domain graph in both of the forms `backlinks domains`
//! reads, from the same arcs, for `benches/domains.sh`:
//!
//!     cargo run --release --example domains_graph -- DIR DOMAINS ARCS
//!
//! - `DIR/text/bench-{vertices,edges,ranks}.txt.gz`: the plain form;
//! - `DIR/bv/bench.graph`, `bench-t.graph` (+ `.properties`), the same
//!   vertices and ranks: the BVGraph form as Common Crawl publishes it
//!   (no `.offsets`, no `.ef`);
//! - `DIR/targets.txt`: a popular target (the one whose referring domains are
//!   nearest 100,000) and an unpopular one (nearest 10), with their counts.
//!
//! In-degrees follow a power law (a target drawn with probability about
//! 1/rank, ranks scattered over the ids); out-degrees are exponential with a
//! mean of ARCS/DOMAINS. A fixed seed makes every run write the same graph.

use dsi_bitstream::prelude::BE;
use dsi_progress_logger::no_logging;
use flate2::write::GzEncoder;
use std::io::{BufWriter, Write};
use std::path::Path;
use webgraph::graphs::arc_list_graph::ArcListGraph;
use webgraph::prelude::*;

/// splitmix64: small, fast, and the same stream on every machine.
#[derive(Clone)]
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }
}

/// The arcs, sorted by source then target, without duplicates or self-loops.
#[derive(Clone)]
struct Arcs {
    random: Random,
    domains: usize,
    mean_degree: f64,
    source: usize,
    pending: Vec<usize>,
}

impl Arcs {
    fn new(domains: usize, arcs: usize) -> Arcs {
        Arcs {
            random: Random(42),
            domains,
            mean_degree: arcs as f64 / domains as f64,
            source: 0,
            pending: Vec::new(),
        }
    }

    /// A target by a power law over ranks, each rank scattered to an id.
    fn target(&mut self) -> usize {
        let rank = ((self.domains as f64 + 1.0).ln() * self.random.unit()).exp() as usize - 1;
        scatter(rank.min(self.domains - 1), self.domains)
    }
}

/// Rank → id by a multiplication modulo the count (a prime multiplier that
/// does not divide it), so popular domains are spread over the name space.
fn scatter(rank: usize, domains: usize) -> usize {
    ((rank as u128 * 2_654_435_761u128) % domains as u128) as usize
}

impl Iterator for Arcs {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        while self.pending.is_empty() {
            if self.source >= self.domains {
                return None;
            }
            let degree = (-self.random.unit().ln() * self.mean_degree) as usize;
            let mut targets: Vec<usize> = (0..degree).map(|_| self.target()).collect();
            targets.retain(|&t| t != self.source);
            targets.sort_unstable();
            targets.dedup();
            targets.reverse();
            self.pending = targets;
            self.source += 1;
        }
        self.pending.pop().map(|t| (self.source - 1, t))
    }
}

fn name(id: usize) -> String {
    format!("com.site{id:08}")
}

fn gzip(path: &Path) -> BufWriter<GzEncoder<std::fs::File>> {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    BufWriter::with_capacity(1 << 20, GzEncoder::new(file, flate2::Compression::fast()))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, domains, arcs] = args.as_slice() else {
        anyhow::bail!("usage: domains_graph DIR DOMAINS ARCS");
    };
    let (dir, domains, arcs) = (Path::new(dir), domains.parse::<usize>()?, arcs.parse::<usize>()?);
    let (text, bv) = (dir.join("text"), dir.join("bv"));
    std::fs::create_dir_all(&text)?;
    std::fs::create_dir_all(&bv)?;

    eprintln!("vertices…");
    let mut vertices = gzip(&text.join("bench-vertices.txt.gz"));
    for id in 0..domains {
        writeln!(vertices, "{id}\t{}\t1", name(id))?;
    }
    vertices.into_inner()?.finish()?;

    eprintln!("edge list…");
    let mut in_degree = vec![0u32; domains];
    let mut edges = gzip(&text.join("bench-edges.txt.gz"));
    let mut written = 0u64;
    for (from, to) in Arcs::new(domains, arcs) {
        writeln!(edges, "{from}\t{to}")?;
        in_degree[to] += 1;
        written += 1;
    }
    edges.into_inner()?.finish()?;

    eprintln!("ranks…");
    let mut by_rank: Vec<usize> = (0..domains).collect();
    by_rank.sort_unstable_by_key(|&id| (std::cmp::Reverse(in_degree[id]), id));
    let mut ranks = gzip(&text.join("bench-ranks.txt.gz"));
    writeln!(
        ranks,
        "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts"
    )?;
    for (at, &id) in by_rank.iter().enumerate() {
        let degree = in_degree[id];
        writeln!(
            ranks,
            "{}\t{}.0\t{}\t{:e}\t{}\t1",
            at + 1,
            degree,
            at + 1,
            f64::from(degree) / written as f64,
            name(id)
        )?;
    }
    ranks.into_inner()?.finish()?;
    for file in ["bench-vertices.txt.gz", "bench-ranks.txt.gz"] {
        std::fs::copy(text.join(file), bv.join(file))?;
    }

    let nearest = |wanted: u32| {
        (0..domains)
            .min_by_key(|&id| in_degree[id].abs_diff(wanted))
            .unwrap_or(0)
    };
    let (popular, unpopular) = (nearest(100_000), nearest(10));
    let mut targets = std::fs::File::create(dir.join("targets.txt"))?;
    for id in [popular, unpopular] {
        let name = name(id);
        let domain: Vec<&str> = name.rsplit('.').collect();
        writeln!(targets, "{}\t{}", domain.join("."), in_degree[id])?;
    }
    drop(in_degree);

    eprintln!("BVGraph…");
    let graph = ArcListGraph::new(domains, Arcs::new(domains, arcs));
    BvComp::with_basename(bv.join("bench")).comp_graph::<BE>(graph)?;
    eprintln!("its transpose…");
    let graph = BvGraphSeq::with_basename(bv.join("bench")).load()?;
    let sorted = transpose_seq(&graph, MemoryUsage::MemorySize(1 << 30), no_logging![])?;
    BvComp::with_basename(bv.join("bench-t")).par_comp::<BE, _>(sorted)?;
    for leftover in ["bench.offsets", "bench-t.offsets", "bench.ef", "bench-t.ef"] {
        let _ = std::fs::remove_file(bv.join(leftover));
    }
    eprintln!("{written} arcs over {domains} domains in {}", dir.display());
    Ok(())
}
