// Features stage: what each article brings to scoring.
//  - a document vector: position-weighted mean of unit word vectors, centred by its
//    language's mean (from the model, so the scale does not depend on the batch), L2-normalised;
//  - names and numbers ("anchors"): capitalised words and numbers, accent-stripped so they
//    match across languages (Hà Nội / Hanoï / Hanoi), weighted by rarity and position.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <Eigen/Dense>

#include "crossdup/article.h"
#include "crossdup/model.h"
#include "crossdup/options.h"

namespace crossdup {

class LanguageIdentifier;

// A sparse, L2-normalised weight vector over anchor ids, sorted by id.
struct AnchorVector {
  std::vector<std::pair<uint32_t, float>> entries;
};

struct BatchFeatures {
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> vectors;  // N x dim
  // 0: no known words (unknown language). Bytes, not std::vector<bool>: threads write
  // neighbouring entries at once, and packed bits would race.
  std::vector<uint8_t> has_vector;
  std::vector<AnchorVector> anchors;
  // Names and figures of the title and lead, weighted by IDF only: the story's participants.
  std::vector<AnchorVector> lead_anchors;
  // Names of several words in the title and lead ("Luong Cuong"): their words' ids and IDF.
  std::vector<std::vector<std::vector<std::pair<uint32_t, float>>>> lead_runs;
  std::vector<std::string> anchor_text;  // anchor id -> its accent-stripped form
  std::vector<std::string> langs;
  std::vector<std::optional<DateRange>> dates;
};

// Fills in missing languages (marking them detected) with the identifier.
void assign_languages(std::vector<Article>& articles, const LanguageIdentifier& identifier);

// Computes the features of a batch (parallel over articles, deterministic).
BatchFeatures compute_features(const std::vector<Article>& articles, const Model& model, const Options& options);

// The tokens the model sees for one article, Vietnamese syllables joined.
std::vector<Token> model_tokens(const std::string& text, const std::string& lang, const Model& model);

// Who the story is about: the smaller of the two shares of one article's title-and-lead names
// that the other article mentions anywhere (IDF-weighted). Two meetings of one visit share the
// visitor but not the host, so each misses part of the other's lead.
float participant_overlap(const BatchFeatures& features, uint32_t a, uint32_t b);

// Different participants: both articles name, in title or lead, a person (a name of several
// words) the other never mentions; the smaller of the two rarities, 0..1. The host of one meeting is absent from the
// report of the other meeting of the same visit.
float participant_conflict(const BatchFeatures& features, uint32_t a, uint32_t b);

// Dot product of two sparse anchor vectors; `shared` receives the shared ids when given.
float anchor_similarity(const AnchorVector& a, const AnchorVector& b, std::vector<uint32_t>* shared = nullptr);

}  // namespace crossdup
