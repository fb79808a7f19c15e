#!/usr/bin/env bash
# backlinks against what a user would run instead, in one invocation and
# interleaved (ours, Python, lychee; ours, Python, lychee; ...), on the real
# documentation corpus served by nginx on loopback (../shared/bench). Prints
# each run, then the medians of wall time, CPU time and peak RSS, and ratios.
#
#   benches/compare.sh                    # 1,222 pages, 3 runs each
#   PAGES=12220 benches/compare.sh        # ten times the corpus
#   PAGES=100000 RUNS=1 PEERS= benches/compare.sh   # ours alone, at scale
#
# Peers (installed when missing, cached outside the repository in
# $BENCH_CACHE, default ~/.cache/backlinks-bench):
#   python  benches/peers/selectolax_links.py: aiohttp + selectolax, links to
#           TARGET with rel and anchor text (a venv with aiohttp and selectolax)
#   lychee  `lychee --dump`, politeness off (32 at once, 32 per host, no
#           interval between requests); it lists hrefs only, keeps no rel or
#           anchor text and drops nofollow links. `cargo install lychee
#           --locked` takes about 9 minutes on 2 cores.
#
# Env: RUNS (3), PAGES (unset: the corpus as is), TARGET (github.com),
# FORMAT (jsonl), CONCURRENCY (32), PEERS ("python lychee"), BENCH_DIR
# (../shared/bench), BENCH_CORPUS (/tmp/bench-corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-../shared/bench}
CORPUS=${BENCH_CORPUS:-/tmp/bench-corpus}
CACHE=${BENCH_CACHE:-$HOME/.cache/backlinks-bench}
RUNS=${RUNS:-3}
TARGET=${TARGET:-github.com}
FORMAT=${FORMAT:-jsonl}
CONCURRENCY=${CONCURRENCY:-32}
PEERS=${PEERS-python lychee}

bash "$BENCH_DIR/server.sh" start >&2
if [[ -n ${PAGES:-} ]]; then
  bash "$BENCH_DIR/scale.sh" "$PAGES" >&2
  urls=$CORPUS/urls-scale.txt
else
  urls=$CORPUS/urls.txt
fi

cargo build --release --locked --quiet
ours=target/release/backlinks
for peer in $PEERS; do
  case $peer in
    python)
      if ! "$CACHE/venv/bin/python" -c 'import aiohttp, selectolax' 2>/dev/null; then
        echo "installing aiohttp and selectolax into $CACHE/venv" >&2
        python3 -m venv "$CACHE/venv"
        "$CACHE/venv/bin/pip" install --quiet aiohttp selectolax
      fi ;;
    lychee)
      if [[ ! -x $CACHE/bin/lychee ]]; then
        echo "installing lychee into $CACHE/bin (about 9 minutes)" >&2
        cargo install lychee --locked --quiet --root "$CACHE"
      fi ;;
    *) echo "unknown peer: $peer (python, lychee)" >&2; exit 2 ;;
  esac
done

run() {
  case $1 in
    ours) "$ours" audit "$TARGET" --sources "$urls" \
            --concurrency "$CONCURRENCY" --per-host "$CONCURRENCY" --ignore-robots --no-save \
            --format "$FORMAT" ;;
    python) "$CACHE/venv/bin/python" benches/peers/selectolax_links.py "$TARGET" "$urls" "$CONCURRENCY" 2>/dev/null ;;
    lychee) "$CACHE/bin/lychee" --dump --no-progress --max-concurrency "$CONCURRENCY" \
              --host-concurrency "$CONCURRENCY" --host-request-interval 0ms --files-from "$urls" ;;
  esac
}

pages=$(wc -l <"$urls")
echo "corpus: $pages pages; target $TARGET; ours with --format $FORMAT; concurrency $CONCURRENCY; $(nproc) cores; $(date -u +%F)"
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for i in $(seq "$RUNS"); do
  for tool in ours $PEERS; do
    /usr/bin/time -f '%e %U %S %M' -o "$results/one" bash -c "$(declare -f run); $(declare -p ours urls TARGET FORMAT CONCURRENCY CACHE); run $tool" >"$results/out"
    read -r wall user sys rss <"$results/one"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
    printf 'run %d %-7s wall %6.2f s  cpu %6.2f s  peak RSS %4d MB  output %d lines\n' \
      "$i" "$tool" "$wall" "$cpu" $((rss / 1024)) "$(wc -l <"$results/out")"
    echo "$wall $cpu $rss" >>"$results/$tool"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
printf '%-8s %9s %9s %10s %10s\n' tool wall cpu 'peak RSS' pages/s
for tool in ours $PEERS; do
  wall=$(cut -d' ' -f1 "$results/$tool" | median)
  cpu=$(cut -d' ' -f2 "$results/$tool" | median)
  rss=$(cut -d' ' -f3 "$results/$tool" | median)
  echo "$wall" >"$results/$tool.wall"
  printf '%-8s %7.2f s %7.2f s %7d MB %10.0f\n' "$tool" "$wall" "$cpu" $((rss / 1024)) \
    "$(awk -v p="$pages" -v w="$wall" 'BEGIN {print p / w}')"
done
for peer in $PEERS; do
  awk -v o="$(cat "$results/ours.wall")" -v p="$(cat "$results/$peer.wall")" -v n="$peer" \
    'BEGIN {printf "ours / %s wall: %.2f (%.2fx %s)\n", n, o / p, (o < p ? p / o : o / p), (o < p ? "faster" : "slower")}'
done
