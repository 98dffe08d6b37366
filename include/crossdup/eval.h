// Scoring clusters against gold events: pairwise and B-cubed precision, recall and F1, in all,
// across languages, and per language pair. `crossdup cluster`, `eval` and `compare` all use it.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace crossdup {

struct PRF {
  double precision = 0, recall = 0, f1 = 0;
  size_t true_positives = 0, predicted = 0, gold = 0;  // pair counts (pairwise measures)
};

struct EvalReport {
  PRF pairwise, cross_language, bcubed;
  std::map<std::string, PRF> by_language_pair;  // "en-fr", "en-en" ... (sorted codes)
  size_t gold_articles = 0;   // articles in the gold file
  size_t scored_articles = 0; // of those, present in the output
  size_t lost_articles = 0;   // in the gold file, missing from the output
};

// One article as the system assigned it.
struct Assignment {
  std::string id, cluster, lang;
};

// Gold: id -> event. Reads `id<TAB>event` lines; '#' comments and an "id<TAB>event" header
// are skipped. Throws InputError with the file and line on a malformed line.
std::unordered_map<std::string, std::string> read_gold(const std::string& path);

// Reads an assignments.jsonl written by `crossdup cluster`.
std::vector<Assignment> read_assignments(const std::string& path);

EvalReport evaluate(const std::vector<Assignment>& assigned,
                    const std::unordered_map<std::string, std::string>& gold);

}  // namespace crossdup
