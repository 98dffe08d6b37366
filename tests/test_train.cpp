// Training helpers that need no corpora: the held-out dictionary split and the word-translation
// measure.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "crossdup/train.h"
#include "crossdup/translate.h"
#include "toy_model.h"

using namespace crossdup;

namespace {

BilingualLexicon small_lexicon() {
  BilingualLexicon lex;
  const char* words[][3] = {{"minister", "ministre", "bộ_trưởng"}, {"court", "cour", "tòa_án"},
                            {"meeting", "rencontre", "hội_đàm"},   {"storm", "tempête", "bão"},
                            {"flood", "inondation", "lũ"},         {"river", "fleuve", "sông"},
                            {"city", "ville", "thành_phố"},        {"law", "loi", "luật"}};
  const char* langs[] = {"en", "fr", "vi"};
  for (auto& w : words)
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b)
        if (a != b) lex.add(langs[a], w[a], langs[b], w[b]);
  return lex;
}

}  // namespace

TEST(Train, HeldOutPairsLeaveTheLexiconInBothDirections) {
  BilingualLexicon lex = small_lexicon();
  const size_t before = lex.pair_count();
  auto held = lex.hold_out(0.5);
  ASSERT_FALSE(held.empty());
  EXPECT_LT(held.size(), before);
  for (const auto& p : held) {
    const auto& forward = lex.translations(p.from_lang, p.from, p.to_lang);
    const auto& backward = lex.translations(p.to_lang, p.to, p.from_lang);
    EXPECT_EQ(std::count(forward.begin(), forward.end(), p.to), 0) << p.from << " -> " << p.to;
    EXPECT_EQ(std::count(backward.begin(), backward.end(), p.from), 0) << p.to << " -> " << p.from;
  }
  EXPECT_LE(lex.pair_count() + held.size(), before);
}

TEST(Train, TheSplitIsTheSameOnEveryRunAndNothingAtZero) {
  BilingualLexicon one = small_lexicon(), two = small_lexicon(), none = small_lexicon();
  auto a = one.hold_out(0.3), b = two.hold_out(0.3);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].from + a[i].to, b[i].from + b[i].to);
  size_t count = none.pair_count();
  EXPECT_TRUE(none.hold_out(0).empty());
  EXPECT_EQ(none.pair_count(), count);
}

TEST(Train, WordTranslationFindsTranslationsAndSkipsUnknownWords) {
  Model model = crossdup::testing::toy_model();
  std::vector<TranslationPair> pairs = {{"en", "minister", "fr", "ministre"}, {"en", "storm", "fr", "tempête"},
                                        {"en", "storm", "fr", "orage"},    // a second gold answer is fine
                                        {"en", "court", "fr", "tempête"},  // a wrong gold answer: a miss
                                        {"en", "unknownword", "fr", "cour"},  {"fr", "cour", "vi", "tòa_án"}};
  auto results = evaluate_word_translation(model, pairs);
  ASSERT_EQ(results.size(), 2u);
  const auto& en_fr = results[0].from == "en" ? results[0] : results[1];
  const auto& fr_vi = results[0].from == "fr" ? results[0] : results[1];
  EXPECT_EQ(en_fr.words, 3u);
  EXPECT_EQ(en_fr.pairs_unknown, 1u);
  EXPECT_NEAR(en_fr.precision_at_1, 2.0 / 3.0, 1e-9);
  EXPECT_GE(en_fr.precision_at_10, en_fr.precision_at_1);
  EXPECT_DOUBLE_EQ(fr_vi.precision_at_1, 1.0);
  EXPECT_DOUBLE_EQ(fr_vi.csls_at_1, 1.0) << "CSLS finds the same translation when nothing is a hub";
  EXPECT_GE(en_fr.csls_at_10, en_fr.csls_at_1);
}

