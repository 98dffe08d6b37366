// Candidate search: which pairs the score stage scores at all. Vector neighbours come from blocked
// matrix products (every article against the others, or against the others of its date window)
// or from HNSW graphs past ScoreSettings::approximate_above; name partners come from anchor postings.
// Pairs whose date fields rule them out are never proposed.
#include "candidates.h"

#include <algorithm>
#include <memory>

#include <hnswlib/hnswlib.h>
#include <omp.h>
#include <spdlog/spdlog.h>

namespace crossdup {
namespace {

using Candidate = Neighbour;
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr Eigen::Index kBlockRows = 512;
// A block's products are at most this many floats (128 MB): long column ranges are read in
// slices, so the memory of the search does not grow with the batch.
constexpr Eigen::Index kMaxBlockFloats = Eigen::Index{1} << 25;
// Dated articles whose date field spans more days than this ("2024", a year) are compared
// with every article, as undated ones are: a window would have to be as long as their range.
constexpr Day kLongestWindowedRange = 31;

// How many neighbours per language are worth keeping while searching: choose_neighbours takes
// at most this many from any one language.
size_t neighbour_list_size(const ScoreSettings& o) { return std::max(o.max_neighbours, o.neighbours_per_language); }

bool better(const Candidate& a, const Candidate& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

// Keeps the `k` best candidates. The order (cosine, then lower index) is total, so the kept set
// never depends on when the list was pruned, on the order columns were read or on scheduling.
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

// The articles with a vector in the order the exact search reads them. With date windows, the
// dated ones (a date field of at most kLongestWindowedRange days) come first, in classes by the
// length of their date range (a day, two days, up to 4, 8, 16, 32), each class by first day and
// then index; the rest come after them. A dated article is compared with the positions of its
// window in every class and with all the rest; the rest are compared with everything. Without
// windows all are "the rest".
//
// Why classes: a column can lie within the gap of a row only if its first day is at most the
// gap plus its own range before the row's. With one sorted list that range had to be the
// longest of the batch, so one report dated "2024-09" widened every day-dated report's window
// by a month (measured: 37,090 others per article instead of about 13,000 on 300k articles).
struct SearchOrder {
  struct RangeClass {
    Eigen::Index begin, end;  // its positions
    Day longest;              // the longest date range among them
  };
  std::vector<uint32_t> article;   // position -> article
  size_t windowed = 0;             // positions [0, windowed) are dated, in classes
  std::vector<Day> first, last;    // of the windowed positions
  std::vector<RangeClass> classes;  // in position order; blocks of rows never straddle two
  Eigen::Index size() const { return static_cast<Eigen::Index>(article.size()); }
};

// 0 for a one-day range, then 1 + floor(log2(days - 1)): 2 days, 3-4, 5-8, 9-16, 17-32.
int range_class(const DateRange& d) {
  int k = 0;
  for (Day span = d.last - d.first; span > 0; span >>= 1) ++k;
  return k;
}

SearchOrder search_order(const BatchFeatures& f, bool date_windows) {
  SearchOrder s;
  std::vector<uint32_t> rest;
  for (uint32_t i = 0; i < f.has_vector.size(); ++i) {
    if (!f.has_vector[i]) continue;
    const auto& d = f.dates[i];
    if (date_windows && d && d->last - d->first <= kLongestWindowedRange) s.article.push_back(i);
    else rest.push_back(i);
  }
  std::sort(s.article.begin(), s.article.end(), [&](uint32_t a, uint32_t b) {
    const DateRange &da = *f.dates[a], &db = *f.dates[b];
    const int ka = range_class(da), kb = range_class(db);
    if (ka != kb) return ka < kb;
    return da.first != db.first ? da.first < db.first : a < b;
  });
  s.windowed = s.article.size();
  int current_class = -1;
  for (size_t k = 0; k < s.windowed; ++k) {
    const DateRange& d = *f.dates[s.article[k]];
    s.first.push_back(d.first);
    s.last.push_back(d.last);
    const auto position = static_cast<Eigen::Index>(k);
    if (range_class(d) != current_class) {
      current_class = range_class(d);
      s.classes.push_back({position, position, 0});
    }
    s.classes.back().end = position + 1;
    s.classes.back().longest = std::max(s.classes.back().longest, d.last - d.first);
  }
  s.article.insert(s.article.end(), rest.begin(), rest.end());
  return s;
}

// The positions a block of rows is compared with, as half-open ranges. For windowed rows: in
// each class, the positions whose first day can lie within the gap of one of the rows (a
// column's last day is at most its class's `longest` after its first), then the rest.
using Range = std::pair<Eigen::Index, Eigen::Index>;
std::vector<Range> columns_of_block(const SearchOrder& s, Eigen::Index start, Eigen::Index rows, int gap) {
  const auto windowed = static_cast<Eigen::Index>(s.windowed);
  if (start >= windowed) return {{0, s.size()}};
  const Eigen::Index end = start + rows;  // blocks never straddle two classes (search_blocks)
  const Day earliest = s.first[static_cast<size_t>(start)];  // rows are sorted by first day
  const Day highest = *std::max_element(s.last.begin() + start, s.last.begin() + end) + gap;
  std::vector<Range> out;
  for (const auto& c : s.classes) {
    const auto begin = s.first.begin() + c.begin, stop = s.first.begin() + c.end;
    const auto lo = std::lower_bound(begin, stop, earliest - gap - c.longest) - s.first.begin();
    const auto hi = std::upper_bound(begin, stop, highest) - s.first.begin();
    if (lo < hi) out.emplace_back(lo, hi);
  }
  out.emplace_back(windowed, s.size());
  return out;
}

// Blocks of rows: each class of the windowed part and the rest are cut separately.
std::vector<Range> search_blocks(const SearchOrder& s) {
  std::vector<Range> parts;
  for (const auto& c : s.classes) parts.emplace_back(c.begin, c.end);
  parts.emplace_back(static_cast<Eigen::Index>(s.windowed), s.size());
  std::vector<Range> blocks;
  for (const auto& [begin, end] : parts)
    for (Eigen::Index start = begin; start < end; start += kBlockRows)
      blocks.emplace_back(start, std::min(kBlockRows, end - start));
  return blocks;
}

// How many others an article is compared with on average by the exact search.
double average_compared(const SearchOrder& s, int gap) {
  if (s.article.empty()) return 0;
  double total = 0;
  for (const auto& [start, rows] : search_blocks(s))
    for (const auto& [lo, hi] : columns_of_block(s, start, rows, gap))
      total += static_cast<double>(rows) * static_cast<double>(hi - lo);
  return total / static_cast<double>(s.article.size());
}

// The exact search: every article's neighbours above the floor among the positions its block
// is compared with (columns_of_block), read in slices of at most kMaxBlockFloats products. Each
// list is cut by the same total order whatever the slices, and a column outside the window is
// always one the dates rule out, so the lists equal those of a search over all columns.
std::vector<std::vector<Candidate>> exact_cosine_candidates(const BatchFeatures& f, const ScoreSettings& o,
                                                            const SearchOrder& s) {
  RowMatrix sorted(s.size(), f.vectors.cols());
  for (Eigen::Index k = 0; k < s.size(); ++k) sorted.row(k) = f.vectors.row(s.article[static_cast<size_t>(k)]);
  const VectorLanguages languages = vector_languages(f);
  const size_t list_size = neighbour_list_size(o);
  const float floor = static_cast<float>(o.candidate_floor);
  const int gap = o.max_date_gap_days;
  std::vector<std::vector<Candidate>> best(f.has_vector.size());
  RowMatrix product;
  for (const Range& block : search_blocks(s)) {
    // Plain variables, not a structured binding: OpenMP regions cannot capture those (clang).
    const Eigen::Index start = block.first, rows = block.second;
    std::vector<std::vector<std::vector<Candidate>>> lists(static_cast<size_t>(rows),
                                                           std::vector<std::vector<Candidate>>(languages.count));
    const Eigen::Index slice = std::max<Eigen::Index>(1024, kMaxBlockFloats / rows);
    for (const auto& [lo, hi] : columns_of_block(s, start, rows, gap)) {
      for (Eigen::Index c0 = lo; c0 < hi; c0 += slice) {
        const Eigen::Index cols = std::min(slice, hi - c0);
        product.noalias() = sorted.middleRows(start, rows) * sorted.middleRows(c0, cols).transpose();
#pragma omp parallel for schedule(dynamic, 8)
        for (Eigen::Index r = 0; r < rows; ++r) {
          const uint32_t i = s.article[static_cast<size_t>(start + r)];
          const float* cosines = product.row(r).data();
          for (Eigen::Index c = 0; c < cols; ++c) {
            if (cosines[c] < floor) continue;
            const uint32_t j = s.article[static_cast<size_t>(c0 + c)];
            if (j == i || dates_rule_out(f.dates[i], f.dates[j], gap)) continue;
            auto& list = lists[static_cast<size_t>(r)][languages.of[j]];
            list.emplace_back(cosines[c], j);
            // Pruned as it grows: a list of every neighbour above the floor would keep its
            // capacity after the cut (measured: 380 MB of 600 on 20,000 near-duplicate articles).
            if (list.size() >= 4 * list_size) keep_best(list, list_size);
          }
        }
      }
    }
#pragma omp parallel for schedule(dynamic, 8)
    for (Eigen::Index r = 0; r < rows; ++r) {
      const uint32_t i = s.article[static_cast<size_t>(start + r)];
      best[i] = choose_neighbours(std::move(lists[static_cast<size_t>(r)]), languages.of[i], o);
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
// queries run in parallel. Neighbours the dates rule out are dropped from what the graphs find.
std::vector<std::vector<Candidate>> approximate_cosine_candidates(const BatchFeatures& f, const ScoreSettings& o) {
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
    for (const auto& graph : graphs) {
      auto near = graph->nearest(f, static_cast<uint32_t>(i), list_size, floor);
      near.erase(std::remove_if(near.begin(), near.end(),
                                [&](const Candidate& c) {
                                  return dates_rule_out(f.dates[i], f.dates[c.second], o.max_date_gap_days);
                                }),
                 near.end());
      by_language.push_back(std::move(near));
    }
    found[i] = choose_neighbours(std::move(by_language), languages.of[i], o);
  }
  return in_earlier_lists(std::move(found));
}

// Pairs that share names and figures: articles without vectors (unknown languages) still meet
// their reports in other languages. Each article proposes its best partners by shared names
// (anchor_neighbours) among those its dates allow, whatever the size of the batch.
void anchor_candidates(const BatchFeatures& f, const ScoreSettings& o, std::vector<std::vector<Candidate>>& out) {
  AnchorPostings postings(f.anchor_text.size());
  for (uint32_t i = 0; i < f.anchors.size(); ++i)
    for (auto& [id, w] : f.anchors[i].entries) postings[id].emplace_back(i, w);
  std::vector<std::vector<Candidate>> chosen(f.anchors.size());
#pragma omp parallel for schedule(dynamic, 64)
  for (size_t i = 0; i < f.anchors.size(); ++i) {
    const PartnerDates dates{&f.dates[i], &f.dates, o.max_date_gap_days};
    for (uint32_t j : anchor_neighbours(f.anchors[i], postings, static_cast<uint32_t>(i), o.max_neighbours, dates))
      chosen[i].emplace_back(-1.f, j);
  }
  auto pairs = in_earlier_lists(std::move(chosen));
  for (size_t i = 0; i < pairs.size(); ++i) out[i].insert(out[i].end(), pairs[i].begin(), pairs[i].end());
}

}  // namespace

std::vector<std::vector<Neighbour>> candidate_lists(const BatchFeatures& f, const ScoreSettings& o,
                                                    CosineSearch search) {
  // The order is sorted once: the choice of search reads it, and the exact search runs on it.
  const SearchOrder order =
      search == CosineSearch::kApproximate ? SearchOrder{} : search_order(f, search != CosineSearch::kAllColumns);
  const double compared = average_compared(order, o.max_date_gap_days);  // 0 for the approximate search's empty order
  if (search == CosineSearch::kAuto)
    search = compared > static_cast<double>(o.approximate_above) ? CosineSearch::kApproximate : CosineSearch::kDateWindows;
  if (search == CosineSearch::kApproximate)
    spdlog::debug("score: approximate search (HNSW graph per language)");
  else
    spdlog::debug("score: exact search, {:.0f} others per article on average", compared);
  auto candidates =
      search == CosineSearch::kApproximate ? approximate_cosine_candidates(f, o) : exact_cosine_candidates(f, o, order);
  anchor_candidates(f, o, candidates);
  return candidates;
}

std::vector<uint32_t> anchor_neighbours(const AnchorVector& anchors, const AnchorPostings& postings, uint32_t self,
                                        size_t keep, const PartnerDates& dates) {
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
      if (!seen[j]) {
        if (dates.rule_out(j)) continue;
        seen[j] = 1, touched.push_back(j);
      }
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
                                         const ScoreSettings& o) {
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

}  // namespace crossdup
