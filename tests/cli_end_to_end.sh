#!/usr/bin/env bash
# End-to-end test of the crossdup command line on batches written here.
# Usage: cli_end_to_end.sh WORKDIR   (CROSSDUP_CLI names the binary)
set -u
source "$(dirname "$0")/shell_checks.sh" "$@"

# --- usage and errors
check "--help works" test "$(exit_code "$BIN" --help)" = 0
check "cluster --help lists --threshold" bash -c "'$BIN' cluster --help | grep -q -- --threshold"
check "no input is a usage error (1)" test "$(exit_code "$BIN" cluster --quiet)" = 1
check "bad setting value is a usage error (1)" test "$(exit_code "$BIN" cluster --threshold abc x.jsonl)" = 1
"$BIN" cluster --threshold abc x.jsonl 2>"$WORK/usage.txt"
check "a usage error prints the option's help line" grep -q -- "--threshold NUMBER  average-linkage" "$WORK/usage.txt"
"$BIN" cluster --thresold 0.4 x.jsonl 2>"$WORK/usage.txt"
check "a misspelt option gets the closest one" grep -q -- "did you mean" "$WORK/usage.txt"
check "a day count must be whole" test "$(exit_code "$BIN" cluster --max-date-gap 2.5 x.jsonl)" = 1
check "missing input is an input error (2)" test "$(exit_code "$BIN" cluster --quiet --out "$WORK/o" "$WORK/nope.jsonl")" = 2
"$BIN" cluster --quiet --out "$WORK/o" "$WORK/nope.jsonl" 2>"$WORK/err.txt"
check "input error names the file" grep -q "nope.jsonl" "$WORK/err.txt"
printf 'not a model' >"$WORK/bad.cdm"
check "bad model is a model error (2)" test "$(exit_code "$BIN" cluster --quiet --model "$WORK/bad.cdm" "$WORK/nope.jsonl")" = 2

# --- a batch with good and bad records mixed
cat >"$WORK/batch.jsonl" <<'JSONL'
{"id": "en-1", "lang": "en", "date": "2025-05-12", "title": "Vietnam and France sign rail cooperation deal", "text": "Vietnamese minister Tran Hong Minh and French minister Philippe Tabarot signed a railway cooperation agreement in Hanoi on Monday. France will help train engineers for the North-South high-speed railway.", "desk": "asia"}
{"id": "fr-1", "lang": "fr", "date": "2025-05-12", "title": "Accord ferroviaire entre le Vietnam et la France", "text": "Le ministre vietnamien Tran Hong Minh et le ministre français Philippe Tabarot ont signé lundi à Hanoï un accord de coopération ferroviaire. La France aidera à former des ingénieurs pour la ligne à grande vitesse Nord-Sud."}
this line is not JSON
{"id": "no-text"}
{"id": "en-1", "text": "a duplicate id"}
{"id": "vi-1", "date": "2025-08-25", "title": "Bão đổ bộ vào Nghệ An", "text": "Sáng 25/8, bão đổ bộ vào Nghệ An và Hà Tĩnh với sức gió mạnh, hơn 300.000 người đã được sơ tán trước khi bão vào."}
{"id": "empty", "text": "<p> </p>"}
{"id": "ru-1", "lang": "ru", "title": "Вьетнам и Франция", "text": "Министры Tran Hong Minh и Philippe Tabarot подписали соглашение в Ханое."}
JSONL
"$BIN" cluster --out "$WORK/out" "$WORK/batch.jsonl" >"$WORK/summary.txt" 2>"$WORK/log.txt"
check "mixed batch exits 0" test $? = 0
for f in assignments clusters rejects; do check "$f.jsonl written" test -s "$WORK/out/$f.jsonl"; done
check "4 articles assigned" test "$(wc -l <"$WORK/out/assignments.jsonl")" = 4
check "4 records rejected" test "$(wc -l <"$WORK/out/rejects.jsonl")" = 4
check "summary accounts for every record" grep -q "read 8 = assigned 4 + rejected 4" "$WORK/summary.txt"
check "a language the model lacks is marked names-only" grep -q '"id":"ru-1".*"names_only":true' "$WORK/out/assignments.jsonl"
check "reject names input and line" grep -q '"line":3' "$WORK/out/rejects.jsonl"
check "duplicate id reported" grep -q 'duplicate id' "$WORK/out/rejects.jsonl"
check "unknown fields pass through" grep -q '"desk":"asia"' "$WORK/out/assignments.jsonl"
check "detected language is marked" grep -q '"lang_detected":true' "$WORK/out/assignments.jsonl"
check "logs go to standard error" grep -q "rejected" "$WORK/log.txt"
en=$(grep '"id":"en-1"' "$WORK/out/assignments.jsonl" | sed 's/.*"cluster":"\([^"]*\)".*/\1/')
fr=$(grep '"id":"fr-1"' "$WORK/out/assignments.jsonl" | sed 's/.*"cluster":"\([^"]*\)".*/\1/')
vi=$(grep '"id":"vi-1"' "$WORK/out/assignments.jsonl" | sed 's/.*"cluster":"\([^"]*\)".*/\1/')
check "the English and French reports of one signing are one event" test "$en" = "$fr"
check "the storm report is another event" test "$en" != "$vi"
check "each report shows what its opening says happened (day and part of day)" grep -q '"happening":{"part_of_day":"morning","stated_day":"--08-25"},"id":"vi-1"' "$WORK/out/clusters.jsonl"
check "the merge's reason gives the score term by term" grep -q '"terms":{"cosine":[0-9.-]*,"cross_language":' "$WORK/out/clusters.jsonl"
check "the merge's reason says how many days apart the reports are" grep -q '"days_apart":0' "$WORK/out/clusters.jsonl"
check "no temporary files left" test -z "$(ls "$WORK/out" | grep tmp)"

