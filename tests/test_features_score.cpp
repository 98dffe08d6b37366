#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <set>

#include <omp.h>

#include "crossdup/features.h"
#include "crossdup/language.h"
#include "crossdup/score.h"
#include "crossdup/translate.h"
#include "toy_model.h"

using namespace crossdup;
using crossdup::testing::article;
using crossdup::testing::noisy_bilingual_space;
using crossdup::testing::one_language_model;
using crossdup::testing::stories_with_variants_and_translations;
using crossdup::testing::toy_model;

namespace {

std::vector<Article> batch() {
  return {
      article("en1", "en", "Minister meeting",
              "The minister and the court held a meeting in Hà Nội with Kamran Aliyev.", "2025-03-24"),
      article("fr1", "fr", "Rencontre du ministre", "La ministre et la cour : rencontre à Hanoï avec Kamran Aliyev.",
              "2025-03"),
      article("vi1", "vi", "Bộ trưởng hội đàm", "Các bộ trưởng tòa án hội đàm tại Hà Nội với Kamran Aliyev.",
              "2025-03-24"),
      article("en2", "en", "Storm and flood", "The storm brought a flood to the coast of Quảng Ngãi.", "2025-09-28")};
}

}  // namespace

TEST(Features, VectorsAreCentredUnitRowsAndVietnameseIsJoined) {
  Model m = toy_model();
  auto tokens = model_tokens("Các bộ trưởng tòa án", "vi", m);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].text, "bộ_trưởng");
  EXPECT_EQ(tokens[2].text, "tòa_án");

  auto f = compute_features(batch(), m, Options{});
  ASSERT_EQ(f.vectors.rows(), 4);
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(f.has_vector[static_cast<size_t>(i)]);
    EXPECT_NEAR(f.vectors.row(i).norm(), 1.0, 1e-5);
  }
  // Same event across languages scores above a different event in the same language.
  float en_fr = f.vectors.row(0).dot(f.vectors.row(1));
  float en_vi = f.vectors.row(0).dot(f.vectors.row(2));
  float en_en = f.vectors.row(0).dot(f.vectors.row(3));
  EXPECT_GT(en_fr, en_en + 0.3f);
  EXPECT_GT(en_vi, en_en + 0.3f);
}

TEST(Features, NamesMatchAcrossLanguagesAfterAccentStripping) {
  auto f = compute_features(batch(), toy_model(), Options{});
  std::vector<uint32_t> shared;
  float s = anchor_similarity(f.anchors[0], f.anchors[2], &shared);
  EXPECT_GT(s, 0.5f);
  std::vector<std::string> names;
  for (auto id : shared) names.push_back(f.anchor_text[id]);
  EXPECT_NE(std::find(names.begin(), names.end(), "hanoi"), names.end());  // "Hà Nội" as one key
  EXPECT_NE(std::find(names.begin(), names.end(), "kamran"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "aliyev"), names.end());
  EXPECT_FLOAT_EQ(anchor_similarity(f.anchors[0], f.anchors[3]), 0.f);
  shared.clear();
  anchor_similarity(f.anchors[0], f.anchors[1], &shared);  // "Hà Nội" (en text) and "Hanoï" (fr)
  names.clear();
  for (auto id : shared) names.push_back(f.anchor_text[id]);
  EXPECT_NE(std::find(names.begin(), names.end(), "hanoi"), names.end());
}

TEST(Features, DifferentHostsOfOneVisitConflictTheSameMeetingDoesNot) {
  // Two meetings of one visit: the visitor is shared, the hosts are not.
  std::vector<Article> arts = {
      article("court", "en", "",
              "Chief Justice Quang Van Thoai met visiting prosecutor Kamran Aliyev in Hanoi on Monday."),
      article("palace", "en", "",
              "President Dinh Bao Khiem received visiting prosecutor Kamran Aliyev in Hanoi on Monday."),
      article("cour", "fr", "", "Le juge en chef Quang Van Thoai a reçu lundi à Hanoï le procureur Kamran Aliyev.")};
  auto f = compute_features(arts, toy_model(), Options{});
  EXPECT_GT(participant_conflict(f, 0, 1), 0.9f);
  EXPECT_GT(participant_conflict(f, 1, 2), 0.9f);
  EXPECT_LT(participant_conflict(f, 0, 2), 0.1f);
  EXPECT_GT(participant_overlap(f, 0, 2), participant_overlap(f, 0, 1));
}

