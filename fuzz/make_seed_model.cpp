// Writes a small valid model (three languages, a few words) as the fuzz_model seed: mutations
// of a real file reach the section checks that random bytes never get past.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "crossdup/model.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seed_model OUT.cdm\n");
    return 1;
  }
  const int dim = 8;
  const char* codes[] = {"en", "fr", "vi"};
  const std::vector<std::vector<std::string>> words = {
      {"minister", "court", "storm"}, {"ministre", "cour", "tempête"}, {"bộ_trưởng", "tòa_án", "bão"}};
  crossdup::Model model;
  for (size_t l = 0; l < 3; ++l) {
    auto table = std::make_shared<crossdup::DenseWordVectors>(dim);
    for (size_t w = 0; w < words[l].size(); ++w) {
      std::vector<float> v(dim, 0.1f);
      v[w] = 1.f;
      table->add(words[l][w], v.data(), static_cast<uint32_t>(10 * (w + 1)));
    }
    crossdup::LanguageSpace space;
    space.code = codes[l];
    space.vectors = table;
    space.documents = 100;
    space.mean = std::vector<float>(dim, 0.05f);
    model.add_language(space);
  }
  model.save(argv[1]);
  return 0;
}
