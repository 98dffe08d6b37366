// Training the default model: text preparation from ../shared/corpora, fastText skipgram
// through libfasttext, export to the compact format; and the retrieval measures of its quality.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <Eigen/Dense>

#include "crossdup/names.h"
#include "crossdup/model.h"
#include "crossdup/options.h"
#include "crossdup/text.h"

namespace crossdup {

struct TranslationPair {
  std::string from_lang, from, to_lang, to;
};

// Translations between the three languages, word to words, gathered from the dictionaries
// and the name lists. Vietnamese multi-word entries are joined with '_'.
class BilingualLexicon {
 public:
  void add(const std::string& from_lang, const std::string& from, const std::string& to_lang, const std::string& to);
  // Translations of `word` into `to_lang`; empty when none.
  const std::vector<std::string>& translations(const std::string& from_lang, const std::string& word,
                                               const std::string& to_lang) const;
  size_t pair_count() const;
  // Moves the translations of about `fraction` of each direction's source words out of the
  // lexicon, and the same pairs out of the reverse direction, and returns them: pairs no
  // training step sees, for measuring word translation. Chosen by a hash of the language and
  // word, so the split is the same on every run.
  std::vector<struct TranslationPair> hold_out(double fraction);
  // Vietnamese multi-syllable words seen in the dictionaries: what the joiner starts from.
  const VietnameseJoiner& vietnamese_words() const { return vi_words_; }
  VietnameseJoiner& vietnamese_words() { return vi_words_; }

 private:
  std::map<std::string, std::unordered_map<std::string, std::vector<std::string>>> by_direction_;
  VietnameseJoiner vi_words_;
};

// Reads every dictionary and name list under `corpora/dicts` and `corpora/parallel`.
BilingualLexicon load_lexicon(const std::string& corpora_dir);

// Concept tables (model.h) for every non-English language of `model`: a word with dictionary
// translations among the first `max_targets` English words stands for one of them, chosen by
// nearness in the space and frequency (the dictionary says which words, the space which sense,
// and the common word is the one reports share); any other word for its nearest English word
// when their cosine reaches `min_cosine`. Returns, per language,
// how many words got a concept from the dictionary and from the vectors.
struct ConceptTableCounts {
  int64_t words = 0, from_dictionary = 0, from_vectors = 0;
};
std::map<std::string, ConceptTableCounts> build_concept_tables(Model& model, const BilingualLexicon& lexicon,
                                                               size_t max_targets = 40000, float min_cosine = 0.3f);

// Name aliases (names.h) from name lists of three columns, en, fr, vi (missing files are
// skipped). With a model, a link is kept only where the space agrees: both words known, their
// cosine at least `min_cosine` (the lists also hold rare senses: "Nam" -> a state's "Sul").
// build_name_aliases reads the corpora's two lists (parallel/cldr_names_en_fr_vi.tsv.xz,
// parallel/isocodes_names_en_fr_vi.tsv.xz).
NameAliases name_aliases_from_lists(const std::vector<std::string>& paths, const Model* model = nullptr,
                                    float min_cosine = 0.3f);
NameAliases build_name_aliases(const std::string& corpora_dir, const Model& model, float min_cosine = 0.3f);

// Reads an .xz file (or a plain one) line by line.
void for_each_line(const std::string& path, const std::function<void(std::string&)>& fn);

struct TrainOptions {
  std::string corpora_dir = "../shared/corpora";
  std::string work_dir = "build/model-train";  // prepared text and the fastText .bin
  std::string out_path = "models/default/crossdup-default.cdm";
  int dim = 200;
  int epoch = 3;
  int window = 5;
  int min_count = 5;
  int threads = 2;
  int seed = 20250324;
  double switch_probability = 0.3;  // chance a token is replaced by a translation
  // Aligned units of the parallel corpora as training lines. Off together with a switch
  // probability of 0, languages meet only through identical strings (names, numbers) until
  // Procrustes rotates them: the "separate spaces aligned afterwards" alternative.
  bool parallel_text = true;
  int64_t max_words_en = 40000, max_words_fr = 40000, max_words_vi = 50000;
  // Share of dictionary source words kept out of training, written to
  // <work_dir>/heldout_dictionary.tsv for `crossdup model eval --word-pairs`.
  double dictionary_holdout = 0.1;
  // Orthogonal Procrustes after joint training: fr and vi are rotated onto en with the
  // (training) dictionary pairs among each language's most frequent words.
  bool procrustes = true;
  // After the rotation, each language's word vectors lose their mean and their strongest
  // directions ("all but the top"): skipgram vectors share a few directions that say "a word
  // of this language" more than what it means, and documents built from them all point the
  // same way (mean document vectors of norm 0.85-0.95 in model v3). 0: raw vectors.
  int remove_directions = 5;
  bool reuse_prepared = false;  // skip preparation when train.txt exists
  bool reuse_bin = false;       // skip training when model.bin exists
};

struct TrainReport {
  int64_t training_lines = 0, training_tokens = 0;
  std::map<std::string, int64_t> documents;  // per language
  double prepare_seconds = 0, train_seconds = 0, export_seconds = 0;
};

TrainReport train_default_model(const TrainOptions& options);

// The rotation W minimising |X W - Y| (rows: source words and their translations), from
// X^T Y: W = U V^T where U S V^T is its SVD (Schönemann's orthogonal Procrustes).
Eigen::MatrixXf orthogonal_procrustes(const Eigen::MatrixXf& xty);

// "All but the top" (Mu and Viswanath, 2018) on one language's word vectors, rows of `vectors`:
// each row scaled to unit length, the rows' mean subtracted, the `directions` strongest
// principal directions projected out. Rows are left as they come out (not renormalised):
// the vectors are used as unit vectors anyway.
void remove_common_directions(Eigen::MatrixXf& vectors, int directions);

// Cross-language retrieval: precision@1 for each direction between aligned texts.
struct RetrievalResult {
  std::string set, from, to;
  size_t items = 0;
  double precision_at_1 = 0;
};
// NTREX (documents and 5-sentence chunks, six directions) and TED (5-sentence chunks, en<->vi)
// from `corpora/heldout`.
// `options` embed the items (as articles: centering_prior, word_sif) and score them (+names rankings).
std::vector<RetrievalResult> evaluate_retrieval(const Model& model, const std::string& corpora_dir,
                                                const Options& options = {});

// Word translation on dictionary pairs (from_lang, from, to_lang, to): for each source word the
// model knows, is a gold translation its nearest target-language word (precision@1), or among
// the ten nearest (precision@10)? Per direction; `words` counts the source words measured.
struct WordTranslationResult {
  std::string from, to;
  size_t words = 0, pairs_unknown = 0;
  double precision_at_1 = 0, precision_at_10 = 0;
  // The same ranked by CSLS (cross-domain similarity local scaling: 2 cos(x, y) - r(x) - r(y),
  // r the mean cosine to the 10 nearest words of the other language), which demotes "hubs",
  // words that are near everything.
  double csls_at_1 = 0, csls_at_10 = 0;
};
std::vector<WordTranslationResult> evaluate_word_translation(const Model& model,
                                                             const std::vector<TranslationPair>& pairs);
// Reads pairs written by training (from_lang, from, to_lang, to; tab-separated).
std::vector<TranslationPair> read_translation_pairs(const std::string& path);

}  // namespace crossdup
