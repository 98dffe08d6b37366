// Any bytes as a JSONL feed: every record ends as an article or a reject, nothing crashes.
#include <cstdlib>
#include <sstream>

#include "crossdup/read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  crossdup::ReadResult r;
  crossdup::Options o;
  o.max_article_bytes = 512;
  crossdup::read_jsonl(in, "fuzz", o, r);
  if (r.records_read != r.articles.size() + r.rejects.size()) std::abort();
  for (const auto& a : r.articles)
    if (!crossdup::is_valid_utf8(a.text) || a.text.size() > o.max_article_bytes) std::abort();
  return 0;
}
