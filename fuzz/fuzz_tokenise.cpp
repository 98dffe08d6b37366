// Normalisation and tokenisation of any bytes; tokens are valid UTF-8 and within the text;
// digits of other scripts read as ASCII digits.
#include <cstdlib>

#include "crossdup/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  bool valid = crossdup::is_valid_utf8(s);
  std::string clean = valid ? crossdup::nfc(crossdup::strip_html(s)) : s;
  crossdup::fold_case(clean);
  crossdup::strip_accents(clean);
  crossdup::utf8_prefix(clean, size / 2);
  // Digits of any script become one ASCII digit each; valid text stays valid, and nothing
  // is left to change.
  std::string digits = crossdup::ascii_digits(clean);
  if (valid && !crossdup::is_valid_utf8(digits)) std::abort();
  if (valid && crossdup::has_non_ascii_digits(digits)) std::abort();
  if (crossdup::has_non_ascii_digits(clean) == (digits == clean) && valid) std::abort();
  auto tokens = crossdup::tokenise(clean);
  crossdup::VietnameseJoiner joiner;
  joiner.add_word("bộ_trưởng");
  joiner.add_word("a_b");
  joiner.join(tokens);
  for (const auto& t : tokens) {
    if (t.offset > clean.size() || t.text.empty()) std::abort();
    if (valid && !crossdup::is_valid_utf8(t.text)) std::abort();
  }
  return 0;
}
