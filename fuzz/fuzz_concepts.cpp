// Any bytes as a concept table (models/README.md) for a small model: either a clean ModelError
// naming the line, or tables whose every concept is an English word of the model. The same bytes
// as name aliases: a clean ModelError, or aliases that are never empty.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "crossdup/model.h"

namespace {

crossdup::Model small_model() {
  crossdup::Model m;
  const char* words[][3] = {
      {"minister", "ministre", "bộ_trưởng"}, {"storm", "tempête", "bão"}, {"court", "cour", "tòa_án"}};
  const char* langs[] = {"en", "fr", "vi"};
  for (int l = 0; l < 3; ++l) {
    auto t = std::make_shared<crossdup::DenseWordVectors>(4);
    for (int w = 0; w < 3; ++w) {
      float v[4] = {0, 0, 0, 1};
      v[w] = 1;
      t->add(words[w][l], v, 1);
    }
    crossdup::LanguageSpace s;
    s.code = langs[l];
    s.vectors = t;
    s.mean = std::vector<float>(4, 0.f);
    m.add_language(s);
  }
  return m;
}

void check_name_aliases(const std::string& path) {
  try {
    crossdup::NameAliases names = crossdup::NameAliases::load(path);
    const std::string* english = names.english_key("fr", "x");
    if (english && english->empty()) std::abort();
    (void)names.size();
  } catch (const crossdup::ModelError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/crossdup-fuzz-concepts-" + std::to_string(::getpid()) + ".concepts";
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  crossdup::Model m = small_model();
  try {
    m.load_concepts(path);
  } catch (const crossdup::ModelError&) {
    check_name_aliases(path);
    return 0;
  }
  check_name_aliases(path);
  const int64_t english_words = m.language("en")->vectors->size();
  for (const char* code : {"fr", "vi"}) {
    const auto* space = m.language(code);
    if (!space->concepts) continue;
    if (static_cast<int64_t>(space->concepts->size()) != space->vectors->size()) std::abort();
    for (const auto& c : *space->concepts)
      if (c.english >= english_words) std::abort();
  }
  return 0;
}
