// A tiny English/French space trained at test time with libfasttext, then the whole pipeline
// on articles written here: the same event in two languages must come out as one cluster.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <fasttext/fasttext.h>

#include "crossdup/pipeline.h"

using namespace crossdup;
namespace fs = std::filesystem;

namespace {

// Two topics; each concept has an English and a French word. Code-switched sentences put
// translations in the same contexts, which is how the default model is trained too.
const std::vector<std::vector<std::pair<std::string, std::string>>> kTopics = {{{"court", "cour"},
                                                                                {"judge", "juge"},
                                                                                {"minister", "ministre"},
                                                                                {"meeting", "rencontre"},
                                                                                {"justice", "justice"},
                                                                                {"prosecutor", "procureur"},
                                                                                {"law", "loi"},
                                                                                {"cooperation", "coopération"},
                                                                                {"visit", "visite"}},
                                                                               {{"storm", "tempête"},
                                                                                {"flood", "inondation"},
                                                                                {"rain", "pluie"},
                                                                                {"wind", "vent"},
                                                                                {"coast", "côte"},
                                                                                {"damage", "dégâts"},
                                                                                {"river", "rivière"},
                                                                                {"evacuation", "évacuation"},
                                                                                {"weather", "météo"}}};

class TinyModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("crossdup-tiny-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::mt19937 rng(7);
    {
      std::ofstream out(dir_ / "corpus.txt");
      for (int line = 0; line < 4000; ++line) {
        const auto& topic = kTopics[static_cast<size_t>(line % 2)];
        for (int w = 0; w < 12; ++w) {
          const auto& concept_words = topic[rng() % topic.size()];
          out << (rng() % 2 ? concept_words.first : concept_words.second) << ' ';
        }
        out << '\n';
      }
    }
    fasttext::Args args;
    args.input = (dir_ / "corpus.txt").string();
    args.output = (dir_ / "tiny").string();
    args.model = fasttext::model_name::sg;
    args.dim = 16;
    args.epoch = 5;
    args.minCount = 1;
    args.minn = 0;
    args.maxn = 0;
    args.thread = 1;
    args.verbose = 0;
    fasttext::FastText ft;
    ft.train(args);
    ft.saveModel(args.output + ".bin");
    // One joint space serves both languages.
    model_ = new Model(Model::from_files({{"en", args.output + ".bin"}, {"fr", args.output + ".bin"}}));
  }
  static void TearDownTestSuite() {
    delete model_;
    fs::remove_all(dir_);
  }
  static float cosine(const std::string& a, const std::string& b) {
    const auto& t = *model_->language("en")->vectors;
    std::vector<float> va(16), vb(16);
    t.unit_vector(t.find(a), va.data());
    t.unit_vector(t.find(b), vb.data());
    float dot = 0;
    for (int k = 0; k < 16; ++k) dot += va[static_cast<size_t>(k)] * vb[static_cast<size_t>(k)];
    return dot;
  }
  static fs::path dir_;
  static Model* model_;
};
fs::path TinyModel::dir_;
Model* TinyModel::model_ = nullptr;

Article article(const std::string& id, const std::string& lang, const std::string& title, const std::string& text) {
  Article a;
  a.id = id;
  a.lang = lang;
  a.title = title;
  a.text = text;
  return a;
}

}  // namespace

TEST_F(TinyModel, TranslationsAreNearerThanOtherTopics) {
  EXPECT_GT(cosine("minister", "ministre"), cosine("minister", "tempête") + 0.2f);
  EXPECT_GT(cosine("storm", "tempête"), cosine("storm", "juge") + 0.2f);
}

TEST_F(TinyModel, PipelineGroupsTheSameEventAcrossLanguages) {
  ReadResult batch;
  batch.articles = {
      article("en-court", "en", "Minister meets prosecutor",
              "The court judge and the minister held a meeting on justice cooperation with prosecutor Aliyev in 2025."),
      article("en-storm", "en", "Storm hits the coast",
              "Wind and rain: the storm brought a flood, river damage and evacuation on the coast of Binh Dinh."),
      article("fr-court", "fr", "Le ministre rencontre le procureur",
              "La cour, le juge et le ministre : rencontre sur la coopération en justice avec le procureur Aliyev en "
              "2025."),
      article("fr-storm", "fr", "Tempête sur la côte",
              "Vent et pluie : la tempête, une inondation, des dégâts sur la rivière et une évacuation sur la côte de "
              "Binh Dinh.")};
  batch.records_read = 4;
  LanguageIdentifier lid("", model_);
  Options o;
  Pipeline pipeline(*model_, lid, o);
  BatchResult r = pipeline.run(batch);
  ASSERT_EQ(r.articles.size(), 4u);
  EXPECT_EQ(r.cluster_of[0], r.cluster_of[2]) << "court reports split";
  EXPECT_EQ(r.cluster_of[1], r.cluster_of[3]) << "storm reports split";
  EXPECT_NE(r.cluster_of[0], r.cluster_of[1]) << "two events merged";
  // The reason for the court merge names the shared visitor.
  const auto& why = r.reasons[0];
  ASSERT_TRUE(why.has_match);
  EXPECT_EQ(why.other, 2u);
  EXPECT_NE(std::find(why.shared_anchors.begin(), why.shared_anchors.end(), "aliyev"), why.shared_anchors.end());
  EXPECT_EQ(why.shared_year, 2025);  // both say 2025; the storm reports name no year
  // Term by term, the score a person reads adds up, and the languages differ.
  EXPECT_NEAR(why.terms.sum(), why.score, 1e-5f);
  EXPECT_NEAR(why.terms.cross_language, o.weight_cosine * o.cross_language_bonus, 1e-5);
  EXPECT_NEAR(why.terms.names, o.weight_names * why.names, 1e-5);
  EXPECT_GT(why.terms.year, 0.f);
  EXPECT_FALSE(why.days_apart) << "undated reports";
  ASSERT_TRUE(r.reasons[1].has_match);
  EXPECT_FALSE(r.reasons[1].shared_year);

  // Same clusters whatever the thread count.
  Options one = o;
  one.threads = 1;
  BatchResult r1 = Pipeline(*model_, lid, one).run(batch);
  EXPECT_EQ(r1.cluster_of, r.cluster_of);
  for (size_t c = 0; c < r.clusters.size(); ++c) EXPECT_EQ(r1.clusters[c].id, r.clusters[c].id);
}

