// Any bytes as a model file: either a clean ModelError or a model whose tables can be read.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <vector>

#include "crossdup/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/crossdup-fuzz-model-" + std::to_string(::getpid()) + ".cdm";
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    crossdup::Model m = crossdup::Model::load(path);
    std::vector<float> v(static_cast<size_t>(m.dim()));
    for (const auto& code : m.languages()) {
      const auto& t = *m.language(code)->vectors;
      for (int64_t i = 0; i < t.size() && i < 16; ++i) {
        t.unit_vector(i, v.data());
        t.find(t.word(i));
        t.document_frequency(i);
      }
    }
  } catch (const crossdup::ModelError&) {
  }
  return 0;
}
