// A scored pair of articles and its score term by term: what the score stage hands to
// clustering and to reports, shared by score.h, cluster.h, the result and the index without
// any of them including the score stage.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace crossdup {

// Pairs are a batch's largest structure (about 100 per article), so the fields are packed:
// floats first, then the one-byte ones, then the yes/no answers one bit each (32 bytes in all).
struct ScoredPair {
  ScoredPair()
      : results_differ(false),
        editions_differ(false),
        actions_differ(false),
        counterparts_differ(false),
        venues_differ(false),
        date_compatible(true),
        participants_compatible(true) {}
  uint32_t a = 0, b = 0;             // article indices, a < b
  float cosine = 0;                  // document-vector cosine (0 when either has no vector)
  float names = 0;                   // anchor similarity
  float participants = 0;            // participant_overlap
  float conflict = 0;                // participant_conflict
  float score = 0;                   // the combination clustering uses
  int8_t same_year = 0;              // +1: both reports are mostly about one year, -1: different years, 0: unknown
  int8_t days_apart = -1;            // stated_days_apart (happening.h), at most 127; -1: unknown
  // Bit-fields (C++17 gives them no default member initialisers: the constructor sets them).
  bool results_differ : 1;           // both state results, none the same (results_differ in text.h)
  bool editions_differ : 1;          // both name a meeting's edition, not the same one (happening.h)
  bool actions_differ : 1;           // both name actions that cannot be one event (happening.h)
  bool counterparts_differ : 1;      // one's action is with someone the other never mentions
  bool venues_differ : 1;            // no country in common where they put their actions (happening.h)
  bool date_compatible : 1;          // dates within Options::max_date_gap_days
  // Conflict below Options::max_conflict, no different results or editions (else penalised).
  bool participants_compatible : 1;
  // Only time vetoes a link; different participants lower the score (a veto let one pair
  // split a large event of many reports: measured, README "Quality, as measured").
  bool may_link() const { return date_compatible; }
};
static_assert(sizeof(ScoredPair) <= 32, "a pair's size multiplies by every pair of the batch");

// What clustering reads of a pair: the two articles, the score and whether the pair may never
// be one event. 12 bytes, three eighths of a ScoredPair: a run that clusters once with the
// options it scored with keeps only these (Pipeline::run), and clustering itself copies
// nothing more. Article indices stay below 2^31 (the top bit of `b` holds the veto).
struct LinkPair {
  LinkPair() : b(0), vetoed(false) {}
  LinkPair(uint32_t first, uint32_t second, float pair_score, bool never_linked)
      : a(first), b(second), vetoed(never_linked), score(pair_score) {}
  static LinkPair of(const ScoredPair& p) { return {p.a, p.b, p.score, !p.may_link()}; }
  uint32_t a = 0;
  uint32_t b : 31;
  uint32_t vetoed : 1;  // 1: never one event (a uint32_t like `b`, so that every compiler packs them)
  float score = 0;
};
static_assert(sizeof(LinkPair) == 12, "clustering holds one per candidate pair");

// Link pairs in order, in blocks of at most a million (12 MB): a stage that reads them once
// takes them over and frees each block as it goes (consume), so that the pairs of a batch,
// its largest structure, are never held twice while they move from one stage to the next.
class LinkPairBlocks {
 public:
  static constexpr size_t kBlockPairs = size_t{1} << 20;
  // How many pairs will be pushed: blocks are then allocated to fit (a small group of pairs
  // does not take a whole block).
  void reserve(size_t pairs) { planned_ = size_ + pairs; }
  void push_back(const LinkPair& p) {
    if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
      blocks_.emplace_back();
      const size_t planned = planned_ > size_ ? planned_ - size_ : kBlockPairs;
      blocks_.back().reserve(std::min(planned, kBlockPairs));
    }
    blocks_.back().push_back(p);
    ++size_;
  }
  // A block made elsewhere (the score stage's rows), appended whole.
  void append_block(std::vector<LinkPair> block) {
    size_ += block.size();
    if (!block.empty()) blocks_.push_back(std::move(block));
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (const auto& block : blocks_)
      for (const LinkPair& p : block) visit(p);
  }
  // Visits every pair in order, each block freed once read; empty afterwards.
  template <typename Visit>
  void consume(Visit&& visit) {
    for (auto& block : blocks_) {
      for (const LinkPair& p : block) visit(p);
      std::vector<LinkPair>().swap(block);
    }
    blocks_.clear();
    size_ = planned_ = 0;
  }

 private:
  std::vector<std::vector<LinkPair>> blocks_;
  size_t size_ = 0, planned_ = 0;
};

// The pair score term by term: what each signal added to it or took from it, so that a
// person can see why two reports were joined (clusters.jsonl's best_match "terms").
struct ScoreTerms {
  float cosine = 0;          // weight_cosine x cosine
  float cross_language = 0;  // weight_cosine x cross_language_bonus, for reports in two languages
  float names = 0;           // weight_names x shared names and figures
  float participants = 0;    // weight_participants x shared title-and-lead names
  float year = 0;            // weight_year x year agreement (+ same year, - different years)
  float conflict = 0;        // minus the participant-conflict penalty (and weight_conflict's share)
  float happening = 0;       // minus the penalties for different actions and stated days apart
  float sum() const { return cosine + cross_language + names + participants + year + conflict + happening; }
  // Each term with its name ("cosine", "cross_language", ...), in that order, for reports.
  std::vector<std::pair<const char*, float>> named() const {
    return {{"cosine", cosine},      {"cross_language", cross_language},
            {"names", names},        {"participants", participants},
            {"year", year},          {"conflict", conflict},
            {"happening", happening}};
  }
};
}  // namespace crossdup
