// Fitting the pair score: the settings file a model carries, and the fit itself on a toy batch.
#include <gtest/gtest.h>

#include <omp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "crossdup/error.h"
#include "crossdup/fit.h"
#include "toy_model.h"

using namespace crossdup;
using crossdup::testing::article;
using crossdup::testing::toy_model;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << content;
  return path.string();
}

// Two events per language pair, each reported in two or three languages, and a lone report.
LabelledSet toy_set() {
  LabelledSet set;
  set.name = "toy";
  set.articles = {
      article("c-en", "en", "Minister meets court", "The minister and the court held a meeting with Kamran Aliyev.",
              "2025-03-24"),
      article("c-fr", "fr", "Le ministre et la cour", "La ministre, la cour : rencontre avec Kamran Aliyev.",
              "2025-03-24"),
      article("c-vi", "vi", "Bộ trưởng hội đàm", "Các bộ trưởng tòa án hội đàm với Kamran Aliyev.", "2025-03-24"),
      article("s-en", "en", "Storm and flood", "The storm brought a flood to Quang Ngai.", "2024-09-28"),
      article("s-fr", "fr", "Tempête et inondation", "La tempête, une inondation à Quang Ngai.", "2024-09-28"),
      article("s-vi", "vi", "Bão và lũ", "Các bão lũ tại Quang Ngai.", "2024-09-29"),
      article("t-en", "en", "Storm and flood again", "The storm and a flood hit Binh Dinh a year later.", "2025-10-02"),
      article("t-fr", "fr", "Nouvelle tempête", "La tempête et une inondation à Binh Dinh.", "2025-10-02"),
      article("m-en", "en", "Minister alone", "The minister spoke of the court.", "2025-06-01")};
  set.gold = {{"c-en", "C"}, {"c-fr", "C"}, {"c-vi", "C"}, {"s-en", "S"}, {"s-fr", "S"},
              {"s-vi", "S"}, {"t-en", "T"}, {"t-fr", "T"}, {"m-en", "M"}};
  return set;
}

bool on_grid(const Options& o) {
  for (const auto& s : fitted_settings()) {
    double v = std::stod(get_option(o, s.name));
    bool found = std::any_of(s.values.begin(), s.values.end(), [&](double x) { return std::abs(x - v) < 1e-9; });
    if (!found) return false;
  }
  return true;
}

// Two folds, one round: enough for a toy batch, fast in the test suite.
FitSettings quick_fit() {
  FitSettings settings;
  settings.folds = 2;
  settings.rounds = 1;
  return settings;
}

}  // namespace

