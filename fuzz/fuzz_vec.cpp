// Any bytes as a fastText .vec file: refused with a ModelError or loaded with every vector
// finite and of unit length (or zero), never a crash.
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "crossdup/model.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // repeated words are warned about: not the point here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::unique_ptr<crossdup::WordVectors> table;
  try {
    table = crossdup::load_vec_stream(in, "fuzz.vec");
  } catch (const crossdup::ModelError&) {
    return 0;
  }
  std::vector<float> v(static_cast<size_t>(table->dim()));
  for (int64_t w = 0; w < table->size(); ++w) {
    table->unit_vector(w, v.data());
    double norm = 0;
    for (float x : v) {
      if (!std::isfinite(x)) std::abort();
      norm += static_cast<double>(x) * x;
    }
    if (norm > 1.001) std::abort();
  }
  return 0;
}
