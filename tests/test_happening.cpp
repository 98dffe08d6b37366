// What happened, per report (happening.h): the action a title and first sentence name, in each
// language the lexicon covers, the day and part of day they state, the meeting's edition, and
// the pair decisions built on them. Every sentence here is written for these tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crossdup/error.h"
#include "crossdup/eval.h"
#include "crossdup/happening.h"
#include "crossdup/pipeline.h"
#include "bundled_model.h"
#include "toy_model.h"

using namespace crossdup;
using crossdup::testing::article;

namespace {

constexpr size_t kWords = 40;  // Options::happening_tokens

// The names of the actions a report names, main action first.
std::vector<std::string> actions(const std::string& title, const std::string& text) {
  Happening h = read_happening(title, text, kWords);
  std::vector<std::string> out;
  for (size_t k = 0; k < h.action_count; ++k) out.push_back(ActionLexicon::built_in().name(h.actions[k]));
  return out;
}

std::string main_action(const std::string& title, const std::string& text) {
  auto all = actions(title, text);
  return all.empty() ? "" : all.front();
}

// "--MM-DD part" of the stated day, "" when none.
std::string stated(const std::string& title, const std::string& text) {
  Happening h = read_happening(title, text, kWords);
  if (!h.day || !h.day->stated) return "";
  std::string out = format_month_day(h.day->first);
  if (h.day->part != PartOfDay::unknown) out += std::string(" ") + part_of_day_name(h.day->part);
  return out;
}

}  // namespace

TEST(Happening, EnglishActions) {
  EXPECT_EQ(main_action("President Kovac arrives in Hanoi for state visit", ""), "arrive");
  EXPECT_EQ(main_action("", "The Slovenian President left Hanoi for Ho Chi Minh City on Thursday."), "depart");
  EXPECT_EQ(main_action("Presidents hold talks on trade and rail links", ""), "talks");
  EXPECT_EQ(main_action("", "Prime Minister Le Van Tam received visiting Slovenian Foreign Minister Marko Zajc."),
            "meet");
  EXPECT_EQ(main_action("State banquet in honour of the Slovenian President", ""), "banquet");
  EXPECT_EQ(main_action("", "The two leaders met the press after signing four agreements."), "press");
  EXPECT_EQ(main_action("President Kovac lays wreath at the Heroes Monument", ""), "wreath");
  EXPECT_EQ(main_action("", "The Prime Minister attended the opening ceremony of the summit in Vientiane."), "opening");
  EXPECT_EQ(main_action("Leaders sign declaration at closing ceremony", ""), "closing");
  EXPECT_EQ(main_action("", "The two ministers held a phone call on Monday evening."), "phone");
  EXPECT_EQ(main_action("", "The President attended a gathering of the Slovenian community in Hanoi."), "attend");
  EXPECT_EQ(main_action("President Kovac wraps up her state visit to Vietnam", ""), "depart");
  // A bare verb of other news names no action: "left two dead", "met expectations".
  EXPECT_EQ(main_action("Storm left two dead in the north", "Exports met expectations in May."), "");
}

TEST(Happening, FrenchActions) {
  EXPECT_EQ(main_action("Le président slovène arrive à Hanoï", ""), "arrive");
  EXPECT_EQ(main_action("", "La présidente slovène a quitté Hanoï jeudi matin."), "depart");
  EXPECT_EQ(main_action("Le Premier ministre s'entretient avec son homologue slovène", ""), "talks");
  EXPECT_EQ(main_action("", "La présidente slovène s'est entretenue avec le président vietnamien."), "talks");
  EXPECT_EQ(main_action("Cérémonie d'accueil de la présidente slovène", ""), "welcome");
  EXPECT_EQ(main_action("", "Un banquet d'État a été offert en l'honneur de la présidente."), "banquet");
  EXPECT_EQ(main_action("Conférence de presse conjointe à Hanoï", ""), "press");
  EXPECT_EQ(main_action("", "La présidente a déposé une gerbe au monument des héros."), "wreath");
  EXPECT_EQ(main_action("Clôture du sommet de l'ASEAN à Vientiane", ""), "closing");
  EXPECT_EQ(main_action("La présidente slovène termine avec succès sa visite d'État au Vietnam", ""), "depart")
      << "up to six words between the verb and 'visite'";
}

