// Features stage: document vectors and anchors (names, numbers) per article.
#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include <omp.h>
#include <spdlog/spdlog.h>

#include "crossdup/features.h"
#include "crossdup/language.h"

namespace crossdup {
namespace {

// Words that are capitalised at the start of a sentence tell nothing; mid-sentence capitals
// and numbers are names, places, organisations, figures and dates.
bool is_anchor(const Token& t) {
  if (t.has_digit) return t.text.size() >= 2 || t.text != "0";
  return t.capitalised && !t.sentence_start && t.text.size() >= 2;
}

struct Weighted {
  std::string text;
  float weight;
  bool anchor;
  std::string anchor_key;
};

// Title, lead and body tokens with their position weights.
std::vector<Weighted> weighted_tokens(const Article& a, const Model& model, const Options& o) {
  std::vector<Weighted> out;
  auto add_part = [&](const std::string& text, bool is_title) {
    auto raw = tokenise(text);
    // Anchors are read from syllables, before joining: "Lê Minh Trí" must meet "Le Minh Tri".
    size_t position = out.size();
    for (auto& t : raw) {
      float w = is_title ? static_cast<float>(o.title_weight)
                : position < o.lead_tokens ? static_cast<float>(o.lead_weight) : 1.f;
      ++position;
      if (is_anchor(t)) out.push_back({t.text, w, true, strip_accents(t.text)});
    }
    auto words = model_tokens(text, a.lang, model);
    size_t pos = 0;
    for (auto& t : words) {
      float w = is_title ? static_cast<float>(o.title_weight)
                : pos < o.lead_tokens ? static_cast<float>(o.lead_weight) : 1.f;
      ++pos;
      out.push_back({std::move(t.text), w, false, {}});
    }
  };
  add_part(a.title, true);
  add_part(a.text, false);
  return out;
}

void document_vector(const std::vector<Weighted>& tokens, const LanguageSpace* space, float* out, int dim,
                     bool& has_vector) {
  std::fill(out, out + dim, 0.f);
  has_vector = false;
  if (!space) return;
  std::vector<float> word(static_cast<size_t>(dim));
  const WordVectors& table = *space->vectors;
  double total = 0;
  for (const auto& t : tokens) {
    if (t.anchor) continue;
    int64_t i = table.find(t.text);
    if (i >= 0) table.unit_vector(i, word.data());
    else if (!table.unit_vector_for_unknown(t.text, word.data())) continue;
    for (int k = 0; k < dim; ++k) out[k] += t.weight * word[k];
    total += t.weight;
  }
  if (total == 0) return;
  has_vector = true;
  for (int k = 0; k < dim; ++k) out[k] /= static_cast<float>(total);
}

// IDF of an anchor from the model's training documents, so that weights do not depend on the
// batch. Words the model does not know are rare names or figures: they get the full weight.
float anchor_idf(const std::string& folded, const LanguageSpace* space) {
  if (!space || space->documents == 0) return 1.f;
  double n = static_cast<double>(space->documents);
  int64_t i = space->vectors->find(folded);
  double df = i >= 0 ? space->vectors->document_frequency(i) : 0.0;
  return static_cast<float>(std::log((n + 1.0) / (df + 1.0)) / std::log(n + 1.0));
}

}  // namespace

std::vector<Token> model_tokens(const std::string& text, const std::string& lang, const Model& model) {
  auto tokens = tokenise(text);
  if (lang == "vi") {
    // The joiner is built once per model from its Vietnamese vocabulary.
    static std::mutex mutex;
    static std::map<const WordVectors*, std::shared_ptr<VietnameseJoiner>> joiners;
    std::shared_ptr<VietnameseJoiner> joiner;
    if (const auto* space = model.language("vi")) {
      std::lock_guard<std::mutex> lock(mutex);
      auto& j = joiners[space->vectors.get()];
      if (!j) {
        j = std::make_shared<VietnameseJoiner>();
        for (int64_t i = 0; i < space->vectors->size(); ++i) j->add_word(space->vectors->word(i));
      }
      joiner = j;
    }
    if (joiner) joiner->join(tokens);
  }
  return tokens;
}

void assign_languages(std::vector<Article>& articles, const LanguageIdentifier& identifier) {
#pragma omp parallel for schedule(dynamic, 16)
  for (size_t i = 0; i < articles.size(); ++i) {
    Article& a = articles[i];
    if (!a.lang.empty()) continue;
    auto guess = identifier.identify(a.title + "\n" + a.text);
    a.lang = guess.code;
    a.lang_detected = true;
  }
}

float anchor_similarity(const AnchorVector& a, const AnchorVector& b, std::vector<uint32_t>* shared) {
  float dot = 0;
  size_t i = 0, j = 0;
  while (i < a.entries.size() && j < b.entries.size()) {
    if (a.entries[i].first < b.entries[j].first) ++i;
    else if (a.entries[i].first > b.entries[j].first) ++j;
    else {
      dot += a.entries[i].second * b.entries[j].second;
      if (shared) shared->push_back(a.entries[i].first);
      ++i, ++j;
    }
  }
  return dot;
}

BatchFeatures compute_features(const std::vector<Article>& articles, const Model& model, const Options& o) {
  const size_t n = articles.size();
  const int dim = model.dim();
  BatchFeatures f;
  f.vectors.setZero(static_cast<Eigen::Index>(n), dim);
  f.has_vector.assign(n, false);
  f.anchors.resize(n);
  f.langs.resize(n);
  f.dates.resize(n);
  std::vector<std::vector<std::pair<std::string, float>>> raw_anchors(n);

#pragma omp parallel for schedule(dynamic, 8)
  for (size_t i = 0; i < n; ++i) {
    const Article& a = articles[i];
    const LanguageSpace* space = model.language(a.lang);
    auto tokens = weighted_tokens(a, model, o);
    bool has = false;
    document_vector(tokens, space, f.vectors.row(static_cast<Eigen::Index>(i)).data(), dim, has);
    f.has_vector[i] = has;
    std::map<std::string, std::pair<float, const std::string*>> tf;  // key -> weight, a spelling
    for (const auto& t : tokens) {
      if (!t.anchor) continue;
      auto& e = tf[t.anchor_key];
      e.first += t.weight;
      if (!e.second) e.second = &t.text;
    }
    for (auto& [key, e] : tf) {
      float idf = anchor_idf(*e.second, space);
      raw_anchors[i].emplace_back(key, (1.f + std::log(e.first)) * idf);
    }
    f.langs[i] = a.lang;
    f.dates[i] = a.date;
  }

  // Centre each language on its mean document vector: what all documents of a language share
  // says nothing about the event. The model's mean (from its training news) is the prior and
  // the batch's own mean the evidence: mean = (n * batch + k * model) / (n + k), k =
  // Options::centering_prior. Small batches and the incremental case lean on the model; large
  // batches on themselves, which measured far better on held-out news (the training news is
  // narrow in topic: the model's mean alone halved cross-language retrieval).
  std::map<std::string, Eigen::RowVectorXf> means;
  std::map<std::string, size_t> counts;
  for (size_t i = 0; i < n; ++i) {
    if (!f.has_vector[i]) continue;
    auto& m = means[f.langs[i]];
    if (m.size() == 0) m = Eigen::RowVectorXf::Zero(dim);
    m += f.vectors.row(static_cast<Eigen::Index>(i)).normalized();
    ++counts[f.langs[i]];
  }
  for (auto& [lang, m] : means) {
    const LanguageSpace* space = model.language(lang);
    double k = o.centering_prior, count = static_cast<double>(counts[lang]);
    if (space && space->mean.size() == static_cast<size_t>(dim) && k > 0) {
      Eigen::RowVectorXf prior = Eigen::Map<const Eigen::RowVectorXf>(space->mean.data(), dim);
      m = (m + static_cast<float>(k) * prior) / static_cast<float>(count + k);
    } else {
      m /= static_cast<float>(count);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (!f.has_vector[i]) continue;
    auto row = f.vectors.row(static_cast<Eigen::Index>(i));
    row.normalize();
    row -= means[f.langs[i]];
    float norm = row.norm();
    if (norm > 0) row /= norm;
  }

  // Anchor ids in order of first appearance: deterministic whatever the thread count.
  std::unordered_map<std::string, uint32_t> ids;
  for (size_t i = 0; i < n; ++i) {
    auto& av = f.anchors[i].entries;
    double norm = 0;
    for (auto& [key, w] : raw_anchors[i]) {
      auto [it, fresh] = ids.emplace(key, static_cast<uint32_t>(f.anchor_text.size()));
      if (fresh) f.anchor_text.push_back(key);
      av.emplace_back(it->second, w);
      norm += static_cast<double>(w) * w;
    }
    std::sort(av.begin(), av.end());
    if (norm > 0)
      for (auto& e : av) e.second = static_cast<float>(e.second / std::sqrt(norm));
  }
  return f;
}

}  // namespace crossdup
