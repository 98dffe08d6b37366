#!/usr/bin/env bash
# Whole runs at scale: batches of 10k / 100k / 300k / 1M articles built from the training
# corpora (two lines of one source each, 120 bytes or more a line, fixed seed), with
# dev/mixed's labelled articles inside. Each size comes dated (the unlabelled articles spread
# over the 366 days of 2024, so date windows apply) and undated. Prints, per run of `crossdup
# cluster`: wall time, peak memory, the share of each stage, and dev/mixed's F1 inside the crowd.
# Usage: benchmarks/scale.sh [SIZE ...]          (default: 10000 100000 300000)
#   SIZE may end in d or u for only the dated or only the undated batch (e.g. 1000000d).
#   CROSSDUP_BIN picks the binary; CROSSDUP_BIN_BASE adds a second binary, run right after each
#   row of the first on the same batch, for ratios measured side by side.
#   Batches are cached in ${CROSSDUP_SCALE_DIR:-/tmp/crossdup-scale} (about 0.9 GB per million).
# Needs python3 and /usr/bin/time (Debian packages python3, time).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CROSSDUP_BIN:-build/crossdup}
BASE=${CROSSDUP_BIN_BASE:-}
SHARED=${CROSSDUP_SHARED:-../shared}
CACHE=${CROSSDUP_SCALE_DIR:-/tmp/crossdup-scale}
[ -d "$SHARED/corpora/mono" ] || { echo "scale.sh: $SHARED/corpora/mono not found"; exit 0; }
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (apt-get install time)"; exit 1; }
mkdir -p "$CACHE"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 300000)

make_batch() {  # make_batch SIZE dated|undated OUT
  python3 - "$SHARED" "$1" "$2" "$3" <<'PY'
import datetime, json, lzma, random, sys
shared, size, kind, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
random.seed(20241)
sources = [("en_bbc", "en", 0.12), ("en_reuters", "en", 0.18), ("en_wikipedia_wikitasks_sample", "en", 0.15),
           ("en_gj", "en", 0.03), ("fr_gj", "fr", 0.17), ("vi_news_baomoi", "vi", 0.35)]
labelled = [json.loads(l) for l in open(f"{shared}/data/dev/mixed/articles.jsonl", encoding="utf-8")]
wanted = size - len(labelled)
start = datetime.date(2024, 1, 1)
with open(out_path, "w", encoding="utf-8") as out:
    rows = []
    for name, lang, share in sources:
        lines = [l.strip() for l in lzma.open(f"{shared}/corpora/mono/{name}.txt.xz", "rt", encoding="utf-8")
                 if len(l.strip()) >= 120]
        for k in range(int(round(wanted * share))):
            a, b = random.randrange(len(lines)), random.randrange(len(lines))
            date = "" if kind == "undated" else (start + datetime.timedelta(days=random.randrange(366))).isoformat()
            rows.append({"id": f"{lang}-{name[:6]}-{k}", "lang": lang, "date": date, "title": "",
                         "text": lines[a] + "\n" + lines[b], "source": name})
    rows = rows[:wanted] + labelled
    random.shuffle(rows)
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"scale: built {len(rows)} {kind} articles in {out_path}", file=sys.stderr)
PY
}

run_one() {  # run_one BIN BATCH LABEL
  local log=$CACHE/run.log
  local t0 t1
  t0=$(date +%s.%N)
  # The nightly job itself (`cluster`, which writes its outputs), scored against mixed's gold.
  /usr/bin/time -f '%M' -o "$CACHE/rss" "$1" cluster -o "$CACHE/out" --gold "$SHARED/data/dev/mixed/gold.tsv" "$2" \
    >"$CACHE/eval.out" 2>"$log"
  t1=$(date +%s.%N)
  local wall peak f s c scores
  wall=$(echo "$t1 - $t0" | bc)
  peak=$(($(tail -n 1 "$CACHE/rss") / 1024))
  f=$(grep -o 'features: [0-9]* articles in [0-9.]*s' "$log" | grep -o '[0-9.]*s$' | tr -d s || echo 0)
  s=$(grep -o 'candidate pairs in [0-9.]*s' "$log" | grep -o '[0-9.]*s$' | tr -d s || echo 0)
  c=$(grep -o 'clusters in [0-9.]*s' "$log" | grep -o '[0-9.]*s$' | tr -d s || echo 0)
  scores=$(awk '/^pairwise/ {p=$4} /^cross-language/ {x=$4} END {print p " / " x}' "$CACHE/eval.out")
  printf '%-9s %-8s %-10s %8.1f s %7d MB   features %4.0f%%  score %4.0f%%  cluster %4.0f%%   mixed F1 %s\n' \
    "$3" "$4" "$(basename "$1" | cut -c1-10)" "$wall" "$peak" \
    "$(echo "100 * ${f:-0} / $wall" | bc -l)" "$(echo "100 * ${s:-0} / $wall" | bc -l)" \
    "$(echo "100 * ${c:-0} / $wall" | bc -l)" "$scores"
}

for spec in "${sizes[@]}"; do
  size=${spec%[du]}
  kinds=(dated undated)
  [[ $spec == *d ]] && kinds=(dated)
  [[ $spec == *u ]] && kinds=(undated)
  for kind in "${kinds[@]}"; do
    batch=$CACHE/batch-$size-$kind.jsonl
    [ -s "$batch" ] || make_batch "$size" "$kind" "$batch"
    run_one "$BIN" "$batch" "$size" "$kind"
    [ -z "$BASE" ] || run_one "$BASE" "$batch" "$size" "$kind"
  done
done
