// Unicode normalisation through utf8proc: NFC, case folding, accent stripping, HTML clean-up.
#include <cctype>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include <utf8proc.h>

#include "crossdup/text.h"

namespace crossdup {
namespace {

std::string map_with(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                        &out, static_cast<utf8proc_option_t>(options));
  if (n < 0) return {};
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

// Folding a word is a pure function of it, and a feed repeats its words: Vietnamese text is a
// few thousand syllables over and over. utf8proc's decomposition per token was a sixth of a
// whole run (perf, 100,000 news articles), so each thread remembers the words it has folded
// (its own table: no locks, and the result cannot depend on which thread folded a word).
class FoldedWords {
 public:
  template <typename Fold>
  std::string get(std::string_view word, Fold&& fold) {
    if (word.size() > kLongestKept) return fold(word);
    if (table_.size() >= kMostKept) table_.clear();  // bounded: a long run of new words starts afresh
    auto [it, fresh] = table_.try_emplace(std::string(word));
    if (fresh) it->second = fold(word);
    return it->second;
  }

 private:
  static constexpr size_t kLongestKept = 48;    // bytes; longer tokens are rare and rarely repeat
  static constexpr size_t kMostKept = 1 << 15;  // words per thread (a few MB)
  std::unordered_map<std::string, std::string> table_;
};

std::string fold_uncached(std::string_view s) {
  return map_with(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string strip_uncached(std::string_view s) {
  std::string r = map_with(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  // đ (U+0111) has no decomposition; Vietnamese names romanise it as d.
  std::string out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    if (static_cast<unsigned char>(r[i]) == 0xC4 && i + 1 < r.size() && static_cast<unsigned char>(r[i + 1]) == 0x91) {
      out.push_back('d');
      ++i;
    } else {
      out.push_back(r[i]);
    }
  }
  return out;
}

// Whether `s` is valid UTF-8 and ok(code point) holds for each of its non-ASCII code points
// (ASCII bytes are passed over without decoding).
template <typename Ok>
bool every_code_point(std::string_view s, Ok&& ok) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    if (*p < 0x80) {
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t cp;
    const auto len = utf8proc_iterate(p, left, &cp);
    if (len <= 0 || !ok(cp)) return false;
    p += len;
    left -= len;
  }
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  return every_code_point(s, [](utf8proc_int32_t cp) { return cp >= 0; });
}

namespace {

// Code points NFC leaves as they are wherever they stand: none changes, none combines with the one
// before it (checked against utf8proc for every one of them, and for each after the Latin
// vowels): Latin-1 and Latin Extended-A/B, the precomposed Latin of Vietnamese (U+1E00-1EFF),
// dashes, quotes and currency signs.
bool stays_in_nfc(utf8proc_int32_t cp) {
  return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x2027) ||
         (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20C0);
}

// Most news text is already NFC and written in those: it is kept as it is, without utf8proc's
// decomposition and recomposition of every character (a single-threaded part of reading).
bool plainly_nfc(std::string_view s) { return every_code_point(s, stays_in_nfc); }

}  // namespace

std::string nfc(std::string_view s) {
  if (plainly_nfc(s)) return std::string(s);
  return map_with(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

// ASCII (the common case in English and French text) is lowered in place, without utf8proc.
std::string fold_case(std::string_view s) {
  if (is_ascii(s)) return ascii_lower(s);
  thread_local FoldedWords folded;
  return folded.get(s, fold_uncached);
}

std::string strip_accents(std::string_view s) {
  if (is_ascii(s)) return ascii_lower(s);
  thread_local FoldedWords stripped;
  return stripped.get(s, strip_uncached);
}

namespace {

// The value of a decimal digit of any script. Unicode lays every script's digits out as runs
// of ten, zero first (some runs follow each other, as the mathematical digits do), so the
// digits before it in its run give its value.
int digit_value(utf8proc_int32_t cp) {
  int before = 0;
  while (before < 100 && utf8proc_category(cp - before - 1) == UTF8PROC_CATEGORY_ND) ++before;
  return before % 10;
}

// A decimal digit outside ASCII: where it starts, its length in bytes and its code point.
struct OtherDigit {
  size_t at = 0, length = 0;
  utf8proc_int32_t code_point = 0;
};

// The first such digit at or after `from`; `at` is s.size() when there is none. Invalid bytes
// are stepped over.
OtherDigit next_non_ascii_digit(std::string_view s, size_t from) {
  const auto* base = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  const utf8proc_ssize_t n = static_cast<utf8proc_ssize_t>(s.size());
  for (auto i = static_cast<utf8proc_ssize_t>(from); i < n;) {
    if (base[i] < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(base + i, n - i, &cp);
    if (len <= 0) {
      ++i;
      continue;
    }
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ND) return {static_cast<size_t>(i), static_cast<size_t>(len), cp};
    i += len;
  }
  return {s.size(), 0, 0};
}

}  // namespace

std::string ascii_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t done = 0;
  for (OtherDigit d = next_non_ascii_digit(s, 0); d.at < s.size(); d = next_non_ascii_digit(s, done)) {
    out.append(s.substr(done, d.at - done));
    out.push_back(static_cast<char>('0' + digit_value(d.code_point)));
    done = d.at + d.length;
  }
  out.append(s.substr(done));
  return out;
}

bool has_non_ascii_digits(std::string_view s) { return next_non_ascii_digit(s, 0).at < s.size(); }

std::string_view trim_blanks(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string_view utf8_prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::string strip_html(std::string_view s) {
  if (s.find('<') == std::string_view::npos && s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '<') {
      // Only treat it as a tag when it looks like one: "<p>", "</div>", "<br/>", "<a href=..>".
      size_t close = s.find('>', i);
      bool tag = close != std::string_view::npos && close - i < 512 && i + 1 < s.size() &&
                 (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' || s[i + 1] == '!');
      if (tag) {
        out.push_back(' ');
        i = close;
        continue;
      }
    } else if (c == '&') {
      static const std::pair<std::string_view, std::string_view> entities[] = {
          {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},  {"&quot;", "\""},
          {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
      bool replaced = false;
      for (auto& [from, to] : entities) {
        if (s.substr(i, from.size()) == from) {
          out += to;
          i += from.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1)
    fields.emplace_back(line.substr(start, tab - start));
  fields.emplace_back(line.substr(start));
  return fields;
}

uint64_t fnv1a_64(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace crossdup
