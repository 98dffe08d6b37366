// Features stage: what each article brings to scoring.
//  - a document vector: position-weighted mean of unit word vectors, centred by its
//    language's mean (from the model, so the scale does not depend on the batch), L2-normalised;
//  - names and numbers ("anchors"): capitalised words and numbers, accent-stripped so they
//    match across languages (Hà Nội / Hanoï / Hanoi), weighted by rarity and position.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <Eigen/Dense>

#include "crossdup/article.h"
#include "crossdup/happening.h"
#include "crossdup/model.h"
#include "crossdup/options.h"

namespace crossdup {

class LanguageIdentifier;

// A sparse, L2-normalised weight vector over anchor ids, sorted by id.
struct AnchorVector {
  std::vector<std::pair<uint32_t, float>> entries;
};

// The people an article names, by anchor ids: who a pair's participant conflict and counterpart
// test compare.
struct LeadNames {
  // Names of several words in the title and lead ("Luong Cuong"): per name, its words' ids and IDF.
  std::vector<std::vector<std::pair<uint32_t, float>>> runs;
  // Who its action is with (Happening::counterparts): per name, its words' ids.
  std::vector<std::vector<uint32_t>> counterparts;
  // Sorted ids of the name words that are no anchors of their own: the syllables of names keyed
  // as one ("Lương Cường" also mentions luong and cuong, however another report spells him) and
  // a name's first word opening a sentence ("Mikhaïl Michoustine a également ...").
  std::vector<uint32_t> name_forms;
};

struct BatchFeatures {
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> vectors;  // N x dim
  // 0: no known words (unknown language). Bytes, not std::vector<bool>: threads write
  // neighbouring entries at once, and packed bits would race.
  std::vector<uint8_t> has_vector;
  std::vector<AnchorVector> anchors;
  // Names and figures of the title and lead, weighted by IDF only: the story's participants.
  std::vector<AnchorVector> lead_anchors;
  // The people each names: lead names of several words, counterparts, other forms of names.
  std::vector<LeadNames> lead_names;
  std::vector<std::string> anchor_text;  // anchor id -> its accent-stripped form
  std::vector<std::string> langs;
  std::vector<std::optional<DateRange>> dates;
  std::vector<std::optional<int>> years;                   // main_year() of each article
  std::vector<std::optional<CalendarDays>> calendar_days;  // when each says its event happened
  std::vector<std::vector<StatedResult>> results;          // results each states in its opening
  std::vector<Happening> happenings;                       // what each says happened: action, stated day, edition
};

// What one article brings before it meets the others: everything that does not depend on the
// batch. The batch (compute_features) and the incremental index (index.h) both build on it.
struct ArticleFeatures {
  Eigen::RowVectorXf vector;  // unit position-weighted mean of unit word vectors, not yet centred
  bool has_vector = false;
  struct Anchor {
    std::string key;  // accent-stripped name or figure
    float weight;     // (1 + log tf) * idf, before normalisation
    float idf;
    bool in_lead;
  };
  std::vector<Anchor> anchors;                                        // sorted by key
  std::vector<std::vector<std::pair<std::string, float>>> lead_runs;  // multi-word lead names: key, idf
  std::vector<std::string> name_forms;                                // LeadNames::name_forms, as keys (sorted, unique)
  std::string lang;
  std::optional<DateRange> date;
  std::optional<int> year;  // the year the report is most about (main_year)
  // The days of its date field when that names a day or a month; otherwise the day and month
  // its opening states (find_stated_day), if any.
  std::optional<CalendarDays> calendar_days;
  std::vector<StatedResult> results;  // find_stated_results over FeatureSettings::result_tokens words
  Happening happening;                // read_happening over FeatureSettings::happening_tokens words
};
ArticleFeatures extract_features(const Article& article, const Model& model, const FeatureSettings& options);

// The mean a language is centred on: the sum of `count` unit document vectors, shrunk toward
// the model's own mean with a weight of FeatureSettings::centering_prior articles.
Eigen::RowVectorXf centring_mean(const Eigen::RowVectorXf& sum, size_t count, const LanguageSpace* space,
                                 const FeatureSettings& options);
// Subtracts the mean and normalises again (a zero vector stays zero).
void centre(Eigen::Ref<Eigen::RowVectorXf> unit_vector, const Eigen::RowVectorXf& mean);

// Anchor keys to dense ids, in order of first appearance.
class AnchorDictionary {
 public:
  uint32_t id_of(const std::string& key);
  std::optional<uint32_t> find(const std::string& key) const;
  // One article's anchors as sparse vectors: all anchors (L2-normalised weights), lead anchors
  // (IDF ^ participant_idf_power) and lead names of several words.
  void encode(const ArticleFeatures& article, const FeatureSettings& options, AnchorVector& anchors, AnchorVector& lead,
              LeadNames& names);
  // The same with ids from `id_of`, for callers that must not add to a dictionary.
  static void encode_with(const ArticleFeatures& article, const FeatureSettings& options,
                          const std::function<uint32_t(const std::string&)>& id_of, AnchorVector& anchors,
                          AnchorVector& lead, LeadNames& names);
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> texts_;
};

// Rarity of a word (index in the space's table; -1: unknown, so rare) in the model's training
// documents, 0..1: log((N + 1) / (df + 1)) / log(N + 1). 1 when the model has no statistics.
float training_idf(const LanguageSpace& space, int64_t word);

// A word's weight in the document vector and the names by where it stands: a title word
// title_weight, the first lead_tokens words of the text lead_weight, the rest 1.
float position_weight(const FeatureSettings& settings, bool in_title, size_t position);

// Fills in missing languages (marking them detected) with the identifier.
void assign_languages(std::vector<Article>& articles, const LanguageIdentifier& identifier);

// Articles the features stage takes at a time: each chunk's per-article features (strings, a
// few kilobytes an article) are encoded and freed before the next, and its text may go.
constexpr size_t kFeatureChunk = 8192;

// A batch's features built a chunk of articles at a time, as they are read: the result is the
// one compute_features gives for all of them (anchor ids of one pass, vectors centred on the
// whole batch's means).
class BatchFeatureBuilder {
 public:
  BatchFeatureBuilder(const Model& model, const FeatureSettings& options);
  ~BatchFeatureBuilder();
  // Articles [begin, end) of `articles` are the batch's next ones (parallel over them).
  void add(const std::vector<Article>& articles, size_t begin, size_t end);
  BatchFeatures finish();

