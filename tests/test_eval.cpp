#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "crossdup/error.h"
#include "crossdup/eval.h"

using namespace crossdup;

// Worked by hand: gold events {a,b,c} and {d} (and e, which the output lost);
// predicted clusters {a,b} and {c,d}. Languages: a en, b fr, c en, d vi.
TEST(Eval, MatchesAHandComputedExample) {
  std::vector<Assignment> assigned = {{"a", "x", "en"}, {"b", "x", "fr"}, {"c", "y", "en"}, {"d", "y", "vi"},
                                      {"z", "y", "en"}};  // z is not in the gold file: not scored
  std::unordered_map<std::string, std::string> gold = {{"a", "E1"}, {"b", "E1"}, {"c", "E1"}, {"d", "E2"}, {"e", "E3"}};
  EvalReport r = evaluate(assigned, gold);
  EXPECT_EQ(r.gold_articles, 5u);
  EXPECT_EQ(r.scored_articles, 4u);
  EXPECT_EQ(r.lost_articles, 1u);
  // Pairs: predicted (a,b) (c,d); gold (a,b) (a,c) (b,c); one in common.
  EXPECT_EQ(r.pairwise.predicted, 2u);
  EXPECT_EQ(r.pairwise.gold, 3u);
  EXPECT_EQ(r.pairwise.true_positives, 1u);
  EXPECT_DOUBLE_EQ(r.pairwise.precision, 0.5);
  EXPECT_DOUBLE_EQ(r.pairwise.recall, 1.0 / 3);
  EXPECT_NEAR(r.pairwise.f1, 0.4, 1e-12);
  // Across languages: predicted (a,b) (c,d); gold (a,b) (b,c).
  EXPECT_DOUBLE_EQ(r.cross_language.precision, 0.5);
  EXPECT_DOUBLE_EQ(r.cross_language.recall, 0.5);
  EXPECT_EQ(r.by_language_pair.at("en-fr").gold, 2u);
  EXPECT_EQ(r.by_language_pair.at("en-fr").true_positives, 1u);
  EXPECT_EQ(r.by_language_pair.at("en-en").gold, 1u);
  EXPECT_EQ(r.by_language_pair.at("en-en").predicted, 0u);
  EXPECT_EQ(r.by_language_pair.at("en-vi").predicted, 1u);
  // B-cubed: precision (1 + 1 + 1/2 + 1/2) / 4, recall (2/3 + 2/3 + 1/3 + 1) / 4.
  EXPECT_DOUBLE_EQ(r.bcubed.precision, 0.75);
  EXPECT_NEAR(r.bcubed.recall, 2.0 / 3, 1e-12);
  EXPECT_NEAR(r.bcubed.f1, 2 * 0.75 * (2.0 / 3) / (0.75 + 2.0 / 3), 1e-12);
}

TEST(Eval, PerfectClusteringScoresOne) {
  std::vector<Assignment> assigned = {{"a", "1", "en"}, {"b", "1", "fr"}, {"c", "2", "vi"}};
  std::unordered_map<std::string, std::string> gold = {{"a", "E"}, {"b", "E"}, {"c", "F"}};
  EvalReport r = evaluate(assigned, gold);
  EXPECT_DOUBLE_EQ(r.pairwise.f1, 1.0);
  EXPECT_DOUBLE_EQ(r.cross_language.f1, 1.0);
  EXPECT_DOUBLE_EQ(r.bcubed.f1, 1.0);
}

TEST(Eval, ReadsGoldFilesAndNamesBadLines) {
  auto dir = std::filesystem::temp_directory_path() / ("crossdup-eval-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "gold.tsv") << "# comment\nid\tevent\na.txt\tE1\tnote\nb\tE2\n";
  auto gold = read_gold((dir / "gold.tsv").string());
  EXPECT_EQ(gold.size(), 2u);
  EXPECT_EQ(gold.at("a.txt"), "E1");
  std::ofstream(dir / "bad.tsv") << "a\tE1\nno tab here\n";
  try {
    read_gold((dir / "bad.tsv").string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.tsv:2"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}