TEST(Train, ProcrustesRecoversARotation) {
  const int dim = 6, n = 50;
  Eigen::MatrixXf random = Eigen::MatrixXf::Random(dim, dim);
  Eigen::MatrixXf rotation = Eigen::HouseholderQR<Eigen::MatrixXf>(random).householderQ();
  Eigen::MatrixXf x = Eigen::MatrixXf::Random(n, dim);
  Eigen::MatrixXf y = x * rotation + 0.01f * Eigen::MatrixXf::Random(n, dim);  // noisy translations
  Eigen::MatrixXf w = orthogonal_procrustes(x.transpose() * y);
  EXPECT_LT((w - rotation).norm(), 0.05f);
  EXPECT_LT((w * w.transpose() - Eigen::MatrixXf::Identity(dim, dim)).norm(), 1e-4f) << "orthogonal";
}

TEST(Concepts, ADictionaryTranslationWinsOverTheNearestWordAndTheRestFallBackToTheSpace) {
  Model m = crossdup::testing::toy_model();
  BilingualLexicon lex;
  lex.add("fr", "tempête", "en", "flood");  // deliberately not the nearest English word
  lex.add("fr", "tempête", "en", "absentword");
  lex.add("vi", "bão", "en", "storm");
  auto counts = build_concept_tables(m, lex, 100, 0.9f);
  ASSERT_EQ(counts.count("en"), 0u) << "English words are their own concept";
  EXPECT_EQ(counts["fr"].words, 6);
  EXPECT_EQ(counts["fr"].from_dictionary, 1);
  EXPECT_EQ(counts["fr"].from_vectors, 5);
  const auto& en = *m.language("en")->vectors;
  const auto& fr = *m.language("fr")->vectors;
  const auto& table = *m.language("fr")->concepts;
  const WordConcept& storm = table[static_cast<size_t>(fr.find("tempête"))];
  EXPECT_EQ(storm.english, en.find("flood"));
  EXPECT_TRUE(storm.from_dictionary);
  EXPECT_NEAR(storm.cosine, 0.f, 1e-5f) << "the cosine to the chosen word is kept";
  const WordConcept& court = table[static_cast<size_t>(fr.find("cour"))];
  EXPECT_EQ(court.english, en.find("court"));
  EXPECT_FALSE(court.from_dictionary);

  Model strict = crossdup::testing::toy_model();
  auto none = build_concept_tables(strict, lex, 100, 1.5f);
  EXPECT_EQ(none["fr"].from_vectors, 0) << "no English word is that near";
  EXPECT_EQ((*strict.language("fr")->concepts)[static_cast<size_t>(fr.find("cour"))].english, -1);
}

TEST(Concepts, TheTranslatorReadsTheTableInsteadOfSearching) {
  Model m = crossdup::testing::toy_model();
  BilingualLexicon lex;
  lex.add("fr", "tempête", "en", "flood");
  build_concept_tables(m, lex, 100, 0.9f);
  ConceptTranslator translator(m, 100, 0.9f);
  const auto& fr = *m.language("fr")->vectors;
  const auto& en = *m.language("en")->vectors;
  translator.translate("fr", {fr.find("tempête"), fr.find("cour")});
  EXPECT_EQ(translator.concept_of("fr", fr.find("tempête")), en.find("flood")) << "from the table, not the space";
  EXPECT_EQ(translator.concept_of("fr", fr.find("cour")), en.find("court"));
  ConceptTranslator few_targets(m, 2, 0.9f);  // only minister and court are targets
  few_targets.translate("fr", {fr.find("tempête"), fr.find("cour")});
  EXPECT_EQ(few_targets.concept_of("fr", fr.find("tempête")), -1) << "flood is beyond the targets";
  EXPECT_EQ(few_targets.concept_of("fr", fr.find("cour")), en.find("court"));
}

