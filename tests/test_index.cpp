// The incremental index: same-event answers as articles arrive, refusals that leave it
// unchanged, agreement with the batch pipeline, and concurrent use (also run under TSan).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "crossdup/error.h"
#include "crossdup/index.h"
#include "crossdup/pipeline.h"
#include "toy_model.h"

using namespace crossdup;
using crossdup::testing::article;
using crossdup::testing::toy_model;

namespace {

Article meeting_en() {
  return article("en1", "en", "Minister meeting",
                 "The minister and the court held a meeting in Hà Nội with Kamran Aliyev.", "2025-03-24");
}
Article meeting_fr() {
  return article("fr1", "fr", "Rencontre du ministre", "La ministre et la cour : rencontre à Hanoï avec Kamran Aliyev.",
                 "2025-03-24");
}
Article storm_en() {
  return article("en2", "en", "Storm and flood", "The storm brought a flood to the coast of Quảng Ngãi.", "2025-09-28");
}

struct IndexTest : ::testing::Test {
  Model model = toy_model();
  LanguageIdentifier lid{"", &model};
};

}  // namespace

TEST_F(IndexTest, AReportInAnotherLanguageJoinsTheEventAndNamesItsDuplicate) {
  Index index(model, lid);
  Addition first = index.add(meeting_en());
  EXPECT_TRUE(first.new_event);
  EXPECT_TRUE(first.duplicates.empty());

  Addition second = index.add(meeting_fr());
  EXPECT_FALSE(second.new_event);
  EXPECT_EQ(second.event_id, first.event_id);
  ASSERT_EQ(second.duplicates.size(), 1u);
  EXPECT_EQ(second.duplicates[0].id, "en1");
  EXPECT_EQ(second.duplicates[0].event_id, first.event_id);
  EXPECT_GE(second.duplicates[0].score, index.options().threshold);
  EXPECT_NEAR(second.duplicates[0].terms.sum(), second.duplicates[0].score, 1e-5f);
  EXPECT_GT(second.duplicates[0].terms.cross_language, 0.f) << "an English and a French report";
  std::set<std::string> shared(second.duplicates[0].shared_anchors.begin(), second.duplicates[0].shared_anchors.end());
  EXPECT_TRUE(shared.count("aliyev")) << "the visitor's name explains the match; shared: "
                                      << ::testing::PrintToString(shared);

  Addition storm = index.add(storm_en());
  EXPECT_TRUE(storm.new_event);
  EXPECT_NE(storm.event_id, first.event_id);
  EXPECT_EQ(storm.event_id, event_id_for("en2")) << "event ids are derived as the batch derives them";
  EXPECT_EQ(index.size(), 3u);
}

TEST_F(IndexTest, DuplicatesOfAsksWithoutAdding) {
  Index index(model, lid);
  index.add(meeting_en());
  auto found = index.duplicates_of(meeting_fr());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "en1");
  EXPECT_TRUE(index.duplicates_of(storm_en()).empty());
  EXPECT_EQ(index.size(), 1u);
  EXPECT_FALSE(index.contains("fr1"));
}

TEST_F(IndexTest, ReportsOfTheSameVisitorWithDifferentHostsStayApart) {
  Index index(model, lid);
  index.add(article("a", "en", "Minister meeting with Kamran Aliyev",
                    "Minister Nguyen Van Binh held a meeting with Kamran Aliyev at the court.", "2025-03-24"));
  Addition other =
      index.add(article("b", "en", "Minister meeting with Kamran Aliyev",
                        "Minister Tran Thi Hoa held a meeting with Kamran Aliyev at the court.", "2025-03-24"));
  EXPECT_TRUE(other.new_event) << "each lead names a host the other never mentions";
  EXPECT_TRUE(other.duplicates.empty());
}

TEST_F(IndexTest, ReportsTooFarApartInTimeStayApart) {
  Index index(model, lid);
  index.add(meeting_en());
  Article later = meeting_fr();
  later.date = parse_iso_date("2025-06-01");
  EXPECT_TRUE(index.add(later).new_event);
}

