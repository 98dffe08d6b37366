// Dates: ISO fields, and dates written in article text in English, French and Vietnamese.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <regex>
#include <vector>

#include "crossdup/text.h"

namespace crossdup {

// Howard Hinnant's civil-from-days algorithm, in its days-from-civil direction.
Day days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<size_t>(m - 1)];
}

bool plausible(int y, int m, int d) {
  return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<DateRange> make_day(int y, int m, int d) {
  if (!plausible(y, m, d)) return std::nullopt;
  Day day = days_from_civil(y, m, d);
  return DateRange{day, day};
}

void civil_from_days(Day z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yy + (m <= 2);
}

// Month names after case folding; French and English. Prefix matching is deliberately not
// used: "mar" would match "mars" and "march" but also "marché".
int month_from_name(const std::string& name) {
  static const std::pair<const char*, int> names[] = {
      {"january", 1},   {"february", 2},  {"march", 3},     {"april", 4},    {"may", 5},       {"june", 6},
      {"july", 7},      {"august", 8},    {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
      {"jan", 1},       {"feb", 2},       {"mar", 3},       {"apr", 4},      {"jun", 6},       {"jul", 7},
      {"aug", 8},       {"sep", 9},       {"sept", 9},      {"oct", 10},     {"nov", 11},      {"dec", 12},
      {"janvier", 1},   {"février", 2},   {"fevrier", 2},   {"mars", 3},     {"avril", 4},     {"mai", 5},
      {"juin", 6},      {"juillet", 7},   {"août", 8},      {"aout", 8},     {"septembre", 9}, {"octobre", 10},
      {"novembre", 11}, {"décembre", 12}, {"decembre", 12}};
  for (auto& [n, m] : names)
    if (name == n) return m;
  return 0;
}

}  // namespace

std::optional<DateRange> parse_iso_date(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  int y = 0, m = 0, d = 0;
  auto digits = [&](size_t pos, size_t count, int& out) {
    if (s.size() < pos + count) return false;
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, y)) return std::nullopt;
  if (s.size() == 4) {
    if (y < 1800 || y > 2200) return std::nullopt;
    return DateRange{days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)};
  }
  if (s[4] != '-' || !digits(5, 2, m)) return std::nullopt;
  if (s.size() == 7) {
    if (!plausible(y, m, 1)) return std::nullopt;
    return DateRange{days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))};
  }
  if (s.size() < 10 || s[7] != '-' || !digits(8, 2, d)) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't') return std::nullopt;
  // A time part only narrows within the day (the publication day is what matters here), but
  // one that is no time ("T25:61:61Z") says the field is not what it claims: unreadable.
  if (s.size() > 10) {
    int hh = 0, mm = 0, ss = 0;
    if (!digits(11, 2, hh) || hh > 23) return std::nullopt;
    if (s.size() > 13 && s[13] == ':' && (!digits(14, 2, mm) || mm > 59)) return std::nullopt;
    if (s.size() > 16 && s[16] == ':' && (!digits(17, 2, ss) || ss > 60)) return std::nullopt;  // 60: a leap second
  }
  return make_day(y, m, d);
}

std::optional<DateRange> find_date_in_text(std::string_view text) {
  // Look only at the opening of the text: dates further down are often of other events.
  std::string head = fold_case(text.substr(0, std::min(text.size(), kOpeningBytes)));
  static const std::regex numeric(R"((\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))");
  static const std::regex day_month_year(R"((\d{1,2})(?:er)?\s+([^\s\d.,]+)\s+(\d{4}))");
  static const std::regex month_day_year(R"(([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");
  std::optional<DateRange> best;
  size_t best_pos = std::string::npos;
  auto consider = [&](size_t pos, int y, int m, int d) {
    auto r = make_day(y, m, d);
    if (r && pos < best_pos) {
      best = r;
      best_pos = pos;
    }
  };
  std::smatch m;
  if (std::regex_search(head, m, numeric))  // day/month/year, as in French and Vietnamese
    consider(static_cast<size_t>(m.position(0)), std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
  for (auto it = std::sregex_iterator(head.begin(), head.end(), day_month_year); it != std::sregex_iterator(); ++it) {
    int month = month_from_name((*it)[2]);
    if (month) {
      consider(static_cast<size_t>(it->position(0)), std::stoi((*it)[3]), month, std::stoi((*it)[1]));
      break;
    }
  }
  for (auto it = std::sregex_iterator(head.begin(), head.end(), month_day_year); it != std::sregex_iterator(); ++it) {
    int month = month_from_name((*it)[1]);
    if (month) {
      consider(static_cast<size_t>(it->position(0)), std::stoi((*it)[3]), month, std::stoi((*it)[2]));
      break;
    }
  }
  return best;
}

int year_of(Day day) {
  int y, m, d;
  civil_from_days(day, y, m, d);
  return y;
}

namespace {

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Standalone four-digit numbers between 1900 and 2099 ("2020", "28/10/2020"; not "A2020", "20201").
void count_years(std::string_view text, std::map<int, int>& counts) {
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (i > 0 && is_word_byte(text[i - 1])) continue;
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
    size_t end = i;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    const bool standalone = end - i == 4 && (end == text.size() || !is_word_byte(text[end]));
    if (standalone) {
      int year = std::stoi(std::string(text.substr(i, 4)));
      if (year >= 1900 && year <= 2099) ++counts[year];
    }
    i = end;
  }
}

}  // namespace

