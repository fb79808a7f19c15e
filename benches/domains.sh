#!/usr/bin/env bash
# backlinks domains on a synthetic power-law graph, in both forms written from
# the same arcs (benches/domains/generate.rs): the first query of a popular
# target (its indexes built, from nothing), then later queries of the popular
# target (about 100,000 referring domains) and of an unpopular one (about 10),
# each with its wall time and peak RSS from /usr/bin/time -v. Also checks that
# both forms give the same CSV. Prints a table and the sizes on disk.
#
#   benches/domains.sh                                   # 5 M domains, 100 M arcs
#   DOMAINS=50000 ARCS=1000000 benches/domains.sh        # a small one: does it work?
#
# Targets (BENCHMARKS.md, Referring domains): a later query under 1 s, peak RSS
# under 500 MB on the big graph (the graph mapped, not read into the heap).
#
# Env: DOMAINS (5000000), ARCS (100000000), GRAPH_DIR (/tmp/backlinks-domains-DOMAINS-ARCS;
# the graph is written once and kept), RUNS (3 later queries of each target, the median printed).
set -euo pipefail
cd "$(dirname "$0")/.."

DOMAINS=${DOMAINS:-5000000}
ARCS=${ARCS:-100000000}
RUNS=${RUNS:-3}
GRAPH_DIR=${GRAPH_DIR:-/tmp/backlinks-domains-$DOMAINS-$ARCS}

cargo build --release --quiet --bin backlinks --example domains_graph
BIN=$PWD/target/release/backlinks

if [ ! -f "$GRAPH_DIR/targets.txt" ]; then
    echo "writing the graph into $GRAPH_DIR ..." >&2
    start=$(date +%s)
    ./target/release/examples/domains_graph "$GRAPH_DIR" "$DOMAINS" "$ARCS"
    echo "written in $(( $(date +%s) - start )) s" >&2
fi
POPULAR=$(sed -n 1p "$GRAPH_DIR/targets.txt" | cut -f1)
POPULAR_N=$(sed -n 1p "$GRAPH_DIR/targets.txt" | cut -f2)
UNPOPULAR=$(sed -n 2p "$GRAPH_DIR/targets.txt" | cut -f1)
UNPOPULAR_N=$(sed -n 2p "$GRAPH_DIR/targets.txt" | cut -f2)

# One query: "seconds peak-MB" on standard output, its CSV in $2.
measure() {
    local form=$1 out=$2 target=$3
    local log; log=$(mktemp)
    /usr/bin/time -v "$BIN" domains "$target" --graph "$GRAPH_DIR/$form/bench" -q -o "$out" 2>"$log"
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    rm -f "$log"
    echo "$wall $(( rss / 1024 ))"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '| form | query | referring domains | seconds | peak RSS (MB) |\n| --- | --- | ---: | ---: | ---: |\n'
for form in bv text; do
    rm -f "$GRAPH_DIR/$form"/*.index "$GRAPH_DIR/$form"/*.ef "$GRAPH_DIR/$form"/*.offsets
    read -r wall rss < <(measure "$form" "$GRAPH_DIR/$form-first.csv" "$POPULAR")
    printf '| %s | first (indexes built), popular | %s | %s | %s |\n' "$form" "$POPULAR_N" "$wall" "$rss"
    runs=$RUNS
    for which in popular unpopular; do
        target=$POPULAR; count=$POPULAR_N
        [ $which = unpopular ] && { target=$UNPOPULAR; count=$UNPOPULAR_N; }
        walls=(); rsses=()
        for _ in $(seq "$runs"); do
            read -r wall rss < <(measure "$form" "$GRAPH_DIR/$form-$which.csv" "$target")
            walls+=("$wall"); rsses+=("$rss")
        done
        printf '| %s | later, %s (median of %s) | %s | %s | %s |\n' "$form" "$which" "$runs" "$count" \
            "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rsses[@]}" | median)"
    done
done

for which in first popular unpopular; do
    cmp -s "$GRAPH_DIR/bv-$which.csv" "$GRAPH_DIR/text-$which.csv" \
        && echo "same CSV from both forms: $which" \
        || echo "DIFFERENT CSV from the two forms: $which"
done
echo
echo "on disk (MB):"
for f in "$GRAPH_DIR"/bv/* "$GRAPH_DIR"/text/*; do
    printf '  %-40s %8.1f\n' "${f#"$GRAPH_DIR"/}" "$(echo "$(stat -c %s "$f") / 1000000" | bc -l)"
done
