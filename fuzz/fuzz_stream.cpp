// Any bytes as `crossdup stream`'s input, line by line, into the incremental Index (a small
// three-language model made here): every non-blank line is added or refused with a reason,
// never both, never neither, and the index ends holding exactly the added ones.
#include <cstdlib>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "../tests/toy_model.h"
#include "crossdup/error.h"
#include "crossdup/index.h"
#include "crossdup/read.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const crossdup::Model model = crossdup::testing::toy_model();
  static const crossdup::LanguageIdentifier lid("", &model);
  crossdup::Options o;
  o.max_article_bytes = 2048;
  crossdup::Index index(model, lid, o);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::string line;
  size_t line_no = 0, added = 0;
  std::set<std::string> ids;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string reason;
    crossdup::Article a = crossdup::parse_jsonl_line(line, crossdup::RecordOrigin{"fuzz", line_no}, reason);
    if (!reason.empty()) continue;  // refused with a reason
    const std::string id = a.id;
    try {
      crossdup::Addition result = index.add(std::move(a));
      if (result.event_id.empty() || !ids.insert(id).second) std::abort();
      ++added;
    } catch (const crossdup::InputError&) {  // a used id, an empty text: refused with a reason
    }
  }
  if (index.size() != added || index.assignments().size() != added) std::abort();
  return 0;
}
