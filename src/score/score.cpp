// Score stage: every candidate pair (candidates.cpp) scored, then the combined pair score.
#include <algorithm>

#include <omp.h>
#include <spdlog/spdlog.h>

#include "candidates.h"
#include "crossdup/score.h"

namespace crossdup {

void apply_link_rules(ScoredPair& p, const BatchFeatures& f, const ScoreSettings& o) {
  apply_link_rules(p, f.dates[p.a], f.dates[p.b], o, f.calendar_days[p.a], f.calendar_days[p.b]);
}

void apply_link_rules(ScoredPair& p, const std::optional<DateRange>& da, const std::optional<DateRange>& db,
                      const ScoreSettings& o, const std::optional<CalendarDays>& days_a,
                      const std::optional<CalendarDays>& days_b) {
  p.date_compatible = !da || !db || date_gap(*da, *db) <= o.max_date_gap_days;
  // Two date fields are the rule above; a day a report states in its text is less sure (no year,
  // sometimes another event's), so only days months apart keep such a pair apart.
  if (days_a && days_b && (days_a->stated || days_b->stated) &&
      calendar_gap(*days_a, *days_b) > o.max_stated_date_gap_days)
    p.date_compatible = false;
  p.participants_compatible = p.conflict < o.max_conflict && !p.results_differ && !p.editions_differ;
}

int8_t year_agreement(const std::optional<int>& a, const std::optional<int>& b) {
  if (!a || !b) return 0;
  return *a == *b ? 1 : -1;
}

ScoreTerms score_terms(const ScoredPair& p, bool cross_language, const ScoreSettings& o) {
  const float w_cosine = static_cast<float>(o.weight_cosine);
  ScoreTerms t;
  t.cosine = w_cosine * p.cosine;
  t.cross_language = cross_language ? w_cosine * static_cast<float>(o.cross_language_bonus) : 0.f;
  t.names = static_cast<float>(o.weight_names) * p.names;
  t.participants = static_cast<float>(o.weight_participants) * p.participants;
  t.year = static_cast<float>(o.weight_year) * static_cast<float>(p.same_year);
  t.conflict = -static_cast<float>(o.weight_conflict) * p.conflict;
  if (!p.participants_compatible) t.conflict -= static_cast<float>(o.conflict_penalty);
  if (p.actions_differ) t.happening -= static_cast<float>(o.action_penalty);
  if (p.counterparts_differ) t.happening -= static_cast<float>(o.counterpart_penalty);
  if (p.venues_differ) t.happening -= static_cast<float>(o.venue_penalty);
  if (p.days_apart == 1) t.happening -= static_cast<float>(o.next_day_penalty);
  if (p.days_apart >= 2) t.happening -= static_cast<float>(o.days_apart_penalty);
  return t;
}

float combine(const ScoredPair& p, bool cross_language, const ScoreSettings& o) {
  return score_terms(p, cross_language, o).sum();
}

namespace {
// One pair's link rules and score under these options: what rescore and rescored_links share.
void rescore_pair(ScoredPair& pair, const BatchFeatures& f, const ScoreSettings& o) {
  apply_link_rules(pair, f, o);
  pair.score = combine(pair, f.langs[pair.a] != f.langs[pair.b], o);
}
}  // namespace

void rescore(std::vector<ScoredPair>& pairs, const BatchFeatures& f, const ScoreSettings& o) {
  for (auto& pair : pairs) rescore_pair(pair, f, o);
}

LinkPairBlocks rescored_links(const std::vector<ScoredPair>& pairs, const BatchFeatures& f, const ScoreSettings& o) {
  LinkPairBlocks links;
  for (size_t begin = 0; begin < pairs.size(); begin += LinkPairBlocks::kBlockPairs) {
    const size_t end = std::min(pairs.size(), begin + LinkPairBlocks::kBlockPairs);
    std::vector<LinkPair> block(end - begin);
#pragma omp parallel for schedule(static)
    for (size_t k = begin; k < end; ++k) {
      ScoredPair p = pairs[k];
      rescore_pair(p, f, o);
      block[k - begin] = LinkPair::of(p);
    }
    links.append_block(std::move(block));
  }
  return links;
}

ScoredPair score_pair(const PairSide& a, const PairSide& b, float cosine, const ScoreSettings& o) {
  ScoredPair p;
  p.cosine = cosine;
  p.names = anchor_similarity(a.anchors.all, b.anchors.all);
  p.participants = participant_overlap(a.anchors, b.anchors);
  p.conflict = participant_conflict(a.anchors, b.anchors);
  p.results_differ = results_differ(a.results, b.results);
  p.editions_differ = editions_differ(a.happening, b.happening);
  p.actions_differ = actions_differ(a.happening, b.happening);
  p.counterparts_differ = counterparts_differ(a.anchors, b.anchors);
  p.venues_differ = venues_differ(a.happening, b.happening);
  p.days_apart = static_cast<int8_t>(std::min(stated_days_apart(a.happening, b.happening), 127));
  p.same_year = year_agreement(a.year, b.year);
  apply_link_rules(p, a.date, b.date, o, a.calendar_days, b.calendar_days);
  p.score = combine(p, a.lang != b.lang, o);
  return p;
}

ScoredPair score_pair(const BatchFeatures& f, uint32_t a, uint32_t b, const ScoreSettings& o) {
  float cosine = f.has_vector[a] && f.has_vector[b] ? f.vectors.row(a).dot(f.vectors.row(b)) : 0.f;
  ScoredPair p = score_pair(pair_side(f, a), pair_side(f, b), cosine, o);
  p.a = a;
  p.b = b;
  return p;
}

namespace {

// Rows scored at a time: each block of pairs is allocated as its rows are scored and their
// candidate lists are freed, so the candidates and the pairs are not both held whole.
constexpr size_t kScoreRows = 8192;

// Every candidate pair scored and kept as `keep` makes it, rows in order, a block of rows at a
// time handed to `emit` (a std::vector<Pair> in row order), after `expect(total pairs)`.
template <typename Pair, typename Keep, typename Expect, typename Emit>
void score_candidates(const BatchFeatures& f, const ScoreSettings& o, CosineSearch search, Keep keep, Expect expect,
                      Emit emit) {
  const double search_start = omp_get_wtime();
  auto candidates = candidate_lists(f, o, search);
  const size_t n = candidates.size();
#pragma omp parallel for schedule(dynamic, 64)
  for (size_t i = 0; i < n; ++i) {  // a partner proposed by both the cosine and an anchor: once
    auto& list = candidates[i];
    std::sort(list.begin(), list.end(), [](auto& a, auto& b) { return a.second < b.second; });
    list.erase(std::unique(list.begin(), list.end(), [](auto& a, auto& b) { return a.second == b.second; }),
               list.end());
  }
  size_t total = 0;
  for (const auto& list : candidates) total += list.size();
  expect(total);
  // The two halves of the score stage: at scale they grow differently (the search with the
  // articles per date window, the scoring with the pairs), so the log says which one to look at.
  spdlog::debug("score: candidate search found {} pairs in {:.2f}s", total, omp_get_wtime() - search_start);
  const double scoring_start = omp_get_wtime();
  std::vector<size_t> offset;
  for (size_t begin = 0; begin < n; begin += kScoreRows) {
    const size_t end = std::min(n, begin + kScoreRows);
    offset.assign(end - begin + 1, 0);
    for (size_t i = begin; i < end; ++i) offset[i - begin + 1] = offset[i - begin] + candidates[i].size();
    std::vector<Pair> block(offset.back());
#pragma omp parallel for schedule(dynamic, 64)
    for (size_t i = begin; i < end; ++i) {
      for (size_t k = 0; k < candidates[i].size(); ++k)
        block[offset[i - begin] + k] = keep(score_pair(f, static_cast<uint32_t>(i), candidates[i][k].second, o));
      std::vector<Neighbour>().swap(candidates[i]);
    }
    emit(std::move(block));
  }
  spdlog::debug("score: {} pairs scored in {:.2f}s", total, omp_get_wtime() - scoring_start);
}

}  // namespace

std::vector<ScoredPair> score_pairs(const BatchFeatures& f, const ScoreSettings& o, CosineSearch search) {
  std::vector<ScoredPair> pairs;
  score_candidates<ScoredPair>(
      f, o, search, [](const ScoredPair& p) { return p; }, [&pairs](size_t total) { pairs.reserve(total); },
      [&pairs](std::vector<ScoredPair> block) { pairs.insert(pairs.end(), block.begin(), block.end()); });
  return pairs;
}

LinkPairBlocks score_link_pairs(const BatchFeatures& f, const ScoreSettings& o, CosineSearch search) {
  LinkPairBlocks pairs;
  score_candidates<LinkPair>(
      f, o, search, [](const ScoredPair& p) { return LinkPair::of(p); }, [](size_t) {},
      [&pairs](std::vector<LinkPair> block) { pairs.append_block(std::move(block)); });
  return pairs;
}

}  // namespace crossdup
