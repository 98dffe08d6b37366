#!/usr/bin/env bash
# Installs build/ into a temporary prefix and builds examples/consumer against it with
# find_package(crossdup CONFIG), then runs it on the demo batch: the library can be consumed
# from an installed copy. Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install build --prefix "$prefix/usr" >/dev/null
cmake -S examples/consumer -B "$prefix/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix/usr" >/dev/null
cmake --build "$prefix/build" -j "$(nproc)" >/dev/null
CROSSDUP_MODEL="$prefix/usr/share/crossdup/models/crossdup-default.cdm" \
  "$prefix/build/cluster_feed" examples/demo/articles.jsonl >"$prefix/out.txt" 2>/dev/null
grep -q "demo-en-rail (en) demo-fr-rail (fr) demo-vi-rail (vi)" "$prefix/out.txt" ||
  { echo "check-install: the consumer built against the installed copy did not cluster the demo"; cat "$prefix/out.txt"; exit 1; }
echo "check-install: find_package(crossdup CONFIG) from an installed copy builds and runs"
