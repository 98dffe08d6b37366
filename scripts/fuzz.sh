#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 10).
# Longer runs: bash scripts/fuzz.sh 600. Findings are written to build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCROSSDUP_BUILD_FUZZERS=ON \
  -DCROSSDUP_BUILD_TESTS=OFF -DCROSSDUP_BUILD_BENCHMARKS=OFF -DCROSSDUP_BUILD_CLI=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
mkdir -p build-fuzz/findings
status=0
for target in fuzz_jsonl fuzz_text_file fuzz_dates fuzz_tokenise fuzz_model; do
  corpus=build-fuzz/corpus/$target
  mkdir -p "$corpus"
  if build-fuzz/fuzz/$target "$corpus" -max_total_time="$SECONDS_EACH" -max_len=4096 \
       -artifact_prefix=build-fuzz/findings/$target- >"build-fuzz/$target.log" 2>&1; then
    echo "fuzz: $target: $(grep -o 'Done [0-9]* runs' "build-fuzz/$target.log" | tail -1), no crash"
  else
    echo "fuzz: $target FOUND A CRASH:"; tail -30 "build-fuzz/$target.log"; status=1
  fi
done
exit $status
