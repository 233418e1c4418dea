#!/usr/bin/env bash
# Build cost of the errspec workspace (see BENCHMARKS.md):
#   1. a clean `cargo build` of the errspec crate, and of the whole workspace;
#   2. a no-op rebuild, after checking with `cargo build -vv` that the build script does not run;
#   3. a rebuild after touching one spec (the build script reruns and rewrites nothing).
#
# Usage: benches/build_cost.sh [RUNS]    (default 3 runs for clean builds, 10 for the others)
# Builds into its own target folder (target/build-cost) so it never disturbs yours.
# Needs hyperfine (`apt-get install hyperfine`, or `cargo install hyperfine`).
set -euo pipefail

runs=${1:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
command -v hyperfine >/dev/null || { echo "hyperfine is required: apt-get install hyperfine" >&2; exit 2; }
export CARGO_TARGET_DIR="$repo/target/build-cost"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Prints "name: median seconds" for each command of a hyperfine JSON export.
medians() {
    sed -n 's/^ *"command": "\(.*\)",$/\1/p; s/^ *"median": \(.*\),$/\1/p' "$1" | paste - - |
        awk -F'\t' '{ printf "%-28s median %.3f s\n", $1 ":", $2 }'
}

echo "== clean builds ($runs runs each) =="
hyperfine --runs "$runs" --export-json "$out/clean.json" \
    --command-name "clean cargo build" --prepare "rm -rf $CARGO_TARGET_DIR" "cargo build --quiet" \
    --command-name "clean cargo build --workspace" --prepare "rm -rf $CARGO_TARGET_DIR" "cargo build --quiet --workspace"
medians "$out/clean.json"

echo "== no-op rebuild =="
cargo build --quiet
cargo build -vv 2>&1 | tee "$out/noop.log" | grep -E "errspec" || true
if grep -q "Running .*errspec-.*/build-script-build" "$out/noop.log"; then
    echo "FAIL: the build script ran on a no-op rebuild" >&2
    exit 1
fi
echo "ok: the build script did not run"
hyperfine --warmup 1 --runs 10 --export-json "$out/noop.json" \
    --command-name "no-op cargo build" "cargo build --quiet"
medians "$out/noop.json"

echo "== rebuild after touching one spec =="
hyperfine --warmup 1 --runs 10 --export-json "$out/touch.json" \
    --command-name "touch spec, cargo build" --prepare "touch spec/mugglepay.yaml" "cargo build --quiet"
medians "$out/touch.json"
echo "what a touch reruns:"
touch spec/mugglepay.yaml
cargo build -vv 2>&1 | grep -E "Dirty|Fresh errspec|Compiling errspec|Running .*build-script-build" | cut -c1-160 || true