std::optional<int> main_year(std::string_view title, std::string_view text, const std::optional<DateRange>& date) {
  std::map<int, int> counts;
  count_years(title, counts);
  count_years(text, counts);
  if (date) ++counts[year_of(date->first)];
  std::optional<int> best;
  int best_count = 0;
  for (auto& [year, count] : counts)  // ascending years: >= lets a later year win a tie
    if (count >= best_count) {
      best = year;
      best_count = count;
    }
  return best;
}

int date_gap(const DateRange& a, const DateRange& b) {
  if (a.last < b.first) return b.first - a.last;
  if (b.last < a.first) return a.first - b.last;
  return 0;
}

namespace {

constexpr int kLeapYear = 2000;  // every month and day exists in it, 29 February too

int day_of_year(int month, int day) {
  return static_cast<int>(days_from_civil(kLeapYear, month, day) - days_from_civil(kLeapYear, 1, 1)) + 1;
}

std::optional<CalendarDays> stated(int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(kLeapYear, month)) return std::nullopt;
  const int d = day_of_year(month, day);
  return CalendarDays{d, d, true};
}

}  // namespace

std::optional<CalendarDays> calendar_days_of(const DateRange& date) {
  int y1, m1, d1, y2, m2, d2;
  civil_from_days(date.first, y1, m1, d1);
  civil_from_days(date.last, y2, m2, d2);
  if (y1 != y2 || m1 != m2) return std::nullopt;  // a year, or a span across months
  return CalendarDays{day_of_year(m1, d1), day_of_year(m2, d2), false};
}

namespace {

// A folded text cut into words (letters, any non-ASCII byte), numbers and single punctuation
// marks, each knowing whether a space came before it: enough to read "on May 8", "le 13
// septembre" and "chiều 14/1" without a regular expression (std::regex cost 18 times the
// tokenising of the same text: benchmarks, BM_FindStatedDay).
struct Piece {
  std::string_view text;
  bool number = false;
  bool spaced = false;  // whitespace right before it
};

std::vector<Piece> pieces_of(std::string_view s) {
  std::vector<Piece> out;
  auto is_letter = [](unsigned char c) { return std::isalpha(c) || c >= 0x80; };
  bool spaced = true;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      spaced = true;
      ++i;
      continue;
    }
    size_t j = i + 1;
    const bool number = std::isdigit(c);
    if (number)
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    else if (is_letter(c))
      while (j < s.size() && is_letter(static_cast<unsigned char>(s[j]))) ++j;
    out.push_back({s.substr(i, j - i), number, spaced});
    spaced = false;
    i = j;
  }
  return out;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A day number (1-31 as written: one or two digits), with "8th" or "1er" read as 8 and 1.
struct DayAt {
  int day = 0;
  size_t next = 0;  // the piece after it
};
std::optional<DayAt> day_at(const std::vector<Piece>& p, size_t k) {
  if (k >= p.size() || !p[k].number || p[k].text.size() > 2) return std::nullopt;
  DayAt d{std::stoi(std::string(p[k].text)), k + 1};
  if (d.next < p.size() && !p[d.next].spaced && one_of(p[d.next].text, {"st", "nd", "rd", "th", "er"})) ++d.next;
  return d;
}

