// Fitting the pair score to labelled batches: the weights and threshold that `cluster` uses are
// learned on dev data, estimated by cross-validation over whole groups of events (occasions,
// topics: a dev set's groups.tsv) with each held-out part scored as the whole batch clusters it
// (`crossdup model fit-score`), written next
// to the model they belong to (a different vector space changes the scale of its cosines), and
// read back by every command that loads that model.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/eval.h"
#include "crossdup/language.h"
#include "crossdup/model.h"
#include "crossdup/options.h"

namespace crossdup {

// A setting the fit may change and the values it tries (coordinate ascent over these grids).
struct FittedSetting {
  std::string name;            // as in tunable_settings()
  std::vector<double> values;  // tried in this order
};
const std::vector<FittedSetting>& fitted_settings();

// What the fit maximises on a labelled batch: the mean of pairwise F1 (dominated by large
// events) and cross-language F1 (what the product is for).
double fit_objective(const EvalReport& report);

struct FitSettings {
  size_t folds = 5;   // groups of events are dealt into folds by a hash of the group's name
  size_t rounds = 3;  // passes of coordinate ascent over fitted_settings()
  // Settings of fitted_settings() that keep their starting value, e.g. "threshold" so that a
  // threshold known to hold in large batches stays while the weights are fitted.
  std::vector<std::string> hold;
  bool holds(const std::string& name) const;
  // Choose which settings to fit by grouped cross-validation (forward selection): starting with
  // none free, the setting whose fitting gains most on held-out occasions is freed, while the gain
  // is at least `min_gain`; the others keep their starting value. Every outer fold runs its own
  // selection on its training folds, so the grouped estimate covers the choice too (nested).
  bool select = false;
  double min_gain = 0.002;
};

// One labelled batch (a dev set): its articles and their gold events.
struct LabelledSet {
  std::string name;
  std::vector<Article> articles;
  std::unordered_map<std::string, std::string> gold;  // id -> event
  // event -> group (groups.tsv): events of one occasion share a fold, so a fold's settings are
  // judged on occasions they were not fitted to. An event without a group is its own group.
  std::unordered_map<std::string, std::string> groups;
};

// The fold of an event: a hash of its group's name, so that an occasion in two sets (mixed
// holds pages_c) is held out of both at once.
size_t fold_of_event(const LabelledSet& set, const std::string& event, size_t folds);

struct FoldOutcome {
  size_t fold = 0, train_articles = 0, test_articles = 0;
  std::vector<std::string> freed;  // with FitSettings::select: what this fold's selection freed
  Options fitted;  // fitted on the other folds' labels
  // Per set: the pairs touching a held-out article (each pair in the lower of its articles'
  // folds), the whole batch clustered (evaluate_part()), with the starting options and with the
  // options fitted on the other folds' labels.
  std::vector<EvalReport> before, after;
};

// One step of the forward selection on every fold: the grouped objective with each candidate
// setting freed beside those already chosen; `chosen` is empty when none gained enough.
struct SelectionStep {
  double objective_before = 0;                              // mean grouped objective, chosen so far
  std::vector<std::pair<std::string, double>> candidates;  // setting, mean grouped objective
  std::string chosen;
};

struct FitOutcome {
  std::vector<FoldOutcome> folds;
  std::vector<SelectionStep> selection;  // with FitSettings::select, on every fold
  std::vector<std::string> freed;        // what that selection freed: what the final fit fits
  // Per set, the folds' held-out parts pooled: the grouped cross-validated estimate of the
  // starting options and of fitting (what a batch of unseen occasions would score).
  std::vector<EvalReport> grouped_before, grouped_after;
  Options fitted;  // fitted on every label
  // Whether fitting beats the starting options under grouped cross-validation (mean objective
  // over the sets): if not, the fit only learns the occasions it saw and the start is kept.
  bool fit_generalises = false;
  Options chosen;                      // fitted when it generalises, else the start: what gets written
  std::vector<EvalReport> before_all;  // per set, every label, starting options
  std::vector<EvalReport> fitted_all;  // per set, every label, fitted options (seen in the fit)
  double seconds = 0;
};

// Fits the settings to maximise the mean over `sets` of fit_objective(), each set one batch.
// Articles without a gold event are left out. Deterministic whatever the thread count.
// `progress` (optional) hears of each fold as it starts; fold == folds: the final fit.
FitOutcome fit_score(const std::vector<LabelledSet>& sets, const Model& model, const LanguageIdentifier& identifier,
                     const Options& start, const FitSettings& settings,
                     const std::function<void(size_t)>& progress = {});

// The file next to a model that holds its fitted settings: crossdup-default.cdm ->
// crossdup-default.score. Empty for models that are not one file (fastText vectors).
std::string score_settings_path(const std::string& model_source);
// Applies `key=value` lines ('#' comments) to `options`; throws InputError naming the file and
// line of an entry that is not a known setting or not in its range.
void read_settings_file(const std::string& path, Options& options);
// The fitted settings of `options` as such a file, `comment` lines first.
std::string settings_file_text(const Options& options, const std::vector<std::string>& comment);
// Applies the model's fitted settings when its file exists; returns the path applied or "".
std::string apply_model_settings(const Model& model, Options& options);

}  // namespace crossdup
