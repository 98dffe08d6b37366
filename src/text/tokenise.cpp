// Unicode-aware word tokenisation.
#include <utf8proc.h>

#include "crossdup/text.h"

namespace crossdup {
namespace {

bool is_word_char(utf8proc_int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_upper(utf8proc_int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool is_digit(utf8proc_int32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND);
}

bool ends_sentence(utf8proc_int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == 0x3002; }

}  // namespace

bool has_word_characters(std::string_view text) {
  const auto* base = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const utf8proc_ssize_t n = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t i = 0; i < n;) {
    utf8proc_int32_t cp = base[i];
    utf8proc_ssize_t len = 1;
    if (base[i] >= 0x80) {
      len = utf8proc_iterate(base + i, n - i, &cp);
      if (len <= 0) {
        len = 1;
        cp = ' ';
      }
    }
    if (is_word_char(cp)) return true;
    i += len;
  }
  return false;
}

std::vector<Token> tokenise(std::string_view text) {
  std::vector<Token> tokens;
  const auto* base = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const utf8proc_ssize_t n = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t i = 0;
  utf8proc_ssize_t start = -1;
  bool capitalised = false, digit = false, at_sentence_start = true, token_sentence_start = true;

  auto flush = [&](utf8proc_ssize_t end) {
    if (start < 0) return;
    Token t;
    t.text = fold_case(text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    t.offset = static_cast<uint32_t>(start);
    t.capitalised = capitalised;
    t.has_digit = digit;
    t.sentence_start = token_sentence_start;
    tokens.push_back(std::move(t));
    start = -1;
  };

  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = base[i] < 0x80 ? 1 : utf8proc_iterate(base + i, n - i, &cp);
    if (base[i] < 0x80) cp = base[i];
    if (len <= 0) {
      len = 1;
      cp = ' ';
    }  // invalid byte: treat as a separator
    if (is_word_char(cp)) {
      if (start < 0) {
        start = i;
        capitalised = is_upper(cp);
        digit = false;
        token_sentence_start = at_sentence_start;
        at_sentence_start = false;
      }
      digit |= is_digit(cp);
    } else {
      flush(i);
      if (ends_sentence(cp)) at_sentence_start = true;
    }
    i += len;
  }
  flush(n);
  return tokens;
}

bool is_title_case(const std::vector<Token>& title) {
  size_t words = 0, capitalised = 0;
  for (size_t k = 1; k < title.size(); ++k) {
    if (title[k].has_digit) continue;
    ++words;
    capitalised += title[k].capitalised;
  }
  return capitalised >= 3 && capitalised * 4 >= words * 3;
}

}  // namespace crossdup
