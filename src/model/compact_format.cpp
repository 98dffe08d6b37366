// The project's compact model format (.cdm). Layout, all little-endian, sections 8-aligned:
//   header (64 bytes): magic "CROSSDUP", u32 version, u32 dim, u32 languages, u32 reserved,
//                      u64 file size, u64 FNV-1a checksum of every byte after the header
//   one 96-byte entry per language: char code[8], u64 words, u64 documents, u64 offsets of
//     words (NUL-separated), its byte length, scales (f32 per word), vectors (i8 per word x dim),
//     document frequencies (u32 per word), mean document vector (f32 x dim)
//   the sections themselves.
// Documented for users in models/README.md.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "crossdup/file.h"
#include "crossdup/model.h"
#include "crossdup/text.h"

namespace crossdup {
namespace {

constexpr char kMagic[8] = {'C', 'R', 'O', 'S', 'S', 'D', 'U', 'P'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderSize = 64;
constexpr size_t kEntrySize = 96;

struct Header {
  char magic[8];
  uint32_t version, dim, languages, reserved;
  uint64_t file_size, checksum;
  uint8_t pad[kHeaderSize - 40];
};
static_assert(sizeof(Header) == kHeaderSize);

struct LanguageEntry {
  char code[8];
  uint64_t words, documents;
  uint64_t words_offset, words_bytes, scales_offset, vectors_offset, doc_freq_offset, mean_offset;
  uint8_t pad[kEntrySize - 72];
};
static_assert(sizeof(LanguageEntry) == kEntrySize);

uint64_t fnv1a(const uint8_t* p, size_t n) { return fnv1a_64({reinterpret_cast<const char*>(p), n}); }

size_t align8(size_t n) { return (n + 7) & ~size_t{7}; }

// A read-only memory map that unmaps when the last table using it goes.
struct Mapping {
  const uint8_t* data = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (data) munmap(const_cast<uint8_t*>(data), size);
  }
};

class CompactWordVectors : public WordVectors {
 public:
  // Scales are not read: vectors are normalised after dequantising, which cancels them.
  CompactWordVectors(const uint8_t* base, const LanguageEntry& e, int dim)
      : dim_(dim),
        n_(static_cast<int64_t>(e.words)),
        vectors_(reinterpret_cast<const int8_t*>(base + e.vectors_offset)),
        doc_freq_(reinterpret_cast<const uint32_t*>(base + e.doc_freq_offset)) {
    const char* p = reinterpret_cast<const char*>(base + e.words_offset);
    const char* end = p + e.words_bytes;
    words_.reserve(e.words);
    index_.reserve(e.words);
    while (p < end && words_.size() < e.words) {
      size_t len = strnlen(p, static_cast<size_t>(end - p));
      std::string_view w(p, len);
      index_.emplace(w, static_cast<int64_t>(words_.size()));
      words_.push_back(w);
      p += len + 1;
    }
  }
  bool complete() const { return static_cast<int64_t>(words_.size()) == n_; }
  int dim() const override { return dim_; }
  int64_t size() const override { return n_; }
  int64_t find(std::string_view word) const override {
    auto it = index_.find(word);
    return it == index_.end() ? -1 : it->second;
  }
  std::string_view word(int64_t i) const override { return words_[static_cast<size_t>(i)]; }
  void unit_vector(int64_t i, float* out) const override {
    const int8_t* q = vectors_ + static_cast<size_t>(i) * static_cast<size_t>(dim_);
    // The squared norm in integers: exact, so for the bundled 200 dimensions (sums below 2^24)
    // the very value a float sum of the squares gave, and a loop the compiler vectorises (a
    // float sum it may not reorder).
    int32_t squares = 0;
    for (int k = 0; k < dim_; ++k) squares += int32_t{q[k]} * int32_t{q[k]};
    const float norm = static_cast<float>(squares);
    const float inv = norm > 0 ? 1.f / std::sqrt(norm) : 0.f;  // the scale cancels after normalising
    for (int k = 0; k < dim_; ++k) out[k] = static_cast<float>(q[k]) * inv;
  }
  uint32_t document_frequency(int64_t i) const override { return doc_freq_[i]; }