# --- two legs of one final: same teams, words and week, different results
cat >"$WORK/legs.jsonl" <<'LEGS'
{"id":"leg1-en","lang":"en","date":"2025-01-02","title":"Vietnam beat Thailand 2-1 in the first leg of the final","text":"Vietnam beat Thailand 2-1 in Phu Tho on Thursday in the first leg of the regional football final, with two goals from their striker."}
{"id":"leg1-fr","lang":"fr","date":"2025-01-02","title":"Le Vietnam bat la Thaïlande 2-1 en finale aller","text":"Le Vietnam a battu la Thaïlande 2-1 jeudi à Phu Tho lors du match aller de la finale régionale de football, grâce à un doublé de son attaquant."}
{"id":"leg2-en","lang":"en","date":"2025-01-05","title":"Vietnam win the title with a 3-2 victory in Bangkok","text":"Vietnam beat Thailand 3-2 in Bangkok on Sunday in the second leg of the regional football final and won the title 5-3 on aggregate."}
{"id":"leg2-fr","lang":"fr","date":"2025-01-05","title":"Le Vietnam remporte le titre 3-2 à Bangkok","text":"Le Vietnam a battu la Thaïlande 3-2 dimanche à Bangkok lors du match retour de la finale régionale de football et remporte le titre, 5-3 au cumul."}
LEGS
"$BIN" cluster --quiet --out "$WORK/legs-out" "$WORK/legs.jsonl" >/dev/null 2>&1
leg() { grep "\"id\":\"$1\"" "$WORK/legs-out/assignments.jsonl" | sed 's/.*"cluster":"\([^"]*\)".*/\1/'; }
check "each leg's English and French reports are one event" bash -c "[ '$(leg leg1-en)' = '$(leg leg1-fr)' ] && [ '$(leg leg2-en)' = '$(leg leg2-fr)' ]"
check "the two legs (2-1, 3-2) are two events" test "$(leg leg1-en)" != "$(leg leg2-en)"

# --- optional fields of the wrong type are ignored, and the log says which record and field
printf '%s\n' '{"id": "typed", "lang": "Vietnamese", "date": 20250825, "title": null, "text": "Bão đổ bộ vào Hà Tĩnh sáng 25/8."}' >"$WORK/typed.jsonl"
"$BIN" cluster --out "$WORK/typed-out" "$WORK/typed.jsonl" >/dev/null 2>"$WORK/typed.log"
check "a record with wrongly typed optional fields is still assigned" test "$(wc -l <"$WORK/typed-out/assignments.jsonl")" = 1
check "a field of the wrong type is logged with the record" grep -q "typed.jsonl:1 id typed: date is not a string (number), ignored" "$WORK/typed.log"
check "a language name instead of a code is logged" grep -q "id typed: lang 'Vietnamese' is not an ISO 639 code" "$WORK/typed.log"
check "a null field is simply absent" bash -c "! grep -q 'title is not a string' '$WORK/typed.log'"