TEST(Happening, VietnameseActions) {
  EXPECT_EQ(main_action("Tổng thống Slovenia tới Hà Nội, bắt đầu chuyến thăm cấp Nhà nước", ""), "arrive");
  EXPECT_EQ(main_action("", "Chiều 6/3, Tổng thống Slovenia rời Hà Nội, kết thúc chuyến thăm."), "depart");
  EXPECT_EQ(main_action("Chủ tịch nước hội đàm với Tổng thống Slovenia", ""), "talks");
  EXPECT_EQ(main_action("", "Thủ tướng tiếp Bộ trưởng Ngoại giao Slovenia tại Hà Nội."), "meet");
  EXPECT_EQ(main_action("Chủ tịch nước chủ trì lễ đón Tổng thống Slovenia", ""), "welcome");
  EXPECT_EQ(main_action("", "Tối 4/3, Chủ tịch nước chủ trì tiệc chiêu đãi Tổng thống Slovenia."), "banquet");
  EXPECT_EQ(main_action("Hai nhà lãnh đạo họp báo chung", ""), "press");
  EXPECT_EQ(main_action("", "Thủ tướng dự lễ bế mạc Hội nghị Cấp cao ASEAN."), "closing");
}

TEST(Happening, GermanActions) {
  EXPECT_EQ(main_action("", "Die slowenische Präsidentin traf in Hanoi ein."), "arrive");
  EXPECT_EQ(main_action("Pressekonferenz der beiden Präsidenten in Hanoi", ""), "press");
}

TEST(Happening, ATitleNamesTheMainActionAndAttendingComesLast) {
  // "attends" says less than the ceremony it attends: it never leads.
  EXPECT_EQ(actions("", "The Prime Minister attends the closing ceremony in Vientiane."),
            (std::vector<std::string>{"closing", "attend"}));
  EXPECT_EQ(actions("Banquet for the visiting President", "The two presidents held talks earlier that day."),
            (std::vector<std::string>{"banquet", "talks"}));
  EXPECT_EQ(main_action("", "The Prime Minister attended the summit."), "attend") << "alone, it is the action";
}

TEST(Happening, TheWindowEndsWithTheSentenceOfItsLastWord) {
  // A long first sentence names its action at its end; the next sentence is not read.
  std::string long_first =
      "Slovenia has always held an important place in the foreign policy of the country and is "
      "the first partner in the region with which a strategic partnership was set up at the "
      "highest level, the State President said during talks with the visiting President in Hanoi.";
  EXPECT_EQ(main_action("", long_first), "talks");
  std::string filler;
  for (int i = 0; i < 45; ++i) filler += "word ";
  EXPECT_EQ(main_action("", filler + ". The President held talks."), "") << "past the first sentence of 40+ words";
}

TEST(Happening, AVietnameseWindowCountsWordsNotSyllables) {
  EXPECT_EQ(happening_window_tokens("en", 40), 40u);
  EXPECT_EQ(happening_window_tokens("fr", 40), 40u);
  EXPECT_EQ(happening_window_tokens("vi", 40), 55u);  // 1.38 syllables a word
  // A context sentence of 43 syllables (about 31 words) first, then the welcome ceremony.
  std::string context = "Nhận lời mời của Chủ tịch nước";
  for (int i = 0; i < 12; ++i) context += " và Phu nhân";
  context += ". Chiều 23/1, Chủ tịch nước chủ trì lễ đón Tổng thống.";
  Happening h = read_happening("", context, happening_window_tokens("vi", 40));
  ASSERT_TRUE(h.names_action());
  EXPECT_EQ(ActionLexicon::built_in().name(h.actions[0]), "welcome");
  EXPECT_FALSE(read_happening("", context, 40).names_action()) << "40 syllables stop inside the first sentence";
}

