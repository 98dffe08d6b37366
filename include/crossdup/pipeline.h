// The batch pipeline: read -> text -> features -> score -> cluster, as one call.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/cluster.h"
#include "crossdup/eval.h"
#include "crossdup/features.h"
#include "crossdup/language.h"
#include "crossdup/model.h"
#include "crossdup/options.h"
#include "crossdup/result.h"
#include "crossdup/score.h"

namespace crossdup {

// Stage progress for long runs: (stage name, done, total).
using ProgressCallback = std::function<void(const std::string&, size_t, size_t)>;

// A batch with its features and scored candidate pairs: clustering it again with another
// threshold or date gap (a sweep) does not embed or score again.
struct PreparedBatch {
  std::vector<Article> articles;
  std::vector<Reject> rejects;
  size_t records_read = 0;
  BatchFeatures features;
  std::vector<ScoredPair> pairs;
  double seconds_features = 0, seconds_score = 0;
};

class Pipeline {
 public:
  Pipeline(const Model& model, const LanguageIdentifier& identifier, Options options);
  // Languages, features and scored pairs of an already read batch.
  PreparedBatch prepare(ReadResult batch, const ProgressCallback& progress = {}) const;
  // Events of a prepared batch under these options' threshold and date gap (other options
  // were used by prepare). The result keeps the rejects for the report.
  BatchResult cluster(const PreparedBatch& batch, const Options& options) const;
  // The same, taking the batch over (no copy of its articles and pairs).
  BatchResult cluster(PreparedBatch&& batch, const Options& options) const;
  // prepare + cluster with this pipeline's options: the same result, without ever holding the
  // pairs whole (score_link_pairs), so the peak memory is far lower.
  BatchResult run(ReadResult batch, const ProgressCallback& progress = {}) const;
  const Options& options() const { return options_; }

 private:
  // Languages and features, the pairs left to score (prepare scores them whole, run as links).
  PreparedBatch prepare_features(ReadResult batch, const ProgressCallback& progress) const;
  // Clusters `pairs` of `articles` with the rest of `batch` (features, timings) read only.
  BatchResult cluster_links(std::vector<Article> articles, std::vector<Reject> rejects, LinkPairBlocks pairs,
                            const PreparedBatch& batch, const Options& options) const;
  const Model& model_;
  const LanguageIdentifier& identifier_;
  Options options_;
};

// The result as evaluate() takes it: id, cluster id and language per article, in input order.
std::vector<Assignment> assignments_of(const BatchResult& result);

// The events of a prepared batch under `options` as assignments only (input order): the
// clustering of Pipeline::cluster without the reasons and the copies of the articles, for a
// threshold sweep or a fit that clusters one batch thousands of times.
std::vector<Assignment> assign_events(const PreparedBatch& batch, const Options& options);

}  // namespace crossdup