# --- determinism across thread counts, and standard input
"$BIN" cluster --quiet --threads 1 --out "$WORK/t1" "$WORK/batch.jsonl" >/dev/null 2>&1
"$BIN" cluster --quiet --threads 2 --out "$WORK/t2" - <"$WORK/batch.jsonl" >/dev/null 2>&1
check "same clusters with 1 and 2 threads" cmp -s "$WORK/t1/clusters.jsonl" "$WORK/t2/clusters.jsonl"
check "same assignments from standard input" cmp -s "$WORK/t1/assignments.jsonl" "$WORK/t2/assignments.jsonl"

# --- a folder of text files, and eval against gold written here
mkdir -p "$WORK/txt"
printf ' date 2025-05-12 Vietnamese minister Tran Hong Minh and French minister Philippe Tabarot signed a railway agreement in Hanoi.\n' >"$WORK/txt/a.txt"
printf 'Accord ferroviaire\n\nLe 12/05/2025, Tran Hong Minh et Philippe Tabarot ont signé un accord ferroviaire à Hanoï.\n' >"$WORK/txt/b.txt"
"$BIN" cluster --quiet --out "$WORK/txt-out" "$WORK/txt" >/dev/null 2>&1
check "text folder clusters" test "$(wc -l <"$WORK/txt-out/assignments.jsonl")" = 2
check "date from the text" grep -q '"date":"2025-05-12","id":"b.txt"' "$WORK/txt-out/assignments.jsonl"
printf 'en-1\tE1\nfr-1\tE1\nvi-1\tE2\n' >"$WORK/gold.tsv"
"$BIN" eval --quiet --gold "$WORK/gold.tsv" --assignments "$WORK/out/assignments.jsonl" >"$WORK/eval.txt" 2>&1
check "eval scores assignments" grep -q "^pairwise" "$WORK/eval.txt"
"$BIN" eval --quiet --gold "$WORK/gold.tsv" --pairs-csv "$WORK/pairs.csv" "$WORK/batch.jsonl" >/dev/null 2>&1
check "pair signals exported with the gold answer" grep -q '^"en-1","fr-1",en,fr,"E1","E1",1,' "$WORK/pairs.csv"
"$BIN" eval --quiet --incremental --gold "$WORK/gold.tsv" "$WORK/batch.jsonl" >"$WORK/incr.txt" 2>&1
check "eval --incremental scores the incremental index" grep -q "^incremental" "$WORK/incr.txt"
check "the incremental index joins the en/fr signing too" grep -qE "^pairwise +1.000 +1.000" "$WORK/incr.txt"
# --- stream: the incremental index on standard input, one output line per record, in order
"$BIN" stream --quiet --assignments "$WORK/streamed.jsonl" <"$WORK/batch.jsonl" >"$WORK/stream.out" 2>"$WORK/stream.err"
check "stream exits 0 with bad records among good ones" test $? = 0
check "stream answers every record (8 lines)" test "$(wc -l <"$WORK/stream.out")" = 8
check "stream answers in input order" test "$(sed -n 's/.*"line":\([0-9]*\).*/\1/p' "$WORK/stream.out" | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 "
check "stream: 4 added, 4 rejected" test "$(grep -c '"rejected"' "$WORK/stream.out")" = 4
check "stream: the French report names the English one as its duplicate" grep -q '"id":"fr-1","event":"[^"]*","new_event":false,"merged_events":\[\],"moved":\[\],"duplicates":\[{"id":"en-1"' "$WORK/stream.out"
check "stream: a used id is rejected with its line" grep -q '"id":"en-1","rejected":"id already in the index","input":"-","line":5' "$WORK/stream.out"
check "stream: final assignments for the 4 added" test "$(wc -l <"$WORK/streamed.jsonl")" = 4
"$BIN" stream --quiet --recluster-every 1 --assignments "$WORK/reclustered.jsonl" <"$WORK/batch.jsonl" >"$WORK/recluster.out" 2>/dev/null
check "stream --recluster-every: still one line per record, then one per moved article" \
  test "$(grep -vc '"moved_from"' "$WORK/recluster.out")" = 8