TEST(Features, CounterpartsDifferWhenOneNamesSomeoneTheOtherNeverMentions) {
  // Talks of one visit with two hosts; the second report names the first host too, further down,
  // so only who the talks are with tells them apart.
  std::vector<Article> arts = {
      article("president", "en", "",
              "The visit opens a new chapter, State President Luong Cuong said during his talks with French "
              "President Emmanuel Macron in Hanoi on Monday."),
      article("leader", "fr", "",
              "Le président Emmanuel Macron a salué lundi une relation de confiance. Il s'exprimait lors d'un "
              "entretien avec le secrétaire général du parti communiste Tô Lâm. Il s'est aussi entretenu avec "
              "Luong Cuong."),
      article("president-vi", "vi", "",
              "Chiều 26/5, tại Hà Nội, Chủ tịch nước Lương Cường hội đàm với Tổng thống Pháp Emmanuel Macron."),
      article("welcome", "en", "",
              "A welcome ceremony was held in Hanoi on Monday for French President Emmanuel Macron, with To Lam. "
              "Mikhail Mishustin was not there."),
      article("mention", "en", "",
              "Party General Secretary To Lam held talks with Russian Prime Minister Mikhail Mishustin in Hanoi.")};
  auto f = compute_features(arts, toy_model(), Options{});
  auto view = [&f](uint32_t i) { return anchor_view(f, i); };
  EXPECT_TRUE(counterparts_differ(view(0), view(1))) << "To Lam is never named in the President's talks";
  EXPECT_FALSE(counterparts_differ(view(0), view(2))) << "Lương Cường spelt with its tones is Luong Cuong";
  EXPECT_FALSE(counterparts_differ(view(0), view(3))) << "a report that names no counterpart says nothing";
  EXPECT_TRUE(counterpart_missing(view(4), view(0)));
  EXPECT_FALSE(counterpart_missing(view(4), view(3)))
      << "Mikhail, opening a sentence, still mentions Mikhail Mishustin";
  EXPECT_FALSE(counterpart_missing(view(1), view(4))) << "Tô Lâm is To Lam";
}

TEST(Features, OnlyNamesNearTheStartCanConflict) {
  // One trial reported twice: both open on the defendant; further on, one quotes his lawyer and
  // the other the prosecutor, neither named by the other report. They are not who the story is
  // about.
  const std::string opening = "Defendant Marlo Venn was sentenced on Friday in the city court after a short trial, ";
  std::vector<Article> arts = {
      article("a", "en", "", opening + "said his lawyer Teodor Brask, who plans an appeal next month."),
      article("b", "en", "", opening + "said prosecutor Dorota Wilkens, who had asked for a longer term."),
      article("c", "en", "", "Defendant Ilse Moravec was sentenced on Friday in the city court after a short trial.")};
  Options o;
  auto f = compute_features(arts, toy_model(), o);
  EXPECT_LT(participant_conflict(f, 0, 1), 0.1f)
      << "lawyer and prosecutor come after the first " << o.conflict_tokens << " words";
  EXPECT_GT(participant_conflict(f, 0, 2), 0.9f) << "different defendants in the opening words";
  o.conflict_tokens = 40;
  auto wide = compute_features(arts, toy_model(), o);
  EXPECT_GT(participant_conflict(wide, 0, 1), 0.9f) << "counted as participants, lawyer and prosecutor conflict";
  EXPECT_GT(participant_conflict(wide, 0, 2), 0.9f);
}

TEST(Features, TitleCaseWordsAreNamesOnlyIfTheTextSaysSo) {
  // Two reports of one escape, their titles in Title Case. Their capitals ("Flees Prison Van",
  // "Escapes From Transport Van") are no names: they must not make the participants conflict.
  // Names a title shares with its text (Orrin Daskell) still count: another inmate conflicts.
  const std::string text = "Convicted robber Orrin Daskell escaped from a prison van on Monday, police said.";
  std::vector<Article> arts = {
      article("a", "en", "Convicted Robber Orrin Daskell Flees Prison Van Near Dallas", text),
      article("b", "en", "Inmate Orrin Daskell Escapes From Transport Van", text),
      article("c", "en", "Convicted Robber Wendel Ashcombe Flees Prison Van Near Dallas",
              "Convicted robber Wendel Ashcombe escaped from a prison van on Monday, police said.")};
  Options o;
  auto f = compute_features(arts, toy_model(), o);
  EXPECT_LT(participant_conflict(f, 0, 1), 0.1f)
      << "Flees, Escapes, Transport are capitalised only by the titles' style";
  EXPECT_GT(participant_conflict(f, 0, 2), 0.9f) << "different inmates named in title and text";
  // In a title in sentence case a capital is a name even if the text never writes it.
  std::vector<Article> plain = {
      article("d", "en", "Police seek Orrin Daskell after van escape", "A robber fled, police said."),
      article("e", "en", "Police seek Wendel Ashcombe after van escape", "A robber fled, police said.")};
  auto g = compute_features(plain, toy_model(), o);
  EXPECT_GT(participant_conflict(g, 0, 1), 0.9f);
}

TEST(Features, FiguresInAnotherScriptsDigitsMeetTheSameFigures) {
  // A report in a language the model lacks, its figures in Bengali digits (149, 92), shares
  // them with an English report; a report with other figures shares none. The article's own
  // text is not changed.
  std::vector<Article> arts = {
      article("bn", "bn", "",
              "\xE0\xA6\x9F\xE0\xA6\xBE \xE0\xA7\xA7\xE0\xA7\xAA\xE0\xA7\xAF \xE0\xA6\x95 (\xE0\xA7\xAF\xE0\xA7\xA8)"),
      article("en", "en", "", "The storm hit land with winds of 149 km/h (92 mph)."),
      article("other", "en", "", "The storm hit land with winds of 120 km/h (75 mph).")};
  const std::string written = arts[0].text;
  auto f = compute_features(arts, toy_model(), Options{});
  std::vector<uint32_t> shared;
  EXPECT_GT(anchor_similarity(f.anchors[0], f.anchors[1], &shared), 0.5f);
  std::set<std::string> figures;
  for (auto id : shared) figures.insert(f.anchor_text[id]);
  EXPECT_EQ(figures, (std::set<std::string>{"149", "92"}));
  EXPECT_FLOAT_EQ(anchor_similarity(f.anchors[0], f.anchors[2]), 0.f);
  EXPECT_EQ(arts[0].text, written);
}

