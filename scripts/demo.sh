#!/usr/bin/env bash
# Set-up, build, then the main job on the bundled demo batch with the bundled default model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/crossdup cluster --out crossdup-out examples/demo/articles.jsonl
