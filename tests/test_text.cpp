#include <gtest/gtest.h>

#include "crossdup/text.h"

using namespace crossdup;

namespace {
std::vector<std::string> words(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (auto& t : tokens) out.push_back(t.text);
  return out;
}
}  // namespace

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(is_valid_utf8("Hà Nội, Azerbaïdjan"));
  EXPECT_FALSE(is_valid_utf8("bad \xC3\x28 byte"));
  EXPECT_FALSE(is_valid_utf8("cut \xE1\xBB"));
}

TEST(Text, FoldsCaseAndComposes) {
  EXPECT_EQ(fold_case("MINISTRE"), "ministre");
  // "é" written as e + combining acute becomes the composed form the model knows.
  EXPECT_EQ(fold_case("Caf\x65\xCC\x81"), "caf\xC3\xA9");
  EXPECT_EQ(fold_case("BỘ TRƯỞNG"), "bộ trưởng");
}

TEST(Text, ComposesToNfcAndKeepsTextAlreadyComposed) {
  // Decomposed Vietnamese ("ộ" as o + circumflex + dot below) and French become composed.
  EXPECT_EQ(nfc("B\x6F\xCC\x82\xCC\xA3 tr\xC6\xB0o\xCC\x9B\xCC\x89ng"), "Bộ trưởng");
  EXPECT_EQ(nfc("Caf\x65\xCC\x81 \xE2\x80\x94 5 \xE2\x82\xAC"), "Café — 5 €");
  // A composed letter followed by a combining mark still composes where Unicode says so.
  EXPECT_EQ(nfc("\xC3\xA2\xCC\x81"), "ấ");
  // The Ohm sign (U+2126) is not NFC: it becomes Omega (U+03A9).
  EXPECT_EQ(nfc("10 \xE2\x84\xA6"), "10 \xCE\xA9");
  const std::string composed = "Chủ tịch nước Lương Cường, « Hanoï », 3–2, “quoted”…";
  EXPECT_EQ(nfc(composed), composed);
}

TEST(Text, StripsAccentsForNameMatching) {
  EXPECT_EQ(strip_accents("Hà Nội"), "ha noi");
  EXPECT_EQ(strip_accents("Hanoï"), "hanoi");
  EXPECT_EQ(strip_accents("Lê Minh Trí"), "le minh tri");
  EXPECT_EQ(strip_accents("Đà Nẵng"), "da nang");
  EXPECT_EQ(strip_accents("Tô Lâm"), strip_accents("Tô Lâm")) << "the same word twice, from the thread's table";
  EXPECT_EQ(strip_accents("MACRON"), "macron") << "ASCII without utf8proc";
  for (int k = 0; k < 3; ++k) EXPECT_EQ(fold_case("TRƯỞNG"), "trưởng");
}

TEST(Text, TokenisesWordsNumbersAndMarksSentenceStarts) {
  auto t = tokenise("L'amitié entre le Vietnam et l'Azerbaïdjan. Le 24 mars, Tri a parlé.");
  EXPECT_EQ(words(t), (std::vector<std::string>{"l", "amitié", "entre", "le", "vietnam", "et", "l", "azerbaïdjan", "le",
                                                "24", "mars", "tri", "a", "parlé"}));
  EXPECT_TRUE(t[0].sentence_start);
  EXPECT_TRUE(t[4].capitalised);
  EXPECT_FALSE(t[4].sentence_start);
  EXPECT_TRUE(t[8].sentence_start);
  EXPECT_TRUE(t[9].has_digit);
}

TEST(Text, FindsWordCharactersInAnyScript) {
  EXPECT_FALSE(has_word_characters("  <> -- ... \n"));
  EXPECT_TRUE(has_word_characters(" -- 7"));
  EXPECT_TRUE(has_word_characters("\xE2\x80\x94 Hà"));
  EXPECT_TRUE(has_word_characters("— 東京"));
  EXPECT_FALSE(has_word_characters("\xC3\x28 !"));
}

