#!/usr/bin/env bash
# Set-up, build, the whole test suite, then the same suite under ASan + UBSan, a short fuzzing
# run and the incremental index under TSan (scripts/sanitize.sh). About 14 minutes on 2 cores
# (824 s measured from a clean clone beside ../shared, packages installed, fuzzing 10 s a target;
# now 5 s).
# CROSSDUP_SKIP_SANITIZERS=1 stops after the plain suite (for a quick local check).
set -euo pipefail
cd "$(dirname "$0")/.."
CROSSDUP_WARNINGS_AS_ERRORS=ON bash scripts/setup.sh   # CI builds with warnings as errors
ctest --test-dir build --output-on-failure -j 2
bash scripts/check-install.sh   # find_package(crossdup CONFIG) from an installed copy
[ "${CROSSDUP_SKIP_SANITIZERS:-0}" = 1 ] && exit 0
bash scripts/sanitize.sh
