#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "crossdup/error.h"
#include "crossdup/eval.h"

using namespace crossdup;

// Worked by hand: gold events {a,b,c} and {d} (and e, which the output lost);
// predicted clusters {a,b} and {c,d}. Languages: a en, b fr, c en, d vi.
TEST(Eval, MatchesAHandComputedExample) {
  std::vector<Assignment> assigned = {{"a", "x", "en"},
                                      {"b", "x", "fr"},
                                      {"c", "y", "en"},
                                      {"d", "y", "vi"},
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

// Cross-validation's view of the hand example above with {c, d} in part 0 and {a, b} in part 1:
// part 0 counts every pair touching c or d, so the false merge (c,d) and the missed pairs
// (a,c) (b,c) count, while (a,b), between two articles of a later part, does not.
TEST(Eval, HeldOutPartCountsEveryPairTouchingIt) {
  std::vector<Assignment> assigned = {{"a", "x", "en"}, {"b", "x", "fr"}, {"c", "y", "en"}, {"d", "y", "vi"}};
  std::unordered_map<std::string, std::string> gold = {{"a", "E1"}, {"b", "E1"}, {"c", "E1"}, {"d", "E2"}};
  std::unordered_map<std::string, size_t> part_of = {{"c", 0}, {"d", 0}, {"a", 1}, {"b", 1}};
  EvalReport first = evaluate_part(assigned, gold, part_of, 0);
  EXPECT_EQ(first.scored_articles, 2u);
  EXPECT_EQ(first.pairwise.predicted, 1u);  // (c,d)
  EXPECT_EQ(first.pairwise.gold, 2u);       // (a,c) (b,c)
  EXPECT_EQ(first.pairwise.true_positives, 0u);
  EXPECT_EQ(first.cross_language.gold, 1u);  // (b,c)
  // B-cubed over c and d only: precision 1/2 each, recall 1/3 (c) and 1 (d).
  EXPECT_DOUBLE_EQ(first.bcubed.precision, 0.5);
  EXPECT_NEAR(first.bcubed.recall, 2.0 / 3, 1e-12);

  // Part 1 counts (a,b) only: the split pairs were counted in part 0.
  EvalReport second = evaluate_part(assigned, gold, part_of, 1);
  EXPECT_EQ(second.pairwise.true_positives, 1u);
  EXPECT_EQ(second.pairwise.gold, 1u);
  // Pooled, every pair once: the whole batch's report.
  EvalReport both = pooled({first, second}), whole = evaluate(assigned, gold);
  EXPECT_EQ(both.scored_articles, 4u);
  EXPECT_EQ(both.pairwise.gold, whole.pairwise.gold);
  EXPECT_EQ(both.pairwise.predicted, whole.pairwise.predicted);
  EXPECT_DOUBLE_EQ(both.pairwise.f1, whole.pairwise.f1);
  EXPECT_DOUBLE_EQ(both.bcubed.precision, whole.bcubed.precision);
  EXPECT_DOUBLE_EQ(both.bcubed.recall, whole.bcubed.recall);
  EXPECT_EQ(both.by_language_pair.at("en-vi").predicted, 1u);
}

TEST(Eval, ReadsGroupFiles) {
  auto path = std::filesystem::temp_directory_path() / ("crossdup-groups-" + std::to_string(::getpid()) + ".tsv");
  std::ofstream(path) << "event\tgroup\nE1\tvisit-1\nE2\tvisit-1\nE3\ttopic-9\n";
  auto groups = read_groups(path.string());
  EXPECT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups.at("E2"), "visit-1");
  EXPECT_EQ(groups.count("event"), 0u);
  std::filesystem::remove(path);
}
