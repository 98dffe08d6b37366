#include <gtest/gtest.h>

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
  auto c = cluster_events(4, {pair(0, 1, 0.9f), pair(0, 3, 0.8f), pair(1, 3, 0.8f), pair(2, 3, 0.95f, true),
                              pair(0, 2, 0.9f, false)},
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