namespace {

std::string write_name_list(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("crossdup-names-" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(path) << text;
  return path.string();
}

std::string alias_of(const NameAliases& names, const std::string& lang, const std::string& key) {
  const std::string* english = names.english_key(lang, key);
  return english ? *english : "(none)";
}

}  // namespace

TEST(Names, ListsLinkPlacesAndLanguageNamesAcrossLanguages) {
  // Columns en, fr, vi. Libya's French name is made up to be Lebanon's: a key naming two places.
  auto path = write_name_list(
      "Germany\tAllemagne\tĐức\nGerman\tallemand\tTiếng Đức\nChina\tChine\tTrung Quốc\n"
      "United States\tÉtats-Unis\tHoa Kỳ\nLebanon\tLiban\tLi-băng\nLibya\tLiban\tLibya\nMilan\tMilan\tMilano\n");
  NameAliases names = name_aliases_from_lists({path, "/nonexistent/list.tsv"});
  EXPECT_EQ(alias_of(names, "fr", "allemagne"), "germany");
  EXPECT_EQ(alias_of(names, "vi", "duc"), "germany");
  EXPECT_EQ(alias_of(names, "vi", "trungquoc"), "china") << "two Vietnamese syllables, keyed as anchors key them";
  EXPECT_EQ(alias_of(names, "en", "german"), "germany") << "Tiếng Đức is the language of Đức";
  EXPECT_EQ(alias_of(names, "fr", "allemand"), "germany") << "through the English language name";
  EXPECT_EQ(alias_of(names, "vi", "hoaky"), "(none)") << "English writes it in two words: no anchor key";
  EXPECT_EQ(alias_of(names, "fr", "liban"), "(none)") << "ambiguous";
  EXPECT_EQ(alias_of(names, "fr", "milan"), "(none)") << "spelt as in English";
  EXPECT_EQ(alias_of(names, "vi", "milano"), "milan");
  std::filesystem::remove(path);
}

TEST(Names, WithAModelOnlyLinksTheSpaceAgreesWith) {
  // Vietnamese "Nam" (south) listed for a Brazilian state's "Sul": the space puts them apart.
  auto path = write_name_list("Germany\tAllemagne\tĐức\nSul\tSul\tNam\n");
  Model m;
  const float germany[] = {1, 0, 0}, south_state[] = {0, 1, 0}, south[] = {0, 0, 1};
  auto en = std::make_shared<DenseWordVectors>(3), vi = std::make_shared<DenseWordVectors>(3);
  en->add("germany", germany);
  en->add("sul", south_state);
  vi->add("đức", germany);
  vi->add("nam", south);
  LanguageSpace e, v;
  e.code = "en", e.vectors = en;
  v.code = "vi", v.vectors = vi;
  m.add_language(e);
  m.add_language(v);
  NameAliases names = name_aliases_from_lists({path}, &m, 0.3f);
  EXPECT_EQ(alias_of(names, "vi", "duc"), "germany");
  EXPECT_EQ(alias_of(names, "vi", "nam"), "(none)");
  EXPECT_EQ(alias_of(names, "fr", "allemagne"), "(none)") << "the model has no French";
  std::filesystem::remove(path);
}

TEST(Train, RemovingCommonDirectionsTakesAwayWhatEveryWordShares) {
  // Eight words: each its own direction plus one direction all of them share strongly, as
  // skipgram vectors of one language do. After the step, unrelated words are near orthogonal.
  const int dim = 12, words = 8;
  Eigen::MatrixXf v = Eigen::MatrixXf::Zero(words, dim);
  for (int w = 0; w < words; ++w) {
    v(w, w) = 1.f;
    v(w, dim - 1) = 3.f;  // the shared direction
  }
  auto cosine = [](const Eigen::MatrixXf& m, int a, int b) {
    return m.row(a).dot(m.row(b)) / (m.row(a).norm() * m.row(b).norm());
  };
  EXPECT_GT(cosine(v, 0, 1), 0.85f);
  Eigen::MatrixXf cleaned = v;
  crossdup::remove_common_directions(cleaned, 1);
  EXPECT_LT(std::abs(cosine(cleaned, 0, 1)), 0.2f) << "the shared direction is gone";
  EXPECT_LT(cleaned.colwise().mean().norm(), 1e-5f) << "the mean is removed";
  Eigen::MatrixXf untouched = v;
  crossdup::remove_common_directions(untouched, 0);
  EXPECT_LT(cosine(untouched, 0, 1), cosine(v, 0, 1)) << "the mean alone already helps";
}
