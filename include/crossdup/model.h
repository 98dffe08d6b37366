// Word-vector models: one vector table per language in one shared space, plus the statistics
// from the training text that make scores independent of the batch.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "crossdup/names.h"
#include "crossdup/error.h"
#include "crossdup/text.h"

namespace crossdup {

// One language's vectors. Implementations: the project's compact memory-mapped format,
// fastText text (.vec) files, fastText binary (.bin) models through libfasttext.
class WordVectors {
 public:
  virtual ~WordVectors() = default;
  virtual int dim() const = 0;
  virtual int64_t size() const = 0;                       // vocabulary size
  virtual int64_t find(std::string_view word) const = 0;  // index, or -1 when unknown
  virtual std::string_view word(int64_t index) const = 0;
  virtual void unit_vector(int64_t index, float* out) const = 0;  // L2-normalised
  // Vectors for words outside the vocabulary (fastText subwords); false when unsupported.
  virtual bool unit_vector_for_unknown(std::string_view, float*) const { return false; }
  // In how many training documents the word occurs (0 when the model does not know).
  virtual uint32_t document_frequency(int64_t) const { return 0; }
};

// A table held in memory: built by training or read from a .vec file.
class DenseWordVectors : public WordVectors {
 public:
  explicit DenseWordVectors(int dim) : dim_(dim) {}
  void add(std::string word, const float* vec, uint32_t doc_freq = 0);
  int dim() const override { return dim_; }
  int64_t size() const override { return static_cast<int64_t>(words_.size()); }
  int64_t find(std::string_view word) const override;
  std::string_view word(int64_t i) const override { return words_[static_cast<size_t>(i)]; }
  void unit_vector(int64_t i, float* out) const override;
  uint32_t document_frequency(int64_t i) const override { return doc_freq_[static_cast<size_t>(i)]; }

 private:
  int dim_;
  std::vector<std::string> words_;
  std::vector<float> data_;
  std::vector<uint32_t> doc_freq_;
  std::unordered_map<std::string, int64_t> index_;
};

// Reads a fastText text file (.vec): a "count dim" header line, then "word v1 ... vdim".
// `max_words` keeps the first (most frequent) words only; 0 keeps all, and then the count must
// be the header's. Throws ModelError naming the line of a short vector or a number that is not
// finite (NaN, inf, past float's range); a repeated word keeps its first vector, with a warning.
std::unique_ptr<WordVectors> load_vec_file(const std::string& path, int64_t max_words = 0);
// The same from a stream; `path` names it in errors.
std::unique_ptr<WordVectors> load_vec_stream(std::istream& in, const std::string& path, int64_t max_words = 0);
// Loads a fastText .bin model through libfasttext (subword vectors for unknown words).
std::unique_ptr<WordVectors> load_fasttext_bin(const std::string& path);

// A word's English concept (translate.h), chosen once for the whole vocabulary: a translation
// from the training dictionaries when the word has one the English table knows (preferring
// translations that are near in the space and frequent, src/train/concepts.cpp), else the
// nearest English word.
struct WordConcept {
  int32_t english = -1;          // English word index; -1: none
  float cosine = 0;              // cosine between the word and that English word
  bool from_dictionary = false;  // a dictionary translation (kept whatever its cosine)
};

struct LanguageSpace {
  std::string code;  // ISO 639-1
  std::shared_ptr<const WordVectors> vectors;
  std::vector<float> mean;  // mean training document vector; empty when unknown
  uint64_t documents = 0;   // training documents behind document_frequency; 0 when unknown
  // Multi-word entries of the vocabulary ("bộ_trưởng"), for joining syllables as in training;
  // built when the language is added to a Model. Null when the vocabulary has none.
  std::shared_ptr<const VietnameseJoiner> joiner;
  // Concept of each word (index as in `vectors`); null when the model has no concept table.
  std::shared_ptr<const std::vector<WordConcept>> concepts;
};

class Model {
 public:
  // Loads the project's compact format (.cdm), memory-mapped. Throws ModelError naming the
  // file and the problem (bad header, truncated, checksum, dimension).
  static Model load(const std::string& path);
  // Builds a model from per-language files: "en=wiki.en.align.vec", "fr=cc.fr.bin" ...
  static Model from_files(const std::vector<std::pair<std::string, std::string>>& lang_paths,
                          int64_t max_words_per_language = 200000);
  // Writes the compact format: int8 vectors with a per-vector scale, checksummed.
  void save(const std::string& path) const;
  // The concept table beside a compact model file: same stem, extension ".concepts".
  static std::string concepts_path(const std::string& model_path);
  // Reads a concept table (TSV: language, word, English word, source "dictionary" or "vectors",
  // cosine) into the languages it names. Words a table does not list have no concept; rows naming
  // words or languages the model does not have are skipped. Throws ModelError naming the file and
  // line of a malformed record.
  void load_concepts(const std::string& path);
  // Writes the concept tables of the non-English languages (TSV as above, sorted by language
  // and vocabulary order), through a temporary file and a rename.
  void save_concepts(const std::string& path) const;
  void set_concepts(const std::string& code, std::shared_ptr<const std::vector<WordConcept>> concepts);
  // Name aliases (names.h) beside a compact model file: same stem, extension ".names"; read
  // with the model when present. Null when the model has none (names then match as spelt).
  static std::string names_path(const std::string& model_path);
  const NameAliases* name_aliases() const { return names_.get(); }
  void set_name_aliases(std::shared_ptr<const NameAliases> names) { names_ = std::move(names); }

  void add_language(LanguageSpace space);
  int dim() const { return dim_; }
  const LanguageSpace* language(std::string_view code) const;
  std::vector<std::string> languages() const;
  const std::string& source() const { return source_; }

 private:
  int dim_ = 0;
  std::vector<LanguageSpace> spaces_;
  std::string source_;
  std::shared_ptr<const void> mapping_;  // keeps a memory map alive for compact tables
  std::shared_ptr<const NameAliases> names_;
  friend Model load_compact_model(const std::string& path);
};

// Where the bundled default model is looked for: $CROSSDUP_MODEL, next to the executable
// (../share/crossdup/models), then the source tree's models/default.
std::string default_model_path();

}  // namespace crossdup
