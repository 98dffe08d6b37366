// Any bytes as a text-file article (date line, title, dates in the text).
#include <cstdlib>

#include "crossdup/read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  crossdup::ReadResult r;
  crossdup::read_text_document(std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt", crossdup::Options{},
                               r);
  if (r.records_read != 1 || r.articles.size() + r.rejects.size() != 1) std::abort();
  return 0;
}
