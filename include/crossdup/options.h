// Every setting of a run, with its documented default. Filled by the CLI or a library caller.
#pragma once

#include <cstddef>
#include <string>

namespace crossdup {

// The settings of each stage, so that a stage takes only what it reads: the reader
// ReadSettings, the features stage FeatureSettings, the score stage ScoreSettings, clustering
// ClusterSettings; the score and clustering share the DateLimits. Options holds them all (one
// value for a run, the CLI and the settings files), and converts to each.
struct ReadSettings {
  size_t max_article_bytes = 200000;  // longer texts are cut (and marked), not rejected
  // Articles held in memory at once (about 23 KB each at peak, README "Robustness"); records
  // past it are rejected with a reason that says so, never dropped.
  size_t max_batch_articles = 1000000;
};

// When reports can be one event at all: the score stage vetoes pairs and skips candidates by
// them, clustering keeps clusters apart by them.
struct DateLimits {
  int max_date_gap_days = 7;  // reports further apart than this are never one event
  // The same for a day a report states in its text when it has no dated field (the first "on
  // May 8", "le 13 septembre", "chiều 14/1" of its opening), the year left aside: only days
  // months apart (the April tariffs and the July trade deal) say two events.
  int max_stated_date_gap_days = 60;
};

struct FeatureSettings {
  double title_weight = 2.0;    // a title word counts this many times in the vector and names
  size_t lead_tokens = 120;     // the lead: the first words after the title
  double lead_weight = 1.0;     // a lead word's weight (1: no lead emphasis measured best)
  double centering_prior = 20;  // weight, in articles, of the model's mean when centring a language
  // Smooth inverse frequency: a word's weight in the document vector is a / (a + share of the
  // model's training documents that contain it), so "said" and "le" count less than "typhoon";
  // 0: every word weighs the same. With model v4 (README, "The bundled model") 0.05.
  double word_sif = 0.05;
  size_t participant_tokens = 40;  // words after the title whose names say who the story is about
  // Words after the title whose names of several words can conflict (participant conflict):
  // about the first sentence, where a report names who meets whom. Further down, leads name
  // officials, witnesses and victims that other reports of the same event leave out (fit
  // objective on the dev sets: 0.788 at 16, 0.783-0.784 at 12, 20 and 25, 0.772 at 40).
  size_t conflict_tokens = 16;
  // Words after the title whose stated results ("2-1", "65-53") count: two reports that both
  // state results, none of them the same (two legs of one final), are penalised as different
  // participants are. 0: off.
  size_t result_tokens = 16;
  // Words after the title read for what happened (happening.h): the action the report names
  // ("holds talks", "arrives in", "chiêu đãi") and the edition of the meeting ("47th Summit").
  // 0: off.
  size_t happening_tokens = 40;
  double participant_idf_power = 1;  // rarity exponent of those names in the participant overlap
};

// The pair score: score = w_cos * (cosine + bonus if cross-language) + w_names * names
//                    + w_participants * participants + w_year * same_year - w_conflict * conflict
//                    - conflict_penalty if conflict >= max_conflict, stated results or editions differ
//                    - action_penalty if actions differ - next_day_penalty / days_apart_penalty
//                    - counterpart_penalty if counterparts differ - venue_penalty if places differ
struct ScoreSettings : virtual DateLimits {
  double candidate_floor = 0.25;  // cosine under which pairs are not proposed by vectors
  size_t max_neighbours = 50;     // vector candidates kept per article (keeps memory linear)
  // ... and besides them, its best this many in each other language: in a large batch an
  // article's own language fills its overall list, and its translations would never be scored.
  size_t neighbours_per_language = 25;
  // Batches with more articles than this find vector candidates with an approximate
  // nearest-neighbour graph (HNSW, hnswlib) instead of comparing every pair: the exact search
  // grows with the square of the batch (200,000 articles: 8.6 minutes on 2 cores).
  size_t approximate_above = 50000;
  double weight_cosine = 0.25;
  double weight_names = 0.6;
  double weight_participants = 0.25;
  double weight_conflict = 0.0;
  double weight_year = 0.05;          // added when both reports are mostly about one year, subtracted when not
  double cross_language_bonus = 1.0;  // cross-language cosines run lower: this lifts them
  // What happened (happening.h): subtracted when two reports name different actions (the
  // arrival and the talks of one visit), and, when either names one, when the days their
  // openings state are one day apart or more (reports of one trip differ by the day).
  double action_penalty = 1.0;
  double next_day_penalty = 0.1;
  double days_apart_penalty = 0.5;
  // Subtracted when one report's action is with someone (Happening::counterparts) the other never
  // mentions: the talks with the President and the meeting with the Party leader of one visit.
  double counterpart_penalty = 1.0;
  // Subtracted when both name a place, one at least an action, and no country one's opening
  // names is one the other's names (Happening::venues): the same leaders' talks in Hanoi and in Moscow.
  double venue_penalty = 1.0;
  double max_conflict = 0.99;     // participant conflict at which a pair is penalised (>1: off)
  double conflict_penalty = 1.5;  // subtracted from the score of such a pair (a large value acts as a veto)
};

struct ClusterSettings : virtual DateLimits {
  double threshold = 0.4;  // average-linkage score needed to merge two clusters
};

// The incremental index (index.h).
struct IndexSettings {
  // The incremental Index clusters the events around each new article again from their stored
  // pairs; it reads at most this many (past it, weaker events are left as they are and an
  // event with more is only joined): a clump of near-copies, each paired with hundreds of
  // others, would otherwise cost tens of milliseconds an addition (BM_IndexAdd).
  size_t incremental_pair_budget = 20000;
};

struct ExecutionSettings {
  int threads = 0;        // 0: OpenMP's default
  bool progress = false;  // a progress bar on standard error
  // false: once its features are computed, each article's text is cut to its first
  // kShownTextBytes (what a summary shows, write.h). Nothing after the features stage reads
  // the rest, and at 100,000 articles it is a fifth of the peak memory; `crossdup cluster`
  // writes no text, so it turns this off. Library callers keep the whole text by default.
  bool keep_text = true;
};
// The bytes of a text kept when ExecutionSettings::keep_text is off.
constexpr size_t kShownTextBytes = 160;

// Every setting of a run. The score's weights, penalty and threshold are fitted on ../shared/data/dev by
// `crossdup model fit-score` (fit.h; README, "Fitting the score") and equal the bundled
// model's crossdup-default.score (a test checks it).
struct Options : ReadSettings, FeatureSettings, ScoreSettings, ClusterSettings, IndexSettings, ExecutionSettings {};

}  // namespace crossdup

#include <vector>

namespace crossdup {

// The tunable settings by name, for the CLI (--threshold 0.5) and for `crossdup compare`
// configurations ("threshold=0.5,weight_names=0.3"): one table, so both always agree.
struct SettingInfo {
  std::string name;
  std::string help;
};
const std::vector<SettingInfo>& tunable_settings();
// Throws UsageError for an unknown name or a value that is not a number in range.
void set_option(Options& options, const std::string& name, const std::string& value);
std::string get_option(const Options& options, const std::string& name);

}  // namespace crossdup
