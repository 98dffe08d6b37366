#!/usr/bin/env bash
# Builds crossdup with clang, ASan + UBSan and libFuzzer instrumentation (build-san/, which
# also holds the sanitized test suite), then runs each fuzz target for SECONDS (default 10;
# as many targets at once as there are cores),
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
# Targets run side by side, one per core (each fuzzes on one thread); results in a fixed order.
fuzz_one() {
  local target=$1 corpus=build-san/corpus/$1 seeds=() rc=0
  mkdir -p "$corpus"
  if [ -d "fuzz/seeds/$target" ]; then seeds=("fuzz/seeds/$target"); fi
  build-san/fuzz/$target "$corpus" "${seeds[@]}" -max_total_time="$SECONDS_EACH" -max_len=1048576 \
    -artifact_prefix=build-san/findings/$target- >"build-san/$target.log" 2>&1 || rc=$?
  echo "$rc" >"build-san/$target.status"
}
targets=(fuzz_jsonl fuzz_text_file fuzz_dates fuzz_tokenise fuzz_model fuzz_concepts fuzz_vec fuzz_writer fuzz_stream fuzz_folder)
cores=$(nproc)
rm -f build-san/*.status
for ((k = 0; k < ${#targets[@]}; k += cores)); do
  for target in "${targets[@]:k:cores}"; do fuzz_one "$target" & done
  wait
done
status=0
for target in "${targets[@]}"; do
  if [ "$(cat "build-san/$target.status")" = 0 ]; then
    echo "fuzz: $target: $(grep -o 'Done [0-9]* runs' "build-san/$target.log" | tail -1), no crash"
  else
    echo "fuzz: $target FOUND A CRASH:"; tail -30 "build-san/$target.log"; status=1
  fi
done
exit $status