TEST(Happening, StatedDaysWithTheirPartOfDay) {
  EXPECT_EQ(stated("", "On the afternoon of March 4, the two presidents held talks in Hanoi."), "--03-04 afternoon");
  EXPECT_EQ(stated("", "The President arrived in Hanoi on March 3 evening."), "--03-03 evening");
  EXPECT_EQ(stated("", "Dans la matinée du 5 mars, la présidente a quitté Hanoï."), "--03-05 morning");
  EXPECT_EQ(stated("", "Dans la soirée du 4 mars, un banquet a été offert."), "--03-04 evening");
  EXPECT_EQ(stated("", "Chiều 4/3, Chủ tịch nước hội đàm với Tổng thống Slovenia."), "--03-04 afternoon");
  EXPECT_EQ(stated("", "Sáng 5/3, Tổng thống Slovenia rời Hà Nội."), "--03-05 morning");
  EXPECT_EQ(stated("", "On March 4, the two presidents held talks."), "--03-04");
  // A span is the visit's days, not one event's.
  EXPECT_EQ(stated("", "The President pays a state visit from March 3-5."), "");
}

TEST(Happening, EditionsOfAMeetingSeries) {
  EXPECT_EQ(read_happening("Prime Minister attends 47th ASEAN Summit", "", kWords).edition, 47);
  EXPECT_EQ(read_happening("", "Le Premier ministre participe au 46e Sommet de l'ASEAN.", kWords).edition, 46);
  EXPECT_EQ(read_happening("", "Thủ tướng dự Hội nghị Cấp cao ASEAN lần thứ 45.", kWords).edition, 45);
  EXPECT_EQ(read_happening("", "The team won its 17th SEA Games gold.", kWords).edition, 0) << "a count of wins";
  Happening a = read_happening("Leaders at the 47th ASEAN Summit", "", kWords);
  Happening b = read_happening("Leaders at the 46th ASEAN Summit", "", kWords);
  EXPECT_TRUE(editions_differ(a, b));
  EXPECT_FALSE(editions_differ(a, a));
}

TEST(Happening, ActionsDifferUnlessTheLexiconSaysTheyMayBeOneEvent) {
  auto h = [](const std::string& title) { return read_happening(title, "", kWords); };
  Happening arrival = h("President arrives in Hanoi"), talks = h("Presidents hold talks"),
            welcome = h("Official welcome ceremony for the President"), banquet = h("State banquet for the President"),
            press = h("Joint press conference of the presidents"), nothing = h("Presidents discuss trade");
  EXPECT_TRUE(actions_differ(arrival, talks));
  EXPECT_TRUE(actions_differ(banquet, talks));
  EXPECT_TRUE(actions_differ(welcome, press)) << "a welcome ceremony and a press conference are two events";
  EXPECT_FALSE(actions_differ(welcome, talks)) << "talks right after the welcome ceremony: one report may say either";
  EXPECT_FALSE(actions_differ(talks, press));
  EXPECT_FALSE(actions_differ(talks, talks));
  EXPECT_FALSE(actions_differ(nothing, talks)) << "a report that names no action conflicts with none";
  // A report that names the talks beside its main action is compatible with a talks report.
  Happening banquet_after_talks = read_happening("State banquet", "It followed talks with the President.", kWords);
  EXPECT_FALSE(actions_differ(banquet_after_talks, talks));
}

