// Cross-language retrieval on held-out aligned text: each item's translation must be its
// nearest neighbour among all items of the other language. Items are embedded exactly as
// the pipeline embeds articles (compute_features), so the figure measures what users get.
#include <filesystem>
#include <fstream>

#include "crossdup/features.h"
#include "crossdup/score.h"
#include "crossdup/train.h"
#include "crossdup/translate.h"

namespace crossdup {
namespace fs = std::filesystem;
namespace {

using Items = std::map<std::string, std::vector<std::string>>;  // lang -> aligned texts

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> lines;
  std::ifstream in(p);
  std::string l;
  while (std::getline(in, l)) lines.push_back(l);
  return lines;
}

// Groups line-aligned sentences into chunks of `size` within each document.
Items chunk(const std::map<std::string, std::vector<std::string>>& lines, const std::vector<std::string>& doc_ids,
            size_t size) {
  Items items;
  for (auto& [lang, ls] : lines) {
    std::string cur;
    size_t in_chunk = 0;
    for (size_t i = 0; i < ls.size(); ++i) {
      bool new_doc = size == 0 ? (i > 0 && doc_ids[i] != doc_ids[i - 1])
                               : (in_chunk == size || (i > 0 && doc_ids[i] != doc_ids[i - 1]));
      if (new_doc && !cur.empty()) {
        items[lang].push_back(cur);
        cur.clear();
        in_chunk = 0;
      }
      cur += ls[i] + "\n";
      ++in_chunk;
    }
    if (!cur.empty()) items[lang].push_back(cur);
  }
  return items;
}

// What ranks the candidates: the document vectors alone, the pipeline's whole pair score, or
// either plus the cosine of the words both share as English concepts (translate.h), which
// measures the model's concept table.
enum class Ranking { kVectors, kPairScore, kVectorsAndConcepts, kPairScoreAndConcepts };

bool uses_concepts(Ranking r) { return r == Ranking::kVectorsAndConcepts || r == Ranking::kPairScoreAndConcepts; }
bool uses_pair_score(Ranking r) { return r == Ranking::kPairScore || r == Ranking::kPairScoreAndConcepts; }

// Each item's words as English concepts, in the order of `articles`.
std::vector<AnchorVector> concept_vectors(const std::vector<Article>& articles, const Model& model,
                                          const Options& options) {
  std::vector<ModelWords> words;
  for (const Article& a : articles) words.push_back(model_words(a.text, a.lang, model, options));
  ConceptTranslator translator(model);
  translate_words(words, translator);
  std::vector<AnchorVector> concepts;
  for (const ModelWords& w : words) concepts.push_back(concept_vector(w, translator));
  return concepts;
}

// Precision@1 from `from` to `to` with the pipeline's vectors (and, optionally, names).
double precision_at_1(const Model& model, const std::vector<std::string>& from, const std::string& from_lang,
                      const std::vector<std::string>& to, const std::string& to_lang, Ranking ranking,
                      const Options& options) {
  std::vector<Article> articles;
  auto add = [&](const std::string& id, const std::string& lang, const std::string& text) {
    Article a;
    a.id = id;
    a.lang = lang;
    a.text = text;
    articles.push_back(std::move(a));
  };
  for (size_t i = 0; i < from.size(); ++i) add("f" + std::to_string(i), from_lang, from[i]);
  for (size_t i = 0; i < to.size(); ++i) add("t" + std::to_string(i), to_lang, to[i]);
  auto f = compute_features(articles, model, options);
  const auto concepts =
      uses_concepts(ranking) ? concept_vectors(articles, model, options) : std::vector<AnchorVector>{};
  const Eigen::Index n = static_cast<Eigen::Index>(from.size());
  Eigen::MatrixXf sims = f.vectors.topRows(n) * f.vectors.bottomRows(static_cast<Eigen::Index>(to.size())).transpose();
  size_t hits = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index best = 0;
    float best_score = -1e9f;
    for (Eigen::Index j = 0; j < sims.cols(); ++j) {
      float s = sims(i, j);
      if (uses_pair_score(ranking))
        s = score_pair(f, static_cast<uint32_t>(i), static_cast<uint32_t>(n + j), options).score;
      if (uses_concepts(ranking))
        s += anchor_similarity(concepts[static_cast<size_t>(i)], concepts[static_cast<size_t>(n + j)]);
      if (s > best_score) best_score = s, best = j;
    }
    hits += best == i;
  }
  return n ? static_cast<double>(hits) / static_cast<double>(n) : 0.0;
}

void evaluate_set(const Model& model, const Options& options, const std::string& name, const Items& items,
                  std::vector<RetrievalResult>& out) {
  for (auto& [a, ta] : items)
    for (auto& [b, tb] : items) {
      if (a == b || !model.language(a) || !model.language(b)) continue;
      out.push_back({name, a, b, ta.size(), precision_at_1(model, ta, a, tb, b, Ranking::kVectors, options)});
      out.push_back({name + "+concepts", a, b, ta.size(),
                     precision_at_1(model, ta, a, tb, b, Ranking::kVectorsAndConcepts, options)});
      out.push_back(
          {name + "+names", a, b, ta.size(), precision_at_1(model, ta, a, tb, b, Ranking::kPairScore, options)});
      out.push_back({name + "+names+concepts", a, b, ta.size(),
                     precision_at_1(model, ta, a, tb, b, Ranking::kPairScoreAndConcepts, options)});
    }
}

}  // namespace

std::vector<RetrievalResult> evaluate_retrieval(const Model& model, const std::string& corpora_dir,
                                                const Options& options) {
  std::vector<RetrievalResult> results;
  fs::path held = fs::path(corpora_dir) / "heldout";
  auto ntrex = read_lines(held / "ntrex_newstest2019_en_fr_vi.tsv");
  auto ids = read_lines(held / "ntrex_document_ids.tsv");
  if (!ntrex.empty() && ids.size() == ntrex.size()) {
    std::map<std::string, std::vector<std::string>> lines;
    for (auto& l : ntrex) {
      auto cols = split_tabs(l);
      cols.resize(3);
      lines["en"].push_back(cols[0]);
      lines["fr"].push_back(cols[1]);
      lines["vi"].push_back(cols[2]);
    }
    evaluate_set(model, options, "ntrex-documents", chunk(lines, ids, 0), results);
    evaluate_set(model, options, "ntrex-chunks5", chunk(lines, ids, 5), results);
  }
  std::map<std::string, std::vector<std::string>> ted;
  std::vector<std::string> ted_ids;
  for (const char* set : {"tst2012", "tst2013"}) {
    auto en = read_lines(held / (std::string(set) + ".en"));
    auto vi = read_lines(held / (std::string(set) + ".vi"));
    if (en.empty() || en.size() != vi.size()) continue;
    ted["en"].insert(ted["en"].end(), en.begin(), en.end());
    ted["vi"].insert(ted["vi"].end(), vi.begin(), vi.end());
    ted_ids.insert(ted_ids.end(), en.size(), set);
  }
  if (!ted_ids.empty()) evaluate_set(model, options, "ted-chunks5", chunk(ted, ted_ids, 5), results);
  return results;
}

}  // namespace crossdup