TEST_F(IndexTest, RefusedArticlesLeaveTheIndexUnchanged) {
  Index index(model, lid);
  index.add(meeting_en());
  Article same_id = storm_en();
  same_id.id = "en1";
  EXPECT_THROW(index.add(same_id), InputError);
  Article no_id = storm_en();
  no_id.id.clear();
  EXPECT_THROW(index.add(no_id), InputError);
  Article empty = article("e", "en", "", "<p> </p>");
  EXPECT_THROW(index.add(empty), InputError);
  Article bad_utf8 = article("u", "en", "Storm", "flood \xC3\x28 coast");
  EXPECT_THROW(index.add(bad_utf8), InputError);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.assignments().size(), 1u);
}

TEST_F(IndexTest, ALanguageTheModelLacksMeetsOthersThroughNames) {
  Index index(model, lid);
  Addition en = index.add(meeting_en());
  Addition ru =
      index.add(article("ru1", "ru", "Встреча", "Встреча в Hà Nội: Kamran Aliyev, 24.03.2025.", "2025-03-24"));
  EXPECT_TRUE(ru.names_only);
  EXPECT_EQ(ru.event_id, en.event_id);
}

TEST_F(IndexTest, AgreesWithTheBatchOnClearCases) {
  std::vector<Article> batch = {
      meeting_en(), storm_en(), meeting_fr(),
      article("vi1", "vi", "Bộ trưởng hội đàm", "Các bộ trưởng tòa án hội đàm tại Hà Nội với Kamran Aliyev.",
              "2025-03-24"),
      article("fr2", "fr", "Tempête", "La tempête et une inondation à Quảng Ngãi.", "2025-09-28")};
  Index index(model, lid);
  for (const auto& a : batch) index.add(a);
  ReadResult read;
  read.articles = batch;
  read.records_read = batch.size();
  BatchResult result = Pipeline(model, lid, Options{}).run(read);
  auto incremental = index.assignments();
  auto batched = assignments_of(result);
  ASSERT_EQ(incremental.size(), batched.size());
  for (size_t i = 0; i < batched.size(); ++i) {
    EXPECT_EQ(incremental[i].id, batched[i].id);
    EXPECT_EQ(incremental[i].cluster, batched[i].cluster) << batched[i].id;
  }
  EXPECT_EQ(incremental[0].cluster, incremental[2].cluster);
  EXPECT_EQ(incremental[1].cluster, incremental[4].cluster);
  EXPECT_NE(incremental[0].cluster, incremental[1].cluster);
}

TEST_F(IndexTest, AReportThatTiesTwoEarlierEventsTogetherMergesThem) {
  // A storm report and a flood report share nothing; a third report names both places. It
  // joins the first event, and the first two then average above the threshold with the flood
  // report: one event, as the batch finds over the three.
  Options o;
  o.threshold = 0.3;  // the pair scores here are about 0.8 (bridge) and 0 (storm-flood)
  std::vector<Article> reports = {
      article("storm", "en", "Storm", "The storm hit Quảng Ngãi.", "2025-09-28"),
      article("flood", "en", "Flood", "The flood reached Tam Kỳ.", "2025-09-28"),
      article("both", "en", "Storm and flood", "The storm and the flood hit Quảng Ngãi and Tam Kỳ.", "2025-09-28")};
  Index index(model, lid, o);
  Addition storm = index.add(reports[0]);
  Addition flood = index.add(reports[1]);
  ASSERT_NE(flood.event_id, storm.event_id);
  Addition both = index.add(reports[2]);
  EXPECT_FALSE(both.new_event);
  EXPECT_EQ(both.event_id, storm.event_id) << "a merged event keeps its oldest report's id";
  EXPECT_EQ(both.merged_events, std::vector<std::string>{flood.event_id});
  for (const auto& a : index.assignments()) EXPECT_EQ(a.cluster, storm.event_id) << a.id;
  ASSERT_EQ(both.duplicates.size(), 2u);
  for (const auto& d : both.duplicates) EXPECT_EQ(d.event_id, storm.event_id) << "duplicates name the merged event";

  ReadResult read;
  read.articles = reports;
  read.records_read = reports.size();
  BatchResult batch = Pipeline(model, lid, o).run(read);
  EXPECT_EQ(batch.clusters.size(), 1u);
}