TEST_F(TinyModel, CuttingTextsAfterTheirFeaturesChangesNoCluster) {
  const std::string tail(600, 'x');  // past what a summary shows
  ReadResult batch;
  batch.articles = {
      article("en-court", "en", "Minister meets prosecutor",
              "The court judge and the minister held a meeting on justice cooperation with prosecutor Aliyev in "
              "2025. " + tail),
      article("fr-court", "fr", "Le ministre rencontre le procureur",
              "La cour, le juge et le ministre : rencontre sur la coopération en justice avec le procureur Aliyev en "
              "2025. " + tail),
      article("en-storm", "en", "", "Wind and rain: the storm brought a flood on the coast of Binh Dinh. " + tail)};
  batch.records_read = 3;
  LanguageIdentifier lid("", model_);
  Options keep;
  Options cut = keep;
  cut.keep_text = false;
  BatchResult kept = Pipeline(*model_, lid, keep).run(batch);
  BatchResult trimmed = Pipeline(*model_, lid, cut).run(batch);
  EXPECT_EQ(trimmed.cluster_of, kept.cluster_of);
  ASSERT_EQ(trimmed.articles.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(kept.articles[i].text, batch.articles[i].text) << "library callers keep the whole text by default";
    EXPECT_LE(trimmed.articles[i].text.size(), kShownTextBytes);
    EXPECT_EQ(batch.articles[i].text.compare(0, trimmed.articles[i].text.size(), trimmed.articles[i].text), 0)
        << "the cut text is the text's start";
    EXPECT_NEAR(trimmed.reasons[i].score, kept.reasons[i].score, 1e-6f);
  }
}

TEST_F(TinyModel, RunScoringOnlyWhatClusteringReadsGivesTheResultOfPrepareAndCluster) {
  // Pipeline::run never holds whole pairs (score_link_pairs) and re-scores each article's best
  // pair for its reason; prepare + cluster keeps them all. Both must say the same.
  ReadResult batch;
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"en", "The court judge and the minister held a meeting on justice cooperation with prosecutor Aliyev."},
      {"fr", "La cour, le juge et le ministre : rencontre sur la coopération en justice avec le procureur Aliyev."},
      {"en", "The minister and the judge met prosecutor Aliyev again on justice cooperation in 2025."},
      {"en", "Wind and rain: the storm brought a flood, river damage and evacuation on the coast of Binh Dinh."},
      {"fr", "Vent et pluie : la tempête, une inondation et une évacuation sur la côte de Binh Dinh."},
      {"fr", "La tempête et le vent : inondation sur la rivière de Binh Dinh, évacuation de la côte."},
      {"en", "The storm and the flood on the river: damage on the coast."}};
  for (size_t i = 0; i < texts.size(); ++i)
    batch.articles.push_back(article("a" + std::to_string(i), texts[i].first, "", texts[i].second));
  batch.records_read = texts.size();
  LanguageIdentifier lid("", model_);
  for (double threshold : {0.4, 0.0}) {
    Options o;
    o.threshold = threshold;
    Pipeline pipeline(*model_, lid, o);
    const BatchResult lean = pipeline.run(batch);
    const PreparedBatch prepared = pipeline.prepare(batch);
    const BatchResult whole = pipeline.cluster(prepared, o);
    ASSERT_GT(whole.clusters.size(), 1u);
    ASSERT_LT(whole.clusters.size(), texts.size()) << "the example merges something";
    EXPECT_EQ(lean.cluster_of, whole.cluster_of) << "threshold " << threshold;
    EXPECT_EQ(lean.candidate_pairs, prepared.pairs.size());
    for (size_t i = 0; i < texts.size(); ++i) {
      const MatchReason &a = lean.reasons[i], &b = whole.reasons[i];
      ASSERT_EQ(a.has_match, b.has_match) << i;
      EXPECT_EQ(a.other, b.other) << i;
      EXPECT_EQ(a.score, b.score) << i;
      EXPECT_EQ(a.terms.sum(), b.terms.sum()) << i;
      EXPECT_EQ(a.shared_anchors, b.shared_anchors) << i;
    }
  }
}
