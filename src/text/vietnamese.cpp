// Vietnamese is written one syllable per space-separated unit; the model's words are joined
// with '_' (bộ_trưởng). Greedy longest match is what the training text used too.
#include <algorithm>

#include "crossdup/text.h"

namespace crossdup {
namespace {
constexpr int kMaxSyllables = 4;
}

void VietnameseJoiner::add_word(std::string_view word) {
  if (word.find('_') == std::string_view::npos) return;
  int syllables = 1;
  for (char c : word) syllables += c == '_';
  if (syllables > kMaxSyllables) return;
  phrases_.emplace(word);
  int& starting_here = longest_from_[std::string(word.substr(0, word.find('_')))];
  starting_here = std::max(starting_here, syllables);
}

void VietnameseJoiner::join(std::vector<Token>& tokens) const {
  if (phrases_.empty()) return;
  std::vector<Token> out;
  out.reserve(tokens.size());
  std::string candidate;
  for (size_t i = 0; i < tokens.size();) {
    int matched = 1;
    // Most syllables start no phrase, or only short ones: the longest phrase each first
    // syllable starts bounds the lookups (the joiner was 8% of a 100k-article run).
    const auto starts = longest_from_.find(tokens[i].text);
    const int longest = starts == longest_from_.end() ? 1 : starts->second;
    for (int len = std::min<int>(longest, static_cast<int>(tokens.size() - i)); len >= 2; --len) {
      candidate = tokens[i].text;
      for (int k = 1; k < len; ++k) {
        candidate += '_';
        candidate += tokens[i + k].text;
      }
      if (phrases_.count(candidate)) {
        matched = len;
        break;
      }
    }
    Token t = std::move(tokens[i]);
    for (int k = 1; k < matched; ++k) {
      t.text += '_';
      t.text += tokens[i + k].text;
      t.has_digit |= tokens[i + k].has_digit;
    }
    out.push_back(std::move(t));
    i += matched;
  }
  tokens = std::move(out);
}

}  // namespace crossdup
