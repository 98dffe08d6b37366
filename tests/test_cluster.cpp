#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include <omp.h>

#include "crossdup/cluster.h"

using namespace crossdup;

namespace {

std::vector<Article> articles(size_t n) {
  std::vector<Article> out(n);
  for (size_t i = 0; i < n; ++i) out[i].id = "art" + std::to_string(i);
  return out;
}

ScoredPair pair(uint32_t a, uint32_t b, float score, bool dates_ok = true) {
  ScoredPair p;
  p.a = a;
  p.b = b;
  p.score = score;
  p.date_compatible = dates_ok;
  return p;
}

std::vector<std::vector<uint32_t>> groups(const std::vector<EventCluster>& clusters) {
  std::vector<std::vector<uint32_t>> g;
  for (auto& c : clusters) g.push_back(c.members);
  return g;
}

// The clusters of a linkage after its merges, as sorted member lists in order of first member.
std::vector<std::vector<uint32_t>> groups(const AverageLinkage& linkage, uint32_t n) {
  std::vector<std::vector<uint32_t>> g;
  for (uint32_t i = 0; i < n; ++i) {
    if (linkage.cluster_of(i) != i) continue;
    auto m = linkage.members(i);
    std::sort(m.begin(), m.end());
    g.push_back(m);
  }
  return g;
}

}  // namespace

TEST(Cluster, AverageLinkageDoesNotChainThroughAHub) {
  // 0 and 2 both resemble hub 1 strongly but not each other: one merge, not a chain.
  Options o;
  o.threshold = 0.5;
  std::vector<std::optional<DateRange>> dates(3);
  auto c = cluster_events(3, {pair(0, 1, 0.9f), pair(1, 2, 0.85f)}, dates, o, articles(3));
  EXPECT_EQ(groups(c), (std::vector<std::vector<uint32_t>>{{0, 1}, {2}}));
}

TEST(Cluster, MergesGroupsWhoseMembersAllAgree) {
  Options o;
  o.threshold = 0.5;
  std::vector<std::optional<DateRange>> dates(4);
  auto c = cluster_events(4, {pair(0, 1, 0.9f), pair(0, 2, 0.7f), pair(1, 2, 0.6f), pair(2, 3, 0.3f)}, dates, o,
                          articles(4));
  EXPECT_EQ(groups(c), (std::vector<std::vector<uint32_t>>{{0, 1, 2}, {3}}));
}

TEST(Cluster, DatesTooFarApartNeverMerge) {
  Options o;
  o.threshold = 0.5;
  o.max_date_gap_days = 3;
  std::vector<std::optional<DateRange>> dates = {parse_iso_date("2025-03-24"), parse_iso_date("2025-03"),
                                                 parse_iso_date("2025-04-10"), std::nullopt};
  // 0-1: a day within its month, fine. 1-2 too far; 0-3: unknown date imposes nothing.
  // 2 may not join {0,1,3} even though 3 (undated) links to it.
  auto c = cluster_events(
      4, {pair(0, 1, 0.9f), pair(0, 3, 0.8f), pair(1, 3, 0.8f), pair(2, 3, 0.95f, true), pair(0, 2, 0.9f, false)},
      dates, o, articles(4));
  for (auto& cl : c) {
    bool has0 = std::count(cl.members.begin(), cl.members.end(), 0u);
    bool has2 = std::count(cl.members.begin(), cl.members.end(), 2u);
    EXPECT_FALSE(has0 && has2);
  }
}

TEST(Cluster, OnePenalisedPairDoesNotSplitALargeEvent) {
  // Five reports of one event agree strongly; reports 0 and 4 name different people in their
  // leads (victim and driver), so that one pair carries the conflict penalty. A veto on that pair
  // would keep 0 and 4 apart for ever; the penalty only lowers the average.
  Options o;
  o.threshold = 0.35;
  std::vector<ScoredPair> pairs;
  for (uint32_t a = 0; a < 5; ++a)
    for (uint32_t b = a + 1; b < 5; ++b) pairs.push_back(pair(a, b, a == 0 && b == 4 ? 0.6f - 1.f : 0.6f));
  std::vector<std::optional<DateRange>> dates(5);
  auto c = cluster_events(5, pairs, dates, o, articles(5));
  EXPECT_EQ(groups(c), (std::vector<std::vector<uint32_t>>{{0, 1, 2, 3, 4}}));
  // Two reports alone with that conflict stay apart.
  auto two = cluster_events(2, {pair(0, 1, 0.6f - 1.f)}, std::vector<std::optional<DateRange>>(2), o, articles(2));
  EXPECT_EQ(two.size(), 2u);
}

TEST(Cluster, IdsAreStableAndOrderFollowsInput) {
  Options o;
  o.threshold = 0.5;
  std::vector<std::optional<DateRange>> dates(3);
  auto arts = articles(3);
  auto a = cluster_events(3, {pair(1, 2, 0.9f)}, dates, o, arts);
  auto b = cluster_events(3, {pair(1, 2, 0.9f)}, dates, o, arts);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].members, std::vector<uint32_t>{0});
  EXPECT_EQ(a[1].members, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(a[1].id, b[1].id);
  EXPECT_NE(a[0].id, a[1].id);
  EXPECT_EQ(a[1].id.rfind("ev-", 0), 0u);
}

