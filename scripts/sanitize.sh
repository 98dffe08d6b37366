#!/usr/bin/env bash
# The sanitizer and fuzzing steps of the test command (about 5.5 minutes on 2 cores):
#  1. clang build with AddressSanitizer + UndefinedBehaviorSanitizer (build-san/): the whole
#     test suite, then each libFuzzer target for FUZZ_SECONDS (default 5) from fuzz/seeds;
#  2. gcc build with ThreadSanitizer (build-tsan/): the incremental index's tests, which add
#     and query from several threads at once.
# Usage: bash scripts/sanitize.sh            (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-packages.sh clang libclang-rt-14-dev libomp-14-dev

echo "sanitize: ASan + UBSan build and test suite"
bash scripts/fuzz.sh --build-only
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-san --output-on-failure -j 2

echo "sanitize: fuzzing"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-5}"

echo "sanitize: ThreadSanitizer build and the incremental index's tests"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" \
  -DCROSSDUP_SANITIZE=thread -DCROSSDUP_BUILD_CLI=OFF -DCROSSDUP_BUILD_BENCHMARKS=OFF \
  -DCROSSDUP_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j "$(nproc)" --target crossdup_index_tests >/dev/null
# One OpenMP thread: the index uses none, and GCC's OpenMP runtime is not instrumented for
# TSan (its barriers would be reported as races in the batch comparison test).
OMP_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/crossdup_index_tests --gtest_brief=1
echo "sanitize: all clean"