# "id cluster" per line, sorted, whichever field comes first.
id_and_event() { sed 's/.*"id":"\([^"]*\)".*"cluster":"\([^"]*\)".*/\1 \2/; s/.*"cluster":"\([^"]*\)".*"id":"\([^"]*\)".*/\2 \1/' "$1" | sort; }
check "stream --recluster-every: final events as the batch's" \
  test "$(id_and_event "$WORK/reclustered.jsonl")" = "$(id_and_event "$WORK/out/assignments.jsonl")"
head -1 "$WORK/batch.jsonl" >"$WORK/earlier.jsonl"
sed -n 2p "$WORK/batch.jsonl" | "$BIN" stream --quiet --replay "$WORK/earlier.jsonl" >"$WORK/replayed.out" 2>/dev/null
check "stream --replay adds earlier articles without answering them" test "$(wc -l <"$WORK/replayed.out")" = 1
check "a replayed article is found as a duplicate" grep -q '"id":"fr-1".*"duplicates":\[{"id":"en-1"' "$WORK/replayed.out"
# A reader that goes away: exit 2 with a message, and --assignments still written.
for i in $(seq 1 300); do echo "{\"id\":\"p$i\",\"lang\":\"en\",\"text\":\"Report number $i of the port opening in Da Nang.\"}"; done >"$WORK/many.jsonl"
"$BIN" stream --quiet --assignments "$WORK/closed.jsonl" "$WORK/many.jsonl" 2>"$WORK/closed.err" | head -1 >/dev/null
code=${PIPESTATUS[0]}
check "stream whose standard output closes exits 2" test "$code" = 2
check "stream says that standard output closed" grep -q "standard output closed: stopped at" "$WORK/closed.err"
check "stream still writes --assignments when standard output closes" test -s "$WORK/closed.jsonl"
check "stream refuses folders (usage error)" test "$(exit_code "$BIN" stream --quiet "$WORK")" = 1
"$BIN" compare --quiet --gold "$WORK/gold.tsv" --config strict:threshold=0.9 --config default: --csv "$WORK/cmp.csv" "$WORK/batch.jsonl" >"$WORK/cmp.txt" 2>&1
check "compare writes a row per config" test "$(wc -l <"$WORK/cmp.csv")" = 3
"$BIN" compare --quiet --gold "$WORK/gold.tsv" --csv "$WORK/cmp2.csv" --config strict:threshold=0.9 "$WORK/batch.jsonl" >/dev/null 2>&1
check "compare takes the inputs right after a --config" test "$(wc -l <"$WORK/cmp2.csv")" = 2
"$BIN" model info --quiet >"$WORK/info.txt" 2>&1
check "model info shows the bundled model's fitted score settings" grep -q "^score settings: .*crossdup-default.score" "$WORK/info.txt"

# --- model fit-score: learns the score's settings on labelled set folders and writes them
mkdir -p "$WORK/set" && cp "$WORK/batch.jsonl" "$WORK/set/articles.jsonl" && cp "$WORK/gold.tsv" "$WORK/set/gold.tsv"
"$BIN" model fit-score --log-level warn --folds 2 --rounds 1 --out "$WORK/fitted.score" "$WORK/set" >"$WORK/fit.txt" 2>&1
check "fit-score writes every fitted setting" test "$(grep -c '^[a-z_]*=' "$WORK/fitted.score")" = 11
check "fit-score reports grouped cross-validation" grep -q "grouped CV" "$WORK/fit.txt"
check "fit-score warns when a set has no groups.tsv" grep -q "no groups.tsv" "$WORK/fit.txt"
check "fit-score says whether the fit or the start is written" grep -Eq "^# Written: the (fit|starting)" "$WORK/fitted.score"
check "fit-score refuses a folder without gold.tsv (exit 2)" test "$(exit_code "$BIN" model fit-score --quiet "$WORK")" = 2
"$BIN" model fit-score --quiet "$WORK" >"$WORK/fit-bad.txt" 2>&1
check "fit-score says what a set folder holds" grep -q "articles.jsonl and gold.tsv" "$WORK/fit-bad.txt"