TEST(Text, JoinsVietnameseWordsByLongestMatch) {
  VietnameseJoiner joiner;
  joiner.add_word("bộ_trưởng");
  joiner.add_word("bộ_trưởng_tư_pháp");
  joiner.add_word("hợp_tác");
  auto t = tokenise("Bộ trưởng Tư pháp ký hợp tác với bộ trưởng");
  joiner.join(t);
  EXPECT_EQ(words(t), (std::vector<std::string>{"bộ_trưởng_tư_pháp", "ký", "hợp_tác", "với", "bộ_trưởng"}));
}

TEST(Text, StripsHtmlButKeepsComparisons) {
  EXPECT_EQ(strip_html("<p>Hello&nbsp;<b>world</b></p>"), " Hello  world  ");
  EXPECT_EQ(strip_html("3 < 5 &amp; 6 > 2"), "3 < 5 & 6 > 2");
}

TEST(Text, Utf8PrefixNeverCutsACharacter) {
  std::string s = "Việt";
  EXPECT_EQ(utf8_prefix(s, 2), "Vi");
  EXPECT_EQ(utf8_prefix(s, 3), "Vi");  // "ệ" is three bytes: not cut in half
  EXPECT_EQ(utf8_prefix(s, 5), "Việ");
}

TEST(Dates, ParsesIsoForms) {
  auto day = parse_iso_date("2025-03-24");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->first, day->last);
  EXPECT_EQ(format_date(*day), "2025-03-24");
  auto month = parse_iso_date("2025-03");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->last - month->first, 30);
  EXPECT_EQ(format_date(*month), "2025-03");
  EXPECT_TRUE(parse_iso_date("2025-03-24T09:30:00Z"));
  EXPECT_FALSE(parse_iso_date("2025-02-30"));
  EXPECT_FALSE(parse_iso_date("2025-03-24T25:61:61Z")) << "no such time";
  EXPECT_FALSE(parse_iso_date("2025-03-24T09:75"));
  EXPECT_TRUE(parse_iso_date("2025-03-24 23:59:60+07:00")) << "a leap second";
  EXPECT_FALSE(parse_iso_date("March 2025"));
  EXPECT_FALSE(parse_iso_date(""));
}

TEST(Dates, FindsDatesWrittenInText) {
  EXPECT_EQ(format_date(*find_date_in_text("Hà Nội, ngày 27/10/2020 - Bộ Tư pháp")), "2020-10-27");
  EXPECT_EQ(format_date(*find_date_in_text("Published on 24 March 2025 by staff")), "2025-03-24");
  EXPECT_EQ(format_date(*find_date_in_text("Hanoi, March 24, 2025 - The talks")), "2025-03-24");
  EXPECT_EQ(format_date(*find_date_in_text("Le lundi 24 mars 2025, à Hanoï")), "2025-03-24");
  EXPECT_EQ(format_date(*find_date_in_text("Le 1er août 2024")), "2024-08-01");
  EXPECT_FALSE(find_date_in_text("No date here, only 12 people and 2025 plans."));
}

TEST(Dates, MainYearIsTheMostMentionedYear) {
  // The date's year is one mention among others; a tie goes to the later year.
  EXPECT_EQ(main_year("GDP grew 7.1% in 2025", "Up from 6.9% in 2024. Figures for 2025 show ...", std::nullopt), 2025);
  EXPECT_EQ(main_year("Typhoon season", "The 2017 storm was worse than 2016.", parse_iso_date("2016-09-10")), 2016);
  EXPECT_EQ(main_year("", "Hà Nội, ngày 27/10/2020 - theo kế hoạch 2021", std::nullopt), 2021);
  // Not years: other numbers, codes and figures glued to letters or digits.
  EXPECT_FALSE(main_year("Airbus A2020 order", "It cost 12000 dollars; 1850 soldiers; 20201 votes", std::nullopt));
  EXPECT_EQ(main_year("", "No year at all", parse_iso_date("2025-03")), 2025);
  EXPECT_FALSE(main_year("", "", std::nullopt));
}

TEST(Dates, GapIsZeroWhenRangesOverlap) {
  auto month = *parse_iso_date("2025-03");
  auto day = *parse_iso_date("2025-03-24");
  auto later = *parse_iso_date("2025-04-02");
  EXPECT_EQ(date_gap(month, day), 0);
  EXPECT_EQ(date_gap(day, later), 9);
  EXPECT_EQ(date_gap(later, month), 2);
}

