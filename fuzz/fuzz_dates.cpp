// Date parsing: ISO fields and dates written in text; parsed dates format and re-parse.
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
  return 0;
}