TEST(Score, YearsAgreeDisagreeOrSayNothing) {
  EXPECT_EQ(year_agreement(2024, 2024), 1.f);
  EXPECT_EQ(year_agreement(2024, 2023), -1.f);
  EXPECT_EQ(year_agreement(std::nullopt, 2023), 0.f);
  // Two typhoon reports alike in every word but the year: the year lowers their score.
  std::vector<Article> arts = {
      article("y1", "en", "Typhoon hits the coast",
              "A typhoon hit the coast of Quang Ngai in 2024, the 2024 season's worst."),
      article("y2", "en", "Typhoon hits the coast",
              "A typhoon hit the coast of Quang Ngai in 2023, the 2023 season's worst."),
      article("y3", "en", "Typhoon hits the coast", "A typhoon hit the coast of Quang Ngai, the season's worst.")};
  Options o;
  auto f = compute_features(arts, toy_model(), o);
  auto differ = score_pair(f, 0, 1, o), unknown = score_pair(f, 0, 2, o);
  EXPECT_EQ(differ.same_year, -1);
  EXPECT_EQ(unknown.same_year, 0);
  EXPECT_LT(differ.score, unknown.score);
}

TEST(Score, ConflictingParticipantsLowerTheScoreButDoNotVeto) {
  ScoredPair p;
  p.cosine = 0.8f;
  p.names = 0.7f;
  p.conflict = 1.f;
  Options o;
  ScoredPair q = p;
  apply_link_rules(p, std::nullopt, std::nullopt, o);
  EXPECT_FALSE(p.participants_compatible);
  EXPECT_TRUE(p.may_link());  // only time vetoes
  q.conflict = 0.f;
  apply_link_rules(q, std::nullopt, std::nullopt, o);
  EXPECT_NEAR(combine(q, false, o) - combine(p, false, o), o.conflict_penalty, 1e-5);
}

TEST(Score, DaysStatedInTheTextMonthsApartKeepUndatedReportsApart) {
  // Two undated reports of one kind: the April tariffs and the July trade deal, same names.
  Model m = toy_model();
  std::vector<Article> articles = {
      article("april", "en", "", "The minister met the court on April 2 about the storm in Hanoi."),
      article("july", "en", "", "The minister met the court on July 2 about the storm in Hanoi."),
      article("april-again", "en", "", "The minister met the court on April 3 about the storm in Hanoi."),
      article("dated", "en", "", "The minister met the court about the storm in Hanoi.", "2025-07-03")};
  Options o;
  auto f = compute_features(articles, m, o);
  EXPECT_FALSE(score_pair(f, 0, 1, o).date_compatible) << "91 days apart";
  EXPECT_TRUE(score_pair(f, 0, 2, o).date_compatible) << "a day apart";
  EXPECT_FALSE(score_pair(f, 0, 3, o).date_compatible) << "a stated day against a dated field, year aside";
  EXPECT_TRUE(score_pair(f, 1, 3, o).date_compatible);
  Options off = o;
  off.max_stated_date_gap_days = 366;
  EXPECT_TRUE(score_pair(compute_features(articles, m, off), 0, 1, off).date_compatible);
}

TEST(Score, DifferentStatedResultsArePenalisedAsDifferentParticipantsAre) {
  // Two legs of one final: same teams, place and words, results that differ.
  Model m = toy_model();
  std::vector<Article> articles = {
      article("first-leg", "en", "", "The minister watched Hanoi beat the court 2-1 in the storm."),
      article("second-leg", "en", "", "The minister watched Hanoi beat the court 3-2 in the storm."),
      article("same-match", "en", "", "The minister watched the court lose 1-2 to Hanoi in the storm."),
      article("no-result", "en", "", "The minister watched Hanoi beat the court in the storm.")};
  Options o;
  auto f = compute_features(articles, m, o);
  const ScoredPair legs = score_pair(f, 0, 1, o);
  EXPECT_TRUE(legs.results_differ);
  EXPECT_FALSE(legs.participants_compatible);
  EXPECT_TRUE(legs.may_link()) << "a penalty, not a veto";
  EXPECT_NEAR(score_terms(legs, false, o).conflict, -o.conflict_penalty, 1e-6);
  EXPECT_FALSE(score_pair(f, 0, 2, o).results_differ) << "2-1 and 1-2 are one result";
  EXPECT_FALSE(score_pair(f, 0, 3, o).results_differ) << "one side states none";
  EXPECT_TRUE(score_pair(f, 0, 3, o).participants_compatible);
  Options off = o;
  off.result_tokens = 0;
  const ScoredPair unread = score_pair(compute_features(articles, m, off), 0, 1, off);
  EXPECT_FALSE(unread.results_differ);
  EXPECT_NEAR(unread.score - legs.score, o.conflict_penalty, 1e-5) << "the only difference is the penalty";
}