namespace {
// The calendar day (month, day) a stated day stands for, or 0/0.
std::pair<int, int> stated_day(std::string_view title, std::string_view text) {
  auto d = find_stated_day(title, text);
  if (!d) return {0, 0};
  EXPECT_TRUE(d->stated);
  EXPECT_EQ(d->first, d->last);
  for (int m = 1; m <= 12; ++m)
    for (int day = 1; day <= 31; ++day)
      if (auto field = parse_iso_date("2000-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-" +
                                      std::string(day < 10 ? "0" : "") + std::to_string(day)))
        if (calendar_days_of(*field)->first == d->first) return {m, day};
  return {0, 0};
}
}  // namespace

TEST(Dates, StatedDaysAreReadAfterAWordThatSaysWhen) {
  using Day = std::pair<int, int>;
  EXPECT_EQ(stated_day("", "President Trump announced tariffs on April 2 at the White House."), Day(4, 2));
  EXPECT_EQ(stated_day("", "The storm reached the coast on Tuesday, Sept. 10th, officials said."), Day(9, 10));
  EXPECT_EQ(stated_day("", "The court ruled on the 3rd of March."), Day(3, 3));
  EXPECT_EQ(stated_day("", "Le président a été reçu le 1er mai à Paris."), Day(5, 1));
  EXPECT_EQ(stated_day("", "Les ministres se sont réunis lundi 13 septembre."), Day(9, 13));
  EXPECT_EQ(stated_day("", "Chiều 14/1, tại Phủ Chủ tịch, Thủ tướng chủ trì lễ đón."), Day(1, 14));
  EXPECT_EQ(stated_day("", "Hà Nội, ngày 27/10/2020 - Bộ Tư pháp"), Day(10, 27));
  EXPECT_EQ(stated_day("", "Vietnam won the title on Sunday (Jan 5) in Bangkok."), Day(1, 5));
  EXPECT_EQ(stated_day("", "Tổng thống Donald Trump hôm thứ Tư (2-7-2025) tuyên bố."), Day(7, 2));
  EXPECT_EQ(stated_day("Bão đổ bộ sáng nay (7/9)", "Gió mạnh."), Day(9, 7)) << "the title counts";
  EXPECT_EQ(stated_day("", "First on May 8, then le 18 décembre."), Day(5, 8)) << "the first one wins";
  // Dates without such a word are as often another event's; times are not days.
  EXPECT_EQ(stated_day("", "The trial is set for June 17 and the July 9 cutoff looms."), Day(0, 0));
  EXPECT_EQ(stated_day("", "The talks began on May 8:30 local time."), Day(0, 0));
  EXPECT_EQ(stated_day("", "It happened on February 30."), Day(0, 0)) << "no such day";
  EXPECT_EQ(stated_day("", std::string(kOpeningBytes, ' ') + "on May 8"), Day(0, 0)) << "past the opening";
}

TEST(Dates, CalendarDaysComeFromDayOrMonthFieldsAndMeetAcrossTheNewYear) {
  auto days = [](const char* iso) { return calendar_days_of(*parse_iso_date(iso)); };
  ASSERT_TRUE(days("2025-03-24"));
  EXPECT_FALSE(days("2025-03-24")->stated);
  EXPECT_EQ(days("2025-03-24")->first, days("2025-03-24")->last);
  ASSERT_TRUE(days("2024-05"));
  EXPECT_EQ(days("2024-05")->last - days("2024-05")->first, 30) << "a month is its days";
  EXPECT_FALSE(days("2025")) << "a year says no day";
  EXPECT_EQ(calendar_gap(*days("2024-12-30"), *days("2025-01-02")), 3) << "across the turn of the year";
  EXPECT_EQ(calendar_gap(*days("2025-04-02"), *days("2025-07-02")), 91);
  EXPECT_EQ(calendar_gap(*days("2025-05"), *days("2025-05-20")), 0) << "a day inside a month";
  EXPECT_EQ(calendar_gap(*days("2025-05"), *days("2025-07-01")), 31);
}

