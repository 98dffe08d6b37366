// Date parsing: ISO fields, dates written in text and days stated in it; parsed dates format
// and re-parse, calendar days stay within the year. Also results stated in the text ("2-1"):
// sorted, each smaller number first, a list never differs from itself.
#include <cstdlib>

#include "crossdup/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  if (auto d = crossdup::parse_iso_date(s)) {
    if (d->first > d->last) std::abort();
    auto again = crossdup::parse_iso_date(crossdup::format_date(*d));
    if (!again || again->first > d->first || again->last < d->last) std::abort();
  }
  if (auto d = crossdup::find_date_in_text(s))
    if (d->first != d->last) std::abort();
  const size_t half = s.size() / 2;  // the first half as the title, the rest as the text
  if (auto d = crossdup::find_stated_day(std::string_view(s).substr(0, half), std::string_view(s).substr(half))) {
    if (!d->stated || d->first != d->last || d->first < 1 || d->first > 366) std::abort();
    if (crossdup::calendar_gap(*d, *d) != 0) std::abort();
  }
  const auto results =
      crossdup::find_stated_results(std::string_view(s).substr(0, half), std::string_view(s).substr(half), 16);
  for (size_t k = 0; k < results.size(); ++k) {
    if (results[k].low > results[k].high || results[k].low < 0 || results[k].high > 999) std::abort();
    if (k > 0 && !(results[k - 1] < results[k])) std::abort();
  }
  if (crossdup::results_differ(results, results)) std::abort();
  return 0;
}