TEST(Score, TermsSayWhatEachSignalAddedAndSumToTheScore) {
  ScoredPair p;
  p.cosine = 0.5f;
  p.names = 0.4f;
  p.participants = 0.3f;
  p.same_year = -1;
  p.conflict = 1.f;
  Options o;
  apply_link_rules(p, std::nullopt, std::nullopt, o);
  ScoreTerms t = score_terms(p, true, o);
  EXPECT_NEAR(t.cosine, o.weight_cosine * 0.5, 1e-6);
  EXPECT_NEAR(t.cross_language, o.weight_cosine * o.cross_language_bonus, 1e-6);
  EXPECT_NEAR(t.names, o.weight_names * 0.4, 1e-6);
  EXPECT_NEAR(t.participants, o.weight_participants * 0.3, 1e-6);
  EXPECT_NEAR(t.year, -o.weight_year, 1e-6) << "different years take away";
  EXPECT_NEAR(t.conflict, -o.conflict_penalty, 1e-6);
  EXPECT_FLOAT_EQ(t.sum(), combine(p, true, o));
  EXPECT_EQ(score_terms(p, false, o).cross_language, 0.f) << "one language: no bonus";
  float named = 0;
  for (const auto& [name, value] : t.named()) named += value;
  EXPECT_FLOAT_EQ(named, t.sum()) << "every term is reported";
}

namespace {

std::vector<ScoredPair> score_pairs_on(int threads, const BatchFeatures& f, const Options& o) {
  omp_set_num_threads(threads);
  return score_pairs(f, o);
}

}  // namespace

TEST(Score, CandidatesAndDatesAndDeterminismAcrossThreads) {
  Options o;
  o.candidate_floor = 0.2;
  auto f = compute_features(batch(), toy_model(), o);
  auto one = score_pairs_on(1, f, o), two = score_pairs_on(2, f, o);
  ASSERT_EQ(one.size(), two.size());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].a, two[i].a);
    EXPECT_EQ(one[i].b, two[i].b);
    EXPECT_EQ(one[i].score, two[i].score);
  }
  bool saw_en_fr = false;
  for (auto& p : one) {
    EXPECT_LT(p.a, p.b);
    EXPECT_FLOAT_EQ(p.score, combine(p, f.langs[p.a] != f.langs[p.b], o));
    if (p.a == 0 && p.b == 1) saw_en_fr = true;
    if (p.b == 3) EXPECT_FALSE(p.date_compatible);  // September vs March
  }
  EXPECT_TRUE(saw_en_fr);
}

namespace {

// Forty short articles over the toy space's words: overlapping topics, several languages.
std::vector<Article> many_articles() {
  const char* words[] = {"minister", "court", "meeting", "storm", "flood", "the"};
  std::vector<Article> out;
  for (int i = 0; i < 40; ++i) {
    std::string text;
    for (int w = 0; w < 6; ++w)
      if ((i * 7 + w * 3) % 5 < 2 || w == i % 6) text += std::string(words[w]) + " ";
    out.push_back(article("m" + std::to_string(i), "en", "", text + "report " + std::to_string(i)));
  }
  return out;
}

std::set<std::pair<uint32_t, uint32_t>> pair_set(const std::vector<ScoredPair>& pairs) {
  std::set<std::pair<uint32_t, uint32_t>> out;
  for (const auto& p : pairs) out.emplace(p.a, p.b);
  return out;
}

}  // namespace

TEST(Score, ApproximateNeighboursFindTheExactPairsWhenEveryNeighbourIsKept) {
  Options exact;
  exact.max_neighbours = 100;  // more than the batch: every pair above the floor is kept
  exact.approximate_above = 1000000;
  Options approximate = exact;
  approximate.approximate_above = 0;
  auto f = compute_features(many_articles(), toy_model(), exact);
  auto a = score_pairs(f, exact), b = score_pairs(f, approximate);
  EXPECT_GT(a.size(), 100u) << "the example has pairs to find";
  EXPECT_EQ(pair_set(a), pair_set(b));
}

TEST(Score, ApproximateNeighboursAreTheSameForAnyThreadCount) {
  Options o;
  o.max_neighbours = 3;  // a choice among neighbours must be made
  o.approximate_above = 0;
  auto f = compute_features(many_articles(), toy_model(), o);
  auto one = score_pairs_on(1, f, o), two = score_pairs_on(2, f, o);
  EXPECT_EQ(pair_set(one), pair_set(two));
  EXPECT_EQ(one.size(), two.size());
}

namespace {

// Twenty words in eight random dimensions (fixed seed) and sixty articles of five random words
// each: cosines between articles practically never tie.
Model random_space() {
  std::mt19937 rng(7);
  std::normal_distribution<float> gauss;
  auto t = std::make_shared<DenseWordVectors>(8);
  for (int w = 0; w < 20; ++w) {
    std::vector<float> v(8);
    for (auto& x : v) x = gauss(rng);
    t->add("w" + std::to_string(w), v.data(), 5);
  }
  return one_language_model(t);
}

std::vector<Article> random_articles() {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> word(0, 19);
  std::vector<Article> out;
  for (int i = 0; i < 60; ++i) {
    std::string text;
    for (int k = 0; k < 5; ++k) text += "w" + std::to_string(word(rng)) + " ";
    out.push_back(article("r" + std::to_string(i), "en", "", text));
  }
  return out;
}

}  // namespace

