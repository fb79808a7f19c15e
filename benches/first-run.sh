#!/usr/bin/env bash
# What a newcomer waits for: the README's two commands from a fresh clone with
# an empty target/, timed one after the other, then (for comparison) the test
# command in the dev profile, which cannot reuse the install's build.
#
#   benches/first-run.sh            # run on an idle machine; takes ~10 minutes
#
# Prints the seconds until the first audit is printed, until both commands are
# done, and what the dev-profile test command would have added.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/backlinks"
cd "$work/backlinks"
export CARGO_TARGET_DIR="$work/backlinks/target" # never a shared cache

start=$(date +%s)
cargo install --locked --path . --root "$work/bin" -q
"$work/bin/bin/backlinks" audit example.com --sources fixtures/demo/sources.txt --no-save >/dev/null
first=$(date +%s)
cargo test --locked --release -q >/dev/null 2>&1
both=$(date +%s)
cargo test --locked -q >/dev/null 2>&1
dev=$(date +%s)

printf '%-52s %6s\n' "measure" "seconds"
printf '%-52s %6d\n' "install + first audit printed (target: 300)" $((first - start))
printf '%-52s %6d\n' "both README commands (target: 540)" $((both - start))
printf '%-52s %6d\n' "test command alone, release (shares the install)" $((both - first))
printf '%-52s %6d\n' "test command in the dev profile, after the install" $((dev - both))
