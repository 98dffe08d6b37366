// Results a report states in its opening ("beat Thailand 2-1", "tỷ số 2 - 1", "65-53"): the
// outcome of a match, a vote or a fight, which differs between two legs of one final even when
// teams, place, words and year agree.
#include <algorithm>
#include <cctype>

#include "crossdup/text.h"

namespace crossdup {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// An ASCII letter or any byte of a multi-byte UTF-8 character: "U23-1", "F-16", "Covid-19"
// name things, they state no result.
bool is_word_byte(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// The separator at `i`: '-', an en dash (U+2013) or a minus sign (U+2212), optionally with one
// space on each side. Returns its length in bytes, 0 when there is none.
size_t separator_at(std::string_view s, size_t i) {
  size_t k = i;
  if (k < s.size() && s[k] == ' ') ++k;
  size_t dash = 0;
  if (k < s.size() && s[k] == '-') dash = 1;
  else if (s.substr(k, 3) == "\xE2\x80\x93" || s.substr(k, 3) == "\xE2\x88\x92") dash = 3;
  if (dash == 0) return 0;
  k += dash;
  if (k < s.size() && s[k] == ' ') ++k;
  return k - i;
}

// Digits from `i`: their count (0 when none) and value.
size_t digits_at(std::string_view s, size_t i, int& value) {
  size_t k = i;
  value = 0;
  while (k < s.size() && is_digit(s[k]) && k - i < 4) value = value * 10 + (s[k++] - '0');
  return k - i;
}

// A result starting at `i` (a number that starts there): "2-1", "65 - 53". Not a date
// ("2-7-2025", "09-09"), a time, a decimal, a fraction, a percentage or a longer number.
std::optional<StatedResult> result_at(std::string_view s, size_t i) {
  if (i > 0) {
    const char before = s[i - 1];
    // "(52-3, 46 KOs)" after a name is a boxer's record, which changes with the fight reported.
    if (is_digit(before) || is_word_byte(before) || std::string_view("/.,:-+#(").find(before) != std::string_view::npos)
      return std::nullopt;
  }
  int first = 0, second = 0;
  const size_t n1 = digits_at(s, i, first);
  if (n1 == 0 || n1 > 3) return std::nullopt;
  const size_t sep = separator_at(s, i + n1);
  if (sep == 0) return std::nullopt;
  const size_t start2 = i + n1 + sep;
  const size_t n2 = digits_at(s, start2, second);
  if (n2 == 0 || n2 > 3) return std::nullopt;
  const size_t end = start2 + n2;
  if (end < s.size()) {
    const char after = s[end];
    const bool digit_follows = end + 1 < s.size() && is_digit(s[end + 1]);
    if (after == '/' || after == '%' || is_word_byte(after)) return std::nullopt;
    if ((after == '.' || after == ',' || after == ':') && digit_follows) return std::nullopt;
    const size_t third = separator_at(s, end);
    if (third && end + third < s.size() && is_digit(s[end + third])) return std::nullopt;  // a date
  }
  // Two-digit parts both with a leading zero read as a date or a time ("09-09").
  if ((n1 == 2 && s[i] == '0') || (n2 == 2 && s[start2] == '0')) return std::nullopt;
  return StatedResult{std::min(first, second), std::max(first, second)};
}

// The results in the first `max_words` words of `s`.
void collect(std::string_view s, size_t max_words, std::vector<StatedResult>& out) {
  size_t words = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_space(s[i])) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      in_word = true;
      if (words++ >= max_words) return;
    }
    if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1])))
      if (auto r = result_at(s, i)) out.push_back(*r);
  }
}

}  // namespace

std::vector<StatedResult> find_stated_results(std::string_view title, std::string_view text, size_t max_words) {
  std::vector<StatedResult> out;
  if (max_words == 0) return out;
  collect(title, title.size(), out);  // the whole title
  collect(text, max_words, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool results_differ(const std::vector<StatedResult>& a, const std::vector<StatedResult>& b) {
  if (a.empty() || b.empty()) return false;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) return false;
    if (a[i] < b[j]) ++i;
    else ++j;
  }
  return true;
}

}  // namespace crossdup
