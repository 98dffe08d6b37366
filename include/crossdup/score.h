// Score stage: candidate pairs from blocked Eigen products (no N x N matrix), then one
// combined same-event score per pair.
#pragma once

#include <cstdint>
#include <vector>

#include "crossdup/features.h"
#include "crossdup/options.h"
#include "crossdup/pair.h"

namespace crossdup {

// One article of a pair as scoring sees it, wherever its features are stored.
struct PairSide {
  AnchorView anchors;
  const std::string& lang;
  const std::optional<DateRange>& date;
  const std::optional<int>& year;
  const std::optional<CalendarDays>& calendar_days;
  const std::vector<StatedResult>& results;
  const Happening& happening;
};
inline PairSide pair_side(const BatchFeatures& f, uint32_t i) {
  return {anchor_view(f, i), f.langs[i], f.dates[i], f.years[i], f.calendar_days[i], f.results[i], f.happenings[i]};
}

// Anchors named by more articles than this are too common to propose candidates alone (and
// would cost the square of their count).
constexpr size_t kMaxAnchorPostings = 1000;

// Anchor id -> (article naming it, the anchor's weight there).
using AnchorPostings = std::vector<std::vector<std::pair<uint32_t, float>>>;

// Two date fields more than `max_gap_days` apart: such a pair is never one event
// (apply_link_rules vetoes it), so no candidate search proposes it.
inline bool dates_rule_out(const std::optional<DateRange>& a, const std::optional<DateRange>& b, int max_gap_days) {
  return a && b && date_gap(*a, *b) > max_gap_days;
}

// The date field of an article looking for partners, and those of the partners (by index):
// partners the dates rule out are skipped. Default: no dates, nobody skipped.
struct PartnerDates {
  const std::optional<DateRange>* own = nullptr;
  const std::vector<std::optional<DateRange>>* partners = nullptr;
  int max_gap_days = 0;
  bool rule_out(uint32_t partner) const {
    return own && partners && dates_rule_out(*own, (*partners)[partner], max_gap_days);
  }
};

// An article's candidates by names and figures: the articles sharing its anchors (those named
// by at most kMaxAnchorPostings articles) that its dates allow, the best `keep` by their names
// similarity over those anchors, and any tied with the last of them (so the choice does not
// depend on the input order). At any batch size, a report still meets its translation through
// the names they share. Sorted; `self` is never proposed.
std::vector<uint32_t> anchor_neighbours(const AnchorVector& anchors, const AnchorPostings& postings, uint32_t self,
                                        size_t keep, const PartnerDates& dates = {});

// The rules on top of the score: reports too far apart in time may never link (dates more than
// max_date_gap_days apart; or, when either report's day comes from its text, calendar days
// more than max_stated_date_gap_days apart); reports whose leads each name someone rare the
// other never mentions (two meetings of one visit), or that state different results (two legs
// of one final, ScoredPair::results_differ), are marked as not compatible, and combine()
// subtracts ScoreSettings::conflict_penalty from their score.
void apply_link_rules(ScoredPair& pair, const BatchFeatures& features, const ScoreSettings& options);
void apply_link_rules(ScoredPair& pair, const std::optional<DateRange>& date_a, const std::optional<DateRange>& date_b,
                      const ScoreSettings& options, const std::optional<CalendarDays>& days_a = std::nullopt,
                      const std::optional<CalendarDays>& days_b = std::nullopt);

// Applies these options' link rules and weights to pairs scored earlier (a sweep, `compare`,
// the score fit).
void rescore(std::vector<ScoredPair>& pairs, const BatchFeatures& features, const ScoreSettings& options);
// The same, each pair kept as what clustering reads; `pairs` stay as they are (a sweep
// clusters them again under other options without copying them).
LinkPairBlocks rescored_links(const std::vector<ScoredPair>& pairs, const BatchFeatures& features,
                              const ScoreSettings& options);

// How the vector candidates are searched.
enum class CosineSearch {
  // Date windows while an article is compared with at most ScoreSettings::approximate_above others
  // on average, HNSW graphs beyond: a dated batch of any size stays exact and linear in time
  // as long as its days are spread; an undated one goes approximate past approximate_above.
  kAuto,
  kAllColumns,   // every article against every other (the reference the windows must equal)
  kDateWindows,  // a dated article against those of its window of days and all undated ones
  kApproximate,  // one HNSW graph per language
};

// Pairs whose cosine reaches the floor (per article, its best `max_neighbours` and its best
// `neighbours_per_language` in each other language, among the articles its date field allows)
// and pairs that share a rare anchor, sorted by (a, b). Parallel with OpenMP, identical for any
// thread count; kDateWindows gives the pairs kAllColumns gives.
std::vector<ScoredPair> score_pairs(const BatchFeatures& features, const ScoreSettings& options,
                                    CosineSearch search = CosineSearch::kAuto);
// The same pairs as score_pairs, each kept as what clustering reads: for a batch clustered once
// with the options it was scored with (Pipeline::run), in three eighths of the memory.
LinkPairBlocks score_link_pairs(const BatchFeatures& features, const ScoreSettings& options,
                                CosineSearch search = CosineSearch::kAuto);

// An article's vector candidates, from its neighbours above the floor grouped by language
// (cosine, other article; each list may be cut beforehand to its best max(max_neighbours,
// neighbours_per_language)): its best ScoreSettings::max_neighbours of all languages together and, besides them,
// its best ScoreSettings::neighbours_per_language of every language but its own. Ties go to the
// lower index, so the choice never depends on the order of the lists. Sorted by article.
using Neighbour = std::pair<float, uint32_t>;
std::vector<Neighbour> choose_neighbours(std::vector<std::vector<Neighbour>> by_language, size_t own_language,
                                         const ScoreSettings& options);

// Every signal of one pair, its combined score and the link rules: what score_pairs does for
// each candidate, for callers that choose their own pairs.
ScoredPair score_pair(const BatchFeatures& features, uint32_t a, uint32_t b, const ScoreSettings& options);
// The same for two sides stored anywhere, given their document-vector cosine (0 when either
// has none). The pair's indices are left 0.
ScoredPair score_pair(const PairSide& a, const PairSide& b, float cosine, const ScoreSettings& options);

// +1 when both years are known and equal, -1 when they differ, 0 otherwise.
int8_t year_agreement(const std::optional<int>& a, const std::optional<int>& b);

ScoreTerms score_terms(const ScoredPair& signals, bool cross_language, const ScoreSettings& options);

// The combination, in one place (the sum of score_terms): used by scoring and by reports of why
// pairs merged.
float combine(const ScoredPair& signals, bool cross_language, const ScoreSettings& options);

}  // namespace crossdup
