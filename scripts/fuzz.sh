#!/usr/bin/env bash
# Builds crossdup with clang, ASan + UBSan and libFuzzer instrumentation (build-san/, which
# also holds the sanitized test suite), then runs each fuzz target for SECONDS (default 10),
# starting from fuzz/seeds/ and a small valid model. Longer runs: bash scripts/fuzz.sh 600.
# Crashes are saved in build-san/findings/; the corpus grows in build-san/corpus/.
# Usage: bash scripts/fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/.."
CXX=clang++ cmake -S . -B build-san -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DCROSSDUP_BUILD_FUZZERS=ON \
  -DCROSSDUP_BUILD_BENCHMARKS=OFF -DCROSSDUP_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-san -j "$(nproc)" >/dev/null
[ "${1:-}" = "--build-only" ] && exit 0
SECONDS_EACH=${1:-10}
mkdir -p build-san/findings build-san/corpus/fuzz_model
build-san/fuzz/make_seed_model build-san/corpus/fuzz_model/seed.cdm
status=0
for target in fuzz_jsonl fuzz_text_file fuzz_dates fuzz_tokenise fuzz_model fuzz_concepts; do
  corpus=build-san/corpus/$target
  mkdir -p "$corpus"
  seeds=()
  [ -d "fuzz/seeds/$target" ] && seeds=("fuzz/seeds/$target")
  if build-san/fuzz/$target "$corpus" "${seeds[@]}" -max_total_time="$SECONDS_EACH" -max_len=4096 \
       -artifact_prefix=build-san/findings/$target- >"build-san/$target.log" 2>&1; then
    echo "fuzz: $target: $(grep -o 'Done [0-9]* runs' "build-san/$target.log" | tail -1), no crash"
  else
    echo "fuzz: $target FOUND A CRASH:"; tail -30 "build-san/$target.log"; status=1
  fi
done
exit $status
