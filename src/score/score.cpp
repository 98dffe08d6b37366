// Score stage: candidates from blocked matrix products, then the combined pair score.
#include <algorithm>
#include <memory>

#include <hnswlib/hnswlib.h>
#include <omp.h>

#include "crossdup/score.h"

namespace crossdup {
namespace {

constexpr Eigen::Index kBlock = 512;

using Candidate = Neighbour;

// How many neighbours per language are worth keeping while searching: choose_neighbours takes
// at most this many from any one language.
size_t neighbour_list_size(const Options& o) { return std::max(o.max_neighbours, o.neighbours_per_language); }

bool better(const Candidate& a, const Candidate& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

// Keeps the `k` best candidates. The order (cosine, then lower index) is total, so the kept set
// never depends on when the list was pruned or on scheduling.
void keep_best(std::vector<Candidate>& list, size_t k) {
  if (list.size() <= k) return;
  std::nth_element(list.begin(), list.begin() + static_cast<long>(k), list.end(), better);
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

// The languages of the articles that have a vector, as small ids (in order of the names, so
// that they do not depend on the input order); articles without a vector get `count`.
struct VectorLanguages {
  std::vector<uint32_t> of;
  size_t count = 0;
};
VectorLanguages vector_languages(const BatchFeatures& f) {
  std::vector<std::string> names;
  for (size_t i = 0; i < f.langs.size(); ++i)
    if (f.has_vector[i]) names.push_back(f.langs[i]);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  VectorLanguages out{std::vector<uint32_t>(f.langs.size(), static_cast<uint32_t>(names.size())), names.size()};
  for (size_t i = 0; i < f.langs.size(); ++i)
    if (f.has_vector[i])
      out.of[i] = static_cast<uint32_t>(std::lower_bound(names.begin(), names.end(), f.langs[i]) - names.begin());
  return out;
}

// For each article, its chosen neighbours by cosine above the floor (choose_neighbours), each
// pair in the list of its earlier article. One block of rows against all rows at a time: memory
// stays at kBlock x N floats. Every article chooses among all others (not only later ones), so
// its candidates do not depend on where it sits in the input.
std::vector<std::vector<Candidate>> cosine_candidates(const BatchFeatures& f, const Options& o) {
  const Eigen::Index n = f.vectors.rows();
  const VectorLanguages languages = vector_languages(f);
  const size_t list_size = neighbour_list_size(o);
  std::vector<std::vector<Candidate>> best(static_cast<size_t>(n));
  const float floor = static_cast<float>(o.candidate_floor);
  for (Eigen::Index start = 0; start < n; start += kBlock) {
    const Eigen::Index rows = std::min(kBlock, n - start);
    Eigen::MatrixXf block = f.vectors.middleRows(start, rows) * f.vectors.transpose();
#pragma omp parallel for schedule(dynamic, 8)
    for (Eigen::Index r = 0; r < rows; ++r) {
      const size_t i = static_cast<size_t>(start + r);
      if (!f.has_vector[i]) continue;
      std::vector<std::vector<Candidate>> by_language(languages.count);
      for (Eigen::Index j = 0; j < n; ++j) {
        if (j == start + r || !f.has_vector[static_cast<size_t>(j)]) continue;
        float c = block(r, j);
        if (c < floor) continue;
        auto& list = by_language[languages.of[static_cast<size_t>(j)]];
        list.emplace_back(c, static_cast<uint32_t>(j));
        // Pruned as it grows: a list of every neighbour above the floor would keep its
        // capacity after the cut (measured: 380 MB of 600 on 20,000 near-duplicate articles).
        if (list.size() >= 4 * list_size) keep_best(list, list_size);
      }
      best[i] = choose_neighbours(std::move(by_language), languages.of[i], o);
    }
  }
  return in_earlier_lists(std::move(best));
}

// An approximate nearest-neighbour graph (HNSW, inner product on the unit vectors) over the
// articles of one language. Built on one thread, in input order, with a fixed seed, so it never
// depends on the thread count; searched from any thread.
class LanguageGraph {
 public:
  LanguageGraph(const BatchFeatures& f, std::vector<uint32_t> members, hnswlib::SpaceInterface<float>& space)
      : members_(std::move(members)), graph_(&space, members_.size(), kLinks, kBuildBreadth, kSeed) {
    for (size_t k = 0; k < members_.size(); ++k) graph_.addPoint(row(f, members_[k]), k);  // hnswlib copies it
  }

  // The article's `wanted` nearest in this language above the floor, itself excluded.
  std::vector<Candidate> nearest(const BatchFeatures& f, uint32_t article, size_t wanted, float floor) const {
    wanted = std::min(wanted + 1, members_.size());  // one more: the article may find itself
    auto found = graph_.searchKnn(row(f, article), wanted);
    std::vector<Candidate> out;
    for (; !found.empty(); found.pop()) {
      const auto [distance, label] = found.top();  // distance = 1 - inner product
      const float cosine = 1.f - distance;
      if (members_[label] != article && cosine >= floor) out.emplace_back(cosine, members_[label]);
    }
    return out;
  }

  void set_search_breadth(size_t wanted) { graph_.setEf(std::max<size_t>(2 * (wanted + 1), 100)); }

 private:
  static constexpr size_t kLinks = 16, kBuildBreadth = 200, kSeed = 20250324;
  // The matrix is row-major: a row is already the plain float array hnswlib reads.
  static const float* row(const BatchFeatures& f, uint32_t i) {
    return f.vectors.row(static_cast<Eigen::Index>(i)).data();
  }
  std::vector<uint32_t> members_;
  hnswlib::HierarchicalNSW<float> graph_;
};

// The same lists from one HNSW graph per language: each article asks every language's graph for
// its nearest (400 or 1,000 as search breadth find the same lists as 102: measured); the
// queries run in parallel.
std::vector<std::vector<Candidate>> approximate_cosine_candidates(const BatchFeatures& f, const Options& o) {
  const auto n = static_cast<size_t>(f.vectors.rows());
  const VectorLanguages languages = vector_languages(f);
  std::vector<std::vector<uint32_t>> members(languages.count);
  for (uint32_t i = 0; i < n; ++i)
    if (f.has_vector[i]) members[languages.of[i]].push_back(i);
  hnswlib::InnerProductSpace space(static_cast<size_t>(f.vectors.cols()));
  const size_t list_size = neighbour_list_size(o);
  // Languages are built side by side, each graph on one thread in input order: the graphs are
  // the same for any thread count.
  std::vector<std::unique_ptr<LanguageGraph>> graphs(members.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t l = 0; l < members.size(); ++l) {
    graphs[l] = std::make_unique<LanguageGraph>(f, std::move(members[l]), space);
    graphs[l]->set_search_breadth(list_size);
  }
  const float floor = static_cast<float>(o.candidate_floor);
  std::vector<std::vector<Candidate>> found(n);
#pragma omp parallel for schedule(dynamic, 64)
  for (size_t i = 0; i < n; ++i) {
    if (!f.has_vector[i]) continue;
    std::vector<std::vector<Candidate>> by_language;
    for (const auto& graph : graphs)
      by_language.push_back(graph->nearest(f, static_cast<uint32_t>(i), list_size, floor));
    found[i] = choose_neighbours(std::move(by_language), languages.of[i], o);
  }
  return in_earlier_lists(std::move(found));
}

// Pairs that share names and figures: articles without vectors (unknown languages) still meet
// their reports in other languages. Each article proposes its best partners by shared names
// (anchor_neighbours), whatever the size of the batch.
void anchor_candidates(const BatchFeatures& f, const Options& o, std::vector<std::vector<Candidate>>& out) {
  AnchorPostings postings(f.anchor_text.size());
  for (uint32_t i = 0; i < f.anchors.size(); ++i)
    for (auto& [id, w] : f.anchors[i].entries) postings[id].emplace_back(i, w);
  std::vector<std::vector<Candidate>> chosen(f.anchors.size());
#pragma omp parallel for schedule(dynamic, 64)
  for (size_t i = 0; i < f.anchors.size(); ++i)
    for (uint32_t j : anchor_neighbours(f.anchors[i], postings, static_cast<uint32_t>(i), o.max_neighbours))
      chosen[i].emplace_back(-1.f, j);
  auto pairs = in_earlier_lists(std::move(chosen));
  for (size_t i = 0; i < pairs.size(); ++i) out[i].insert(out[i].end(), pairs[i].begin(), pairs[i].end());
}

}  // namespace

std::vector<uint32_t> anchor_neighbours(const AnchorVector& anchors, const AnchorPostings& postings, uint32_t self,
                                        size_t keep) {
  if (keep == 0) return {};
  // The products of weights over the shared anchors, summed per article in a dense array
  // (one per thread, kept between calls: sorting the products instead took a sixth of a
  // 20,000-article run).
  thread_local std::vector<float> sum;
  thread_local std::vector<uint8_t> seen;
  std::vector<uint32_t> touched;
  for (const auto& [id, weight] : anchors.entries) {
    if (id >= postings.size() || postings[id].size() > kMaxAnchorPostings) continue;
    for (const auto& [j, w] : postings[id]) {
      if (j == self) continue;
      if (j >= sum.size()) sum.resize(j + 1, 0.f), seen.resize(j + 1, 0);
      if (!seen[j]) seen[j] = 1, touched.push_back(j);
      sum[j] += weight * w;
    }
  }
  std::vector<Candidate> summed;
  summed.reserve(touched.size());
  for (uint32_t j : touched) {
    summed.emplace_back(sum[j], j);
    sum[j] = 0.f, seen[j] = 0;
  }
  // The best `keep`, and every partner tied with the last of them: reports with the same names
  // tie often, and a cut among them by index would depend on the input order.
  float last_kept = -1.f;  // weights are positive: every partner
  if (summed.size() > keep) {
    std::nth_element(summed.begin(), summed.begin() + static_cast<long>(keep - 1), summed.end(), better);
    last_kept = summed[keep - 1].first;
  }
  std::vector<uint32_t> out;
  for (const auto& [similarity, j] : summed)
    if (similarity >= last_kept) out.push_back(j);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Neighbour> choose_neighbours(std::vector<std::vector<Neighbour>> by_language, size_t own_language,
                                         const Options& o) {
  std::vector<Neighbour> chosen;
  for (const auto& list : by_language) chosen.insert(chosen.end(), list.begin(), list.end());
  keep_best(chosen, o.max_neighbours);
  for (size_t l = 0; l < by_language.size(); ++l) {
    if (l == own_language) continue;
    keep_best(by_language[l], o.neighbours_per_language);
    chosen.insert(chosen.end(), by_language[l].begin(), by_language[l].end());
  }
  std::sort(chosen.begin(), chosen.end(), [](const Neighbour& a, const Neighbour& b) { return a.second < b.second; });
  chosen.erase(std::unique(chosen.begin(), chosen.end(),
                           [](const Neighbour& a, const Neighbour& b) { return a.second == b.second; }),
               chosen.end());
  chosen.shrink_to_fit();
  return chosen;
}

void apply_link_rules(ScoredPair& p, const BatchFeatures& f, const Options& o) {
  apply_link_rules(p, f.dates[p.a], f.dates[p.b], o, f.calendar_days[p.a], f.calendar_days[p.b]);
}

void apply_link_rules(ScoredPair& p, const std::optional<DateRange>& da, const std::optional<DateRange>& db,
                      const Options& o, const std::optional<CalendarDays>& days_a,
                      const std::optional<CalendarDays>& days_b) {
  p.date_compatible = !da || !db || date_gap(*da, *db) <= o.max_date_gap_days;
  // Two date fields are the rule above; a day a report states in its text is less sure (no year,
  // sometimes another event's), so only days months apart keep such a pair apart.
  if (days_a && days_b && (days_a->stated || days_b->stated) &&
      calendar_gap(*days_a, *days_b) > o.max_stated_date_gap_days)
    p.date_compatible = false;
  p.participants_compatible = p.conflict < o.max_conflict && !p.results_differ && !p.editions_differ;
}

float year_agreement(const std::optional<int>& a, const std::optional<int>& b) {
  if (!a || !b) return 0.f;
  return *a == *b ? 1.f : -1.f;
}

ScoreTerms score_terms(const ScoredPair& p, bool cross_language, const Options& o) {
  const float w_cosine = static_cast<float>(o.weight_cosine);
  ScoreTerms t;
  t.cosine = w_cosine * p.cosine;
  t.cross_language = cross_language ? w_cosine * static_cast<float>(o.cross_language_bonus) : 0.f;
  t.names = static_cast<float>(o.weight_names) * p.names;
  t.participants = static_cast<float>(o.weight_participants) * p.participants;
  t.translated = static_cast<float>(o.weight_translated) * p.translated +
                 static_cast<float>(o.weight_lead_translated) * p.lead_translated;
  t.year = static_cast<float>(o.weight_year) * p.same_year;
  t.conflict = -static_cast<float>(o.weight_conflict) * p.conflict;
  if (!p.participants_compatible) t.conflict -= static_cast<float>(o.conflict_penalty);
  if (p.actions_differ) t.happening -= static_cast<float>(o.action_penalty);
  if (p.days_apart == 1) t.happening -= static_cast<float>(o.next_day_penalty);
  if (p.days_apart >= 2) t.happening -= static_cast<float>(o.days_apart_penalty);
  return t;
}

float combine(const ScoredPair& p, bool cross_language, const Options& o) {
  return score_terms(p, cross_language, o).sum();
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
  p.results_differ = results_differ(a.results, b.results);
  p.editions_differ = editions_differ(a.happening, b.happening);
  p.actions_differ = actions_differ(a.happening, b.happening);
  p.days_apart = static_cast<int8_t>(std::min(stated_days_apart(a.happening, b.happening), 127));
  if (a.concepts && b.concepts) p.translated = anchor_similarity(*a.concepts, *b.concepts);
  if (a.lead_concepts && b.lead_concepts) p.lead_translated = anchor_similarity(*a.lead_concepts, *b.lead_concepts);
  p.same_year = year_agreement(a.year, b.year);
  apply_link_rules(p, a.date, b.date, o, a.calendar_days, b.calendar_days);
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
  anchor_candidates(f, o, candidates);
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