 private:
  struct Ids;
  const Model& model_;
  FeatureSettings options_;
  std::unique_ptr<Ids> ids_;
  BatchFeatures f_;
  std::vector<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> chunk_vectors_;  // not centred
  std::map<std::string, std::pair<Eigen::RowVectorXf, size_t>> sums_;  // per language: vector sum, count
};

// Computes the features of a batch (parallel over articles, deterministic), a chunk of
// articles at a time; after each, `done_with(begin, end)` says that articles [begin, end) are
// not read again (the pipeline then cuts their text: ExecutionSettings::keep_text).
BatchFeatures compute_features(const std::vector<Article>& articles, const Model& model,
                               const FeatureSettings& options,
                               const std::function<void(size_t, size_t)>& done_with = {});

// The tokens the model sees for one article, Vietnamese syllables joined.
std::vector<Token> model_tokens(const std::string& text, const std::string& lang, const Model& model);

// One article's anchors wherever they are stored (a batch, or the incremental index).
struct AnchorView {
  const AnchorVector& all;   // every name and figure
  const AnchorVector& lead;  // those of the title and lead
  const LeadNames& names;    // the people it names (lead runs, counterparts)
};
inline AnchorView anchor_view(const BatchFeatures& f, uint32_t i) {
  return {f.anchors[i], f.lead_anchors[i], f.lead_names[i]};
}

// Who the story is about: the smaller of the two shares of one article's title-and-lead names
// that the other article mentions anywhere (IDF-weighted). Two meetings of one visit share the
// visitor but not the host, so each misses part of the other's lead.
float participant_overlap(const AnchorView& a, const AnchorView& b);
// Different participants: both articles name, in title or lead, a person (a name of several
// words) the other never mentions; the smaller of the two rarities, 0..1. The host of one
// meeting is absent from the report of the other meeting of the same visit.
float participant_conflict(const AnchorView& a, const AnchorView& b);
// Who meets whom: one article's counterpart (a person its action is with) that the other never
// mentions, under any of its words. The talks with the President and the meeting with the Party
// leader on one visit are different events.
bool counterpart_missing(const AnchorView& a, const AnchorView& b);
// Both name who their action is with, and one names someone the other never mentions. (A report
// that names no counterpart, "Le président vietnamien reçoit ...", says nothing either way.)
bool counterparts_differ(const AnchorView& a, const AnchorView& b);
inline float participant_overlap(const BatchFeatures& f, uint32_t a, uint32_t b) {
  return participant_overlap(anchor_view(f, a), anchor_view(f, b));
}
inline float participant_conflict(const BatchFeatures& f, uint32_t a, uint32_t b) {
  return participant_conflict(anchor_view(f, a), anchor_view(f, b));
}
// The names and figures two articles share, heaviest in `self` first, at most `limit`: what
// explains a match to a person (clusters.jsonl, Index duplicates).
std::vector<std::string> heaviest_shared_anchors(const AnchorVector& self, const AnchorVector& other,
                                                 const std::vector<std::string>& anchor_text, size_t limit = 8);
// Dot product of two sparse anchor vectors; `shared` receives the shared ids when given.
float anchor_similarity(const AnchorVector& a, const AnchorVector& b, std::vector<uint32_t>* shared = nullptr);

}  // namespace crossdup
