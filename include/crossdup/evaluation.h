// The evaluations `crossdup eval` runs, for any caller: a threshold sweep, the worst false
// merges and misses, every candidate pair's signals as CSV, the precision-recall plot, the
// report as JSON, and the batch added one by one to the incremental Index. The command line
// only prints what these return.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "crossdup/eval.h"
#include "crossdup/language.h"
#include "crossdup/model.h"
#include "crossdup/options.h"
#include "crossdup/pipeline.h"

namespace crossdup {

using Gold = std::unordered_map<std::string, std::string>;  // article id -> event

// The report for scripts: every measure with its pair counts, per language pair too.
nlohmann::json report_json(const EvalReport& report);

// The batch clustered at each threshold from `from` to `to` (features and pairs computed once).
std::vector<std::pair<double, EvalReport>> sweep_thresholds(const PreparedBatch& prepared, const Options& options,
                                                            const Gold& gold, double from = 0.2, double to = 0.8,
                                                            double step = 0.025);

// Precision against recall, all pairs and cross-language pairs, as an SVG document.
std::string precision_recall_svg(const std::vector<std::pair<double, EvalReport>>& points);

// Pairs of gold articles the clustering got wrong, with their scored pair (null: never a
// candidate): false merges highest score first, misses lowest first.
struct ErrorPair {
  float score = -1;  // -1 when never a candidate
  uint32_t a = 0, b = 0;
  const ScoredPair* pair = nullptr;
};
struct ClusteringErrors {
  std::vector<ErrorPair> false_merges, misses;
};
ClusteringErrors clustering_errors(const PreparedBatch& prepared, const BatchResult& result, const Gold& gold);

// Every scored candidate pair of gold articles with its signals and the gold answer, as CSV:
// the training data for a learned combination of the signals.
std::string pairs_csv(const PreparedBatch& prepared, const Gold& gold);

// The batch's articles added one by one to an Index in input order, as an ingestion service
// would add them (Index::recluster() after every `recluster_every` additions and at the end;
// 0: never), scored against gold.
struct IncrementalOutcome {
  EvalReport report;
  size_t added = 0, refused = 0, moved = 0;
  double seconds = 0;
};
IncrementalOutcome evaluate_incremental(ReadResult batch, const Model& model, const LanguageIdentifier& identifier,
                                        const Options& options, const Gold& gold, size_t recluster_every = 0);

}  // namespace crossdup
