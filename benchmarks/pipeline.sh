#!/usr/bin/env bash
# Whole-run timings and peak memory of `crossdup cluster` on the dev data, 1 and 2 threads
# side by side.
# Usage: benchmarks/pipeline.sh [INPUT]   (default ../shared/data/dev/mixed/articles.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CROSSDUP_BIN:-build/crossdup}
INPUT=${1:-../shared/data/dev/mixed/articles.jsonl}
out=$(mktemp -d)
for threads in 1 2; do
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$out/rss$threads" "$BIN" cluster --quiet --threads "$threads" --out "$out/t$threads" "$INPUT" >/dev/null
  end=$(date +%s.%N)
  printf 'threads %d: %.2f s, peak %d MB\n' "$threads" "$(echo "$end - $start" | bc)" "$(($(cat "$out/rss$threads") / 1024))"
done
cmp -s "$out/t1/clusters.jsonl" "$out/t2/clusters.jsonl" && echo "output identical across thread counts"
rm -rf "$out"
