// Concepts: each non-English word's English word, from the model's concept table or, without
// one, the nearest English word in the model's aligned space.
#include <algorithm>
#include <cmath>

#include "crossdup/features.h"
#include "crossdup/translate.h"

namespace crossdup {

ConceptTranslator::ConceptTranslator(const Model& model, size_t max_targets, float min_cosine)
    : model_(model), english_(model.language("en")), max_targets_(max_targets), min_cosine_(min_cosine) {}

void ConceptTranslator::ensure_targets() {
  if (targets_.rows() > 0 || !english_) return;
  const WordVectors& en = *english_->vectors;
  const int64_t n = std::min<int64_t>(en.size(), static_cast<int64_t>(max_targets_));
  targets_.resize(n, en.dim());
  for (int64_t i = 0; i < n; ++i) en.unit_vector(i, targets_.row(i).data());
}

void ConceptTranslator::search_nearest(const LanguageSpace& space, const std::vector<int64_t>& words,
                                       std::unordered_map<int64_t, int64_t>& known) {
  ensure_targets();
  constexpr size_t kBlock = 2048;
  for (size_t start = 0; start < words.size(); start += kBlock) {
    const size_t rows = std::min(kBlock, words.size() - start);
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> block(rows, targets_.cols());
    for (size_t r = 0; r < rows; ++r) space.vectors->unit_vector(words[start + r], block.row(r).data());
    Eigen::MatrixXf sims = block * targets_.transpose();
    for (size_t r = 0; r < rows; ++r) {
      Eigen::Index best;
      float cosine = sims.row(static_cast<Eigen::Index>(r)).maxCoeff(&best);
      if (cosine >= min_cosine_) known[words[start + r]] = best;
    }
  }
}

void ConceptTranslator::translate(const std::string& lang, const std::vector<int64_t>& words) {
  if (!english_ || lang == "en") return;
  const LanguageSpace* space = model_.language(lang);
  if (!space || space->vectors->dim() != english_->vectors->dim()) return;
  std::unique_lock lock(mutex_);
  auto& known = concepts_[lang];
  std::vector<int64_t> missing;
  for (int64_t w : words)
    if (w >= 0 && known.emplace(w, -1).second) missing.push_back(w);
  if (!space->concepts) return search_nearest(*space, missing, known);
  const int64_t targets = std::min<int64_t>(english_->vectors->size(), static_cast<int64_t>(max_targets_));
  for (int64_t w : missing) {
    if (static_cast<size_t>(w) >= space->concepts->size()) continue;
    const WordConcept& c = (*space->concepts)[static_cast<size_t>(w)];
    if (c.english >= 0 && c.english < targets && (c.from_dictionary || c.cosine >= min_cosine_)) known[w] = c.english;
  }
}

int64_t ConceptTranslator::concept_of(const std::string& lang, int64_t word) const {
  if (!english_ || word < 0) return -1;
  if (lang == "en") return word < static_cast<int64_t>(max_targets_) && word < english_->vectors->size() ? word : -1;
  std::shared_lock lock(mutex_);
  auto l = concepts_.find(lang);
  if (l == concepts_.end()) return -1;
  auto it = l->second.find(word);
  return it == l->second.end() ? -1 : it->second;
}

float ConceptTranslator::idf(int64_t concept) const { return english_ ? training_idf(*english_, concept) : 1.f; }

ModelWords model_words(const std::string& text, const std::string& lang, const Model& model, const FeatureSettings& o) {
  ModelWords out{lang, {}};
  const LanguageSpace* space = model.language(lang);
  if (!space) return out;
  const auto tokens = model_tokens(text, lang, model);
  for (size_t k = 0; k < tokens.size(); ++k) {
    const int64_t word = space->vectors->find(tokens[k].text);
    if (word >= 0) out.words.emplace_back(word, position_weight(o, false, k));
  }
  return out;
}

void translate_words(const std::vector<ModelWords>& texts, ConceptTranslator& translator) {
  std::map<std::string, std::vector<int64_t>> by_language;
  for (const ModelWords& t : texts)
    for (const auto& word_weight : t.words) by_language[t.lang].push_back(word_weight.first);
  for (auto& [lang, words] : by_language) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    translator.translate(lang, words);
  }
}

AnchorVector concept_vector(const ModelWords& text, const ConceptTranslator& translator) {
  std::map<int64_t, float> weights;
  for (const auto& [word, weight] : text.words) {
    const int64_t c = translator.concept_of(text.lang, word);
    if (c >= 0) weights[c] += weight;
  }
  AnchorVector v;
  double norm = 0;
  for (const auto& [c, tf] : weights) {
    const float w = (1.f + std::log(tf)) * translator.idf(c);
    v.entries.emplace_back(static_cast<uint32_t>(c), w);
    norm += static_cast<double>(w) * w;
  }
  if (norm > 0)
    for (auto& e : v.entries) e.second = static_cast<float>(e.second / std::sqrt(norm));
  return v;
}

}  // namespace crossdup