TEST(Happening, StatedDaysApartCountOnlyForReportsOfWhatOfficialsDid) {
  Happening talks4 = read_happening("", "On March 4, the presidents held talks.", kWords);
  Happening talks5 = read_happening("", "On March 5, the presidents held talks.", kWords);
  Happening trial = read_happening("", "The court ruled on March 5.", kWords);
  Happening market = read_happening("", "Shares fell on March 4.", kWords);
  EXPECT_EQ(stated_days_apart(talks4, talks5), 1);
  EXPECT_EQ(stated_days_apart(talks4, trial), 1) << "one side names an action";
  EXPECT_EQ(stated_days_apart(trial, market), -1) << "neither names an action";
}

TEST(ActionLexicon, ParsesItsNotationAndNamesTheBadLine) {
  ActionLexicon lexicon = ActionLexicon::parse(
      "# a comment\n"
      "sail en: sets sail for ^ | sail* away | boards * ship | left .. harbour\n"
      "dock en: docks\n"
      "compatible: sail dock\n"
      "general: dock\n"
      "with: sail\n"
      "office en: Captain | admiral\n"
      "place en: in\n");
  ASSERT_EQ(lexicon.actions().size(), 2u);
  auto found = [&lexicon](const std::string& text) {
    std::vector<uint8_t> out;
    lexicon.find(tokenise(text), out);
    std::string names;
    for (uint8_t a : out) names += (names.empty() ? "" : ",") + lexicon.name(a);
    return names;
  };
  EXPECT_EQ(found("The crew sets sail for Lisbon"), "sail");
  EXPECT_EQ(found("The crew sets sail for lunch"), "") << "^ wants a capitalised word";
  EXPECT_EQ(found("They sailed away"), "sail") << "a prefix";
  EXPECT_EQ(found("She boards the ship"), "sail") << "one word";
  EXPECT_EQ(found("It left the old fishing harbour"), "sail") << "up to six words";
  EXPECT_EQ(found("It left a b c d e f g harbour"), "") << "more than six words";
  EXPECT_EQ(found("It docks, then sets sail for Porto"), "dock,sail") << "in order of mention";
  EXPECT_TRUE(lexicon.compatible(0, 1));
  using Word = ActionLexicon::NameWord;
  EXPECT_TRUE(lexicon.is(Word::office, "captain")) << "folded as tokenise() folds words";
  EXPECT_TRUE(lexicon.is(Word::place, "in"));
  EXPECT_FALSE(lexicon.is(Word::office, "in"));
  EXPECT_FALSE(lexicon.is(Word::body, "captain"));
  EXPECT_TRUE(lexicon.with_someone(0));
  EXPECT_FALSE(lexicon.with_someone(1));
  ASSERT_TRUE(lexicon.first_with_someone(tokenise("It docks, then sets sail for Porto")).has_value());
  EXPECT_EQ(*lexicon.first_with_someone(tokenise("It docks, then sets sail for Porto")), 3u) << "the token 'sets'";

  for (const char* bad : {"sail en sets sail\n", "sail: sets sail\n", "sail en: \n", "compatible: sail nothing\n",
                          "with: nothing\n", "office en: first mate\n"}) {
    try {
      ActionLexicon::parse(std::string("dock en: docks\n") + bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << bad << " -> " << e.what();
    }
  }
}

TEST(ActionLexicon, BuiltInCoversEachLanguageForEachAction) {
  const ActionLexicon& lexicon = ActionLexicon::built_in();
  EXPECT_GE(lexicon.actions().size(), 12u);
  EXPECT_GE(lexicon.phrase_count(), 300u);
  using Word = ActionLexicon::NameWord;
  for (const char* office : {"president", "président", "tịch", "tướng"}) EXPECT_TRUE(lexicon.is(Word::office, office));
  for (const char* place : {"in", "à", "tại"}) EXPECT_TRUE(lexicon.is(Word::place, place));
  EXPECT_TRUE(lexicon.is(Word::body, "party"));
  EXPECT_TRUE(lexicon.is(Word::body_first, "đảng"));
}

namespace {

using crossdup::testing::bundled_model;

// Reports of one state visit, undated as half the pages are: the talks in three languages, the
// banquet that evening and the arrival the day before. Every report shares the principals,
// the place and the week; what happened tells them apart.
std::vector<Article> one_visit() {
  return {
      article("talks-en", "en", "Presidents of Vietnam and Slovenia hold talks in Hanoi",
              "On the afternoon of March 4, State President Luong Cuong held talks with Slovenian President Natasa "
              "Pirc Musar in Hanoi. The two leaders agreed to raise two-way trade to one billion USD and to open a "
              "direct air route between Ljubljana and Hanoi."),
      article("talks-fr", "fr", "Les présidents du Vietnam et de la Slovénie s'entretiennent à Hanoï",
              "Dans l'après-midi du 4 mars, le président Luong Cuong s'est entretenu avec la présidente slovène "
              "Natasa Pirc Musar à Hanoï. Les deux dirigeants ont convenu de porter les échanges commerciaux à un "
              "milliard de dollars et d'ouvrir une liaison aérienne directe entre Ljubljana et Hanoï."),
      article("talks-vi", "vi", "Chủ tịch nước Lương Cường hội đàm với Tổng thống Slovenia",
              "Chiều 4/3, tại Hà Nội, Chủ tịch nước Lương Cường hội đàm với Tổng thống Slovenia Natasa Pirc Musar. "
              "Hai nhà lãnh đạo nhất trí nâng kim ngạch thương mại hai chiều lên một tỷ USD và mở đường bay thẳng "
              "giữa Ljubljana và Hà Nội."),
      article("banquet-en", "en", "State banquet in honour of the Slovenian President",
              "On the evening of March 4, State President Luong Cuong and his spouse hosted a state banquet in Hanoi "
              "in honour of Slovenian President Natasa Pirc Musar, who is paying a state visit to Vietnam. Toasting "
              "the guests, President Luong Cuong praised the friendship between Vietnam and Slovenia."),
      article("arrival-fr", "fr", "La présidente slovène arrive à Hanoï pour une visite d'État",
              "Dans la soirée du 3 mars, la présidente slovène Natasa Pirc Musar est arrivée à Hanoï, entamant une "
              "visite d'État au Vietnam à l'invitation du président Luong Cuong. Elle a été accueillie à l'aéroport "
              "par des responsables vietnamiens."),
  };
}

// Article id -> cluster id.
std::unordered_map<std::string, std::string> events_of(const std::vector<Article>& articles, const Options& o) {
  LanguageIdentifier lid("", &bundled_model());
  ReadResult batch;
  batch.articles = articles;
  batch.records_read = articles.size();
  BatchResult r = Pipeline(bundled_model(), lid, o).run(std::move(batch));
  std::unordered_map<std::string, std::string> out;
  for (const auto& a : assignments_of(r)) out[a.id] = a.cluster;
  return out;
}

}  // namespace

TEST(Happening, ReportsOfOneVisitWithDifferentActionsStayApartAndOneMeetingJoins) {
  auto event = events_of(one_visit(), Options{});
  EXPECT_EQ(event["talks-en"], event["talks-fr"]) << "English and French reports of the talks";
  EXPECT_EQ(event["talks-en"], event["talks-vi"]) << "English and Vietnamese reports of the talks";
  EXPECT_NE(event["banquet-en"], event["talks-en"]) << "the banquet that evening is another event";
  EXPECT_NE(event["arrival-fr"], event["talks-fr"]) << "the arrival the day before is another event";
  EXPECT_NE(event["arrival-fr"], event["banquet-en"]);
}

TEST(Happening, WithoutWhatHappenedTheVisitMerges) {
  // The same reports scored without actions and stated days: shared names carry them together,
  // which is what the signal is for.
  Options blind;
  blind.action_penalty = 0;
  blind.next_day_penalty = 0;
  blind.days_apart_penalty = 0;
  auto event = events_of(one_visit(), blind);
  EXPECT_TRUE(event["banquet-en"] == event["talks-en"] || event["arrival-fr"] == event["talks-fr"])
      << "the visit's reports stay apart even without what happened: this test no longer shows the signal";
}

namespace {

// The counterparts' names a report's title and action sentence give, in order.
std::vector<std::string> counterparts(const std::string& title, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& c : read_happening(title, text, kWords).counterparts) out.push_back(c.name);
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST(Happening, CounterpartsInEachLanguage) {
  EXPECT_EQ(counterparts("",
                         "State President Luong Cuong held talks with French President Emmanuel Macron in "
                         "Hanoi on May 26."),
            (Names{"Luong Cuong", "Emmanuel Macron"}));
  EXPECT_EQ(counterparts("",
                         "Party General Secretary To Lam received visiting Russian Prime Minister Mikhail "
                         "Mishustin in Hanoi on January 14."),
            (Names{"To Lam", "Mikhail Mishustin"}))
      << "an office before the name, or inside its run of capitals";
  EXPECT_EQ(counterparts("",
                         "Le président français a salué lundi une relation de confiance. Il s'est entretenu "
                         "avec le secrétaire général du parti communiste Tô Lâm à Hanoï."),
            (Names{"Tô Lâm"}))
      << "the sentence that names the action, wherever it stands in the opening";
  EXPECT_EQ(counterparts("",
                         "Chiều 4/3, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Quốc hội Lào "
                         "Xaysomphone Phomvihane."),
            (Names{"Phạm Minh Chính", "Lào Xaysomphone Phomvihane"}))
      << "Vietnamese offices by syllable; a body (Quốc hội) leaves the office to the name after it";
  EXPECT_EQ(counterparts("Le Premier ministre Pham Minh Chinh reçoit le président allemand", ""),
            (Names{"Pham Minh Chinh"}))
      << "a title that names the action";
}

TEST(Happening, NoCounterpartsFromPlacesBodiesOrOtherActions) {
  EXPECT_EQ(counterparts("", "Prime Minister Pham Minh Chinh met German President in Ha Noi on January 24."),
            (Names{"Pham Minh Chinh"}))
      << "a place after 'in' is nobody's name";
  EXPECT_EQ(counterparts("", "The Chairman of the National Assembly Committee held talks with the delegation."),
            Names{})
      << "a body";
  EXPECT_EQ(counterparts("",
                         "Prime Minister Pham Minh Chinh arrived in Jakarta on Friday, beginning an official "
                         "visit."),
            Names{})
      << "an arrival is not held with someone";
  EXPECT_EQ(counterparts("Vietnamese Presidents Hold Talks With Slovenian Leader Natasa Pirc Musar", ""), Names{})
      << "a Title Case title capitalises every word";
}

namespace {

// The talks of one_visit() in three languages, and other talks the same week in the same city with
// the same visitor: held by the Prime Minister, not the President.
std::vector<Article> two_talks() {
  auto articles = one_visit();
  // Like a report that names its counterpart only in its second sentence, beside the host it met
  // earlier: the participants of its opening are those of the President's talks.
  articles.push_back(article(
      "pm-talks-fr", "fr", "",
      "La présidente Natasa Pirc Musar a plaidé mercredi à Hanoï pour des échanges commerciaux d'un milliard de "
      "dollars et une liaison aérienne directe entre Ljubljana et Hanoï. Elle s'exprimait lors d'un entretien avec "
      "le Premier ministre Pham Minh Chinh, après ses entretiens avec le président Luong Cuong."));
  return articles;
}

}  // namespace

TEST(Happening, TalksWithDifferentCounterpartsStayApart) {
  auto event = events_of(two_talks(), Options{});
  EXPECT_EQ(event["talks-en"], event["talks-fr"]);
  EXPECT_EQ(event["talks-en"], event["talks-vi"]);
  EXPECT_NE(event["pm-talks-fr"], event["talks-en"]) << "the Prime Minister's talks are another event";
  EXPECT_NE(event["pm-talks-fr"], event["talks-fr"]);

  Options blind;
  blind.counterpart_penalty = 0;
  auto without = events_of(two_talks(), blind);
  EXPECT_EQ(without["pm-talks-fr"], without["talks-fr"])
      << "without counterparts the two talks merge: this test no longer shows the signal";
}

namespace {

// The country codes of the places a report's opening puts things in, in order.
std::vector<std::string> places(const std::string& title, const std::string& text) {
  Happening h = read_happening(title, text, kWords);
  std::vector<std::string> out;
  for (size_t k = 0; k < h.venue_count; ++k) out.push_back(Gazetteer::built_in().code(h.venues[k]));
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

TEST(Happening, PlacesInEachLanguage) {
  EXPECT_EQ(places("", "Party General Secretary To Lam received the visiting Chilean President in Hanoi on Monday."),
            Codes{"VN"});
  EXPECT_EQ(places("", "The Prime Minister began an official visit to the Russian Federation on Tuesday."),
            Codes{"RU"});
  EXPECT_EQ(places("", "The two ministers held talks in the capital Vientiane before a dinner."), Codes{"LA"});
  EXPECT_EQ(places("Le président reçoit son homologue à Paris", ""), Codes{"FR"});
  EXPECT_EQ(places("", "Le Premier ministre a entamé jeudi une visite officielle au Japon."), Codes{"JP"});
  EXPECT_EQ(places("", "Le secrétaire général est arrivé aux États-Unis pour une visite de travail."), Codes{"US"});
  EXPECT_EQ(places("", "Sáng 14/1, tại Thủ đô Hà Nội, Tổng Bí thư tiếp Thủ tướng Chile."), Codes{"VN"});
  EXPECT_EQ(places("", "Chủ tịch nước lên đường thăm chính thức Liên bang Nga."), Codes{"RU"});
  EXPECT_EQ(places("", "Thủ tướng tới Kuala Lumpur dự Hội nghị Cấp cao ASEAN."), Codes{"MY"});
  EXPECT_EQ(places("Talks in Hanoi", "After a trip to France, the President began a state visit to Vietnam."),
            (Codes{"VN", "FR"}))
      << "the title's place first, then each country of the opening once";
}

TEST(Happening, NoPlaceFromAdjectivesStadiumsMessagesOrTheDateline) {
  EXPECT_EQ(places("", "The President received the visiting Russian Prime Minister on Monday."), Codes{})
      << "an adjective of nationality names no place";
  EXPECT_EQ(places("", "Trận đấu diễn ra tối qua tại Mỹ Đình trước bốn vạn khán giả."), Codes{})
      << "Mỹ Đình, a stadium in Hanoi, is not Mỹ (the United States): the name is the whole run";
  EXPECT_EQ(places("", "The President sent a message to France on its national day."), Codes{})
      << "English 'to' puts something somewhere only after a journey";
  EXPECT_EQ(places("", "Paris is preparing for the summit of the two leaders next week."), Codes{})
      << "a text that opens with a place and no dash or comma has no dateline";
  EXPECT_EQ(places("", "MOSCOW, May 9 - The two leaders watched the parade together."), Codes{"RU"});
  EXPECT_EQ(places("", "HÀ NỘI — The two leaders held talks after the welcome ceremony."), Codes{"VN"});
}

TEST(Happening, AHandoverFromOneCountryToAnotherTookPlaceInBoth) {
  EXPECT_EQ(places("", "La présidence de l'ASEAN est passée de la Malaisie aux Philippines lors de la clôture."),
            (Codes{"MY", "PH"}));
  EXPECT_EQ(places("", "Le président de la Malaisie a parlé."), Codes{})
      << "'de' alone names whose, not where";
}

TEST(Happening, VenuesDifferOnlyForDisjointCountriesOfReportsOfWhatOfficialsDid) {
  auto hap = [](const std::string& text) { return read_happening("", text, kWords); };
  const Happening hanoi = hap("The Party leader held talks with the Russian Prime Minister in Hanoi on Tuesday.");
  const Happening moscow = hap("The Prime Minister held talks with the Party leader in Moscow on Friday.");
  const Happening both = hap("After talks in Moscow the leader held talks in Hanoi.");
  const Happening nowhere = hap("The Prime Minister held talks with the Party leader on Friday.");
  const Happening no_action = hap("Prices rose in Moscow for a third month.");
  EXPECT_TRUE(venues_differ(hanoi, moscow));
  EXPECT_FALSE(venues_differ(hanoi, both)) << "a country both name may be where both took place";
  EXPECT_FALSE(venues_differ(hanoi, nowhere)) << "a report that names no place says nothing";
  EXPECT_TRUE(venues_differ(hanoi, no_action)) << "one report of what officials did is enough";
  EXPECT_FALSE(venues_differ(no_action, hap("Prices fell in Hanoi."))) << "other news names other events' places";
}

TEST(Gazetteer, ParsesItsLinesAndNamesTheBadOne) {
  const Gazetteer g = Gazetteer::parse("XA: Xanadu | Upper Xanadu\n\nXB: Bergen-by-Sea\n");
  EXPECT_EQ(g.size(), 2u);
  EXPECT_EQ(g.code(1), "XA");
  const auto tokens = tokenise("in Upper Xanadu");
  EXPECT_EQ(g.code(g.name_at(tokens, 1).country), "XA");
  EXPECT_EQ(g.name_at(tokens, 1).end, 3u);
  auto message = [](const std::string& text) {
    try {
      Gazetteer::parse(text);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message("XA: Xanadu\nno colon here\n").find("line 2"), std::string::npos);
  EXPECT_NE(message("XA: Xanadu\nXB: Bergen | Xanadu\n").find("already XA"), std::string::npos);
  EXPECT_NE(message("XA: one two three four five six\n").find("1 to 5 words"), std::string::npos);
  EXPECT_GE(Gazetteer::built_in().size(), 60u);
}

namespace {

// The same two leaders' talks twice, undated: in Hanoi in January (in English and Vietnamese)
// and in Moscow in May (in English). Names, participants and topics are the same; the place is not.
std::vector<Article> reciprocal_visits() {
  return {
      article("hanoi-en", "en", "",
              "Party General Secretary To Lam held talks with visiting Russian Prime Minister Mikhail Mishustin in "
              "Hanoi. The two sides agreed to expand cooperation in energy, oil and gas, education and "
              "transport, and to mark 75 years of diplomatic relations."),
      article("hanoi-vi", "vi", "",
              "Tại Hà Nội, Tổng Bí thư Tô Lâm hội đàm với Thủ tướng Nga Mikhail Mishustin đang thăm Việt Nam. Hai "
              "bên nhất trí mở rộng hợp tác năng lượng, dầu khí, giáo dục và giao thông, kỷ niệm 75 năm quan hệ "
              "ngoại giao."),
      article("moscow-en", "en", "",
              "Russian Prime Minister Mikhail Mishustin held talks with Party General Secretary To Lam in Moscow. "
              "The two sides agreed to expand cooperation in energy, oil and gas, education and transport, "
              "marking 75 years of diplomatic relations."),
  };
}

}  // namespace

TEST(Happening, TheSameLeadersTalksInTwoCountriesStayApart) {
  auto event = events_of(reciprocal_visits(), Options{});
  EXPECT_EQ(event["hanoi-en"], event["hanoi-vi"]) << "English and Vietnamese reports of the Hanoi talks";
  EXPECT_NE(event["moscow-en"], event["hanoi-en"]) << "the talks in Moscow are another event";

  Options blind;
  blind.venue_penalty = 0;
  auto without = events_of(reciprocal_visits(), blind);
  EXPECT_EQ(without["moscow-en"], without["hanoi-en"])
      << "without the place the two talks merge: this test no longer shows the signal";
}
