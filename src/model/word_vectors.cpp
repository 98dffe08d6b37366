// Word-vector tables held in memory (.vec files, training output) and fastText .bin models.
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fasttext/fasttext.h>
#include <spdlog/spdlog.h>

#include "crossdup/model.h"

namespace crossdup {
namespace {

void normalise_into(const float* in, float* out, int dim) {
  double norm = 0;
  for (int i = 0; i < dim; ++i) norm += static_cast<double>(in[i]) * in[i];
  float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.f;
  for (int i = 0; i < dim; ++i) out[i] = in[i] * inv;
}

}  // namespace

void DenseWordVectors::add(std::string word, const float* vec, uint32_t doc_freq) {
  if (index_.count(word)) return;  // first (most frequent) occurrence wins
  index_.emplace(word, static_cast<int64_t>(words_.size()));
  words_.push_back(std::move(word));
  size_t at = data_.size();
  data_.resize(at + static_cast<size_t>(dim_));
  normalise_into(vec, data_.data() + at, dim_);
  doc_freq_.push_back(doc_freq);
}

int64_t DenseWordVectors::find(std::string_view word) const {
  auto it = index_.find(std::string(word));
  return it == index_.end() ? -1 : it->second;
}

void DenseWordVectors::unit_vector(int64_t i, float* out) const {
  std::memcpy(out, data_.data() + static_cast<size_t>(i) * static_cast<size_t>(dim_),
              sizeof(float) * static_cast<size_t>(dim_));
}

std::unique_ptr<WordVectors> load_vec_file(const std::string& path, int64_t max_words) {
  std::ifstream in(path);
  if (!in) throw ModelError(path, "cannot open vector file");
  return load_vec_stream(in, path, max_words);
}

std::unique_ptr<WordVectors> load_vec_stream(std::istream& in, const std::string& path, int64_t max_words) {
  std::string line;
  int64_t count = 0;
  int dim = 0;
  if (!std::getline(in, line)) throw ModelError(path, "empty vector file");
  {
    std::istringstream header(line);
    if (!(header >> count >> dim) || dim <= 0 || dim > 4096)
      throw ModelError(path, "bad header: expected '<count> <dim>' on line 1");
  }
  auto table = std::make_unique<DenseWordVectors>(dim);
  std::vector<float> vec(static_cast<size_t>(dim));
  int64_t line_no = 1, vectors = 0, repeated = 0, first_repeat = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (max_words > 0 && table->size() >= max_words) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const char* p = line.c_str();
    const char* space = std::strchr(p, ' ');
    if (!space) throw ModelError(path, "line " + std::to_string(line_no) + ": no vector");
    std::string word(p, space);
    char* end = const_cast<char*>(space);
    for (int i = 0; i < dim; ++i) {
      const char* start = end;
      vec[static_cast<size_t>(i)] = std::strtof(start, &end);
      if (end == start)
        throw ModelError(path, "line " + std::to_string(line_no) + ": expected " + std::to_string(dim) +
                                   " numbers, found " + std::to_string(i));
      // NaN and inf (or a number past float's range) would spread into every cosine of every
      // article with this word: the file is refused.
      if (!std::isfinite(vec[static_cast<size_t>(i)])) {
        while (*start == ' ' || *start == '\t') ++start;
        throw ModelError(path, "line " + std::to_string(line_no) + ": number " + std::to_string(i + 1) + " of '" +
                                   word + "' is not a finite number (" +
                                   std::string(start, static_cast<const char*>(end)) + ")");
      }
    }
    ++vectors;
    if (table->find(word) >= 0 && repeated++ == 0) first_repeat = line_no;
    table->add(std::move(word), vec.data());
  }
  if (table->size() == 0) throw ModelError(path, "no vectors after the header");
  if (max_words <= 0 && vectors != count)
    throw ModelError(path, "the header says " + std::to_string(count) + " words, the file holds " +
                               std::to_string(vectors) + " (truncated or edited?)");
  if (repeated > 0)
    spdlog::warn("{}: {} word(s) appear more than once (first at line {}); the first vector of each is kept", path,
                 repeated, first_repeat);
  return table;
}

namespace {

// fastText's own model, kept whole so that unknown words get subword vectors.
class FastTextWordVectors : public WordVectors {
 public:
  explicit FastTextWordVectors(const std::string& path) {
    try {
      model_.loadModel(path);
    } catch (const std::exception& e) {
      throw ModelError(path, std::string("libfasttext could not load it: ") + e.what());
    }
    dim_ = model_.getDimension();
    auto dict = model_.getDictionary();
    words_.reserve(static_cast<size_t>(dict->nwords()));
    for (int32_t i = 0; i < dict->nwords(); ++i) words_.push_back(dict->getWord(i));
  }
  int dim() const override { return dim_; }
  int64_t size() const override { return static_cast<int64_t>(words_.size()); }
  int64_t find(std::string_view word) const override { return model_.getWordId(std::string(word)); }
  std::string_view word(int64_t i) const override { return words_[static_cast<size_t>(i)]; }
  void unit_vector(int64_t i, float* out) const override { vector_of(words_[static_cast<size_t>(i)], out); }
  bool unit_vector_for_unknown(std::string_view word, float* out) const override {
    vector_of(std::string(word), out);
    double norm = 0;
    for (int i = 0; i < dim_; ++i) norm += out[i] * out[i];
    return norm > 0;
  }

 private:
  void vector_of(const std::string& word, float* out) const {
    fasttext::Vector v(dim_);
    model_.getWordVector(v, word);
    normalise_into(v.data(), out, dim_);
  }
  fasttext::FastText model_;
  int dim_ = 0;
  std::vector<std::string> words_;
};

}  // namespace

std::unique_ptr<WordVectors> load_fasttext_bin(const std::string& path) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) throw ModelError(path, "cannot open fastText model");
  return std::make_unique<FastTextWordVectors>(path);
}

}  // namespace crossdup
