// What a batch run hands back: every article with its cluster and why it joined it, every
// reject, and the stage timings. The write stage reads it without including the pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/cluster.h"
#include "crossdup/happening.h"
#include "crossdup/pair.h"

namespace crossdup {

// Why an article sits in its cluster: its best-scoring fellow member and the signals.
struct MatchReason {
  bool has_match = false;
  uint32_t other = 0;
  float score = 0, cosine = 0, names = 0, participants = 0;
  std::optional<int> shared_year;           // the year both reports are mostly about, when they agree
  std::vector<std::string> shared_anchors;  // the heaviest shared names and figures
  ScoreTerms terms;                         // the score signal by signal (they sum to score)
  std::optional<int> days_apart;            // between the two reports' dates, when both are known
};

struct BatchResult {
  std::vector<Article> articles;
  std::vector<Reject> rejects;
  size_t records_read = 0;
  std::vector<EventCluster> clusters;
  std::vector<uint32_t> cluster_of;   // article index -> index in `clusters`
  std::vector<MatchReason> reasons;   // per article
  std::vector<uint8_t> names_only;    // per article: no document vector (language unknown to
                                      // the model), so only names, figures and dates count
  std::vector<Happening> happenings;  // per article: what its opening says happened
  size_t candidate_pairs = 0;
  double seconds_features = 0, seconds_score = 0, seconds_cluster = 0;
};

}  // namespace crossdup
