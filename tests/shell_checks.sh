# Sourced by the shell tests (cli_end_to_end.sh, messy_feed.sh): the binary, a fresh work
# folder, and check(), which counts what passed and names what failed.
# Usage in a test: source "$(dirname "$0")/shell_checks.sh" "$@"; ...; finish_checks
BIN="${CROSSDUP_CLI:?set CROSSDUP_CLI}"
WORK="${1:?work dir}"
rm -rf "$WORK" && mkdir -p "$WORK"
failures=0
passed=0
check() {  # check "what" command...
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $what"; failures=$((failures + 1)); fi
}
exit_code() { "$@" >/dev/null 2>&1; echo $?; }
finish_checks() {
  echo "$passed passed, $failures failed"
  [ "$failures" = 0 ]
}
