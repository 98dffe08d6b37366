// The incremental index: articles are added as they arrive, and each addition answers "which
// earlier reports is this a duplicate of?" and "which event does it belong to?".
//
// It scores exactly as the batch pipeline does (same features, same pair score, same link
// rules) and clusters with the batch's average linkage (cluster.h), run around each new
// article instead of once. Differences a caller should know:
//  - each language is centred on the mean of the articles added so far (shrunk toward the
//    model's mean), recomputed for every query, so early answers lean on the model's mean
//    (with Options::centering_prior 1e9, on the model's mean alone, as in the batch);
//  - when a new article can join an event (one of its pairs reaches the threshold), it and
//    the events holding such a pair (best pair first, while their stored pairs fit in
//    Options::incremental_pair_budget) are clustered again with the batch's average linkage
//    over the pairs stored among them. So an article that reveals two earlier events to be
//    one joins them, and one that shows an earlier grouping to be worse than another undoes
//    it: events can merge, split and re-form around an addition, and Addition::moved lists
//    the earlier articles whose event changed. Otherwise
//    it starts an event of its own and nothing else changes (an event whose pairs alone pass
//    the budget is only joined, not clustered again). An event keeps the id of its oldest
//    article. dev/mixed added in input order and two random orders: pairwise /
//    cross-language F1 0.853 / 0.853, 0.853 / 0.853 and 0.850 / 0.849, the batch 0.853 /
//    0.853 (0.811 / 0.751, 0.775 / 0.686 and 0.784 / 0.703 when additions only joined and
//    merged around themselves; README, "Library"). What remains comes from scores,
//    candidates and order: each pair keeps the score it had when scored, centred as above,
//    each article's candidates are chosen among the articles before it, and only the events
//    around an addition are clustered again, not all of them best first as in the batch;
//  - recluster() clusters every stored article again as the batch does, from the pairs scored
//    so far, and reports which articles changed event: add() only reaches the events around
//    each new article, so a nightly recluster() gathers what the additions left apart.
//
// Thread safety: add(), duplicates_of() and the read-only accessors may be called from any
// number of threads at once. Feature extraction (the costly part) runs outside the lock;
// additions are serialised, so events depend on the order in which add() calls take the lock.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/eval.h"
#include "crossdup/language.h"
#include "crossdup/model.h"
#include "crossdup/options.h"
#include "crossdup/score.h"

namespace crossdup {

// An earlier article that reports the same event, and why.
struct Duplicate {
  std::string id;                           // the earlier article's id
  std::string event_id;                     // its event
  float score = 0, cosine = 0, names = 0;   // the pair's combined score and two main signals
  std::vector<std::string> shared_anchors;  // heaviest shared names and figures
  ScoreTerms terms;                         // the score signal by signal (they sum to score)
};

// An article whose event changed when the index reclustered.
struct Move {
  std::string id;          // the article
  std::string from_event;  // its event before
  std::string to_event;    // its event now
};

struct Addition {
  std::string event_id;   // the event the article joined or started
  bool new_event = true;  // true when it started one (and nothing joined it)
  // Earlier events whose ids are no longer used: their oldest article now belongs to another
  // event (most often `event_id`, which this article tied them into). Empty for most additions.
  std::vector<std::string> merged_events;
  // Earlier articles whose event changed with this addition (merged, split or re-formed
  // around it), in order of addition. Empty for most additions.
  std::vector<Move> moved;
  bool names_only = false;            // no document vector: its language is unknown to the model
  std::vector<Duplicate> duplicates;  // earlier articles scoring at least the threshold, best first
};

class Index {
 public:
  // The model and identifier must outlive the index.
  Index(const Model& model, const LanguageIdentifier& identifier, Options options = {});
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Adds one article (its language is detected when empty). Throws InputError when its id is
  // empty or already in the index: nothing is added then.
  Addition add(Article article);
  // The earlier articles `article` duplicates, without adding it.
  std::vector<Duplicate> duplicates_of(Article article) const;
  // Clusters all stored articles again with the batch's average linkage (globally best merge
  // first) over every pair scored so far, undoing the order of additions; nothing is rescored.
  // Returns the articles whose event id changed, in order of addition. An event keeps being
  // named by its oldest article. Blocks additions while it runs (about a batch clustering of
  // the stored pairs: 0.7 s for 10,000 articles).
  std::vector<Move> recluster();

  size_t size() const;
  bool contains(const std::string& id) const;
  // Id, event id and language of every article, in order of addition (for evaluate()).
  std::vector<Assignment> assignments() const;
  const Options& options() const { return options_; }

  struct State;  // defined in src/index/index.cpp

 private:
  const Model& model_;
  const LanguageIdentifier& identifier_;
  const Options options_;
  std::unique_ptr<State> state_;
};

}  // namespace crossdup
