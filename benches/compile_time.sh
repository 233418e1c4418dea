#!/usr/bin/env bash
# Compile time of a generated error catalog against the same enum written by hand with
# thiserror and strum derives (see BENCHMARKS.md).
#
# Usage: benches/compile_time.sh [CODES] [RUNS] [CLEAN_RUNS]
#        (defaults: 10000 codes, 5 runs, 2 clean runs; CI runs it small: 200 1 0)
#
# Writes four crates into a temporary folder (benches/src/catalog_crates.rs says what each
# holds), builds each once so that its dependencies are compiled, then times with hyperfine:
#   1. the catalog crate alone (`cargo clean -p` before each run: dependencies stay built);
#   2. a clean build including every dependency (`rm -rf target` before each run,
#      CLEAN_RUNS runs; 0 skips it).
# Needs hyperfine (`apt-get install hyperfine`, or `cargo install hyperfine`).
set -euo pipefail

codes=${1:-10000}
runs=${2:-5}
clean_runs=${3:-2}
repo=$(cd "$(dirname "$0")/.." && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is required: apt-get install hyperfine" >&2; exit 2; }

# Prints "name: median seconds" for each command of a hyperfine JSON export.
medians() {
    sed -n 's/^ *"command": "\(.*\)",$/\1/p; s/^ *"median": \(.*\),$/\1/p' "$1" | paste - - |
        awk -F'\t' '{ printf "%-20s median %.3f s\n", $1 ":", $2 }'
}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run --quiet --manifest-path "$repo/Cargo.toml" -p errspec-bench \
    --bin catalog-crates -- "$dir" "$codes"

# Each temporary crate builds into its own target folder, whatever the caller's setting.
unset CARGO_TARGET_DIR
crates=(generated generated_source handwritten handwritten_serde)
for crate in "${crates[@]}"; do
    (cd "$dir/$crate" && cargo build --quiet)
done

echo "== $codes codes: the catalog crate alone (dependencies already built) =="
args=()
for crate in "${crates[@]}"; do
    name=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/$crate/Cargo.toml")
    args+=(--command-name "$crate" --prepare "cargo clean --quiet --manifest-path $dir/$crate/Cargo.toml -p $name"
           "cargo build --quiet --manifest-path $dir/$crate/Cargo.toml")
done
hyperfine --runs "$runs" --export-json "$dir/crate_only.json" "${args[@]}"
medians "$dir/crate_only.json"

[ "$clean_runs" -gt 0 ] || exit 0
echo "== $codes codes: clean build with every dependency =="
args=()
for crate in "${crates[@]}"; do
    args+=(--command-name "$crate" --prepare "rm -rf $dir/$crate/target"
           "cargo build --quiet --manifest-path $dir/$crate/Cargo.toml")
done
hyperfine --runs "$clean_runs" --export-json "$dir/clean.json" "${args[@]}"
medians "$dir/clean.json"
