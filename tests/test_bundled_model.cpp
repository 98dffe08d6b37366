// The shipped model: it loads, has the three languages, and puts translations near each other.
#include <gtest/gtest.h>

#include "crossdup/features.h"
#include "crossdup/model.h"
#include "bundled_model.h"

using namespace crossdup;

namespace {

using crossdup::testing::bundled_model;

std::vector<float> vec(const std::string& lang, const std::string& word) {
  const auto* space = bundled_model().language(lang);
  std::vector<float> v(static_cast<size_t>(bundled_model().dim()));
  int64_t i = space->vectors->find(word);
  EXPECT_GE(i, 0) << lang << ":" << word << " is not in the bundled model";
  if (i >= 0) space->vectors->unit_vector(i, v.data());
  return v;
}

float cosine(const std::vector<float>& a, const std::vector<float>& b) {
  float d = 0;
  for (size_t k = 0; k < a.size(); ++k) d += a[k] * b[k];
  return d;
}

}  // namespace

TEST(BundledModel, LoadsWithThreeLanguagesAndStatistics) {
  const Model& m = bundled_model();
  EXPECT_GE(m.dim(), 50);
  for (const char* lang : {"en", "fr", "vi"}) {
    const auto* space = m.language(lang);
    ASSERT_NE(space, nullptr) << lang;
    EXPECT_GT(space->vectors->size(), 10000) << lang;
    EXPECT_GT(space->documents, 1000u) << lang;
    EXPECT_EQ(space->mean.size(), static_cast<size_t>(m.dim()));
  }
  EXPECT_EQ(default_model_path().empty(), false);
}

TEST(BundledModel, TranslationsAreNearerThanUnrelatedWords) {
  struct Case {
    std::string en, fr, vi;
  };
  // Translations written here; each is compared with the other cases' words.
  const std::vector<Case> cases = {{"minister", "ministre", "bộ_trưởng"},
                                   {"court", "tribunal", "tòa_án"},
                                   {"rain", "pluie", "mưa"},
                                   {"football", "football", "bóng_đá"},
                                   {"economy", "économie", "kinh_tế"}};
  for (size_t i = 0; i < cases.size(); ++i) {
    auto en = vec("en", cases[i].en);
    float to_fr = cosine(en, vec("fr", cases[i].fr));
    float to_vi = cosine(en, vec("vi", cases[i].vi));
    for (size_t j = 0; j < cases.size(); ++j) {
      if (i == j) continue;
      EXPECT_GT(to_fr, cosine(en, vec("fr", cases[j].fr))) << cases[i].en << " vs " << cases[j].fr;
      EXPECT_GT(to_vi, cosine(en, vec("vi", cases[j].vi))) << cases[i].en << " vs " << cases[j].vi;
    }
  }
}

TEST(BundledModel, ShipsAConceptTableThatTranslatesCommonNewsWords) {
  const Model& m = bundled_model();
  const auto& english = *m.language("en")->vectors;
  auto concept_of = [&](const std::string& lang, const std::string& word) -> std::string {
    const auto* space = m.language(lang);
    if (!space->concepts) return "(no table)";
    int64_t w = space->vectors->find(word);
    if (w < 0) return "(not in the model)";
    int32_t c = (*space->concepts)[static_cast<size_t>(w)].english;
    return c < 0 ? "(none)" : std::string(english.word(c));
  };
  // Translations written here; the table must give the common English word for each.
  EXPECT_EQ(concept_of("fr", "ministre"), "minister");
  EXPECT_EQ(concept_of("vi", "bộ_trưởng"), "minister");
  EXPECT_EQ(concept_of("fr", "pluie"), "rain");
  EXPECT_EQ(concept_of("vi", "mưa"), "rain");
  EXPECT_EQ(concept_of("fr", "économie"), "economy");
  EXPECT_EQ(concept_of("vi", "kinh_tế"), "economy");
}

TEST(BundledModel, ShipsNameAliasesForCountriesAndTheirLanguages) {
  const NameAliases* names = bundled_model().name_aliases();
  ASSERT_NE(names, nullptr) << "models/default/crossdup-default.names is missing";
  auto alias_of = [&](const std::string& lang, const std::string& key) -> std::string {
    const std::string* english = names->english_key(lang, key);
    return english ? *english : "(none)";
  };
  EXPECT_EQ(alias_of("fr", "allemagne"), "germany");
  EXPECT_EQ(alias_of("vi", "phap"), "france");
  EXPECT_EQ(alias_of("vi", "trungquoc"), "china");
  EXPECT_EQ(alias_of("en", "french"), "france");
  EXPECT_EQ(alias_of("vi", "nam"), "(none)") << "south, not a place of its own";
}
