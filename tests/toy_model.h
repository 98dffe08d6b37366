// A hand-made three-language word space and an article builder, shared by the stage tests.
#pragma once
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/model.h"
#include "crossdup/text.h"

namespace crossdup::testing {

// One language's words as a whole model: 1,000 training documents behind the words' document
// frequencies, a zero mean (nothing shared to centre away).
inline Model one_language_model(std::shared_ptr<DenseWordVectors> table, std::string code = "en") {
  LanguageSpace s;
  s.code = std::move(code);
  s.mean = std::vector<float>(static_cast<size_t>(table->dim()), 0.f);
  s.vectors = std::move(table);
  s.documents = 1000;
  Model m;
  m.add_language(s);
  return m;
}

// A hand-made en/fr/vi space of six dimensions: translations share a direction.
inline Model toy_model() {
  const std::vector<std::pair<std::vector<std::string>, std::vector<float>>> concepts = {
      {{"minister", "ministre", "bộ_trưởng"}, {1, 0, 0, 0, 0, 0}},
      {{"court", "cour", "tòa_án"}, {0, 1, 0, 0, 0, 0}},
      {{"meeting", "rencontre", "hội_đàm"}, {0, 0, 1, 0, 0, 0}},
      {{"storm", "tempête", "bão"}, {0, 0, 0, 1, 0, 0}},
      {{"flood", "inondation", "lũ"}, {0, 0, 0, 0, 1, 0}},
      {{"the", "la", "các"}, {0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 1}},
  };
  Model m;
  const char* langs[] = {"en", "fr", "vi"};
  for (int l = 0; l < 3; ++l) {
    auto t = std::make_shared<DenseWordVectors>(6);
    for (auto& [words, vec] : concepts) t->add(words[static_cast<size_t>(l)], vec.data(), 5);
    LanguageSpace s;
    s.code = langs[l];
    s.vectors = t;
    s.documents = 1000;
    s.mean = std::vector<float>(6, 0.f);
    s.mean[5] = 0.5f;  // what every document shares
    m.add_language(s);
  }
  return m;
}

inline Article article(std::string id, std::string lang, std::string title, std::string text,
                       const char* date = nullptr) {
  Article a;
  a.id = std::move(id);
  a.lang = std::move(lang);
  a.title = std::move(title);
  a.text = std::move(text);
  if (date) a.date = parse_iso_date(date);
  return a;
}

// Words are letters, not numbers: numbers are anchors, and these articles meet only by vectors.
inline std::string word_letters(int w) { return {static_cast<char>('a' + w / 26), static_cast<char>('a' + w % 26)}; }

// Two languages: English words waa..wch (60) in sixteen random dimensions, French words
// faa..fch near them, so that translations are near but not as near as same-language variants.
// Each of ten English stories (ten words) has three English variants (one word changed) and
// a word-for-word French translation with three French variants of its own.
inline Model noisy_bilingual_space() {
  std::mt19937 rng(5);
  std::normal_distribution<float> gauss;
  auto en = std::make_shared<DenseWordVectors>(16), fr = std::make_shared<DenseWordVectors>(16);
  for (int w = 0; w < 60; ++w) {
    // A French word: mostly its English word's direction, partly its own (cosine about 0.8).
    std::vector<float> v(16), own(16), noisy(16);
    for (int d = 0; d < 16; ++d) v[d] = gauss(rng), own[d] = gauss(rng);
    for (int d = 0; d < 16; ++d) noisy[d] = 0.8f * v[d] + 0.6f * own[d];
    en->add("w" + word_letters(w), v.data(), 5);
    fr->add("f" + word_letters(w), noisy.data(), 5);
  }
  Model m;
  for (auto [code, table] : {std::pair{"en", en}, std::pair{"fr", fr}}) {
    LanguageSpace s;
    s.code = code;
    s.vectors = table;
    s.documents = 1000;
    s.mean = std::vector<float>(16, 0.f);
    m.add_language(s);
  }
  return m;
}

inline std::vector<Article> stories_with_variants_and_translations() {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> word(0, 59);
  std::vector<Article> out;
  for (int story = 0; story < 10; ++story) {
    std::vector<int> words(10);
    for (auto& w : words) w = word(rng);
    for (int variant = 0; variant < 4; ++variant) {
      std::vector<int> v = words;
      if (variant > 0) v[static_cast<size_t>(variant)] = word(rng);
      for (const char* lang : {"en", "fr"}) {
        std::string text;
        for (int w : v) text += std::string(lang[0] == 'e' ? "w" : "f") + word_letters(w) + " ";
        out.push_back(
            article(std::string(lang) + std::to_string(story) + "-" + std::to_string(variant), lang, "", text));
      }
    }
  }
  return out;
}

}  // namespace crossdup::testing
