// Text stage: UTF-8 validation, normalisation, tokenisation, Vietnamese word joining, dates.
//
// The same functions prepare training text (crossdup model train) and articles at run time,
// so that a token looks the same to the model in both places.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace crossdup {

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// NFC-normalised copy of `s` (invalid UTF-8 gives an empty string: check first).
std::string nfc(std::string_view s);

// NFC + Unicode case folding: the form every model token is in.
std::string fold_case(std::string_view s);

// Folded form with diacritics removed and đ -> d: "Hà Nội" -> "ha noi", "Azerbaïdjan" ->
// "azerbaidjan". Used to match names across languages, never for model look-ups.
std::string strip_accents(std::string_view s);

// `s` with the decimal digits of every script written as ASCII digits: Bengali "১৪৯",
// Devanagari "३७", Arabic-Indic "٢٠٢٥" and Thai "๙" read as figures other reports share.
std::string ascii_digits(std::string_view s);
// True when `s` holds a decimal digit outside ASCII (when ascii_digits would change it).
bool has_non_ascii_digits(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` that ends on a character boundary.
std::string_view utf8_prefix(std::string_view s, size_t max_bytes);

// `s` without the spaces, tabs, carriage returns and line feeds at either end.
std::string_view trim_blanks(std::string_view s);
// FNV-1a, 64 bits: the model file's checksum, stable event ids and the held-out dictionary
// split all use this one hash, so their values never change between builds.
uint64_t fnv1a_64(std::string_view bytes);

// The tab-separated fields of a line (an empty field stays, as an empty string).
std::vector<std::string> split_tabs(std::string_view line);

// Removes HTML tags and decodes the few entities feeds leave behind.
std::string strip_html(std::string_view s);

struct Token {
  std::string text;          // case-folded form, as in the model
  uint32_t offset = 0;       // byte offset in the source text
  bool capitalised = false;  // first letter upper-case in the source
  bool has_digit = false;
  bool sentence_start = false;  // first token after . ! ? or a line break
};

// True when `text` holds at least one letter or digit (stops at the first one).
bool has_word_characters(std::string_view text);

// Splits text into word tokens: runs of letters, marks and digits. Apostrophes and hyphens
// split words ("l'amitié" -> l, amitié) so that tokens match dictionary headwords.
std::vector<Token> tokenise(std::string_view text);

// A title in Title Case ("Lindsay Lohan Checks Out Of Rehab") or capitals, where most words
// after the first are capitalised (at least three of them, three quarters): its capitals name
// nothing.
bool is_title_case(const std::vector<Token>& title);

// `b` follows `a` after one space or hyphen: words of one name ("Phạm Minh Chính", "Jean-Noël").
inline bool written_together(const Token& a, const Token& b) { return b.offset == a.offset + a.text.size() + 1; }

// Joins Vietnamese syllables into words by longest match against a vocabulary of
// multi-syllable words written with '_' ("bộ_trưởng"), as the model was trained.
class VietnameseJoiner {
 public:
  VietnameseJoiner() = default;
  // `words`: vocabulary entries; only those with '_' matter here.
  void add_word(std::string_view word_with_underscores);
  size_t size() const { return phrases_.size(); }
  // Joins in place; `max_syllables` bounds the match length.
  void join(std::vector<Token>& tokens) const;

 private:
  std::unordered_set<std::string> phrases_;
  std::unordered_map<std::string, int> longest_from_;  // first syllable -> syllables of its longest phrase
};

// A calendar day as days since 1970-01-01.
using Day = int32_t;
Day days_from_civil(int year, int month, int day);

// A known date, possibly imprecise: a month is the range of its days.
struct DateRange {
  Day first = 0;
  Day last = 0;
  bool operator==(const DateRange& o) const { return first == o.first && last == o.last; }
};

// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or ISO 8601 with a time. nullopt when unparseable.
std::optional<DateRange> parse_iso_date(std::string_view s);

// How much of a text's beginning is read for its dates: about the lead. Further down, dates are
// often of other events. (For stated days, fit objective on the dev sets 0.776 at 600 bytes,
// 0.796 at 1,500, 0.794 at 3,000 and at the whole text.)
constexpr size_t kOpeningBytes = 1500;

// Finds the first full date written in text: 28/10/2020, 24 March 2025, March 24, 2025,
// 24 mars 2025, ngày 27/10/2020 ... Returns nullopt when none.
std::optional<DateRange> find_date_in_text(std::string_view text);

// The year a report is most about: the year (1900-2099) its title and text mention most, its
// date's year counting as one more mention; ties go to the later year. nullopt when none.
// Two reports of one kind of event (a typhoon, a GDP release, a final) in different years
// differ here even when their words and names agree.
std::optional<int> main_year(std::string_view title, std::string_view text, const std::optional<DateRange>& date);
// The calendar year of a day.
int year_of(Day day);

// Days between two ranges (0 when they overlap).
int date_gap(const DateRange& a, const DateRange& b);

// The part of the day a report says its event happened in: "on the morning of May 11", "dans la
// soirée du 24 janvier", "chiều 23/1". Two meetings of one visit often share the day, not its part.
enum class PartOfDay : uint8_t { unknown, morning, afternoon, evening };
// "morning", "afternoon", "evening", or "" when unknown.
const char* part_of_day_name(PartOfDay part);

// Days of the year (1-366, counted in a leap year), the year left aside: when a report says its
// event happened. `stated`: read from the text, not from a date field; then `part` is the part of
// the day written next to it, if any.
struct CalendarDays {
  int first = 0, last = 0;
  bool stated = false;
  PartOfDay part = PartOfDay::unknown;
};
// A day of the year as CalendarDays counts it, written ISO 8601's way without a year: "--10-26".
std::string format_month_day(int day_of_year);
// The days of a date field that names a day or a month; nullopt for a year or a longer span.
std::optional<CalendarDays> calendar_days_of(const DateRange& date);
// The first day and month the title or the opening of the text (its first kOpeningBytes) states
// as when something happened: "on May 8", "on Tuesday, April 2nd", "on the morning of May 11",
// "late July 30", "le 18 décembre", "lundi 13 septembre", "dimanche soir 25 mai", "dans la
// matinée du 26 octobre", "chiều 14/1", "rạng sáng 26.10", "ngày 27/10/2020", with the part of
// the day written next to it. Spans ("January 23-24", "du 23 au 25 janvier", "ngày 23-24/1") are
// a visit's days, not an event's, and are passed over. nullopt when none.
std::optional<CalendarDays> find_stated_day(std::string_view title, std::string_view text);
// Days between two calendar-day ranges across the turn of the year (at most 183).
int calendar_gap(const CalendarDays& a, const CalendarDays& b);

// A result a report states: the two numbers of "2-1", "65-53", "3 - 2", smaller first (reports
// of one match write "won 2-1" and "lost 1-2").
struct StatedResult {
  int low = 0, high = 0;
  bool operator==(const StatedResult& o) const { return low == o.low && high == o.high; }
  bool operator<(const StatedResult& o) const { return low != o.low ? low < o.low : high < o.high; }
};
// The results the title and the first `max_words` words of the text state, sorted, without
// repeats; none when max_words is 0. Dates ("2-7-2025", "09-09"), times, decimals, fractions,
// percentages and names with numbers ("U23-1", "Covid-19") are not results.
std::vector<StatedResult> find_stated_results(std::string_view title, std::string_view text, size_t max_words);
// Both state results and none of them is the same: two legs of a final, two matches of a season.
bool results_differ(const std::vector<StatedResult>& a, const std::vector<StatedResult>& b);

// "YYYY-MM-DD" or "YYYY-MM" (when the range is a whole month) or "YYYY".
std::string format_date(const DateRange& d);

}  // namespace crossdup
