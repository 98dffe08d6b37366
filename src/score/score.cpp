// Score stage: candidates from blocked matrix products, then the combined pair score.
#include <algorithm>
#include <unordered_map>

#include <hnswlib/hnswlib.h>
#include <omp.h>

#include "crossdup/score.h"

namespace crossdup {
namespace {

constexpr Eigen::Index kBlock = 512;

using Candidate = std::pair<float, uint32_t>;  // cosine, other article

// Keeps the `k` best candidates. The order (cosine, then lower index) is total, so the kept set
// never depends on when the list was pruned or on scheduling.
void keep_best(std::vector<Candidate>& list, size_t k) {
  if (list.size() <= k) return;
  std::nth_element(list.begin(), list.begin() + static_cast<long>(k), list.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return a.first != b.first ? a.first > b.first : a.second < b.second;
                   });
  list.resize(k);
}

// Each article's chosen neighbours as pairs in the list of the pair's earlier article (a pair
// chosen from both sides appears twice; score_pairs drops the repeat).
std::vector<std::vector<Candidate>> in_earlier_lists(std::vector<std::vector<Candidate>> chosen) {
  std::vector<std::vector<Candidate>> out(chosen.size());
  for (uint32_t i = 0; i < chosen.size(); ++i) {
    for (const auto& [cosine, j] : chosen[i]) out[std::min(i, j)].emplace_back(cosine, std::max(i, j));
    chosen[i] = {};
  }
  return out;
}

// For each article, its best neighbours by cosine above the floor, each pair in the list of its
// earlier article. One block of rows against all rows at a time: memory stays at kBlock x N
// floats. Every article chooses among all others (not only later ones), so its candidates do
// not depend on where it sits in the input.
std::vector<std::vector<Candidate>> cosine_candidates(const BatchFeatures& f, const Options& o) {
  const Eigen::Index n = f.vectors.rows();
  std::vector<std::vector<Candidate>> best(static_cast<size_t>(n));
  const float floor = static_cast<float>(o.candidate_floor);
  for (Eigen::Index start = 0; start < n; start += kBlock) {
    const Eigen::Index rows = std::min(kBlock, n - start);
    Eigen::MatrixXf block = f.vectors.middleRows(start, rows) * f.vectors.transpose();
#pragma omp parallel for schedule(dynamic, 8)
    for (Eigen::Index r = 0; r < rows; ++r) {
      const size_t i = static_cast<size_t>(start + r);
      if (!f.has_vector[i]) continue;
      auto& list = best[i];
      for (Eigen::Index j = 0; j < n; ++j) {
        if (j == start + r || !f.has_vector[static_cast<size_t>(j)]) continue;
        float c = block(r, j);
        if (c < floor) continue;
        list.emplace_back(c, static_cast<uint32_t>(j));
        // Pruned as it grows: a list of every neighbour above the floor would keep its
        // capacity after the cut (measured: 380 MB of 600 on 20,000 near-duplicate articles).
        if (list.size() >= 4 * o.max_neighbours) keep_best(list, o.max_neighbours);
      }
      keep_best(list, o.max_neighbours);
      list.shrink_to_fit();
    }
  }
  return in_earlier_lists(std::move(best));
}

// The same lists from an approximate nearest-neighbour graph (HNSW, inner product on the unit
// vectors): each article asks the graph for its best neighbours. The graph is built on one
// thread, in input order, with a fixed seed, so it and the lists never depend on the thread
// count; the queries run in parallel.
std::vector<std::vector<Candidate>> approximate_cosine_candidates(const BatchFeatures& f, const Options& o) {
  const auto n = static_cast<size_t>(f.vectors.rows());
  const auto dim = static_cast<size_t>(f.vectors.cols());
  std::vector<uint32_t> with_vector;
  for (uint32_t i = 0; i < n; ++i)
    if (f.has_vector[i]) with_vector.push_back(i);
  if (with_vector.size() < 2) return std::vector<std::vector<Candidate>>(n);
  // Rows of the (column-major) matrix are copied into a contiguous buffer for hnswlib.
  auto copy_row = [&](uint32_t i, std::vector<float>& row) {
    for (size_t d = 0; d < dim; ++d) row[d] = f.vectors(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(d));
  };
  hnswlib::InnerProductSpace space(dim);
  constexpr size_t kLinks = 16, kBuildBreadth = 200, kSeed = 20250324;
  hnswlib::HierarchicalNSW<float> graph(&space, with_vector.size(), kLinks, kBuildBreadth, kSeed);
  std::vector<float> row(dim);
  for (size_t k = 0; k < with_vector.size(); ++k) {
    copy_row(with_vector[k], row);
    graph.addPoint(row.data(), k);
  }
  // One more than wanted: the article finds itself.
  const size_t wanted = std::min(o.max_neighbours + 1, with_vector.size());
  graph.setEf(std::max<size_t>(2 * wanted, 100));  // 400 or 1000 find the same lists (measured)
  const float floor = static_cast<float>(o.candidate_floor);
  std::vector<std::vector<Candidate>> found(n);
#pragma omp parallel
  {
    std::vector<float> query(dim);
#pragma omp for schedule(dynamic, 64)
    for (size_t k = 0; k < with_vector.size(); ++k) {
      copy_row(with_vector[k], query);
      auto nearest = graph.searchKnn(query.data(), wanted);
      auto& list = found[with_vector[k]];
      for (; !nearest.empty(); nearest.pop()) {
        const auto [distance, label] = nearest.top();  // distance = 1 - inner product
        const float cosine = 1.f - distance;
        if (label != k && cosine >= floor) list.emplace_back(cosine, with_vector[label]);
      }
      keep_best(list, o.max_neighbours);
    }
  }
  return in_earlier_lists(std::move(found));
}

// Pairs that share a rare anchor: articles without vectors (unknown languages) still meet
// their reports in other languages through names and figures.
void anchor_candidates(const BatchFeatures& f, std::vector<std::vector<Candidate>>& out) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> postings;
  for (uint32_t i = 0; i < f.anchors.size(); ++i)
    for (auto& [id, w] : f.anchors[i].entries) postings[id].push_back(i);
  std::vector<uint32_t> ids;
  ids.reserve(postings.size());
  for (auto& [id, list] : postings) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  for (uint32_t id : ids) {
    const auto& list = postings[id];
    if (list.size() < 2 || list.size() > kMaxAnchorPostings) continue;
    for (size_t x = 0; x < list.size(); ++x)
      for (size_t y = x + 1; y < list.size(); ++y) out[list[x]].emplace_back(-1.f, list[y]);
  }
}

}  // namespace