namespace {
std::vector<std::pair<int, int>> results(const std::string& title, const std::string& text, size_t words = 16) {
  std::vector<std::pair<int, int>> out;
  for (const auto& r : find_stated_results(title, text, words)) out.emplace_back(r.low, r.high);
  return out;
}
using Results = std::vector<std::pair<int, int>>;
}  // namespace

TEST(Results, MatchResultsAreReadFromTheTitleAndTheFirstWords) {
  EXPECT_EQ(results("Vietnam beats Thailand 2-1 in first leg", ""), Results({{1, 2}}));
  EXPECT_EQ(results("", "Việt Nam thắng Thái Lan với tỷ số 2 - 1 trên sân nhà."), Results({{1, 2}}));
  EXPECT_EQ(results("", "Le Vietnam bat la Thaïlande 3–2, 5-3 au cumul."), Results({{2, 3}, {3, 5}}));
  EXPECT_EQ(results("", "Creighton defeated Drake, 65-53, on Friday."), Results({{53, 65}}));
  EXPECT_EQ(results("Thailand lose 1-2", "Vietnam won 2-1."), Results({{1, 2}})) << "the smaller first, once";
  // Dates, times, decimals, percentages, fractions and names with numbers are not results.
  EXPECT_EQ(results("", "Trump hôm thứ Tư (2-7-2025) tuyên bố, ngày 09-09 và 10:05-11:30."), Results());
  EXPECT_EQ(results("", "Growth of 2.5-3.1 points, 5-10% more, 3/4-1/2 of them."), Results());
  EXPECT_EQ(results("", "The U23-1 squad and Covid-19 cases, 2008-09 season."), Results());
  // A boxer's record after his name changes with the fight every report tells.
  EXPECT_EQ(results("", "Wladimir Klitschko (52-3, 46 KOs) stopped Rahman."), Results());
  EXPECT_EQ(results("", "one two three four five six seven eight nine ten 2-1", 10), Results()) << "the 11th word";
  EXPECT_EQ(results("", "one two three four five six seven eight nine ten 2-1", 11), Results({{1, 2}}));
  EXPECT_EQ(results("Vietnam 2-1", "", 0), Results()) << "0 words: off";
}

TEST(Results, DifferOnlyWhenBothStateResultsAndShareNone) {
  auto r = [](const char* text) { return find_stated_results("", text, 40); };
  EXPECT_TRUE(results_differ(r("Vietnam beat Thailand 2-1."), r("Vietnam won the second leg 3-2, 5-3 on aggregate.")));
  EXPECT_FALSE(results_differ(r("Vietnam won 3-2."), r("Thailand lost 2-3, 3-5 on aggregate.")));
  EXPECT_FALSE(results_differ(r("Vietnam beat Thailand 2-1."), r("Vietnam beat Thailand in the first leg.")))
      << "a report that states no result cannot differ";
  EXPECT_FALSE(results_differ(r(""), r("")));
}

TEST(Text, ReadsDigitsOfEveryScriptAsAscii) {
  EXPECT_EQ(ascii_digits("\xE0\xA7\xA7\xE0\xA7\xAA\xE0\xA7\xAF km"), "149 km");             // Bengali ১৪৯
  EXPECT_EQ(ascii_digits("\xE0\xA5\xA9\xE0\xA5\xAD \xE0\xA4\xB2\xE0\xA5\x8B\xE0\xA4\x97"),  // Devanagari ३७ लोग
            "37 \xE0\xA4\xB2\xE0\xA5\x8B\xE0\xA4\x97");
  EXPECT_EQ(ascii_digits("\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA5"), "2025");        // Arabic-Indic ٢٠٢٥
  EXPECT_EQ(ascii_digits("\xE0\xB9\x90\xE0\xB9\x99"), "09");                  // Thai ๐๙
  EXPECT_EQ(ascii_digits("\xEF\xBC\x92\xEF\xBC\x90"), "20");                  // full-width ２０
  EXPECT_EQ(ascii_digits("Hà Nội, 24/3 \xC2\xB2"), "Hà Nội, 24/3 \xC2\xB2");  // letters and a superscript stay
  EXPECT_TRUE(has_non_ascii_digits("\xD9\xA2"));
  EXPECT_FALSE(has_non_ascii_digits("Hà Nội 2025 \xC2\xB2"));
}