TEST(FitSettings, FileRoundTripsAndNamesTheBadLine) {
  Options fitted;
  fitted.threshold = 0.425;
  fitted.weight_names = 0.3;
  std::string path = write_temp("crossdup_fit_roundtrip.score", settings_file_text(fitted, {"a comment"}));
  Options read;
  read_settings_file(path, read);
  for (const auto& s : fitted_settings()) EXPECT_EQ(get_option(read, s.name), get_option(fitted, s.name)) << s.name;

  // The message read_settings_file refuses a file with ("" when it accepts it).
  auto refusal = [&](const std::string& name, const std::string& text) {
    try {
      read_settings_file(write_temp(name, text), read);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string unknown = refusal("crossdup_fit_bad.score", "# fitted\nthreshold=0.3\n\nweight_nmaes=0.5\n");
  EXPECT_NE(unknown.find("crossdup_fit_bad.score:4"), std::string::npos) << "an unknown setting: " << unknown;
  EXPECT_NE(unknown.find("weight_nmaes"), std::string::npos) << unknown;
  // A settings file written before an experiment was retired is told so, with its line.
  const std::string retired = refusal("crossdup_fit_retired.score", "threshold=0.4\nweight_translated=0\n");
  EXPECT_NE(retired.find("crossdup_fit_retired.score:2"), std::string::npos) << "a retired setting: " << retired;
  EXPECT_NE(retired.find("retired"), std::string::npos) << retired;
  std::string range = write_temp("crossdup_fit_range.score", "threshold=7\n");
  EXPECT_THROW(read_settings_file(range, read), InputError);
  EXPECT_THROW(read_settings_file("/nonexistent/x.score", read), InputError);
}

TEST(FitSettings, LiveNextToTheModelFile) {
  EXPECT_EQ(score_settings_path("/m/crossdup-default.cdm"), "/m/crossdup-default.score");
  EXPECT_EQ(score_settings_path("en=wiki.en.vec"), "");
}

TEST(FitSettings, BundledModelsSettingsAreTheLibraryDefaults) {
  // The CLI reads the model's .score file; a library caller with Options{} must get the same.
  std::string path = std::string(CROSSDUP_SOURCE_DIR) + "/models/default/crossdup-default.score";
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  Options from_file;
  read_settings_file(path, from_file);
  for (const auto& s : fitted_settings())
    EXPECT_EQ(get_option(from_file, s.name), get_option(Options{}, s.name)) << s.name << " differs from options.h";
}

TEST(Fit, AscendsOnTheGridAndIsTheSameForAnyThreadCount) {
  Model model = toy_model();
  LanguageIdentifier lid("", &model);
  FitSettings settings = quick_fit();
  Options start;
  start.threshold = 2.0;  // nothing merges: the fit must find a threshold on its grid
  omp_set_num_threads(1);
  FitOutcome one = fit_score({toy_set()}, model, lid, start, settings);
  omp_set_num_threads(2);
  FitOutcome two = fit_score({toy_set()}, model, lid, start, settings);

  ASSERT_EQ(one.folds.size(), 2u);
  EXPECT_TRUE(on_grid(one.fitted));
  EXPECT_GE(fit_objective(one.fitted_all[0]), fit_objective(one.before_all[0]));
  EXPECT_GT(one.fitted_all[0].pairwise.f1, one.before_all[0].pairwise.f1);
  for (const auto& s : fitted_settings()) EXPECT_EQ(get_option(one.fitted, s.name), get_option(two.fitted, s.name));
  // Every fold's held-out report covers only its own events.
  for (const auto& f : one.folds) EXPECT_EQ(f.before[0].gold_articles, f.test_articles);
}

TEST(Fit, HeldSettingsKeepTheirStartingValue) {
  Model model = toy_model();
  LanguageIdentifier lid("", &model);
  FitSettings settings = quick_fit();
  Options start;
  start.threshold = 2.0;  // nothing merges: a free fit moves the threshold onto its grid
  FitOutcome free_fit = fit_score({toy_set()}, model, lid, start, settings);
  EXPECT_LT(free_fit.fitted.threshold, 1.0);
  settings.hold = {"threshold"};
  FitOutcome held = fit_score({toy_set()}, model, lid, start, settings);
  EXPECT_DOUBLE_EQ(held.fitted.threshold, 2.0);
  for (const auto& f : held.folds) EXPECT_DOUBLE_EQ(f.fitted.threshold, 2.0);
}

TEST(Fit, FoldsHoldWholeGroupsAndPoolEveryArticle) {
  Model model = toy_model();
  LanguageIdentifier lid("", &model);
  LabelledSet set = toy_set();
  // The two storms are one occasion, the court meeting and the lone report another.
  set.groups = {{"S", "storms"}, {"T", "storms"}, {"C", "court"}, {"M", "court"}};
  for (size_t folds : {2u, 3u, 5u}) {
    EXPECT_EQ(fold_of_event(set, "S", folds), fold_of_event(set, "T", folds));
    EXPECT_EQ(fold_of_event(set, "C", folds), fold_of_event(set, "M", folds));
  }
  // An event without a group is its own group.
  EXPECT_EQ(fold_of_event(set, "X", 7), fold_of_event(LabelledSet{}, "X", 7));

  Options start;
  start.threshold = 2.0;  // nothing merges
  FitOutcome r = fit_score({set}, model, lid, start, quick_fit());
  size_t held_out = 0;
  for (const auto& f : r.folds) held_out += f.test_articles;
  EXPECT_EQ(held_out, set.gold.size());
  ASSERT_EQ(r.grouped_before.size(), 1u);
  EXPECT_EQ(r.grouped_before[0].scored_articles, set.gold.size());
  // Nothing merges at the start: no predicted pair, every gold pair missed, in every part.
  EXPECT_EQ(r.grouped_before[0].pairwise.predicted, 0u);
  EXPECT_EQ(r.grouped_before[0].pairwise.gold, 7u);  // 3 + 3 + 1: an event never splits between folds
  // What is written is the fit only when it generalises.
  const Options& expected = r.fit_generalises ? r.fitted : start;
  for (const auto& s : fitted_settings()) EXPECT_EQ(get_option(r.chosen, s.name), get_option(expected, s.name));
}

TEST(Fit, SelectionFreesOnlyWhatPaysOnHeldOutOccasions) {
  Model model = toy_model();
  LanguageIdentifier lid("", &model);
  FitSettings settings = quick_fit();
  settings.select = true;
  Options start;
  start.threshold = 2.0;  // nothing merges: fitting the threshold pays on every held-out fold
  FitOutcome r = fit_score({toy_set()}, model, lid, start, settings);
  ASSERT_FALSE(r.selection.empty());
  EXPECT_EQ(r.selection[0].chosen, "threshold");
  ASSERT_FALSE(r.freed.empty());
  EXPECT_EQ(r.freed[0], "threshold");
  EXPECT_LT(r.fitted.threshold, 1.0);
  // What the selection did not free keeps its starting value in the final fit.
  for (const auto& s : fitted_settings())
    if (std::find(r.freed.begin(), r.freed.end(), s.name) == r.freed.end())
      EXPECT_EQ(get_option(r.fitted, s.name), get_option(start, s.name)) << s.name;
  // The last step is the one where no candidate gained enough.
  EXPECT_TRUE(r.selection.back().chosen.empty());
  EXPECT_EQ(r.selection.size(), r.freed.size() + 1);

  // From the defaults, which already score at least half on the toy set, no setting can gain
  // half a point: nothing is freed and nothing moves.
  settings.min_gain = 0.5;
  const Options defaults;
  FitOutcome none = fit_score({toy_set()}, model, lid, defaults, settings);
  ASSERT_GE(fit_objective(none.before_all[0]), 0.5);
  EXPECT_TRUE(none.freed.empty());
  for (const auto& s : fitted_settings()) EXPECT_EQ(get_option(none.fitted, s.name), get_option(defaults, s.name));
}
