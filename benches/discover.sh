#!/usr/bin/env bash
# backlinks discover against what a data engineer would write instead, in one
# invocation and interleaved (ours, Python; ours, Python; ... at 1x, then 10x),
# on the real documentation corpus (../shared/bench) packed into WARC files.
# Prints each run, then per size the medians of wall time, CPU time and peak
# RSS, MB/s of HTML and pages/s, the ratios, and whether both found the same
# links (count per target).
#
#   benches/discover.sh                  # 1,222 pages and ten times that, 3 runs each
#   PAGES=50 RUNS=1 benches/discover.sh  # a small slice: does it work?
#
# The WARC files: benches/peers/pack_warc.py (warcio) fetches each page from
# nginx on loopback and writes a gzip member per record, WARC 1.1, request and
# response records with the real HTTP headers, as Common Crawl writes them. The
# 10x file holds the same pages ten times under distinct URLs (the copies of
# scale.sh: scale/c001/... to scale/c010/...). Both are cached in $WARC_DIR
# and packed again only when missing.
#
# The peer, benches/peers/warc_links.py: warcio + selectolax, every response
# record parsed, a[href] and area[href] resolved against <base> or the page's
# URL, links whose host is a target or its subdomain kept, with rel and
# anchor text. Its venv is cached outside the repository in $BENCH_CACHE
# (default ~/.cache/backlinks-bench, shared with compare.sh).
#
# Env: RUNS (3), PAGES (unset: the whole corpus), TARGET (github.com), ALSO
# (python.org), BENCH_DIR (../shared/bench), BENCH_CORPUS (/tmp/bench-corpus),
# WARC_DIR (/tmp/bench-warc), SPARK_PYTHON (unset: no Spark run; a Python with
# pyspark, such as .ci/run's ~/.cache/backlinks-ci/venv/bin/python),
# SPARK_WRITER (auto: the job's --writer), SPARK_ARCHIVES (10: the ten copies
# listed again and again up to this many entries, for a larger sample),
# BACKLINKS_BIN (unset: cargo build --release; a binary already built).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-../shared/bench}
CORPUS=${BENCH_CORPUS:-/tmp/bench-corpus}
CACHE=${BENCH_CACHE:-$HOME/.cache/backlinks-bench}
WARC_DIR=${WARC_DIR:-/tmp/bench-warc}
RUNS=${RUNS:-3}
TARGET=${TARGET:-github.com}
ALSO=${ALSO:-python.org}
COPIES=10

bash "$BENCH_DIR/server.sh" start >&2
[[ -d $CORPUS/scale/c$(printf '%03d' $COPIES) ]] || bash "$BENCH_DIR/scale.sh" $((COPIES * $(wc -l <"$CORPUS/pages.txt"))) >&2

if ! "$CACHE/venv/bin/python" -c 'import warcio, selectolax' 2>/dev/null; then
  echo "installing warcio and selectolax into $CACHE/venv" >&2
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install --quiet warcio selectolax
fi
py=$CACHE/venv/bin/python

if [[ -n ${BACKLINKS_BIN:-} ]]; then
  ours=$BACKLINKS_BIN
else
  cargo build --release --locked --quiet
  ours=target/release/backlinks
fi

# The 1x WARC, and the 10x one as the concatenation of one WARC per copy (a
# gzip-member-per-record file concatenates into a valid one); the copies are
# also the manifest of the optional Spark run. Each file is packed once, with
# its page and HTML byte counts beside it in NAME.count.
pages=${PAGES:-$(wc -l <"$CORPUS/pages.txt")}
mkdir -p "$WARC_DIR"
total=$(wc -l <"$CORPUS/pages.txt")
# PAGES pages spread evenly over the corpus (a slice of its first pages would
# be Django's source listings alone, with no link to the targets).
slice() { awk -v want="$pages" -v total="$total" 'int((NR - 1) * want / total) != int(NR * want / total)' "$CORPUS/pages.txt"; }
pack() { # urls-prefix warc
  if [[ ! -f $2 || ! -f $2.count ]]; then
    slice | sed "s|^|http://127.0.0.1:18080/$1|" >"$2.urls"
    echo "packing $pages pages into $2" >&2
    "$py" benches/peers/pack_warc.py "$2.urls" "$2" >"$2.count"
  fi
}
pack "" "$WARC_DIR/corpus-1x-$pages.warc.gz"
copies=()
for i in $(seq -f '%03g' 1 $COPIES); do
  pack "scale/c$i/" "$WARC_DIR/copy-$i-$pages.warc.gz"
  copies+=("$WARC_DIR/copy-$i-$pages.warc.gz")
done
printf '%s\n' "${copies[@]}" >"$WARC_DIR/copies-$pages.txt"
if [[ ! -f $WARC_DIR/corpus-10x-$pages.warc.gz.count ]]; then
  cat "${copies[@]}" >"$WARC_DIR/corpus-10x-$pages.warc.gz"
  cat "${copies[@]/%/.count}" | awk '{n += $1; b += $2} END {print n, b}' >"$WARC_DIR/corpus-10x-$pages.warc.gz.count"
fi

run() { # tool warc
  case $1 in
    ours) "$ours" discover "$TARGET" --also "$ALSO" "$2" --format jsonl ;;
    python) "$py" benches/peers/warc_links.py "$2" "$TARGET" "$ALSO" 2>/dev/null ;;
  esac
}

# Links per target, from either tool's JSON Lines (ours: the "link" lines).
per_target() {
  python3 -c '
import json, sys, collections
counts = collections.Counter()
for line in sys.stdin:
    row = json.loads(line)
    if row.get("type", "link") == "link":
        counts[row["target"]] += 1
print(" ".join(f"{t}={counts[t]}" for t in sys.argv[1:]))' "$TARGET" "$ALSO"
}

