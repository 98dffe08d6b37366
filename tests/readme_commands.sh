#!/usr/bin/env bash
# The README's commands, run as a user would run them: every `crossdup ...` line of its code
# blocks (continuation lines joined) exits 0, and the demo prints what the README shows.
# Placeholders a user would replace are replaced: feed.jsonl and the dated folder by the demo
# and visit examples, my.cdm by the bundled model, out/ by a work folder. Lines reading
# ../shared are skipped, with a message, when it is absent; fit-score writes to the work folder
# and reads one small dev set (the README's six take minutes).
# Usage: CROSSDUP_CLI=build/crossdup tests/readme_commands.sh WORK_DIR
set -uo pipefail
source "$(dirname "$0")/shell_checks.sh" "$@"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
README="$ROOT/README.md"
SHARED="$ROOT/../shared"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

# The demo's standard output, against the block under "What the demo prints".
shown=$(awk '/^## What the demo prints/ {s=1} s && /^```/ {if (in_block) exit; in_block=1; next} in_block' "$README")
printed=$( (cd "$WORK" && "$BIN" cluster --quiet --out demo-out "$ROOT/examples/demo/articles.jsonl"))
check "the demo prints what the README shows" test "$shown" = "$printed"
[ "$shown" = "$printed" ] || diff <(echo "$shown") <(echo "$printed")

# Every crossdup command line of the code blocks, continuations joined.
commands=$(awk '/^```/ {in_block=!in_block; next}
               in_block && (/^crossdup / || joining) {
                 line = line $0; joining = sub(/\\$/, "", line)
                 if (!joining) { print line; line = "" } }' "$README")
[ -n "$commands" ] || { echo "FAILED: no crossdup commands found in README.md"; exit 1; }
mkdir -p "$WORK/dated-folder"
cp "$ROOT/examples/visit/articles.jsonl" "$WORK/dated-folder/"
while IFS= read -r line; do
  cmd=${line%%#*}  # the comment after a command
  if [[ $cmd == *"../shared"* && ! -d "$SHARED/data/dev" ]]; then
    echo "skipped (no ../shared/data/dev): $cmd"
    continue
  fi
  cmd=${cmd//feed.jsonl/$ROOT/examples/demo/articles.jsonl}
  cmd=${cmd//\/data\/2026-12-06\//$WORK/dated-folder/}
  cmd=${cmd//my.cdm/$ROOT/models/default/crossdup-default.cdm}
  cmd=${cmd//--out out\//--out $WORK/out/}
  cmd=${cmd//..\/shared/$SHARED}
  if [[ $cmd == *"fit-score"* ]]; then
    cmd="crossdup model fit-score --out $WORK/fit.score $SHARED/data/dev/pages_a"
  fi
  cmd="\"$BIN\"${cmd#crossdup}"
  check "README: $line" bash -c "cd '$WORK' && $cmd >'$WORK/last.out' 2>'$WORK/last.err'"
  [ $? = 0 ] || tail -n 5 "$WORK/last.err"
done <<<"$commands"
finish_checks
