// Dates: ISO fields, and dates written in article text in English, French and Vietnamese.
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <regex>

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
      {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
      {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
      {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
      {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
      {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5},
      {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
      {"novembre", 11}, {"décembre", 12}, {"decembre", 12}};
  for (auto& [n, m] : names) if (name == n) return m;
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
  // A time part only narrows within the day; the publication day is what matters here.
  return make_day(y, m, d);
}

std::optional<DateRange> find_date_in_text(std::string_view text) {
  // Look only at the opening of the text: dates further down are often of other events.
  std::string head = fold_case(text.substr(0, std::min<size_t>(text.size(), 1500)));
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
  for (auto it = std::sregex_iterator(head.begin(), head.end(), day_month_year);
       it != std::sregex_iterator(); ++it) {
    int month = month_from_name((*it)[2]);
    if (month) {
      consider(static_cast<size_t>(it->position(0)), std::stoi((*it)[3]), month, std::stoi((*it)[1]));
      break;
    }
  }
  for (auto it = std::sregex_iterator(head.begin(), head.end(), month_day_year);
       it != std::sregex_iterator(); ++it) {
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