echo "corpus: $pages pages x1 and x$COPIES, packed as WARC 1.1 (gzip per record); targets $TARGET, $ALSO; $(nproc) cores; $(date -u +%F)"
for size in 1x 10x; do
  read -r n bytes <"$WARC_DIR/corpus-$size-$pages.warc.gz.count"
  awk -v s="$size" -v n="$n" -v b="$bytes" -v w="$(stat -c %s "$WARC_DIR/corpus-$size-$pages.warc.gz")" \
    'BEGIN {printf "  %s: %d pages, %.1f MB of HTML, %.1f MB of WARC\n", s, n, b / 1e6, w / 1e6}'
done
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for i in $(seq "$RUNS"); do
  for size in 1x 10x; do
    warc=$WARC_DIR/corpus-$size-$pages.warc.gz
    for tool in ours python; do
      /usr/bin/time -f '%e %U %S %M' -o "$results/one" \
        bash -c "$(declare -f run); $(declare -p ours py TARGET ALSO); run $tool $warc" >"$results/out"
      read -r wall user sys rss <"$results/one"
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
      found=$(per_target <"$results/out")
      printf 'run %d %-3s %-6s wall %7.2f s  cpu %7.2f s  peak RSS %5d MB  %s\n' \
        "$i" "$size" "$tool" "$wall" "$cpu" $((rss / 1024)) "$found"
      echo "$wall $cpu $rss" >>"$results/$size-$tool"
      echo "$found" >"$results/$size-$tool.found"
    done
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for size in 1x 10x; do
  read -r n bytes <"$WARC_DIR/corpus-$size-$pages.warc.gz.count"
  echo
  echo "$size ($n pages, median of $RUNS)"
  printf '%-7s %9s %9s %10s %9s %9s\n' tool wall cpu 'peak RSS' 'MB/s' pages/s
  for tool in ours python; do
    wall=$(cut -d' ' -f1 "$results/$size-$tool" | median)
    cpu=$(cut -d' ' -f2 "$results/$size-$tool" | median)
    rss=$(cut -d' ' -f3 "$results/$size-$tool" | median)
    echo "$wall $rss" >"$results/$size-$tool.median"
    awk -v t="$tool" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="$n" -v b="$bytes" \
      'BEGIN {printf "%-7s %7.2f s %7.2f s %7d MB %9.1f %9.0f\n", t, w, c, r / 1024, b / 1e6 / w, n / w}'
  done
  read -r ow orss <"$results/$size-ours.median"
  read -r pw prss <"$results/$size-python.median"
  awk -v ow="$ow" -v pw="$pw" -v orss="$orss" -v prss="$prss" \
    'BEGIN {printf "ours / python: %.2fx the pages/s, %.2fx the peak RSS\n", pw / ow, orss / prss}'
  ours_found=$(cat "$results/$size-ours.found")
  python_found=$(cat "$results/$size-python.found")
  if [[ $ours_found == "$python_found" ]]; then
    echo "links found agree: $ours_found"
  else
    echo "links found differ: ours $ours_found; python $python_found"
  fi
done
read -r _ r1 <"$results/1x-ours.median"
read -r _ r10 <"$results/10x-ours.median"
awk -v a="$r1" -v b="$r10" 'BEGIN {printf "\nours, peak RSS 10x / 1x: %.2f (%d MB, then %d MB)\n", b / a, a / 1024, b / 1024}'

# With SPARK_PYTHON (a Python with pyspark): the Spark job on local[2] over the
# ten copies as ten archives (or SPARK_ARCHIVES entries, the copies repeated),
# against one process over the same list. The job's scan_ms leaves out
# Spark's start-up.
if [[ -n ${SPARK_PYTHON:-} ]]; then
  manifest=$WARC_DIR/copies-$pages.txt
  if [[ ${SPARK_ARCHIVES:-$COPIES} != "$COPIES" ]]; then
    manifest=$results/copies.txt
    for _ in $(seq $(((SPARK_ARCHIVES + COPIES - 1) / COPIES))); do cat "$WARC_DIR/copies-$pages.txt"; done |
      head -n "$SPARK_ARCHIVES" >"$manifest"
  fi
  /usr/bin/time -f '%e' -o "$results/one" "$ours" discover "$TARGET" --also "$ALSO" \
    --archives "$manifest" --format jsonl >"$results/out"
  single=$(cat "$results/one")
  SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -f '%e' -o "$results/spark-wall" \
    "$SPARK_PYTHON" scale/spark/discover_job.py "$TARGET" --also "$ALSO" --manifest "$manifest" \
    --binary "$ours" --output "$results/spark" --summary "$results/spark.json" --master 'local[2]' \
    --writer "${SPARK_WRITER:-auto}" \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false >/dev/null 2>"$results/spark.log" ||
    { tail -20 "$results/spark.log" >&2; exit 1; }
  python3 - "$results/spark.json" "$single" "$(cat "$results/spark-wall")" "$(per_target <"$results/out")" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
single, wall, single_found = float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
scan = summary["scan_ms"] / 1000
found = " ".join(f"{t['target']}={t['links']}" for t in summary["targets"])
print(f"\nSpark local[2], {summary['partitions']} partitions over {summary['archives']} archives, "
      f"--writer {summary['writer']}: scan {scan:.2f} s ({wall:.2f} s with start-up); one process {single:.2f} s; "
      f"scan / one process: {scan / single:.2f}")
print(f"links found {'agree' if found == single_found else 'differ'}: Spark {found}; one process {single_found}")
PY
fi
