#!/usr/bin/env bash
# Quality in a crowd: dev/mixed's 910 labelled articles shuffled among 49,076 unlabelled ones
# from the training corpora (lines of 300 bytes or more: 12,000 BBC, 12,000 Reuters, 8,000
# English Wikipedia, all French news that long, 18,000 Vietnamese news; fixed seed), as a
# nightly run would meet them. Scores the labelled articles only. About a minute on 2 cores.
# Usage: benchmarks/crowd.sh [extra crossdup eval options, e.g. --result-tokens 0]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CROSSDUP_BIN:-build/crossdup}
SHARED=${CROSSDUP_SHARED:-../shared}
[ -d "$SHARED/corpora/mono" ] || { echo "crowd.sh: $SHARED/corpora/mono not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$SHARED" "$work/crowd.jsonl" <<'PY'
import json, lzma, random, sys
shared, out_path = sys.argv[1], sys.argv[2]
random.seed(7)
articles = []
def take(name, lang, count):
    path = f"{shared}/corpora/mono/{name}"
    lines = [l.strip() for l in lzma.open(path, "rt", encoding="utf-8") if len(l.strip()) >= 300]
    random.shuffle(lines)
    for k, text in enumerate(lines[:count]):
        articles.append({"id": f"{lang}-{name[:6]}-{k}", "lang": lang, "date": "", "title": "", "text": text,
                         "source": name})
take("en_bbc.txt.xz", "en", 12000)
take("en_reuters.txt.xz", "en", 12000)
take("en_wikipedia_wikitasks_sample.txt.xz", "en", 8000)
take("fr_gj.txt.xz", "fr", 10000)
take("vi_news_baomoi.txt.xz", "vi", 18000)
articles += [json.loads(l) for l in open(f"{shared}/data/dev/mixed/articles.jsonl", encoding="utf-8")]
random.shuffle(articles)
with open(out_path, "w", encoding="utf-8") as out:
    for a in articles:
        out.write(json.dumps(a, ensure_ascii=False) + "\n")
print(f"crowd: {len(articles)} articles", file=sys.stderr)
PY
"$BIN" eval --quiet --gold "$SHARED/data/dev/mixed/gold.tsv" "$@" "$work/crowd.jsonl" | tail -n 4