namespace {

// One of a few stories, with a distinct name and date per story so that the events are clear
// (the toy space knows two topics only: without the dates, a meeting in French and one in
// Vietnamese with different people differ by names alone).
Article generated(const std::string& id, int story) {
  static const char* texts[] = {"The minister held a meeting at the court with Kamran Aliyev.",
                                "The storm and the flood hit the coast near Quang Ngai.",
                                "La ministre et la cour : rencontre avec Ilham Petrov.",
                                "Các bộ trưởng tòa án hội đàm với Lương Cường."};
  static const char* langs[] = {"en", "en", "fr", "vi"};
  static const char* dates[] = {"2025-03-24", "2025-05-10", "2025-07-01", "2025-09-15"};
  return article(id, langs[story % 4], "", texts[story % 4], dates[story % 4]);
}

}  // namespace

TEST_F(IndexTest, ConcurrentAddsAndQueriesLoseNothing) {
  Index index(model, lid);
  constexpr int kThreads = 4, kEach = 60;
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        Addition a = index.add(generated(id, i));
        if (a.event_id.empty()) ++failures;
        index.duplicates_of(generated("query", i + 1));
        if (!index.contains(id)) ++failures;
        (void)index.size();
      }
    });
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = index.assignments();
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  // Whatever the interleaving, the reports of one story form one event.
  std::map<int, std::set<std::string>> events_of_story;
  for (const auto& a : all) events_of_story[std::stoi(a.id.substr(a.id.find('-') + 1)) % 4].insert(a.cluster);
  ASSERT_EQ(events_of_story.size(), 4u);
  for (auto& [story, events] : events_of_story) EXPECT_EQ(events.size(), 1u) << "story " << story;
}

TEST_F(IndexTest, ReclusterAndAssignmentsRunWhileOthersAddAndQuery) {
  // A nightly recluster and an export of every event, running while the feed goes on: nothing
  // is lost, every snapshot is whole (ids unique, one event each), and the final events are the
  // stories'. Under ThreadSanitizer in the test command.
  Index index(model, lid);
  constexpr int kAdders = 3, kEach = 50;
  std::atomic<int> failures{0};
  std::atomic<bool> adding{true};
  std::vector<std::thread> workers;
  for (int t = 0; t < kAdders; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = "r" + std::to_string(t) + "-" + std::to_string(i);
        if (index.add(generated(id, i)).event_id.empty()) ++failures;
        index.duplicates_of(generated("query", i));
      }
    });
  std::thread reclusterer([&] {
    while (adding.load()) {
      for (const Move& m : index.recluster())
        if (m.id.empty() || m.to_event.empty() || m.from_event == m.to_event) ++failures;
      std::this_thread::yield();
    }
  });
  std::thread exporter([&] {
    size_t last = 0;
    while (adding.load()) {
      auto snapshot = index.assignments();
      std::set<std::string> ids;
      for (const auto& a : snapshot)
        if (!ids.insert(a.id).second || a.cluster.empty()) ++failures;
      if (snapshot.size() < last) ++failures;  // additions are never lost
      last = snapshot.size();
    }
  });
  for (auto& w : workers) w.join();
  adding = false;
  reclusterer.join();
  exporter.join();
  EXPECT_EQ(failures.load(), 0);
  index.recluster();
  auto all = index.assignments();
  ASSERT_EQ(all.size(), static_cast<size_t>(kAdders * kEach));
  std::map<int, std::set<std::string>> events_of_story;
  for (const auto& a : all) events_of_story[std::stoi(a.id.substr(a.id.find('-') + 1)) % 4].insert(a.cluster);
  ASSERT_EQ(events_of_story.size(), 4u);
  for (auto& [story, events] : events_of_story) EXPECT_EQ(events.size(), 1u) << "story " << story;
}

TEST_F(IndexTest, TheSameOrderGivesTheSameEvents) {
  Index one(model, lid), two(model, lid);
  for (int i = 0; i < 40; ++i) {
    one.add(generated("a" + std::to_string(i), i * 7 % 5));
    two.add(generated("a" + std::to_string(i), i * 7 % 5));
  }
  auto x = one.assignments(), y = two.assignments();
  ASSERT_EQ(x.size(), y.size());
  for (size_t i = 0; i < x.size(); ++i) EXPECT_EQ(x[i].cluster, y[i].cluster);
}