int month_at(const std::vector<Piece>& p, size_t k) {
  return k < p.size() && !p[k].number ? month_from_name(std::string(p[k].text)) : 0;
}

// Words that name a part of the day, in the three languages ("après" only as "après-midi").
PartOfDay part_named(const std::vector<Piece>& p, size_t k) {
  const std::string_view w = p[k].text;
  if (one_of(w, {"morning", "dawn", "matin", "matinée", "aube", "sáng", "rạng"})) return PartOfDay::morning;
  if (one_of(w, {"afternoon", "noon", "midi", "chiều", "trưa"})) return PartOfDay::afternoon;
  if (w == "après" && k + 2 < p.size() && p[k + 1].text == "-" && p[k + 2].text == "midi") return PartOfDay::afternoon;
  if (one_of(w, {"evening", "night", "soir", "soirée", "nuit", "tối", "đêm", "khuya"})) return PartOfDay::evening;
  return PartOfDay::unknown;
}

// The part of the day written near a stated day: in the few pieces before it ("on the morning
// of May 11", "dans l'après-midi du 8 septembre") or right after it ("on June 22 morning").
std::optional<CalendarDays> with_part(std::optional<CalendarDays> day, const std::vector<Piece>& p, size_t from,
                                      size_t to) {
  if (!day) return day;
  for (size_t k = from; k < std::min(to, p.size()); ++k)
    if (PartOfDay part = part_named(p, k); part != PartOfDay::unknown) {
      day->part = part;
      break;
    }
  return day;
}

// The day at p[k] begins a span of days ("23-24", "23 and 24", "23 au 25"): a visit's, not an event's.
bool starts_span(const std::vector<Piece>& p, size_t next) {
  if (next + 1 >= p.size() || !p[next + 1].number) return false;
  return one_of(p[next].text, {"-", "–", "and", "to", "et", "au"});
}

bool is_weekday(std::string_view w) {
  return one_of(w, {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
                    "mercredi", "jeudi", "vendredi", "samedi", "dimanche"});
}

// English: "on (Tuesday,) May 8", "on (the) 8th (of) May", "the morning of May 11", "late July 30".
std::optional<CalendarDays> english_day(const std::vector<Piece>& p, size_t i) {
  if (!one_of(p[i].text, {"on", "of", "late", "early"})) return std::nullopt;
  size_t j = i + 1;
  if (j < p.size() && is_weekday(p[j].text)) {
    ++j;
    if (j < p.size() && (p[j].text == "," || p[j].text == "(")) ++j;  // "on Sunday, Jan. 5", "on Sunday (Jan 5)"
  }
  if (int month = month_at(p, j)) {
    size_t k = j + 1;
    if (k < p.size() && p[k].text == "." && !p[k].spaced) ++k;
    auto d = day_at(p, k);
    const bool a_time = d && d->next < p.size() && p[d->next].text == ":" && !p[d->next].spaced;  // "May 8:30"
    if (d && !a_time && !starts_span(p, d->next))
      return with_part(stated(month, d->day), p, i >= 3 ? i - 3 : 0, d->next + 2);
    return std::nullopt;
  }
  if (j < p.size() && p[j].text == "the") ++j;
  auto d = day_at(p, j);
  if (!d || starts_span(p, d->next)) return std::nullopt;
  size_t k = d->next;
  if (k < p.size() && p[k].text == "of") ++k;
  if (int month = month_at(p, k)) return with_part(stated(month, d->day), p, i >= 3 ? i - 3 : 0, k + 3);
  return std::nullopt;
}

// French: "le / ce / du / lundi 13 septembre", "le 1er mai", "dimanche soir 25 mai", "dans la
// matinée du 26 octobre", "l'après-midi du 8 septembre".
std::optional<CalendarDays> french_day(const std::vector<Piece>& p, size_t i) {
  if (!one_of(p[i].text, {"le", "ce", "du"}) && !is_weekday(p[i].text)) return std::nullopt;
  size_t j = i + 1;
  if (j < p.size() && is_weekday(p[j].text)) ++j;
  if (j < p.size() && part_named(p, j) != PartOfDay::unknown)
    j += p[j].text == "après" ? 3 : 1;  // "dimanche soir 25 mai"
  auto d = day_at(p, j);
  if (!d || starts_span(p, d->next)) return std::nullopt;
  if (int month = month_at(p, d->next)) return with_part(stated(month, d->day), p, i >= 4 ? i - 4 : 0, d->next + 3);
  return std::nullopt;
}