TEST(Score, ExactCandidatesDoNotDependOnInputOrder) {
  // Each article chooses its neighbours among all others: reversing the batch proposes the
  // same pairs (an article used to choose among later ones only, so the last ones chose among
  // few and the first among all).
  Options o;
  o.max_neighbours = 3;
  o.candidate_floor = -1;
  const Model model = random_space();
  auto forward = random_articles();
  std::vector<Article> backward(forward.rbegin(), forward.rend());
  auto ids = [&](const std::vector<Article>& batch) {
    auto f = compute_features(batch, model, o);
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& p : score_pairs(f, o))
      out.emplace(std::min(batch[p.a].id, batch[p.b].id), std::max(batch[p.a].id, batch[p.b].id));
    return out;
  };
  auto a = ids(forward);
  EXPECT_GE(a.size(), 90u) << "at least 3 neighbours per article, half of them chosen twice";
  EXPECT_EQ(a, ids(backward));
}

TEST(Score, ChooseNeighboursKeepsTheBestOfEveryOtherLanguageToo) {
  Options o;
  o.max_neighbours = 3;
  o.neighbours_per_language = 2;
  // Language 0 is the article's own and fills its overall best three; language 1 runs lower.
  std::vector<std::vector<Neighbour>> by_language = {{{0.9f, 4}, {0.8f, 7}, {0.8f, 2}, {0.7f, 9}, {0.6f, 1}},
                                                     {{0.5f, 3}, {0.4f, 8}, {0.3f, 5}}};
  auto ids = [](const std::vector<Neighbour>& chosen) {
    std::vector<uint32_t> out;
    for (const auto& [cosine, article] : chosen) out.push_back(article);
    return out;
  };
  // Overall best: 4, then the tie at 0.8 (both kept); language 1's best two: 3 and 8.
  EXPECT_EQ(ids(choose_neighbours(by_language, 0, o)), (std::vector<uint32_t>{2, 3, 4, 7, 8}));
  o.max_neighbours = 2;  // the tie at 0.8 goes to the lower index
  EXPECT_EQ(ids(choose_neighbours(by_language, 0, o)), (std::vector<uint32_t>{2, 3, 4, 8}));
  o.neighbours_per_language = 0;  // only the overall best
  EXPECT_EQ(ids(choose_neighbours(by_language, 0, o)), (std::vector<uint32_t>{2, 4}));
  o.neighbours_per_language = 1;  // seen from language 1, language 0 is the other one
  EXPECT_EQ(ids(choose_neighbours(by_language, 1, o)), (std::vector<uint32_t>{2, 4}));
}

TEST(Score, AnchorNeighboursRankPartnersByTheNamesTheyShare) {
  // Anchor 0 is named by 200 articles (common, yet not too common to propose), anchor 1 by
  // articles 0 and 150 only, anchor 2 by more than kMaxAnchorPostings articles.
  AnchorPostings postings(3);
  for (uint32_t i = 0; i < 200; ++i) postings[0].emplace_back(i, 0.3f - 0.001f * static_cast<float>(i));
  postings[1] = {{0, 0.8f}, {150, 0.8f}};
  for (uint32_t i = 0; i <= kMaxAnchorPostings; ++i) postings[2].emplace_back(i, 0.9f);
  AnchorVector article0;
  article0.entries = {{0, 0.3f}, {1, 0.8f}, {2, 0.9f}};
  auto partners = anchor_neighbours(article0, postings, 0, 4);
  ASSERT_EQ(partners.size(), 4u);
  // 150 shares the rare name; then those that weigh the common one most (not 0: itself).
  EXPECT_EQ(partners, (std::vector<uint32_t>{1, 2, 3, 150}));
  postings[0][4].second = postings[0][3].second;  // 4 ties with 3, the last kept: both stay
  EXPECT_EQ(anchor_neighbours(article0, postings, 0, 4), (std::vector<uint32_t>{1, 2, 3, 4, 150}));
  AnchorVector only_too_common;
  only_too_common.entries = {{2, 0.9f}};
  EXPECT_TRUE(anchor_neighbours(only_too_common, postings, 0, 4).empty());
}

