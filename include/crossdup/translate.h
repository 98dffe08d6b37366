// Word translation into English "concepts": a French or Vietnamese word stands for one English
// word, so that two texts in different languages can be compared word by word (a sparse,
// IDF-weighted bag of English concepts) as well as by their averaged vectors. The concept comes
// from the model's concept table when it has one (dictionary translations chosen at training
// time, model.h), else it is the word's nearest English word in the aligned space, searched
// for the texts' words.
//
// `model eval` measures the concept table with it ("+concepts" rankings, train.h). The pair
// score no longer uses concepts: as score terms they measured no gain in clustering
// (docs/experiments.md, "Words as English concepts").
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <Eigen/Dense>

#include "crossdup/features.h"
#include "crossdup/model.h"
#include "crossdup/options.h"

namespace crossdup {

// Thread-safe: translate() and concept_of() may be called from several threads.
class ConceptTranslator {
 public:
  // Targets: the `max_targets` most frequent English words of the model. `min_cosine`: a word
  // whose nearest English word is further than this has no concept (it is left out).
  ConceptTranslator(const Model& model, size_t max_targets = 40000, float min_cosine = 0.5f);

  // Finds the concepts of these words of `lang` (indices in its table) that are not known yet,
  // in blocked matrix products (OpenMP-parallel through Eigen).
  void translate(const std::string& lang, const std::vector<int64_t>& words);
  // The English word index standing for `word`: itself for English, -1 when it has none or
  // was never passed to translate().
  int64_t concept_of(const std::string& lang, int64_t word) const;
  // IDF of an English concept from the model's training documents (1 when unknown).
  float idf(int64_t concept) const;
  bool usable() const { return english_ != nullptr; }

 private:
  // The search targets are built on first need: a model whose languages all have concept
  // tables never needs them.
  void ensure_targets();
  void search_nearest(const LanguageSpace& space, const std::vector<int64_t>& words,
                      std::unordered_map<int64_t, int64_t>& known);

  const Model& model_;
  const LanguageSpace* english_ = nullptr;
  size_t max_targets_;
  float min_cosine_;
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> targets_;  // unit rows
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::unordered_map<int64_t, int64_t>> concepts_;  // lang -> word -> concept
};

// A text's words the model knows (indices in its language's table), each with its position
// weight in the document vector (position_weight, features.h; the text has no title).
struct ModelWords {
  std::string lang;
  std::vector<std::pair<int64_t, float>> words;
};
ModelWords model_words(const std::string& text, const std::string& lang, const Model& model,
                       const FeatureSettings& options);

// Translates the words of these texts that the translator does not know yet.
void translate_words(const std::vector<ModelWords>& texts, ConceptTranslator& translator);

// A text's words as a sparse bag of English concepts: (1 + log of the summed position weights)
// x the concept's IDF, L2-normalised. Its words must have been passed to translate_words first.
AnchorVector concept_vector(const ModelWords& text, const ConceptTranslator& translator);

}  // namespace crossdup
