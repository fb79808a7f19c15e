#!/usr/bin/env bash
# Whether two backlinks binaries write the same records: each audits the
# served corpus (nginx on loopback, ../shared/bench) for a few targets, and the
# sorted JSONL lines are compared once the per-run fields (the summary's
# started_at and finished_at) are dropped. Use it after changing extraction.
#
#   benches/same_links.sh BEFORE_BINARY [AFTER_BINARY]
#
# AFTER_BINARY defaults to target/release/backlinks. Env: TARGETS ("github.com
# python.org djangoproject.com"), BENCH_DIR (../shared/bench), BENCH_CORPUS
# (/tmp/bench-corpus). Exits 1 and prints a diff when any target differs.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: benches/same_links.sh BEFORE_BINARY [AFTER_BINARY]}
after=${2:-target/release/backlinks}
BENCH_DIR=${BENCH_DIR:-../shared/bench}
CORPUS=${BENCH_CORPUS:-/tmp/bench-corpus}
TARGETS=${TARGETS:-github.com python.org djangoproject.com}

bash "$BENCH_DIR/server.sh" start >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One audit's records, per-run fields removed, one sorted line each.
records() {
  "$1" audit "$2" --sources "$CORPUS/urls.txt" --concurrency 32 --per-host 32 \
    --ignore-robots --no-save -q -o "$work/raw.jsonl"
  python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    for field in ("started_at", "finished_at"):
        record.pop(field, None)
    print(json.dumps(record, sort_keys=True))
' <"$work/raw.jsonl" | LC_ALL=C sort
}

status=0
for target in $TARGETS; do
  records "$before" "$target" >"$work/before"
  records "$after" "$target" >"$work/after"
  lines=$(wc -l <"$work/before")
  if cmp -s "$work/before" "$work/after"; then
    echo "$target: same ($lines records)"
  else
    echo "$target: DIFFERENT"
    diff "$work/before" "$work/after" | head -20
    status=1
  fi
done
exit $status
