#!/usr/bin/env bash
# `audit --render always` against the static audit of the same pages: the
# 1,222-page documentation corpus served by nginx on loopback
# (../shared/bench), target github.com. For each mode: wall time, pages/s,
# CPU and the peak memory of the tool and its browser together (PSS summed
# over the process tree, sampled every 0.2 s by benches/peers/tree_usage.py;
# RSS beside it), and the links each found.
#
#   benches/render.sh                          # the whole corpus, once each
#   PAGES=100 benches/render.sh                # a quick check
#   CONCURRENCY="8 32" benches/render.sh       # rendering at several --concurrency
#
# Env: PAGES (unset: all), RUNS (1), CONCURRENCY (32: the default), TARGET
# (github.com), BENCH_DIR (../shared/bench), BENCH_CORPUS (/tmp/bench-corpus),
# BACKLINKS_BIN (unset: cargo build --release; a binary already built).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-../shared/bench}
CORPUS=${BENCH_CORPUS:-/tmp/bench-corpus}
RUNS=${RUNS:-1}
TARGET=${TARGET:-github.com}
CONCURRENCY=${CONCURRENCY:-32}

bash "$BENCH_DIR/server.sh" start >&2
if [[ -n ${BACKLINKS_BIN:-} ]]; then
  ours=$BACKLINKS_BIN
else
  cargo build --release --locked --quiet
  ours=target/release/backlinks
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n ${PAGES:-} ]]; then
  head -n "$PAGES" "$CORPUS/urls.txt" >"$work/urls.txt"
else
  cp "$CORPUS/urls.txt" "$work/urls.txt"
fi
pages=$(wc -l <"$work/urls.txt")

run() { # mode concurrency run
  local out="$work/$1-$2-$3.jsonl"
  local figures
  figures=$(python3 benches/peers/tree_usage.py "$ours" audit "$TARGET" --sources "$work/urls.txt" \
    --ignore-robots --no-save -q -o "$out" --render "$1" --concurrency "$2")
  local links rendered
  links=$(grep -c '"type":"link"' "$out" || true)
  rendered=$(grep -c '"rendered":true' "$out" || true)
  read -r wall cpu pss rss <<<"$figures"
  echo "$1 $2 $wall $cpu $pss $links" >>"$work/figures"
  printf '%-7s %11s %6s %8s %9s %7s %13s %13s %6s %9s\n' "$1" "$2" "$pages" "${wall}s" \
    "$(python3 -c "print(f'{$pages / $wall:.1f}')")" "${cpu}s" "${pss} MB" "${rss} MB" "$links" "$rendered"
}

printf '%-7s %11s %6s %8s %9s %7s %13s %13s %6s %9s\n' render concurrency pages wall pages/s CPU \
  "peak PSS" "peak RSS" links rendered
for ((i = 1; i <= RUNS; i++)); do
  run never 32 "$i"
  for c in $CONCURRENCY; do
    run always "$c" "$i"
  done
done
echo "peak PSS: the tool and every browser process together, shared pages counted once;" \
  "peak RSS: the same processes summed, shared pages counted in each."

# Each rendering run beside the static one of the same run: how many times
# slower, costlier and larger, and whether both found the same links (this
# corpus builds no link by script, so they should).
echo
while read -r mode c wall cpu pss links; do
  if [[ $mode == never ]]; then
    read -r s_wall s_cpu s_pss s_links <<<"$wall $cpu $pss $links"
    continue
  fi
  agree="links agree ($links)"
  [[ $links == "$s_links" ]] || agree="links DIFFER: $s_links static, $links rendered"
  awk -v c="$c" -v w="$wall" -v sw="$s_wall" -v u="$cpu" -v su="$s_cpu" -v m="$pss" -v sm="$s_pss" -v a="$agree" \
    'BEGIN {printf "always/never at concurrency %s: wall %.0fx, CPU %.0fx, peak PSS %.0fx; %s\n", c, w / (sw > 0 ? sw : 0.01), u / (su > 0 ? su : 0.01), m / (sm > 0 ? sm : 1), a}'
done <"$work/figures"