void apply_link_rules(ScoredPair& p, const BatchFeatures& f, const Options& o) {
  apply_link_rules(p, f.dates[p.a], f.dates[p.b], o);
}

void apply_link_rules(ScoredPair& p, const std::optional<DateRange>& da, const std::optional<DateRange>& db,
                      const Options& o) {
  p.date_compatible = !da || !db || date_gap(*da, *db) <= o.max_date_gap_days;
  p.participants_compatible = p.conflict < o.max_conflict;
}

float year_agreement(const std::optional<int>& a, const std::optional<int>& b) {
  if (!a || !b) return 0.f;
  return *a == *b ? 1.f : -1.f;
}

float combine(const ScoredPair& p, bool cross_language, const Options& o) {
  float c = p.cosine + (cross_language ? static_cast<float>(o.cross_language_bonus) : 0.f);
  float score = static_cast<float>(o.weight_cosine) * c + static_cast<float>(o.weight_names) * p.names +
                static_cast<float>(o.weight_participants) * p.participants +
                static_cast<float>(o.weight_translated) * p.translated +
                static_cast<float>(o.weight_lead_translated) * p.lead_translated +
                static_cast<float>(o.weight_year) * p.same_year -
                static_cast<float>(o.weight_conflict) * p.conflict;
  if (!p.participants_compatible) score -= static_cast<float>(o.conflict_penalty);
  return score;
}

void rescore(std::vector<ScoredPair>& pairs, const BatchFeatures& f, const Options& o) {
  for (auto& pair : pairs) {
    apply_link_rules(pair, f, o);
    pair.score = combine(pair, f.langs[pair.a] != f.langs[pair.b], o);
  }
}

ScoredPair score_pair(const PairSide& a, const PairSide& b, float cosine, const Options& o) {
  ScoredPair p;
  p.cosine = cosine;
  p.names = anchor_similarity(a.anchors.all, b.anchors.all);
  p.participants = participant_overlap(a.anchors, b.anchors);
  p.conflict = participant_conflict(a.anchors, b.anchors);
  if (a.concepts && b.concepts) p.translated = anchor_similarity(*a.concepts, *b.concepts);
  if (a.lead_concepts && b.lead_concepts) p.lead_translated = anchor_similarity(*a.lead_concepts, *b.lead_concepts);
  p.same_year = year_agreement(a.year, b.year);
  apply_link_rules(p, a.date, b.date, o);
  p.score = combine(p, a.lang != b.lang, o);
  return p;
}

ScoredPair score_pair(const BatchFeatures& f, uint32_t a, uint32_t b, const Options& o) {
  float cosine = f.has_vector[a] && f.has_vector[b] ? f.vectors.row(a).dot(f.vectors.row(b)) : 0.f;
  ScoredPair p = score_pair(pair_side(f, a), pair_side(f, b), cosine, o);
  p.a = a;
  p.b = b;
  return p;
}

std::vector<ScoredPair> score_pairs(const BatchFeatures& f, const Options& o) {
  const bool approximate = static_cast<size_t>(f.vectors.rows()) > o.approximate_above;
  auto candidates = approximate ? approximate_cosine_candidates(f, o) : cosine_candidates(f, o);
  anchor_candidates(f, candidates);
  const size_t n = candidates.size();
  std::vector<std::vector<ScoredPair>> per_row(n);
#pragma omp parallel for schedule(dynamic, 16)
  for (size_t i = 0; i < n; ++i) {
    auto& list = candidates[i];
    std::sort(list.begin(), list.end(), [](auto& a, auto& b) { return a.second < b.second; });
    uint32_t last = UINT32_MAX;
    for (auto& [cos, j] : list) {
      if (j == last) continue;  // proposed by both the cosine and an anchor
      last = j;
      per_row[i].push_back(score_pair(f, static_cast<uint32_t>(i), j, o));
    }
  }
  size_t total = 0;
  for (const auto& row : per_row) total += row.size();
  std::vector<ScoredPair> pairs;
  pairs.reserve(total);
  for (auto& row : per_row) {
    pairs.insert(pairs.end(), row.begin(), row.end());
    row = {};
  }
  return pairs;
}

}  // namespace crossdup
