// Any bytes as a model file: either a clean ModelError or a model whose tables can be read.
// The harness sets the header's file size and checksum to match the bytes (see the format in
// models/README.md), so that mutations reach the section checks behind the checksum; the
// checksum check itself has unit tests.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "crossdup/model.h"

namespace {

constexpr size_t kHeaderSize = 64, kFileSizeAt = 24, kChecksumAt = 32;

uint64_t fnv1a(const uint8_t* p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/crossdup-fuzz-model-" + std::to_string(::getpid()) + ".cdm";
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= kHeaderSize) {
    uint64_t file_size = size, checksum = fnv1a(bytes.data() + kHeaderSize, size - kHeaderSize);
    std::memcpy(bytes.data() + kFileSizeAt, &file_size, 8);
    std::memcpy(bytes.data() + kChecksumAt, &checksum, 8);
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
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
