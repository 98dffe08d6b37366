#!/usr/bin/env bash
# Quality on every labelled development set in ../shared/data/dev, one table.
# Usage: benchmarks/quality.sh [extra crossdup options, e.g. --threshold 0.5]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CROSSDUP_BIN:-build/crossdup}
DEV=${CROSSDUP_DEV:-../shared/data/dev}
[ -d "$DEV" ] || { echo "quality.sh: $DEV not found"; exit 0; }
printf '%-12s %8s %7s %7s %8s %9s %7s\n' set articles pair-P pair-R pair-F1 cross-F1 B3-F1
for set in "$DEV"/*/; do
  [ -f "$set/gold.tsv" ] || continue
  report=$("$BIN" eval --quiet --gold "$set/gold.tsv" "$@" "$set/articles.jsonl")
  n=$(echo "$report" | sed -n 's/^gold articles [0-9]*, scored \([0-9]*\).*/\1/p')
  read -r _ p r f _ < <(echo "$report" | grep '^pairwise')
  read -r _ _ _ c _ < <(echo "$report" | grep '^cross-language')
  read -r _ _ _ b _ < <(echo "$report" | grep '^B-cubed')
  printf '%-12s %8s %7s %7s %8s %9s %7s\n' "$(basename "$set")" "$n" "$p" "$r" "$f" "$c" "$b"
done