TEST(Score, EveryArticleMeetsItsBestOfTheOtherLanguageEvenWhenItsOwnFillsItsList) {
  Options o;
  o.max_neighbours = 3;
  o.candidate_floor = -1;
  auto f = compute_features(stories_with_variants_and_translations(), noisy_bilingual_space(), o);
  auto articles_in_cross_pairs = [&](const Options& options) {
    std::set<uint32_t> out;
    for (const auto& p : score_pairs(f, options))
      if (f.langs[p.a] != f.langs[p.b]) out.insert({p.a, p.b});
    return out.size();
  };
  o.neighbours_per_language = 0;
  const size_t crowded_out = articles_in_cross_pairs(o);
  EXPECT_LT(crowded_out, f.langs.size()) << "the example must crowd some translations out";
  o.neighbours_per_language = 1;
  EXPECT_EQ(articles_in_cross_pairs(o), f.langs.size());
  o.approximate_above = 0;  // one graph per language gives the same
  EXPECT_EQ(articles_in_cross_pairs(o), f.langs.size());
  // The graphs are built side by side, each in input order: the same for any thread count.
  EXPECT_EQ(pair_set(score_pairs_on(1, f, o)), pair_set(score_pairs_on(2, f, o)));
}

TEST(Language, FallbackIdentifiesByCommonWordsAndOwnFieldWins) {
  Model m = toy_model();
  LanguageIdentifier lid("", &m);
  EXPECT_FALSE(lid.uses_fasttext());
  EXPECT_EQ(lid.identify("la ministre la cour la rencontre").code, "fr");
  EXPECT_EQ(lid.identify("zzz qqq").code, "und");
  std::vector<Article> arts = {article("x", "", "", "the minister the court"), article("y", "vi", "", "the minister")};
  assign_languages(arts, lid);
  EXPECT_EQ(arts[0].lang, "en");
  EXPECT_TRUE(arts[0].lang_detected);
  EXPECT_EQ(arts[1].lang, "vi");
  EXPECT_FALSE(arts[1].lang_detected);
}

TEST(Features, EveryArticleKeepsItsVectorWhateverTheThreads) {
  // Regression: has_vector was a std::vector<bool>, whose packed bits raced when threads
  // wrote neighbouring articles; some articles silently lost their vector in large batches.
  std::vector<Article> arts;
  for (int i = 0; i < 4000; ++i)
    arts.push_back(article("a" + std::to_string(i), "en", "", "the minister and the court"));
  omp_set_num_threads(2);
  for (int round = 0; round < 5; ++round) {
    auto f = compute_features(arts, toy_model(), Options{});
    size_t with_vector = 0;
    for (auto v : f.has_vector) with_vector += v != 0;
    ASSERT_EQ(with_vector, arts.size()) << "round " << round;
  }
}

TEST(Concepts, WordsOfOtherLanguagesStandForTheirNearestEnglishWord) {
  Model m = toy_model();
  ConceptTranslator translator(m, 100, 0.9f);
  const auto& fr = *m.language("fr")->vectors;
  const auto& en = *m.language("en")->vectors;
  translator.translate("fr", {fr.find("ministre"), fr.find("tempête")});
  EXPECT_EQ(translator.concept_of("fr", fr.find("ministre")), en.find("minister"));
  EXPECT_EQ(translator.concept_of("fr", fr.find("tempête")), en.find("storm"));
  EXPECT_EQ(translator.concept_of("fr", fr.find("cour")), -1) << "never passed to translate()";
  EXPECT_EQ(translator.concept_of("en", en.find("court")), en.find("court")) << "English words are their own concept";
  EXPECT_GT(translator.idf(en.find("storm")), 0.f);
}

TEST(Concepts, ATextsWordsAsEnglishConceptsMeetTheirTranslationsOnly) {
  // What `model eval` ranks "+concepts" by: each text's words as a bag of English concepts.
  Model m = toy_model();
  ConceptTranslator translator(m);
  Options o;
  std::vector<ModelWords> texts = {model_words("The minister met the court about the storm.", "en", m, o),
                                   model_words("La ministre et la cour : la tempête.", "fr", m, o),
                                   model_words("Lũ và bão.", "vi", m, o)};
  ASSERT_FALSE(texts[1].words.empty()) << "the toy model knows ministre, cour, tempête";
  translate_words(texts, translator);
  const AnchorVector en = concept_vector(texts[0], translator), fr = concept_vector(texts[1], translator),
                     vi = concept_vector(texts[2], translator);
  EXPECT_GT(anchor_similarity(en, fr), 0.8f) << "minister/court/storm in both";
  EXPECT_GT(anchor_similarity(en, fr), anchor_similarity(en, vi) + 0.3f);
  EXPECT_TRUE(concept_vector(ModelWords{"fr", {}}, translator).entries.empty()) << "no words, no concepts";
}

TEST(Features, SmoothInverseFrequencyWeighsCommonWordsLessInTheVector) {
  // "said" is in 90% of the training documents, "storm" and "flood" in 0.5%: two reports that
  // share only "said" look alike when every word weighs the same, and much less with --word-sif.
  auto table = std::make_shared<DenseWordVectors>(3);
  const float said[] = {0, 0, 1}, storm[] = {1, 0, 0}, flood[] = {0, 1, 0};
  table->add("said", said, 900);
  table->add("storm", storm, 5);
  table->add("flood", flood, 5);
  Model m = one_language_model(table);
  std::vector<Article> articles = {article("a", "en", "", "storm said said"),
                                   article("b", "en", "", "flood said said")};
  auto cosine = [&](double sif) {
    Options o;
    o.word_sif = sif;
    o.centering_prior = 1e9;  // the model's (zero) mean: two articles have no mean of their own
    auto f = compute_features(articles, m, o);
    return f.vectors.row(0).dot(f.vectors.row(1));
  };
  EXPECT_NEAR(cosine(0), 0.8f, 1e-5f) << "a = 0, every word alike: (1,0,2).(0,1,2) / 5";
  EXPECT_LT(cosine(0.05), 0.05f) << "said weighs 0.05 / 0.95, storm and flood 0.05 / 0.055";
  EXPECT_GT(cosine(1000), 0.79f) << "a large a weighs every word alike again";
}

