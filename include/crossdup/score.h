// Score stage: candidate pairs from blocked Eigen products (no N x N matrix), then one
// combined same-event score per pair.
#pragma once

#include <cstdint>
#include <vector>

#include "crossdup/features.h"
#include "crossdup/options.h"

namespace crossdup {

struct ScoredPair {
  uint32_t a = 0, b = 0;  // article indices, a < b
  float cosine = 0;       // document-vector cosine (0 when either has no vector)
  float names = 0;        // anchor similarity
  float participants = 0; // participant_overlap
  float conflict = 0;     // participant_conflict
  float translated = 0;   // shared words as English concepts (0 unless weight_translated > 0)
  float lead_translated = 0;  // the same for title and lead words
  float score = 0;        // the combination clustering uses
  bool date_compatible = true;          // dates within Options::max_date_gap_days
  bool participants_compatible = true;  // conflict below Options::max_conflict
  bool may_link() const { return date_compatible && participants_compatible; }
};

// One article of a pair as scoring sees it, wherever its features are stored.
struct PairSide {
  AnchorView anchors;
  const std::string& lang;
  const std::optional<DateRange>& date;
  const AnchorVector* concepts = nullptr;  // null when not computed
  const AnchorVector* lead_concepts = nullptr;
};
inline PairSide pair_side(const BatchFeatures& f, uint32_t i) {
  return {anchor_view(f, i), f.langs[i], f.dates[i], f.concepts.empty() ? nullptr : &f.concepts[i],
          f.lead_concepts.empty() ? nullptr : &f.lead_concepts[i]};
}

// Anchors shared by more articles than this are too common to propose candidates alone.
constexpr size_t kMaxAnchorPostings = 64;

// The rules that veto a pair whatever its score: reports too far apart in time, and reports
// whose leads each name someone rare the other never mentions (two meetings of one visit).
void apply_link_rules(ScoredPair& pair, const BatchFeatures& features, const Options& options);
void apply_link_rules(ScoredPair& pair, const std::optional<DateRange>& date_a, const std::optional<DateRange>& date_b,
                      const Options& options);

// Pairs whose cosine reaches the floor (at most `max_neighbours` per article) and pairs that
// share a rare anchor, sorted by (a, b). Parallel with OpenMP, identical for any thread count.
std::vector<ScoredPair> score_pairs(const BatchFeatures& features, const Options& options);

// Every signal of one pair, its combined score and the link rules: what score_pairs does for
// each candidate, for callers that choose their own pairs.
ScoredPair score_pair(const BatchFeatures& features, uint32_t a, uint32_t b, const Options& options);
// The same for two sides stored anywhere, given their document-vector cosine (0 when either
// has none). The pair's indices are left 0.
ScoredPair score_pair(const PairSide& a, const PairSide& b, float cosine, const Options& options);

// The combination, in one place: used by scoring and by reports of why pairs merged.
float combine(const ScoredPair& signals, bool cross_language, const Options& options);

}  // namespace crossdup
