// A hand-made three-language word space and an article builder, shared by the stage tests.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/model.h"
#include "crossdup/text.h"

namespace crossdup::testing {

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

inline Article article(std::string id, std::string lang, std::string title, std::string text, const char* date = nullptr) {
  Article a;
  a.id = std::move(id);
  a.lang = std::move(lang);
  a.title = std::move(title);
  a.text = std::move(text);
  if (date) a.date = parse_iso_date(date);
  return a;
}

}  // namespace crossdup::testing
