#!/usr/bin/env bash
# End-to-end benchmark: audit the real documentation corpus served by nginx on
# loopback (../shared/bench) and print pages/s, wall time, CPU time and peak RSS
# (median of RUNS runs, by /usr/bin/time).
#
#   benches/e2e.sh                      # 1,222 pages, --format json
#   PAGES=12220 FORMAT=jsonl benches/e2e.sh   # ten times larger corpus
#
# Env: RUNS (5), FORMAT (json), PAGES (unset = the corpus as is; a number builds
# a scaled copy with scale.sh), TARGET (github.com), BENCH_DIR (../shared/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-../shared/bench}
RUNS=${RUNS:-5}
FORMAT=${FORMAT:-json}
TARGET=${TARGET:-github.com}
CORPUS=${BENCH_CORPUS:-/tmp/bench-corpus}

bash "$BENCH_DIR/server.sh" start >&2
if [[ -n ${PAGES:-} ]]; then
  bash "$BENCH_DIR/scale.sh" "$PAGES" >&2
  urls=$CORPUS/urls-scale.txt
else
  urls=$CORPUS/urls.txt
fi
cargo build --release --locked --quiet
bin=target/release/backlinks
pages=$(wc -l <"$urls")
bytes=$(sed "s|^http://127.0.0.1:18080/||" "$urls" | (cd "$CORPUS" && tr '\n' '\0' | du -cbLl --files0-from=- | tail -1 | cut -f1))

echo "corpus: $pages pages, $((bytes / 1000000)) MB; format $FORMAT; target $TARGET; $(nproc) cores"
results=$(mktemp)
# Audits are saved by default; save these to a throwaway history.
export BACKLINKS_DB=$results.db
for i in $(seq "$RUNS"); do
  /usr/bin/time -f '%e %U %S %M' -o "$results.one" \
    "$bin" audit "$TARGET" --sources "$urls" --concurrency 32 --per-host 32 --ignore-robots \
    --format "$FORMAT" >"$results.out"
  read -r wall user sys rss <"$results.one"
  links=$(if [[ $FORMAT == json ]]; then grep -c '"target_url"' "$results.out"; else grep -c '"type":"link"' "$results.out"; fi)
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
  printf 'run %d: wall %.2f s, cpu %.2f s (user %.2f + sys %.2f), peak RSS %d MB, %d links\n' \
    "$i" "$wall" "$cpu" "$user" "$sys" $((rss / 1024)) "$links"
  echo "$wall $cpu $rss" >>"$results"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall=$(cut -d' ' -f1 "$results" | median)
cpu=$(cut -d' ' -f2 "$results" | median)
rss=$(cut -d' ' -f3 "$results" | median)
printf 'median: %.2f s wall, %.0f pages/s, %.1f MB/s, %.2f s CPU, peak RSS %d MB\n' \
  "$wall" "$(awk -v p="$pages" -v w="$wall" 'BEGIN {print p / w}')" \
  "$(awk -v b="$bytes" -v w="$wall" 'BEGIN {print b / w / 1e6}')" "$cpu" $((rss / 1024))
rm -f "$results" "$results".*
