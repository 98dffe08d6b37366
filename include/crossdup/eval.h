// Scoring clusters against gold events: pairwise and B-cubed precision, recall and F1, in all,
// across languages, and per language pair. `crossdup cluster`, `eval` and `compare` all use it.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace crossdup {

struct PRF {
  double precision = 0, recall = 0, f1 = 0;
  size_t true_positives = 0, predicted = 0, gold = 0;  // pair counts (pairwise measures)
};

struct EvalReport {
  PRF pairwise, cross_language, bcubed;
  std::map<std::string, PRF> by_language_pair;  // "en-fr", "en-en" ... (sorted codes)
  size_t gold_articles = 0;                     // articles in the gold file
  size_t scored_articles = 0;                   // of those, present in the output
  size_t lost_articles = 0;                     // in the gold file, missing from the output
};

// One article as the system assigned it.
struct Assignment {
  std::string id, cluster, lang;
};

// Gold: id -> event. Reads `id<TAB>event` lines; '#' comments and an "id<TAB>event" header
// are skipped. Throws InputError with the file and line on a malformed line.
std::unordered_map<std::string, std::string> read_gold(const std::string& path);

// Groups: event -> occasion (or ECB+ topic), from a dev set's groups.tsv: `event<TAB>group`
// lines, an "event<TAB>group" header skipped. Cross-validation deals whole groups into folds.
std::unordered_map<std::string, std::string> read_groups(const std::string& path);

// Reads an assignments.jsonl written by `crossdup cluster`.
std::vector<Assignment> read_assignments(const std::string& path);

EvalReport evaluate(const std::vector<Assignment>& assigned, const std::unordered_map<std::string, std::string>& gold);

// Cross-validation's score of one held-out part of a batch clustered whole. `part_of` gives
// each gold article's part (fold); a pair counts in the lower of its two articles' parts, so
// a false merge between a held-out event and any other gold event is counted, and pooled()
// over every part counts each pair once: with one setting for all parts, the pooled report is
// evaluate()'s. B-cubed averages over the part's own articles. Articles missing from `part_of`
// belong to no part.
EvalReport evaluate_part(const std::vector<Assignment>& assigned,
                         const std::unordered_map<std::string, std::string>& gold,
                         const std::unordered_map<std::string, size_t>& part_of, size_t part);

// The reports of disjoint held-out parts as one: pair counts summed, B-cubed weighted by the
// articles each part scored.
EvalReport pooled(const std::vector<EvalReport>& parts);

}  // namespace crossdup