TEST(Cluster, AGrowingGraphMergesTwoEventsWhenANewReportTiesThemTogether) {
  // 0 and 1 alone are too weak a pair (0.2); report 2 matches 0 (0.9) and 1 (0.7): it joins 0
  // first, and then {0, 2} and {1} average (0.2 + 0.7) / 2 = 0.45, above the threshold.
  AverageLinkage linkage(0.4, 7);
  for (int i = 0; i < 2; ++i) linkage.add_article(std::nullopt);
  linkage.add_pair(0, 1, 0.2, false);
  EXPECT_TRUE(linkage.merge_around(1).empty());
  EXPECT_NE(linkage.cluster_of(0), linkage.cluster_of(1));

  const uint32_t bridge = linkage.add_article(std::nullopt);
  linkage.add_pair(bridge, 0, 0.9, false);
  linkage.add_pair(bridge, 1, 0.7, false);
  EXPECT_EQ(linkage.merge_around(bridge), (std::vector<uint32_t>{2, 1})) << "2 joins 0, then 1 joins them";
  for (uint32_t i = 0; i < 3; ++i) EXPECT_EQ(linkage.cluster_of(i), 0u) << "the oldest report names the event";
  EXPECT_EQ(linkage.members(0).size(), 3u);
}

TEST(Cluster, AGrowingGraphKeepsVetoesAndDates) {
  const auto day = [](const char* iso) { return parse_iso_date(iso); };
  AverageLinkage linkage(0.4, 7);
  linkage.add_article(day("2025-03-01"));
  linkage.add_article(day("2025-03-20"));  // 19 days after 0
  const uint32_t both = linkage.add_article(std::nullopt);
  linkage.add_pair(both, 0, 0.9, false);
  linkage.add_pair(both, 1, 0.9, false);
  linkage.merge_around(both);
  EXPECT_EQ(linkage.cluster_of(both), 0u);
  EXPECT_NE(linkage.cluster_of(1), 0u) << "an undated bridge cannot join reports 19 days apart";

  const uint32_t vetoed = linkage.add_article(day("2025-03-01"));
  linkage.add_pair(vetoed, 0, 0.9, true);
  linkage.add_pair(vetoed, both, 0.9, false);
  linkage.merge_around(vetoed);
  EXPECT_EQ(linkage.cluster_of(vetoed), vetoed) << "one vetoed pair keeps it out of the event";
}

TEST(Cluster, AddingPairsOneByOneThenMergingAllIsTheOnePassClustering) {
  // The batch's bulk path and the one-pair path build the same links.
  std::vector<ScoredPair> pairs;
  uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  const size_t n = 60;
  for (uint32_t a = 0; a < n; ++a)
    for (uint32_t b = a + 1; b < n; ++b)
      if (next() % 5 == 0) pairs.push_back(pair(a, b, static_cast<float>(next() % 1000) / 1000.f, next() % 17 != 0));
  Options o;
  auto batch = cluster_events(n, pairs, std::vector<std::optional<DateRange>>(n), o, articles(n));
  AverageLinkage linkage(o.threshold, o.max_date_gap_days);
  for (size_t i = 0; i < n; ++i) linkage.add_article(std::nullopt);
  for (const auto& p : pairs) linkage.add_pair(p.a, p.b, p.score, !p.may_link());
  linkage.merge_all();
  const auto grown = groups(linkage, static_cast<uint32_t>(n));
  EXPECT_EQ(grown, groups(batch));
  EXPECT_LT(grown.size(), n) << "the example merges something";
  EXPECT_GT(grown.size(), 1u) << "and keeps something apart";
}


TEST(Cluster, GroupsClusteredSideBySideGiveTheOneRunOverTheBatchForAnyThreadCount) {
  // 3,000 articles in small stories with strong and weak pairs inside, weak pairs (some
  // negative) between stories, a few strong ones tying stories together, vetoes and dates.
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> inside(-0.3f, 1.2f), between(-0.4f, 0.3f);
  const uint32_t n = 3000;
  std::vector<ScoredPair> pairs;
  for (uint32_t a = 0; a < n; ++a)
    for (uint32_t b = a + 1; b < std::min(n, a + 12); ++b) {
      const bool same_story = a / 8 == b / 8;
      if (same_story || rng() % 3 == 0)
        pairs.push_back(pair(a, b, same_story || rng() % 40 == 0 ? inside(rng) : between(rng), rng() % 25 != 0));
    }
  std::vector<std::optional<DateRange>> dates(n);
  for (uint32_t i = 0; i < n; ++i)
    if (rng() % 4 != 0) dates[i] = DateRange{static_cast<Day>(i / 8 + rng() % 12), static_cast<Day>(i / 8 + 12)};
  Options o;
  AverageLinkage one_run(o.threshold, o.max_date_gap_days);
  for (uint32_t i = 0; i < n; ++i) one_run.add_article(dates[i]);
  LinkPairBlocks links;
  for (const ScoredPair& p : pairs) links.push_back(LinkPair::of(p));
  one_run.add_pairs(std::move(links));
  one_run.merge_all();
  const auto expected = groups(one_run, n);
  ASSERT_LT(expected.size(), n / 2) << "the example merges stories";
  ASSERT_GT(expected.size(), n / 40) << "and keeps many apart";
  for (int threads : {1, 2}) {
    omp_set_num_threads(threads);
    EXPECT_EQ(groups(cluster_events(n, pairs, dates, o, articles(n))), expected) << threads << " threads";
  }
}
