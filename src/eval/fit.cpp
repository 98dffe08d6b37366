// Fitting the pair score: coordinate ascent of the clustering's own F1 over a few settings,
// cross-validated over whole groups of events, each held-out part scored on the whole batch. Pairwise classifiers
// (logistic regression on the same signals) rank pairs better but cluster worse (README, "Fitting the score"), so the
// fit optimises what users see: the clusters.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "crossdup/error.h"
#include "crossdup/fit.h"
#include "crossdup/pipeline.h"
#include "crossdup/text.h"

namespace crossdup {
namespace {

std::vector<double> steps(double from, double to, double step) {
  std::vector<double> v;
  for (double x = from; x <= to + 1e-9; x += step) v.push_back(std::round(x * 1000) / 1000);
  return v;
}

// A labelled batch, prepared once: features and candidate pairs do not depend on the fitted
// settings (weights, penalty and threshold only recombine and recluster them). Each fold sees
// the whole batch, as a nightly run would; training scores the training labels only.
struct LabelledBatch {
  const PreparedBatch& prepared;
  const std::unordered_map<std::string, std::string>& gold;  // the labels this step may see
};
using Batches = std::vector<LabelledBatch>;

EvalReport evaluate_with(const LabelledBatch& b, const Options& o) {
  return evaluate(assign_events(b.prepared, o), b.gold);
}

std::vector<EvalReport> evaluate_all(const Batches& batches, const Options& o) {
  std::vector<EvalReport> out;
  for (const auto& b : batches) out.push_back(evaluate_with(b, o));
  return out;
}

// Every batch counts the same, whatever its size: a small set of hard cases (state visits)
// weighs as much as a large one.
double objective_of(const Batches& batches, const Options& o) {
  double sum = 0;
  for (const auto& b : batches) sum += fit_objective(evaluate_with(b, o));
  return sum / static_cast<double>(batches.size());
}

// Sets one setting by name (the grids hold doubles; the table parses text).
void set_value(Options& o, const std::string& name, double value) {
  std::ostringstream text;
  text << value;
  set_option(o, name, text.str());
}

// A weight moves the score's scale, so the threshold follows it: the best of the current
// threshold and its neighbours on the threshold grid, for these weights.
double follow_threshold(const Batches& batches, Options& o, const FitSettings& settings) {
  if (settings.holds("threshold")) return objective_of(batches, o);
  const double current = o.threshold;
  Options best = o;
  double best_objective = objective_of(batches, o);
  for (double delta : {-0.05, -0.025, 0.025, 0.05}) {
    Options trial = o;
    trial.threshold = current + delta;
    double objective = objective_of(batches, trial);
    if (objective > best_objective) best = trial, best_objective = objective;
  }
  o = best;
  return best_objective;
}

// Coordinate ascent: each setting in turn takes the value of its grid that scores best with
// the others held (the threshold following each weight); a change must gain more than
// `kMinGain`, so ties keep the starting value.
std::pair<Options, double> ascend(const Batches& batches, Options best, const FitSettings& settings) {
  constexpr double kMinGain = 1e-4;
  double best_objective = objective_of(batches, best);
  for (size_t round = 0; round < settings.rounds; ++round) {
    bool changed = false;
    for (const auto& setting : fitted_settings()) {
      if (settings.holds(setting.name)) continue;
      for (double value : setting.values) {
        Options trial = best;
        set_value(trial, setting.name, value);
        double objective =
            setting.name == "threshold" ? objective_of(batches, trial) : follow_threshold(batches, trial, settings);
        if (objective > best_objective + kMinGain) {
          best = trial;
          best_objective = objective;
          changed = true;
        }
      }
    }
    spdlog::debug("fit round {}: objective {:.4f}", round + 1, best_objective);
    if (!changed) break;
  }
  return {best, best_objective};
}

// What every step of the fit shares: the batches prepared once, every label, each labelled
// article's fold.
struct FitData {
  std::vector<PreparedBatch> prepared;
  std::vector<std::unordered_map<std::string, std::string>> labels;            // per set: id -> event
  std::vector<std::unordered_map<std::string, size_t>> fold_of_article;  // per set: id -> fold
  Options start;
};

using Labels = std::vector<std::unordered_map<std::string, std::string>>;

// Per set, the labels of the articles whose fold passes `keep`.
template <typename Keep>
Labels labels_where(const FitData& d, Keep&& keep) {
  Labels out(d.labels.size());
  for (size_t i = 0; i < d.labels.size(); ++i)
    for (const auto& [id, event] : d.labels[i])
      if (keep(d.fold_of_article[i].at(id))) out[i].emplace(id, event);
  return out;
}

bool contains(const std::vector<size_t>& folds, size_t k) {
  return std::find(folds.begin(), folds.end(), k) != folds.end();
}

Batches batches_of(const std::vector<PreparedBatch>& prepared, const Labels& labels) {
  Batches out;
  for (size_t i = 0; i < prepared.size(); ++i)
    if (!labels[i].empty()) out.push_back({prepared[i], labels[i]});
  return out;
}

double mean_objective(const std::vector<EvalReport>& reports) {
  double sum = 0;
  for (const auto& r : reports) sum += fit_objective(r);
  return reports.empty() ? 0 : sum / static_cast<double>(reports.size());
}

// Per set, the held-out parts of every fold as one report.
std::vector<EvalReport> pool_folds(const std::vector<FoldOutcome>& folds, size_t sets, bool after) {
  std::vector<EvalReport> out;
  for (size_t i = 0; i < sets; ++i) {
    std::vector<EvalReport> parts;
    for (const auto& f : folds) parts.push_back(after ? f.after[i] : f.before[i]);
    out.push_back(pooled(parts));
  }
  return out;
}

// The fit's settings with every fitted setting outside `freed` held too.
FitSettings freeing_only(const FitSettings& settings, const std::vector<std::string>& freed) {
  FitSettings out = settings;
  out.select = false;
  for (const auto& s : fitted_settings())
    if (std::find(freed.begin(), freed.end(), s.name) == freed.end() && !out.holds(s.name)) out.hold.push_back(s.name);
  return out;
}

// Held settings take their starting value: a solution fitted with other settings free can then
// start an ascent that must hold them.
Options with_held_from(Options o, const FitSettings& settings, const Options& start) {
  for (const auto& s : fitted_settings())
    if (settings.holds(s.name)) set_option(o, s.name, get_option(start, s.name));
  return o;
}

struct Selection {
  std::vector<std::string> freed;
  std::vector<SelectionStep> steps;
};
Selection select_settings(const FitData& d, const std::vector<size_t>& folds, const FitSettings& settings);

// Fold k of the folds in `scope`: fitted on the labels of the others (choosing what to free on
// them first when the fit selects), scored on its own part with every pair that touches it
// counted, the whole batch clustered.
FoldOutcome fit_fold(const FitData& d, const std::vector<size_t>& scope, size_t k, const FitSettings& settings) {
  std::vector<size_t> others;
  for (size_t f : scope)
    if (f != k) others.push_back(f);
  const Labels train = labels_where(d, [&](size_t f) { return contains(others, f); });
  const Labels in_scope = labels_where(d, [&](size_t f) { return contains(scope, f); });
  FoldOutcome out;
  out.fold = k;
  std::vector<size_t> held_out(train.size(), 0);  // per set: labelled articles of fold k
  for (size_t i = 0; i < train.size(); ++i) {
    out.train_articles += train[i].size();
    for (const auto& [id, event] : in_scope[i]) held_out[i] += d.fold_of_article[i].at(id) == k;
    out.test_articles += held_out[i];
  }
  Batches train_batches = batches_of(d.prepared, train);
  if (train_batches.empty() || out.test_articles == 0) return out;
  FitSettings fold_settings = settings;
  if (settings.select) {
    out.freed = select_settings(d, others, settings).freed;
    fold_settings = freeing_only(settings, out.freed);
  }
  out.fitted = ascend(train_batches, d.start, fold_settings).first;
  for (size_t i = 0; i < d.prepared.size(); ++i) {
    auto score = [&](const Options& o) {
      return held_out[i] > 0 ? evaluate_part(assign_events(d.prepared[i], o), in_scope[i], d.fold_of_article[i], k)
                    : EvalReport{};
    };
    out.before.push_back(score(d.start));
    out.after.push_back(score(out.fitted));
  }
  return out;
}

// Grouped cross-validation over the folds in `scope`, one fold a thread (clustering itself is
// sequential; a nested call runs on its caller's thread). Results in fold order: deterministic.
std::vector<FoldOutcome> cross_validate(const FitData& d, const std::vector<size_t>& scope, const FitSettings& settings,
                                        const std::function<void(size_t)>& progress = {}) {
  std::vector<FoldOutcome> folds(scope.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t j = 0; j < scope.size(); ++j) {
    if (progress) {
#pragma omp critical(fit_progress)
      progress(scope[j]);
    }
    folds[j] = fit_fold(d, scope, scope[j], settings);
  }
  std::vector<FoldOutcome> out;
  for (auto& f : folds)
    if (!f.before.empty()) out.push_back(std::move(f));
  return out;
}

double grouped_objective(const FitData& d, const std::vector<size_t>& scope, const FitSettings& settings) {
  return mean_objective(pool_folds(cross_validate(d, scope, settings), d.prepared.size(), true));
}

// Forward selection: each step frees the setting whose fitting scores best on held-out occasions
// (grouped cross-validation over `scope`), beside those freed before, if it gains `min_gain`.
Selection select_settings(const FitData& d, const std::vector<size_t>& scope, const FitSettings& settings) {
  Selection out;
  double current = grouped_objective(d, scope, freeing_only(settings, {}));
  while (true) {
    SelectionStep step;
    step.objective_before = current;
    double best = current;
    for (const auto& s : fitted_settings()) {
      if (settings.holds(s.name) || std::find(out.freed.begin(), out.freed.end(), s.name) != out.freed.end())
        continue;
      std::vector<std::string> trial = out.freed;
      trial.push_back(s.name);
      const double objective = grouped_objective(d, scope, freeing_only(settings, trial));
      step.candidates.emplace_back(s.name, objective);
      if (objective > best) best = objective, step.chosen = s.name;
    }
    if (step.chosen.empty() || best < current + settings.min_gain) step.chosen.clear();
    out.steps.push_back(step);
    if (step.chosen.empty()) break;
    out.freed.push_back(step.chosen);
    current = best;
    spdlog::debug("fit selection: {} freed, grouped objective {:.4f}", step.chosen, current);
  }
  return out;
}

}  // namespace

size_t fold_of_event(const LabelledSet& set, const std::string& event, size_t folds) {
  auto g = set.groups.find(event);
  return static_cast<size_t>(fnv1a_64(g == set.groups.end() ? event : g->second) % folds);
}

bool FitSettings::holds(const std::string& name) const {
  return std::find(hold.begin(), hold.end(), name) != hold.end();
}

const std::vector<FittedSetting>& fitted_settings() {
  // weight_cosine stays: with the threshold free, one weight only sets the scale.
  static const std::vector<FittedSetting> settings = {
      {"threshold", steps(0.25, 0.5, 0.025)},
      {"cross_language_bonus", steps(0.2, 1.0, 0.1)},
      {"weight_names", steps(0.3, 0.9, 0.1)},
      {"weight_participants", steps(0.0, 0.4, 0.05)},
      {"weight_year", steps(0.0, 0.25, 0.05)},
      {"conflict_penalty", {0, 0.5, 1, 1.5, 2, 3, 5, 100}},
      {"action_penalty", {0, 0.25, 0.5, 0.75, 1, 1.5, 2}},
      {"next_day_penalty", {0, 0.05, 0.1, 0.2, 0.3}},
      {"days_apart_penalty", {0, 0.25, 0.5, 1, 2}},
      {"counterpart_penalty", {0, 0.25, 0.5, 0.75, 1, 1.5, 2}},
      {"venue_penalty", {0, 0.25, 0.5, 0.75, 1, 1.5, 2}},
  };
  return settings;
}

double fit_objective(const EvalReport& r) {
  // A batch without cross-language pairs (monolingual dev sets) counts its pairwise F1 alone.
  if (r.cross_language.gold == 0) return r.pairwise.f1;
  return 0.5 * (r.pairwise.f1 + r.cross_language.f1);
}

FitOutcome fit_score(const std::vector<LabelledSet>& sets, const Model& model, const LanguageIdentifier& identifier,
                     const Options& start, const FitSettings& settings, const std::function<void(size_t)>& progress) {
  if (settings.folds < 2) throw UsageError("fit: at least 2 folds are needed for cross-validation");
  if (sets.empty()) throw UsageError("fit: no labelled set given");
  auto t0 = std::chrono::steady_clock::now();
  FitData d;
  d.start = start;
  d.start.progress = false;
  Pipeline pipeline(model, identifier, d.start);
  for (const auto& set : sets) {
    ReadResult batch;
    std::unordered_map<std::string, std::string> labels;
    for (const auto& a : set.articles) {
      auto g = set.gold.find(a.id);
      if (g == set.gold.end()) continue;  // unlabelled articles are left out of the fit
      batch.articles.push_back(a);
      labels.emplace(a.id, g->second);
    }
    if (batch.articles.empty()) throw InputError("fit: no article of " + set.name + " has a gold event");
    batch.records_read = batch.articles.size();
    d.prepared.push_back(pipeline.prepare(std::move(batch)));
    std::unordered_map<std::string, size_t> folds;
    for (const auto& [id, event] : labels) folds.emplace(id, fold_of_event(set, event, settings.folds));
    d.fold_of_article.push_back(std::move(folds));
    d.labels.push_back(std::move(labels));
  }
  const Batches all = batches_of(d.prepared, d.labels);
  std::vector<size_t> every_fold(settings.folds);
  for (size_t k = 0; k < settings.folds; ++k) every_fold[k] = k;

  FitOutcome out;
  out.folds = cross_validate(d, every_fold, settings, progress);
  out.grouped_before = pool_folds(out.folds, sets.size(), false);
  out.grouped_after = pool_folds(out.folds, sets.size(), true);

  if (progress) progress(settings.folds);
  FitSettings final_settings = settings;
  if (settings.select) {
    Selection chosen = select_settings(d, every_fold, settings);
    out.selection = std::move(chosen.steps);
    out.freed = std::move(chosen.freed);
    final_settings = freeing_only(settings, out.freed);
  }
  // Coordinate ascent stops at local optima: the final fit starts from the given options and
  // from each fold's solution, and keeps the best on every label (the first of equals).
  std::vector<Options> starts = {d.start};
  for (const auto& f : out.folds) starts.push_back(with_held_from(f.fitted, final_settings, d.start));
  std::vector<std::pair<Options, double>> ends(starts.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t i = 0; i < starts.size(); ++i) ends[i] = ascend(all, starts[i], final_settings);
  double best_objective = -1;
  for (const auto& [fitted, objective] : ends)
    if (objective > best_objective + 1e-9) out.fitted = fitted, best_objective = objective;
  out.fitted.progress = start.progress;
  out.fit_generalises = mean_objective(out.grouped_after) > mean_objective(out.grouped_before) + 1e-4;
  out.chosen = out.fit_generalises ? out.fitted : start;
  out.before_all = evaluate_all(all, d.start);
  out.fitted_all = evaluate_all(all, out.fitted);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

std::string score_settings_path(const std::string& model_source) {
  std::filesystem::path p(model_source);
  if (p.extension() != ".cdm") return "";
  return p.replace_extension(".score").string();
}

void read_settings_file(const std::string& path, Options& options) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open settings file");
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    auto last = line.find_last_not_of(" \t\r");
    line = line.substr(first, last - first + 1);
    auto eq = line.find('=');
    if (eq == std::string::npos)
      throw InputError(path + ":" + std::to_string(number) + ": expected key=value, got '" + line + "'");
    try {
      set_option(options, line.substr(0, eq), line.substr(eq + 1));
    } catch (const UsageError& e) {
      throw InputError(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
}

std::string settings_file_text(const Options& options, const std::vector<std::string>& comment) {
  std::ostringstream out;
  for (const auto& line : comment) out << "# " << line << '\n';
  for (const auto& s : fitted_settings()) out << s.name << '=' << get_option(options, s.name) << '\n';
  return out.str();
}

std::string apply_model_settings(const Model& model, Options& options) {
  std::string path = score_settings_path(model.source());
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return "";
  read_settings_file(path, options);
  return path;
}

}  // namespace crossdup