// Vietnamese: "sáng / chiều / tối / ngày / hôm (nay, qua) (14/1)", "rạng sáng 26.10", day before month.
std::optional<CalendarDays> vietnamese_day(const std::vector<Piece>& p, size_t i) {
  if (!one_of(p[i].text, {"sáng", "chiều", "tối", "trưa", "đêm", "khuya", "ngày", "hôm"})) return std::nullopt;
  size_t j = i + 1;
  if (j < p.size() && one_of(p[j].text, {"nay", "qua", "mai"})) ++j;
  // A weekday may come between: "hôm thứ Tư (2-7-2025)", "sáng chủ nhật 5/1".
  if (j + 1 < p.size() && ((p[j].text == "thứ" && one_of(p[j + 1].text, {"hai", "ba", "tư", "năm", "sáu", "bảy"})) ||
                           (p[j].text == "chủ" && p[j + 1].text == "nhật")))
    j += 2;
  if (j < p.size() && p[j].text == ",") ++j;
  if (j < p.size() && p[j].text == "(") ++j;
  if (j + 2 >= p.size() || !p[j].number || p[j].text.size() > 2) return std::nullopt;
  const Piece& slash = p[j + 1];
  const Piece& month = p[j + 2];
  if (!one_of(slash.text, {"/", "-", "."}) || slash.spaced || !month.number || month.spaced || month.text.size() > 2)
    return std::nullopt;
  // "23-24/1" is the span of a visit: a third number of one or two digits follows.
  const bool span =
      j + 4 < p.size() && one_of(p[j + 3].text, {"/", "-"}) && p[j + 4].number && p[j + 4].text.size() <= 2;
  if (span) return std::nullopt;
  return with_part(stated(std::stoi(std::string(month.text)), std::stoi(std::string(p[j].text))), p, i >= 1 ? i - 1 : 0,
                   i + 1);
}

}  // namespace

const char* part_of_day_name(PartOfDay part) {
  switch (part) {
    case PartOfDay::morning:
      return "morning";
    case PartOfDay::afternoon:
      return "afternoon";
    case PartOfDay::evening:
      return "evening";
    default:
      return "";
  }
}

std::optional<CalendarDays> find_stated_day(std::string_view title, std::string_view text) {
  // A day and month after a word that says "on that day". A date without such a word is as
  // often another event's ("trial set for June 17", "the July 9 cutoff").
  std::string head = fold_case(title);
  head += '\n';
  head += fold_case(text.substr(0, std::min(text.size(), kOpeningBytes)));
  const auto p = pieces_of(head);
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i].number) continue;
    if (auto d = english_day(p, i)) return d;
    if (auto d = french_day(p, i)) return d;
    if (auto d = vietnamese_day(p, i)) return d;
  }
  return std::nullopt;
}

int calendar_gap(const CalendarDays& a, const CalendarDays& b) {
  constexpr int kYear = 366;
  auto forward = [](int from, int to) { return ((to - from) % kYear + kYear) % kYear; };  // days from `from` on to `to`
  if (a.first <= b.last && b.first <= a.last) return 0;
  // The nearer of the two ways round the year between the ranges' facing ends.
  return std::min(forward(a.last, b.first), forward(b.last, a.first));
}

std::string format_month_day(int day_of_year) {
  int y = 0, m = 0, d = 0;
  civil_from_days(days_from_civil(kLeapYear, 1, 1) + day_of_year - 1, y, m, d);
  char out[16];
  std::snprintf(out, sizeof out, "--%02d-%02d", m, d);
  return out;
}

std::string format_date(const DateRange& r) {
  int y1, m1, d1, y2, m2, d2;
  civil_from_days(r.first, y1, m1, d1);
  civil_from_days(r.last, y2, m2, d2);
  char buf[16];
  if (r.first == r.last) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y1, m1, d1);
  } else if (y1 == y2 && m1 == m2 && d1 == 1 && d2 == days_in_month(y2, m2)) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y1, m1);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", y1);
  }
  return buf;
}

}  // namespace crossdup