 private:
  int dim_;
  int64_t n_;
  const int8_t* vectors_;
  const uint32_t* doc_freq_;
  std::vector<std::string_view> words_;
  std::unordered_map<std::string_view, int64_t> index_;
};

template <typename T>
void append(std::string& buf, const T* p, size_t n) {
  buf.append(reinterpret_cast<const char*>(p), sizeof(T) * n);
}

void pad_to_8(std::string& buf) { buf.resize(align8(buf.size()), '\0'); }

}  // namespace

void Model::save(const std::string& path) const {
  std::string body;  // everything after the header and the entries
  const size_t sections_start = kHeaderSize + kEntrySize * spaces_.size();
  std::vector<LanguageEntry> entries;
  std::vector<float> vec(static_cast<size_t>(dim_));
  for (const auto& space : spaces_) {
    LanguageEntry e{};
    std::strncpy(e.code, space.code.c_str(), sizeof e.code - 1);
    const WordVectors& table = *space.vectors;
    e.words = static_cast<uint64_t>(table.size());
    e.documents = space.documents;
    e.words_offset = sections_start + body.size();
    for (int64_t i = 0; i < table.size(); ++i) {
      body += table.word(i);
      body.push_back('\0');
    }
    e.words_bytes = sections_start + body.size() - e.words_offset;
    pad_to_8(body);
    std::vector<float> scales;
    std::vector<int8_t> quantised;
    std::vector<uint32_t> doc_freq;
    for (int64_t i = 0; i < table.size(); ++i) {
      table.unit_vector(i, vec.data());
      float max_abs = 0;
      for (float v : vec) max_abs = std::max(max_abs, std::fabs(v));
      float scale = max_abs > 0 ? max_abs / 127.f : 1.f;
      scales.push_back(scale);
      for (float v : vec) quantised.push_back(static_cast<int8_t>(std::lround(v / scale)));
      doc_freq.push_back(table.document_frequency(i));
    }
    e.scales_offset = sections_start + body.size();
    append(body, scales.data(), scales.size());
    pad_to_8(body);
    e.vectors_offset = sections_start + body.size();
    append(body, quantised.data(), quantised.size());
    pad_to_8(body);
    e.doc_freq_offset = sections_start + body.size();
    append(body, doc_freq.data(), doc_freq.size());
    pad_to_8(body);
    e.mean_offset = sections_start + body.size();
    std::vector<float> mean = space.mean;
    mean.resize(static_cast<size_t>(dim_), 0.f);
    append(body, mean.data(), mean.size());
    pad_to_8(body);
    entries.push_back(e);
  }
  std::string entries_bytes;
  append(entries_bytes, entries.data(), entries.size());
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.dim = static_cast<uint32_t>(dim_);
  h.languages = static_cast<uint32_t>(spaces_.size());
  h.file_size = sections_start + body.size();
  std::string after_header = entries_bytes + body;
  h.checksum = fnv1a(reinterpret_cast<const uint8_t*>(after_header.data()), after_header.size());

  // Written beside the target and renamed, so a reader never sees half a model.
  std::string bytes(reinterpret_cast<const char*>(&h), sizeof h);
  bytes += after_header;
  write_file_atomically(path, bytes);
}

Model load_compact_model(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw ModelError(path, std::string("cannot open model: ") + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw ModelError(path, "not a regular file");
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size < kHeaderSize) {
    ::close(fd);
    throw ModelError(path, "truncated: " + std::to_string(size) + " bytes, smaller than the header");
  }
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) throw ModelError(path, "cannot memory-map model");
  auto mapping = std::make_shared<Mapping>();
  mapping->data = static_cast<const uint8_t*>(p);
  mapping->size = size;

  Header h;
  std::memcpy(&h, mapping->data, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
    throw ModelError(path, "bad header: not a crossdup model (wrong magic)");
  if (h.version != kVersion)
    throw ModelError(path, "unsupported format version " + std::to_string(h.version) + " (this build reads version " +
                               std::to_string(kVersion) + ")");
  if (h.file_size != size)
    throw ModelError(path, "truncated or padded: header says " + std::to_string(h.file_size) + " bytes, file has " +
                               std::to_string(size));
  if (h.dim == 0 || h.dim > 4096 || h.languages == 0 || h.languages > 64)
    throw ModelError(path,
                     "bad header: dimension " + std::to_string(h.dim) + ", languages " + std::to_string(h.languages));
  if (fnv1a(mapping->data + kHeaderSize, size - kHeaderSize) != h.checksum)
    throw ModelError(path, "checksum mismatch: the file is damaged");
  if (kHeaderSize + kEntrySize * h.languages > size) throw ModelError(path, "truncated language table");

  Model model;
  model.dim_ = static_cast<int>(h.dim);
  model.source_ = path;
  model.mapping_ = mapping;
  for (uint32_t l = 0; l < h.languages; ++l) {
    LanguageEntry e;
    std::memcpy(&e, mapping->data + kHeaderSize + kEntrySize * l, sizeof e);
    e.code[sizeof e.code - 1] = '\0';
    // count * each bytes from offset, inside the file; the product is checked before it is
    // formed, so a huge count cannot wrap around into a small size.
    auto within = [&](uint64_t offset, uint64_t count, uint64_t each) {
      return offset <= size && count <= (size - offset) / each;
    };
    if (e.words > e.words_bytes || !within(e.words_offset, e.words_bytes, 1) || !within(e.scales_offset, e.words, 4) ||
        !within(e.vectors_offset, e.words, h.dim) || !within(e.doc_freq_offset, e.words, 4) ||
        !within(e.mean_offset, h.dim, 4))
      throw ModelError(path, std::string("language '") + e.code + "': section outside the file");
    // Frequencies and the mean are read in place as 4-byte numbers.
    if (e.scales_offset % 4 || e.doc_freq_offset % 4 || e.mean_offset % 4)
      throw ModelError(path, std::string("language '") + e.code + "': misaligned section");
    auto table = std::make_shared<CompactWordVectors>(mapping->data, e, model.dim_);
    if (!table->complete())
      throw ModelError(path, std::string("language '") + e.code + "': vocabulary shorter than its count");
    LanguageSpace space;
    space.code = e.code;
    space.vectors = table;
    space.documents = e.documents;
    const float* mean = reinterpret_cast<const float*>(mapping->data + e.mean_offset);
    space.mean.assign(mean, mean + h.dim);
    model.add_language(std::move(space));
  }
  return model;
}

}  // namespace crossdup