TEST(IndexCandidates, AReportMeetsItsBestInTheOtherLanguageEvenWhenItsOwnFillsItsList) {
  // The French report's three French variants are nearer than any English report: with no
  // slots for other languages they fill its list and its English originals are never scored.
  const Model model = crossdup::testing::noisy_bilingual_space();
  LanguageIdentifier lid{"", &model};
  Article query;
  std::vector<Article> earlier;
  for (auto& a : crossdup::testing::stories_with_variants_and_translations())
    (a.id == "fr0-0" ? query : earlier.emplace_back()) = a;
  auto english_duplicates = [&](size_t per_language) {
    Options o;
    o.max_neighbours = 3;
    o.neighbours_per_language = per_language;
    o.candidate_floor = -1;
    o.threshold = -100;  // every scored candidate is listed as a duplicate
    Index index(model, lid, o);
    for (const auto& a : earlier) index.add(a);
    std::vector<std::string> out;
    for (const auto& d : index.duplicates_of(query))
      if (d.id.rfind("en", 0) == 0) out.push_back(d.id);
    return out;
  };
  EXPECT_TRUE(english_duplicates(0).empty());
  auto found = english_duplicates(1);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().rfind("en0-", 0), 0u) << "the best English report is one of its own story: " << found.front();
}

// Stories with variants and translations, shuffled so that they arrive interleaved, with a
// space and identifier to index them (the identifier points at the space: do not copy).
struct InterleavedStories {
  explicit InterleavedStories(unsigned order = 11) {
    std::shuffle(articles.begin(), articles.end(), std::mt19937(order));
  }
  Model model = crossdup::testing::noisy_bilingual_space();
  LanguageIdentifier lid{"", &model};
  std::vector<Article> articles = crossdup::testing::stories_with_variants_and_translations();
  // Every pair a candidate, in the batch and in the index alike.
  static Options every_pair() {
    Options o;
    o.candidate_floor = -1;
    return o;
  }
};

// Replays additions as a caller sees them: each new article's event, then the earlier
// articles that moved. Every move must start from the event the caller last saw.
void follow(std::map<std::string, std::string>& event_of, const std::string& id, const Addition& added) {
  event_of[id] = added.event_id;
  for (const auto& m : added.moved) {
    EXPECT_EQ(event_of[m.id], m.from_event) << m.id;
    event_of[m.id] = m.to_event;
  }
}

TEST(IndexAdditions, ReFormEarlierEventsAsTheBatchWould) {
  InterleavedStories stories;
  const Model& model = stories.model;
  const LanguageIdentifier& lid = stories.lid;
  const auto& articles = stories.articles;
  Options o = InterleavedStories::every_pair();
  // Centred on the model's mean alone, a pair scores the same whenever it is scored: the stored
  // scores are the batch's. (By default they are centred on the articles stored at the time.)
  o.centering_prior = 1e9;
  Index index(model, lid, o);
  std::map<std::string, std::string> seen;  // each article's event as the additions reported it
  size_t additions_that_moved_others = 0;
  for (const auto& a : articles) {
    Addition added = index.add(a);
    additions_that_moved_others += !added.moved.empty();
    follow(seen, a.id, added);
  }
  EXPECT_GT(additions_that_moved_others, 0u) << "in this order later reports re-form earlier events";
  ReadResult read;
  read.articles = articles;
  read.records_read = articles.size();
  auto batched = assignments_of(Pipeline(model, lid, o).run(read));
  auto now = index.assignments();
  ASSERT_EQ(now.size(), batched.size());
  for (size_t i = 0; i < batched.size(); ++i) {
    EXPECT_EQ(now[i].id, batched[i].id);
    EXPECT_EQ(now[i].cluster, batched[i].cluster) << now[i].id;
    EXPECT_EQ(seen[now[i].id], now[i].cluster) << "the additions' answers add up to the index's events";
  }
  EXPECT_TRUE(index.recluster().empty()) << "the additions already gave the batch's events";
  // Additions go on from the events as they are: duplicates name them.
  Addition next = index.add(article("late", "en", "", articles.front().text));
  ASSERT_FALSE(next.duplicates.empty());
  for (const auto& d : next.duplicates) EXPECT_EQ(d.event_id, seen[d.id]) << d.id;
}

