#!/usr/bin/env bash
# A feed with every kind of bad record the project knows of, mixed with good ones, in a folder
# as a careless operator would leave it: the run exits 0, read = assigned + rejected, every
# good record comes out unaltered and every bad one is in rejects.jsonl with its reason.
# Usage: messy_feed.sh WORKDIR   (CROSSDUP_CLI names the binary)
set -u
source "$(dirname "$0")/shell_checks.sh" "$@"
mkdir -p "$WORK/feed/sub"

good() {  # good ID LANG TITLE TEXT: a good record with a passed-through field
  printf '{"id": "%s", "lang": "%s", "title": "%s", "text": "%s", "desk": "desk-%s"}\n' "$1" "$2" "$3" "$4" "$1"
}
deep=$(python3 -c 'print("{\"a\":" * 100000 + "1" + "}" * 100000)')
{
  good g1 en "Port opens in Da Nang" "The new container port in Da Nang opened on Monday with three ministers."
  echo 'this line is not JSON'
  printf '{"id": "bad-utf8", "text": "caf\xe9"}\n'
  printf '{"id": "nul", "text": "an escaped NUL \\u0000 is valid JSON"}\n'
  echo '{"id": "huge", "text": "a number too large", "x": 1e999}'
  echo '{"id": "typed", "text": 42}'
  echo '{"id": ["list"], "text": "odd id"}'
  echo '{"id": null, "text": "null id"}'
  echo '{"id": "", "text": "empty id"}'
  echo '{"text": "no id"}'
  echo '{"id": "twice", "text": "one", "text": "two"}'
  echo "{\"id\": \"deep\", \"text\": \"deep\", \"meta\": $deep}"
  good g1 en "Again" "A duplicate id."
  echo '{"id": "empty", "text": "<p> </p>"}'
  good g2 fr "Le port de Da Nang ouvre" "Le nouveau port à conteneurs de Da Nang a ouvert lundi en présence de trois ministres."
  echo '[1, 2, 3]'
  echo '8e993'
} >"$WORK/feed/news.jsonl"
good g3 vi "Cảng Đà Nẵng khai trương" "Cảng container mới tại Đà Nẵng khai trương sáng thứ Hai." >"$WORK/feed/sub/vi.jsonl"
printf 'A storm hit the coast of Quang Ngai on Sunday.\n' >"$WORK/feed/sub/storm.txt"
printf '\xff\xfe{\0"\0i\0d\0"\0:\0 \0"\0u\0"\0}\0\n\0' >"$WORK/feed/utf16.jsonl"
printf '\xff\xfeA\0 \0s\0t\0o\0r\0m\0' >"$WORK/feed/utf16.txt"
ln -s "$WORK/feed/missing.txt" "$WORK/feed/broken.txt"
printf 'not an article\n' >"$WORK/feed/notes.md"
bad_records=17  # 14 bad lines of news.jsonl, the two UTF-16 files, the broken link
good_ids="g1 g2 g3 nul sub/storm.txt"

"$BIN" cluster --out "$WORK/out" "$WORK/feed" >"$WORK/summary.txt" 2>"$WORK/log.txt"
check "the messy feed exits 0" test $? = 0
read_n=$(sed -n 's/^read \([0-9]*\) = assigned \([0-9]*\) + rejected \([0-9]*\).*/\1 \2 \3/p' "$WORK/summary.txt")
set -- $read_n
check "read = assigned + rejected" test "$1" = "$(($2 + $3))"
check "every good record is assigned (5)" test "$2" = 5
check "assignments.jsonl holds exactly the assigned" test "$(wc -l <"$WORK/out/assignments.jsonl")" = "$2"
check "rejects.jsonl holds exactly the rejected" test "$(wc -l <"$WORK/out/rejects.jsonl")" = "$3"
check "every bad record, file and link is rejected ($bad_records)" test "$3" = "$bad_records"
for id in $good_ids; do
  check "good record $id is in the output" grep -q "\"id\":\"$id\"" "$WORK/out/assignments.jsonl"
done
check "a good record's fields pass through unaltered" grep -q '"desk":"desk-g2".*"id":"g2".*"title":"Le port de Da Nang ouvre"' "$WORK/out/assignments.jsonl"
check "the first g1 is kept, the duplicate rejected" grep -q '"title":"Port opens in Da Nang"' "$WORK/out/assignments.jsonl"
for reason in "invalid JSON" "invalid UTF-8" "text is not a string" "id is not a string or integer" "id is null" \
              "id is empty" "missing id" "key 'text' appears twice" "nested deeper than 256 levels" "duplicate id" \
              "empty text" "not a JSON object" "UTF-16LE, not UTF-8" "broken symbolic link"; do
  check "a reject says: $reason" grep -q "$reason" "$WORK/out/rejects.jsonl"
done
check "rejects name their input and line" grep -q '"input":"[^"]*news.jsonl","line":12' "$WORK/out/rejects.jsonl"
check "the skipped non-article file is counted in the log" grep -q "skipped 1 file" "$WORK/log.txt"

finish_checks