# --- a run killed half-way leaves the previous complete outputs, never a partial file
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "{\"id\": \"k%d\", \"lang\": \"en\", \"text\": \"Minister %d met the delegation of city %d about trade and rail on day %d.\"}\n", i, i % 97, i % 89, i % 31 }' >"$WORK/big.jsonl"
cp -r "$WORK/out" "$WORK/killed"
before=$(cat "$WORK/killed/assignments.jsonl")
"$BIN" cluster --quiet --out "$WORK/killed" "$WORK/big.jsonl" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
after_lines=$(wc -l <"$WORK/killed/assignments.jsonl")
if [ "$after_lines" = 60000 ]; then
  check "the run finished before the kill: complete output" test "$(wc -l <"$WORK/killed/rejects.jsonl")" = 0
else
  check "killed run: previous assignments untouched" test "$before" = "$(cat "$WORK/killed/assignments.jsonl")"
  check "killed run: previous rejects untouched" test "$(wc -l <"$WORK/killed/rejects.jsonl")" = 4
fi

# --- temporaries left by a killed run are removed by the next run; a running writer's are kept
dead=$(bash -c 'echo $$')  # a process that has ended
printf 'partial' >"$WORK/killed/clusters.jsonl.tmp.$dead"
printf 'partial' >"$WORK/killed/assignments.jsonl.tmp.$dead"
printf 'in use' >"$WORK/killed/rejects.jsonl.tmp.$$"
"$BIN" cluster --quiet --out "$WORK/killed" "$WORK/batch.jsonl" >/dev/null 2>&1
check "a killed run's temporaries are removed by the next run" test ! -e "$WORK/killed/clusters.jsonl.tmp.$dead" -a ! -e "$WORK/killed/assignments.jsonl.tmp.$dead"
check "a running process's temporary is kept" test -e "$WORK/killed/rejects.jsonl.tmp.$$"
rm -f "$WORK/killed/rejects.jsonl.tmp.$$"

# --- a disk that fills up (a file-size limit stands in for it): a clear error, exit 2, and the
# previous outputs untouched
head -300 "$WORK/big.jsonl" >"$WORK/some.jsonl"
cp -r "$WORK/out" "$WORK/full"
before=$(cat "$WORK/full/assignments.jsonl")
(ulimit -f 2; exec "$BIN" cluster --quiet --out "$WORK/full" "$WORK/some.jsonl") >/dev/null 2>"$WORK/full-err.txt"
code=$?
check "full disk: exit code 2" test "$code" = 2
check "full disk: the error names the file and the cause" grep -q "jsonl: write failed (disk full?): File too large" "$WORK/full-err.txt"
check "full disk: previous assignments untouched" test "$before" = "$(cat "$WORK/full/assignments.jsonl")"
check "full disk: no temporary files left" test -z "$(ls "$WORK/full" | grep tmp)"

# --- the documented settings are the code's (docs/options.md is `crossdup options`' output)
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
"$BIN" options >"$WORK/options.md"
check "docs/options.md is up to date (regenerate: crossdup options > docs/options.md)" cmp -s "$WORK/options.md" "$SOURCE/docs/options.md"
# --- the README's worked example: one visit, four events
"$BIN" cluster --quiet --out "$WORK/visit" "$SOURCE/examples/visit/articles.jsonl" >"$WORK/visit.txt"
check "the visit's talks in three languages are one event, the banquet, arrival and the Prime Minister's talks apart" grep -q "4 clusters, 1 with 2+ reports" "$WORK/visit.txt"
"$BIN" eval --quiet --gold "$SOURCE/examples/visit/gold.tsv" "$SOURCE/examples/visit/articles.jsonl" >"$WORK/visit-eval.txt"
check "the visit's events are exactly gold's" grep -q "^pairwise *1.000 *1.000 *1.000" "$WORK/visit-eval.txt"

finish_checks