TEST(Score, CentredOnTheModelsMeanAPairScoresTheSameInAnyBatch) {
  // With --centering-prior 1e9 scores centre on the model's mean, not the batch's: two reports
  // of one storm score the same alone and among reports of other stories. Centred on the batch
  // (prior 0), the other stories move the score.
  std::vector<Article> pair = {
      article("s1", "en", "Storm hits the coast", "A storm hit the coast of Quang Ngai on Monday."),
      article("s2", "fr", "Tempête sur la côte", "La tempête a frappé Quang Ngai lundi.")};
  std::vector<Article> crowd = pair;
  for (int k = 0; k < 6; ++k)
    crowd.push_back(
        article("m" + std::to_string(k), k % 2 ? "fr" : "en", "",
                k % 2 ? "Le ministre et la cour, la rencontre." : "The minister met the court at the meeting."));
  Options o;
  o.centering_prior = 1e9;
  auto alone = compute_features(pair, toy_model(), o);
  auto among = compute_features(crowd, toy_model(), o);
  EXPECT_NEAR(score_pair(alone, 0, 1, o).score, score_pair(among, 0, 1, o).score, 1e-4f);
  o.centering_prior = 0;
  alone = compute_features(pair, toy_model(), o);
  among = compute_features(crowd, toy_model(), o);
  EXPECT_GT(std::abs(score_pair(alone, 0, 1, o).score - score_pair(among, 0, 1, o).score), 1e-3f);
}

namespace {

// 1,500 random articles (several row blocks of the search) over 200 days: most with a day,
// some with a month, a year or no date at all.
std::vector<Article> random_dated_articles() {
  std::mt19937 rng(13);
  std::uniform_int_distribution<int> word(0, 19), day(0, 199), kind(0, 19);
  std::vector<Article> out;
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    for (int k = 0; k < 5; ++k) text += "w" + std::to_string(word(rng)) + " ";
    const int d = day(rng), k = kind(rng);
    char date[16];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + d / 28, 1 + d % 28);
    std::string field = k == 0 ? "" : k == 1 ? std::string(date, 7) : k == 2 ? "2024" : date;
    out.push_back(article("d" + std::to_string(i), "en", "", text, field.empty() ? nullptr : field.c_str()));
  }
  return out;
}

}  // namespace

TEST(Score, DateWindowsProposeThePairsOfTheFullSearchAndNoneTheDatesRuleOut) {
  Options o;
  o.max_neighbours = 3;
  o.candidate_floor = -1;  // every article has neighbours to choose among
  auto f = compute_features(random_dated_articles(), random_space(), o);
  auto windowed = score_pairs(f, o, CosineSearch::kDateWindows);
  auto full = score_pairs(f, o, CosineSearch::kAllColumns);
  EXPECT_GE(windowed.size(), 3000u) << "about 3 neighbours per article";
  ASSERT_EQ(windowed.size(), full.size());
  for (size_t k = 0; k < windowed.size(); ++k) {
    EXPECT_EQ(windowed[k].a, full[k].a);
    EXPECT_EQ(windowed[k].b, full[k].b);
    EXPECT_EQ(windowed[k].score, full[k].score);
  }
  for (const auto& p : windowed) EXPECT_FALSE(dates_rule_out(f.dates[p.a], f.dates[p.b], o.max_date_gap_days));
  // Rule-outs leave room for allowed neighbours: every article with a day finds its three.
  std::vector<int> found(f.dates.size(), 0);
  for (const auto& p : windowed) ++found[p.a], ++found[p.b];
  for (size_t i = 0; i < found.size(); ++i)
    if (f.dates[i] && f.dates[i]->first == f.dates[i]->last) EXPECT_GE(found[i], 3) << "article " << i;
  EXPECT_EQ(pair_set(windowed), pair_set(score_pairs_on(1, f, o))) << "the default search of a dated batch";
}

TEST(Score, TheApproximateSearchNeverProposesPairsTheDatesRuleOut) {
  Options o;
  o.max_neighbours = 3;
  o.candidate_floor = -1;
  auto f = compute_features(random_dated_articles(), random_space(), o);
  auto pairs = score_pairs(f, o, CosineSearch::kApproximate);
  EXPECT_GE(pairs.size(), 3000u);
  for (const auto& p : pairs) EXPECT_FALSE(dates_rule_out(f.dates[p.a], f.dates[p.b], o.max_date_gap_days));
}

