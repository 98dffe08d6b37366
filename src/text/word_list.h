// Short fixed word lists of the text readers (happening.cpp, places.cpp): "summit", "in", "tại".
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>

namespace crossdup {

// Whether `w` is one of `words`: lists of a few dozen words, where a scan beats a hash.
template <size_t N>
bool one_of(const char* const (&words)[N], std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

}  // namespace crossdup
