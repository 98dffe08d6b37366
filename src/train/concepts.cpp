// Concept tables: which English word stands for each French and Vietnamese word of a model.
// The space alone aligns unseen words poorly (held-out word translation p@1 0.09-0.15, models/
// README.md), so where the training dictionaries give translations the concept is one of them.
#include <cmath>

#include <spdlog/spdlog.h>

#include "crossdup/train.h"

namespace crossdup {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

RowMatrix unit_rows(const WordVectors& table, int64_t first, int64_t count) {
  RowMatrix rows(count, table.dim());
  for (int64_t i = 0; i < count; ++i) table.unit_vector(first + i, rows.row(i).data());
  return rows;
}

// How much a rarer English translation must win on cosine to be chosen over a frequent one. The
// dictionaries list rare senses beside common ones (fr "est" -> "eastern" beside "is"), and the
// space alone often prefers the rare sense; the common word is the one articles share. Chosen on
// the held-out retrieval sets among: cosine only, dictionary order, frequency only, and this
// penalty at 0.02-0.4 (models/README.md): 0.1 had the best mean over the 16 measures.
constexpr float kRarityPenalty = 0.1f;

float translation_preference(float cosine, int64_t english_index) {
  return cosine - kRarityPenalty * std::log2(1.f + static_cast<float>(english_index) / 100.f);
}

// The preferred dictionary translation of a word, or none (english = -1) when no translation is
// among the English targets.
WordConcept preferred_translation(const std::vector<std::string>& translations, const WordVectors& english,
                                  const RowMatrix& targets, const Eigen::RowVectorXf& word) {
  WordConcept best;
  float best_preference = 0;
  for (const auto& t : translations) {
    const int64_t e = english.find(t);
    if (e < 0 || e >= targets.rows()) continue;
    const float cosine = targets.row(e).dot(word);
    const float preference = translation_preference(cosine, e);
    if (best.english < 0 || preference > best_preference) {
      best = {static_cast<int32_t>(e), cosine, true};
      best_preference = preference;
    }
  }
  return best;
}

std::vector<WordConcept> concepts_of_language(const std::string& lang, const WordVectors& words,
                                              const WordVectors& english, const RowMatrix& targets,
                                              const BilingualLexicon& lexicon, float min_cosine) {
  std::vector<WordConcept> table(static_cast<size_t>(words.size()));
  constexpr int64_t kBlock = 2048;
  for (int64_t start = 0; start < words.size(); start += kBlock) {
    const int64_t rows = std::min(kBlock, words.size() - start);
    RowMatrix block = unit_rows(words, start, rows);
    Eigen::MatrixXf sims = block * targets.transpose();
#pragma omp parallel for schedule(dynamic, 64)
    for (int64_t r = 0; r < rows; ++r) {
      const int64_t w = start + r;
      const auto& translations = lexicon.translations(lang, std::string(words.word(w)), "en");
      WordConcept c = preferred_translation(translations, english, targets, block.row(r));
      if (c.english < 0) {
        Eigen::Index nearest;
        float cosine = sims.row(r).maxCoeff(&nearest);
        if (cosine >= min_cosine) c = {static_cast<int32_t>(nearest), cosine, false};
      }
      table[static_cast<size_t>(w)] = c;
    }
  }
  return table;
}

}  // namespace

std::map<std::string, ConceptTableCounts> build_concept_tables(Model& model, const BilingualLexicon& lexicon,
                                                               size_t max_targets, float min_cosine) {
  std::map<std::string, ConceptTableCounts> counts;
  const LanguageSpace* en = model.language("en");
  if (!en) return counts;
  const WordVectors& english = *en->vectors;
  RowMatrix targets = unit_rows(english, 0, std::min<int64_t>(english.size(), static_cast<int64_t>(max_targets)));
  for (const auto& code : model.languages()) {
    if (code == "en") continue;
    const WordVectors& words = *model.language(code)->vectors;
    auto table = concepts_of_language(code, words, english, targets, lexicon, min_cosine);
    ConceptTableCounts& n = counts[code];
    n.words = words.size();
    for (const auto& c : table) {
      n.from_dictionary += c.from_dictionary;
      n.from_vectors += c.english >= 0 && !c.from_dictionary;
    }
    spdlog::info("concepts: {}: {} words, {} from the dictionaries, {} from the vectors", code, n.words,
                 n.from_dictionary, n.from_vectors);
    model.set_concepts(code, std::make_shared<const std::vector<WordConcept>>(std::move(table)));
  }
  return counts;
}

}  // namespace crossdup
