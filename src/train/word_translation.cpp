// Word translation on held-out dictionary pairs: nearest target-language words by cosine.
#include <algorithm>
#include <functional>
#include <fstream>
#include <map>
#include <set>

#include <Eigen/Dense>

#include "crossdup/error.h"
#include "crossdup/train.h"

namespace crossdup {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

RowMatrix unit_rows(const WordVectors& table) {
  RowMatrix m(table.size(), table.dim());
  for (int64_t i = 0; i < table.size(); ++i) table.unit_vector(i, m.row(i).data());
  return m;
}

constexpr int kCslsNeighbours = 10;

// Mean cosine of each row of `a` to its k nearest rows of `b`, in blocks.
Eigen::VectorXf neighbourhood_density(const RowMatrix& a, const RowMatrix& b) {
  Eigen::VectorXf out(a.rows());
  constexpr Eigen::Index kBlock = 1024;
  for (Eigen::Index start = 0; start < a.rows(); start += kBlock) {
    const Eigen::Index rows = std::min(kBlock, a.rows() - start);
    Eigen::MatrixXf sims = a.middleRows(start, rows) * b.transpose();
    for (Eigen::Index r = 0; r < rows; ++r) {
      std::vector<float> row(sims.row(r).data(), sims.row(r).data() + sims.cols());
      const size_t k = std::min<size_t>(kCslsNeighbours, row.size());
      std::partial_sort(row.begin(), row.begin() + static_cast<long>(k), row.end(), std::greater<float>());
      float sum = 0;
      for (size_t i = 0; i < k; ++i) sum += row[i];
      out(start + r) = k ? sum / static_cast<float>(k) : 0.f;
    }
  }
  return out;
}

// Whether a gold translation is first, or among the first ten, by these scores.
std::pair<bool, bool> hits(const Eigen::VectorXf& scores, const WordVectors& to, const std::set<std::string>& gold) {
  std::vector<int64_t> order(static_cast<size_t>(scores.size()));
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int64_t>(k);
  const size_t top = std::min<size_t>(10, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(top), order.end(),
                    [&](int64_t a, int64_t b) { return scores(a) != scores(b) ? scores(a) > scores(b) : a < b; });
  for (size_t k = 0; k < top; ++k)
    if (gold.count(std::string(to.word(order[k])))) return {k == 0, true};
  return {false, false};
}

// One direction: source word -> its gold translations; p@1 and p@10 over the target table, by
// cosine and by CSLS.
WordTranslationResult measure(const WordVectors& from, const WordVectors& to, const RowMatrix& targets,
                              const std::map<std::string, std::set<std::string>>& gold, WordTranslationResult r) {
  std::vector<float> v(static_cast<size_t>(from.dim()));
  size_t hit1 = 0, hit10 = 0, csls1 = 0, csls10 = 0;
  const RowMatrix sources = unit_rows(from);
  const Eigen::VectorXf target_density = neighbourhood_density(targets, sources);
  const Eigen::VectorXf source_density = neighbourhood_density(sources, targets);
  for (const auto& [word, translations] : gold) {
    int64_t i = from.find(word);
    bool any_known =
        std::any_of(translations.begin(), translations.end(), [&](const std::string& t) { return to.find(t) >= 0; });
    if (i < 0 || !any_known) {
      ++r.pairs_unknown;
      continue;
    }
    from.unit_vector(i, v.data());
    Eigen::VectorXf scores = targets * Eigen::Map<const Eigen::VectorXf>(v.data(), from.dim());
    auto [first, ten] = hits(scores, to, translations);
    hit1 += first, hit10 += ten;
    Eigen::VectorXf csls = (2 * scores - target_density).array() - source_density(i);
    auto [csls_first, csls_ten] = hits(csls, to, translations);
    csls1 += csls_first, csls10 += csls_ten;
    ++r.words;
  }
  if (r.words) {
    r.precision_at_1 = static_cast<double>(hit1) / static_cast<double>(r.words);
    r.precision_at_10 = static_cast<double>(hit10) / static_cast<double>(r.words);
    r.csls_at_1 = static_cast<double>(csls1) / static_cast<double>(r.words);
    r.csls_at_10 = static_cast<double>(csls10) / static_cast<double>(r.words);
  }
  return r;
}

}  // namespace

std::vector<WordTranslationResult> evaluate_word_translation(const Model& model,
                                                             const std::vector<TranslationPair>& pairs) {
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::set<std::string>>> by_direction;
  for (const auto& p : pairs) by_direction[{p.from_lang, p.to_lang}][p.from].insert(p.to);
  std::map<std::string, RowMatrix> targets;
  std::vector<WordTranslationResult> results;
  for (const auto& [direction, gold] : by_direction) {
    const LanguageSpace* from = model.language(direction.first);
    const LanguageSpace* to = model.language(direction.second);
    if (!from || !to) continue;
    if (!targets.count(direction.second)) targets[direction.second] = unit_rows(*to->vectors);
    WordTranslationResult r;
    r.from = direction.first;
    r.to = direction.second;
    results.push_back(measure(*from->vectors, *to->vectors, targets[direction.second], gold, r));
  }
  return results;
}

std::vector<TranslationPair> read_translation_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read word pairs");
  std::vector<TranslationPair> pairs;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto cols = split_tabs(line);
    if (cols.size() != 4)
      throw InputError(path + ":" + std::to_string(number) +
                       ": expected from_lang, word, to_lang, word (tab-separated)");
    pairs.push_back({cols[0], cols[1], cols[2], cols[3]});
  }
  return pairs;
}

}  // namespace crossdup
