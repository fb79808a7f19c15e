//! Extraction against the tokenizer's own pass, the floor it cannot beat.
//!
//! `cargo bench --bench extract -- --warm-up-time 1 --measurement-time 3`
//! compares html5gum's tokenizer alone (every event handed to a callback that
//! does nothing) with `extract` (target `github.com`) on
//! the fixture pages and, when `$BENCH_CORPUS` (default `/tmp/bench-corpus`, see
//! BENCHMARKS.md says how to make it) exists, on a fixed sample of 50 of its pages.
//!
//! `cargo bench --bench extract -- --whole-corpus` instead times both over the
//! whole corpus on one core (median of 5 passes) and prints MB/s and the ratio.
//! Pages that link to the target also get the page facts that need the
//! whole page (spam terms, external links); `BENCH_TARGET=nothing.invalid`
//! times the same run without them.

use backlinks::extract::{decode::decode_html, extract, ExtractOptions};
use backlinks::target::Target;
use criterion::{black_box, BenchmarkId, Criterion, Throughput};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use url::Url;

const SAMPLE_PAGES: usize = 50;
const WHOLE_CORPUS_PASSES: usize = 5;

/// A decoded page and the URL it is served at.
struct Page {
    url: Url,
    html: String,
}

fn main() {
    let corpus = corpus_dir();
    if std::env::args().any(|arg| arg == "--whole-corpus") {
        let pages = corpus_pages(&corpus).unwrap_or_else(|| {
            eprintln!(
                "no corpus at {}: BENCHMARKS.md says how to make one",
                corpus.display()
            );
            std::process::exit(2);
        });
        whole_corpus(&pages);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    bench_pages(&mut criterion, "fixtures", &fixture_pages());
    if let Some(pages) = corpus_pages(&corpus) {
        bench_pages(&mut criterion, "corpus-sample", &sample(pages));
    }
    criterion.final_summary();
}

/// `github.com`, or `$BENCH_TARGET`: a target no page links to
/// (`nothing.invalid`) shows the cost of extraction without page facts.
fn target() -> Target {
    let target = std::env::var("BENCH_TARGET").unwrap_or_else(|_| "github.com".to_string());
    Target::parse(&target).unwrap_or_else(|e| panic!("bad BENCH_TARGET {target:?}: {e}"))
}

fn bench_pages(criterion: &mut Criterion, name: &str, pages: &[Page]) {
    let target = target();
    let options = ExtractOptions::default();
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut group = criterion.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    if bytes > 1_000_000 {
        // One pass over the corpus sample takes about 0.1 s.
        group.sample_size(20);
    }
    group.bench_function(BenchmarkId::new("parse-only", pages.len()), |b| {
        b.iter(|| {
            for page in pages {
                tokenize(black_box(&page.html));
            }
        })
    });
    group.bench_function(BenchmarkId::new("extract", pages.len()), |b| {
        b.iter(|| {
            for page in pages {
                black_box(extract(black_box(&page.html), &page.url, &target, &options));
            }
        })
    });
    group.finish();
}

/// Times parse-only and extract over every page, alternating passes so both
/// see the same machine state, and prints the medians.
fn whole_corpus(pages: &[Page]) {
    let target = target();
    let options = ExtractOptions::default();
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut links = 0;
    let (mut parse, mut full) = (Vec::new(), Vec::new());
    for _ in 0..WHOLE_CORPUS_PASSES {
        parse.push(timed(|| {
            for page in pages {
                tokenize(&page.html);
            }
        }));
        full.push(timed(|| {
            links = pages
                .iter()
                .map(|page| extract(&page.html, &page.url, &target, &options).links.len())
                .sum();
        }));
    }
    let (parse, full) = (median(parse), median(full));
    let rate = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "whole corpus: {} pages, {:.1} MB, {links} links to {}",
        pages.len(),
        bytes as f64 / 1e6,
        target.host
    );
    println!(
        "parse-only: {:.3} s, {:.1} MB/s",
        parse.as_secs_f64(),
        rate(parse)
    );
    println!("extract:    {:.3} s, {:.1} MB/s", full.as_secs_f64(), rate(full));
    println!(
        "extract / parse-only time: {:.3} (median of {WHOLE_CORPUS_PASSES} passes)",
        full.as_secs_f64() / parse.as_secs_f64()
    );
}

/// The tokenizer alone, switching to raw text where the pass does.
fn tokenize(html: &str) {
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<Infallible> {
        black_box(event);
        None
    });
    emitter.naively_switch_states(true);
    let _ = Tokenizer::new_with_emitter(html, emitter).finish();
}

fn timed(work: impl FnOnce()) -> Duration {
    let start = Instant::now();
    work();
    start.elapsed()
}

fn median(mut durations: Vec<Duration>) -> Duration {
    durations.sort_unstable();
    durations[durations.len() / 2]
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/bench-corpus"))
}

fn fixture_pages() -> Vec<Page> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/extract");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/extract is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| load(path, &format!("https://example.org/{}", file_name(path))))
        .collect()
}

/// Every page of the corpus, in `pages.txt` order, or `None` without a corpus.
fn corpus_pages(dir: &Path) -> Option<Vec<Page>> {
    let list = std::fs::read_to_string(dir.join("pages.txt")).ok()?;
    let pages = list
        .lines()
        .filter(|line| !line.is_empty())
        .map(|rel| load(&dir.join(rel), &format!("http://127.0.0.1:18080/{rel}")))
        .collect();
    Some(pages)
}

/// A fixed, evenly spaced sample, so runs compare the same pages.
fn sample(pages: Vec<Page>) -> Vec<Page> {
    let step = (pages.len() / SAMPLE_PAGES).max(1);
    pages.into_iter().step_by(step).take(SAMPLE_PAGES).collect()
}

fn load(path: &Path, url: &str) -> Page {
    let body = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Page {
        url: Url::parse(url).expect("page URLs are valid"),
        html: decode_html(&body, Some("text/html")),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