TEST(IndexAdditions, StayCloseToTheBatchInEveryOrderAndReclusterGivesItExactly) {
  // Clustering only the events around each addition again is not the batch's global best-first
  // order: in some orders an article or two ends elsewhere. Far fewer than when additions
  // could not undo a choice; recluster() then gives the batch's events exactly.
  for (unsigned order = 1; order <= 8; ++order) {
    InterleavedStories stories(order);
    Options o = InterleavedStories::every_pair();
    o.centering_prior = 1e9;
    Index index(stories.model, stories.lid, o);
    for (const auto& a : stories.articles) index.add(a);
    ReadResult read;
    read.articles = stories.articles;
    read.records_read = stories.articles.size();
    auto batched = assignments_of(Pipeline(stories.model, stories.lid, o).run(read));
    std::unordered_map<std::string, std::string> batch_events;
    for (const auto& b : batched) batch_events[b.id] = b.cluster;
    EXPECT_GE(evaluate(index.assignments(), batch_events).pairwise.f1, 0.9) << "order " << order;
    index.recluster();
    auto now = index.assignments();
    ASSERT_EQ(now.size(), batched.size());
    for (size_t i = 0; i < batched.size(); ++i) EXPECT_EQ(now[i].cluster, batched[i].cluster) << "order " << order;
  }
}

TEST(IndexAdditions, PastThePairBudgetAnArticleOnlyJoinsItsBestDuplicatesEvent) {
  InterleavedStories stories;
  Options o = InterleavedStories::every_pair();
  o.centering_prior = 1e9;
  o.incremental_pair_budget = 0;  // no event around an article fits: none is clustered again
  Index index(stories.model, stories.lid, o);
  size_t joined = 0;
  for (const auto& a : stories.articles) {
    Addition added = index.add(a);
    EXPECT_TRUE(added.moved.empty()) << a.id << ": nothing was clustered again";
    EXPECT_TRUE(added.merged_events.empty()) << a.id;
    if (added.duplicates.empty()) {
      EXPECT_TRUE(added.new_event) << a.id << ": no pair reaches the threshold";
    } else {
      EXPECT_EQ(added.event_id, added.duplicates.front().event_id) << a.id << ": the best duplicate's event";
      ++joined;
    }
  }
  EXPECT_GT(joined, 0u);
}

TEST(IndexRecluster, ReportsExactlyTheArticlesWhoseEventChanged) {
  InterleavedStories stories;
  // Centred on the articles stored so far: scores drift as they arrive.
  Index index(stories.model, stories.lid, InterleavedStories::every_pair());
  for (const auto& a : stories.articles) index.add(a);
  auto before = index.assignments();
  auto moves = index.recluster();
  auto after = index.assignments();
  ASSERT_EQ(after.size(), before.size());
  std::vector<Move> expected;
  for (size_t i = 0; i < after.size(); ++i)
    if (before[i].cluster != after[i].cluster) expected.push_back({after[i].id, before[i].cluster, after[i].cluster});
  ASSERT_EQ(moves.size(), expected.size());
  for (size_t k = 0; k < moves.size(); ++k) {
    EXPECT_EQ(moves[k].id, expected[k].id);
    EXPECT_EQ(moves[k].from_event, expected[k].from_event);
    EXPECT_EQ(moves[k].to_event, expected[k].to_event);
  }
  EXPECT_TRUE(index.recluster().empty()) << "a second recluster changes nothing";
}

TEST_F(IndexTest, UndatedReportsWhoseTextsStateDaysMonthsApartStayApart) {
  Index index(model, lid);
  Addition april = index.add(article("april", "en", "Minister meeting",
                                     "On April 2 the minister and the court met in Hà Nội with Kamran Aliyev."));
  Addition again = index.add(article("april-fr", "fr", "Rencontre du ministre",
                                     "Le 2 avril, la ministre et la cour : rencontre à Hanoï avec Kamran Aliyev."));
  Addition july = index.add(article("july", "en", "Minister meeting",
                                    "On July 2 the minister and the court met in Hà Nội with Kamran Aliyev."));
  EXPECT_EQ(again.event_id, april.event_id) << "the same day in two languages";
  EXPECT_NE(july.event_id, april.event_id) << "three months later: another meeting";
  EXPECT_TRUE(july.duplicates.empty());
}