TEST(Features, ABatchOfManyChunksGetsTheIdsAndCentringOfOnePass) {
  // More articles than one chunk of the features stage (8,192): names first seen only as
  // counterparts or name forms early, as anchors later, and one article repeated in two chunks.
  std::vector<Article> arts;
  const std::string repeated = "The minister met Kamran Aliyev in Hanoi on Monday to discuss the court.";
  for (int i = 0; i < 9000; ++i) {
    const std::string host = "Zorbak" + std::to_string(i % 700) + " Quelvin" + std::to_string(i % 311);
    // Brondel and Caldor open sentences in the first chunk (name forms only); in the last,
    // Brondel is an anchor, as is Mezzari, first seen there.
    const std::string envoy =
        i < 8192 ? " Brondel Tasker arrived. Caldor Vint left." : " The envoy Brondel Tasker arrived with Mezzari.";
    const std::string text = i == 10 || i == 8500 ? repeated
                                                  : "President " + host + " held talks with Prime Minister Olundo " +
                                                        std::to_string(i % 97) + " Varesh in Hanoi." + envoy;
    arts.push_back(article("a" + std::to_string(i), "en", "", text));
  }
  std::vector<std::pair<size_t, size_t>> chunks;
  const auto f = compute_features(arts, toy_model(), Options{},
                                  [&chunks](size_t begin, size_t end) { chunks.emplace_back(begin, end); });
  ASSERT_GT(chunks.size(), 1u) << "the batch spans chunks";
  EXPECT_EQ(chunks.back().second, arts.size()) << "every article reported done";

  // The rule of one pass: anchors' keys in order of first appearance as an anchor, then the keys
  // only names hold (lead runs, counterparts, name forms), in order of first appearance.
  std::vector<ArticleFeatures> each;
  for (const auto& a : arts) each.push_back(extract_features(a, toy_model(), Options{}));
  std::vector<std::string> expected;
  std::set<std::string> seen;
  for (const auto& a : each)
    for (const auto& x : a.anchors)
      if (seen.insert(x.key).second) expected.push_back(x.key);
  for (const auto& a : each) {
    std::vector<std::string> others;
    for (const auto& run : a.lead_runs)
      for (const auto& [key, idf] : run) others.push_back(key);
    for (const auto& c : a.happening.counterparts) others.insert(others.end(), c.keys.begin(), c.keys.end());
    others.insert(others.end(), a.name_forms.begin(), a.name_forms.end());
    for (const auto& key : others)
      if (seen.insert(key).second) expected.push_back(key);
  }
  EXPECT_EQ(f.anchor_text, expected);
  for (size_t i : {size_t{0}, size_t{8191}, size_t{8192}, size_t{8999}}) {
    std::vector<std::string> keys;
    for (const auto& [id, w] : f.anchors[i].entries) keys.push_back(f.anchor_text[id]);
    std::vector<std::string> want;
    for (const auto& x : each[i].anchors) want.push_back(x.key);
    std::sort(want.begin(), want.end(), [&](const std::string& x, const std::string& y) {
      return std::find(expected.begin(), expected.end(), x) < std::find(expected.begin(), expected.end(), y);
    });
    EXPECT_EQ(keys, want) << "article " << i << ": its anchors, sorted by id";
    EXPECT_TRUE(std::is_sorted(f.lead_names[i].name_forms.begin(), f.lead_names[i].name_forms.end()));
  }
  // Centred on the mean of the whole batch, whichever chunk an article came in.
  EXPECT_TRUE(f.vectors.row(10).isApprox(f.vectors.row(8500)));
  EXPECT_NEAR(f.vectors.row(8500).norm(), 1.0, 1e-5);

  // Scored a block of rows at a time, straight into links: the pairs score_pairs gives, in order.
  const auto whole = score_pairs(f, Options{});
  const LinkPairBlocks links = score_link_pairs(f, Options{});
  ASSERT_EQ(links.size(), whole.size());
  ASSERT_GT(whole.back().a, 8192u) << "pairs in more than one block of rows";
  size_t k = 0, mismatched = 0;
  links.for_each([&](const LinkPair& l) {
    const ScoredPair& p = whole[k++];
    mismatched += l.a != p.a || l.b != p.b || l.score != p.score || (l.vetoed != 0) == p.may_link();
  });
  EXPECT_EQ(mismatched, 0u);
}

TEST(Pairs, BlocksKeepTheOrderAcrossBlocksAndAreFreedAsTheyAreRead) {
  LinkPairBlocks blocks;
  const size_t n = LinkPairBlocks::kBlockPairs * 2 + 5;
  blocks.reserve(n);
  for (uint32_t k = 0; k < n; ++k) blocks.push_back({k, k + 1, static_cast<float>(k % 7), k % 3 == 0});
  ASSERT_EQ(blocks.size(), n);
  uint32_t next = 0;
  bool in_order = true;
  blocks.consume([&](const LinkPair& p) {
    in_order &= p.a == next && p.b == next + 1 && p.score == static_cast<float>(next % 7) && (p.vetoed != 0) == (next % 3 == 0);
    ++next;
  });
  EXPECT_TRUE(in_order);
  EXPECT_EQ(next, n);
  EXPECT_TRUE(blocks.empty()) << "consumed";
  LinkPairBlocks small;
  small.reserve(3);
  for (uint32_t k = 0; k < 3; ++k) small.push_back({k, k + 1, 0.5f, false});
  EXPECT_EQ(small.size(), 3u);
}
