// `crossdup model fit-score`: learns the pair score's weights and threshold on labelled batches,
// reports them cross-validated over whole groups of events, and writes them next to the model.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include <spdlog/spdlog.h>

#include "commands.h"
#include "crossdup/error.h"
#include "crossdup/fit.h"
#include "crossdup/language.h"
#include "crossdup/write.h"
#include "run_settings.h"

namespace crossdup::cli {
namespace {

struct FitCommand {
  RunSettings run;
  std::vector<std::string> set_dirs;
  std::string out_path;
  FitSettings fit;
};

std::string scores(const EvalReport& r) {
  std::string cross = r.cross_language.gold ? fixed3(r.cross_language.f1) : "  -  ";
  return fixed3(r.pairwise.f1) + " / " + cross + " / " + fixed3(r.bcubed.f1);
}

std::string changed_settings(const Options& from, const Options& to) {
  std::string out;
  for (const auto& s : fitted_settings()) {
    std::string a = get_option(from, s.name), b = get_option(to, s.name);
    if (a != b) out += (out.empty() ? "" : ", ") + s.name + " " + a + "->" + b;
  }
  return out.empty() ? "(unchanged)" : out;
}

std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& n : list) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

// The forward selection on every fold: each step's grouped objective per candidate setting.
void print_selection(const FitOutcome& outcome) {
  std::cout << "\nsettings chosen to fit, by grouped cross-validation on every fold (mean objective)\n";
  for (size_t k = 0; k < outcome.selection.size(); ++k) {
    const SelectionStep& step = outcome.selection[k];
    std::cout << "  step " << k + 1 << ", from " << fixed3(step.objective_before) << ":";
    for (const auto& [name, objective] : step.candidates) std::cout << "  " << name << " " << fixed3(objective);
    std::cout << "\n    -> " << (step.chosen.empty() ? "none gains enough: stop" : "free " + step.chosen) << '\n';
  }
  std::cout << "freed: " << names(outcome.freed) << '\n';
}

// A set folder as the dev data lays it out: articles.jsonl, gold.tsv and groups.tsv.
LabelledSet read_set(const std::string& dir, const RunSettings& run, const Options& o) {
  namespace fs = std::filesystem;
  fs::path articles = fs::path(dir) / "articles.jsonl", gold = fs::path(dir) / "gold.tsv",
           groups = fs::path(dir) / "groups.tsv";
  if (!fs::exists(articles) || !fs::exists(gold))
    throw InputError(dir + ": a labelled set folder holds articles.jsonl and gold.tsv (and groups.tsv)");
  RunSettings one = run;
  one.inputs = {articles.string()};
  LabelledSet set;
  set.name = fs::path(dir).lexically_normal().filename().string();
  if (set.name.empty()) set.name = fs::path(dir).lexically_normal().parent_path().filename().string();
  set.articles = read_batch(one, o).articles;
  set.gold = read_gold(gold.string());
  if (fs::exists(groups)) set.groups = read_groups(groups.string());
  else
    spdlog::warn(
        "{}: no groups.tsv: each event is its own group, so folds share occasions and the estimate is "
        "optimistic",
        dir);
  return set;
}

// Per language pair of each set, the grouped estimate of what gets written.
void print_language_pairs(const std::vector<LabelledSet>& sets, const std::vector<EvalReport>& grouped) {
  constexpr size_t kMinGoldPairs = 20;  // fewer say little (mixed has 40 pairs of 1-10)
  std::cout << "\ngrouped cross-validation of what is written, per language pair with at least " << kMinGoldPairs
            << " gold pairs (pairwise P / R / F1, gold pairs)\n";
  for (size_t i = 0; i < sets.size(); ++i)
    for (const auto& [pair, p] : grouped[i].by_language_pair) {
      if (p.gold < kMinGoldPairs) continue;
      std::cout << "  " << std::left << std::setw(12) << sets[i].name << std::setw(7) << pair << std::right << " "
                << fixed3(p.precision) << " / " << fixed3(p.recall) << " / " << fixed3(p.f1) << "  " << std::setw(6)
                << p.gold << '\n';
    }
}

std::vector<std::string> comment_of(const FitCommand& c, const FitOutcome& outcome,
                                    const std::vector<std::string>& summary) {
  std::vector<std::string> comment = {
      "Pair-score settings fitted by `crossdup model fit-score` (README, \"Fitting the score\").",
      "Objective: mean over the sets of (pairwise F1 + cross-language F1) / 2.",
      "Estimate: " + std::to_string(c.fit.folds) +
          "-fold cross-validation over whole groups (groups.tsv), each held-out part scored as the whole "
          "batch clusters it.",
      c.fit.select ? "Fitted: only the settings that forward selection by grouped CV freed (" + names(outcome.freed) +
                         "); each fold chose its own, so the estimate covers the choice."
                   : "Fitted: every setting of the grid not held.",
      std::string("Written: ") + (outcome.fit_generalises
                                      ? "the fit on every label (it beats the start under grouped CV)"
                                      : "the starting settings (the fit does not beat them under grouped CV)"),
      "F1 pairwise / cross-language / B-cubed, start -> fitted:"};
  for (const auto& line : summary) comment.push_back("  " + line);
  return comment;
}

void run_fit(FitCommand& c) {
  apply_logging(c.run);
  Model model = load_model(c.run.model_path, c.run.vectors);
  // The fit starts from the code's defaults and the command line, not from the model's own
  // .score file: what it writes depends only on its inputs.
  Options start;
  for (const auto& [name, value] : c.run.settings) set_option(start, name, value);
  start.threads = c.run.threads;
  LanguageIdentifier lid(lid_path(c.run), &model);
  std::vector<LabelledSet> sets;
  for (const auto& dir : c.set_dirs) sets.push_back(read_set(dir, c.run, start));
  auto outcome = fit_score(sets, model, lid, start, c.fit, [&](size_t k) {
    if (k < c.fit.folds) spdlog::info("fold {} of {}", k + 1, c.fit.folds);
    else spdlog::info("final fit on every label");
  });

  std::cout << "fold  labels(train/test)  fitted on the other folds\n";
  for (const auto& f : outcome.folds) {
    std::cout << std::setw(4) << f.fold + 1 << "  " << std::setw(6) << f.train_articles << " / " << std::setw(5)
              << f.test_articles << "     " << changed_settings(start, f.fitted) << '\n';
    if (c.fit.select) std::cout << "                           freed by its own selection: " << names(f.freed) << '\n';
  }
  if (c.fit.select) print_selection(outcome);
  std::cout << "\nF1 pairwise / cross-language / B-cubed\n"
            << "set          grouped CV: start  ->  fitted on other folds      whole batch: start  ->  fitted\n";
  std::vector<std::string> summary;
  for (size_t i = 0; i < sets.size(); ++i) {
    std::string grouped = scores(outcome.grouped_before[i]) + "  ->  " + scores(outcome.grouped_after[i]);
    std::string whole = scores(outcome.before_all[i]) + "  ->  " + scores(outcome.fitted_all[i]);
    std::cout << std::left << std::setw(12) << sets[i].name << std::right << " " << grouped << "    " << whole << '\n';
    summary.push_back(sets[i].name + ": grouped CV " + grouped + "; whole batch " + whole);
  }
  std::cout << "fitted on every label (" << fixed3(outcome.seconds)
            << " s): " << changed_settings(start, outcome.fitted) << '\n'
            << (outcome.fit_generalises ? "the fit beats the start under grouped cross-validation: written\n"
                                        : "the fit does not beat the start under grouped cross-validation: the start "
                                          "is written\n");
  print_language_pairs(sets, outcome.fit_generalises ? outcome.grouped_after : outcome.grouped_before);

  std::string text = settings_file_text(outcome.chosen, comment_of(c, outcome, summary));
  if (c.out_path.empty()) {
    std::cout << "\n" << text;
    std::string next_to_model = score_settings_path(model.source());
    if (!next_to_model.empty()) std::cout << "(--out " << next_to_model << " makes these this model's settings)\n";
    return;
  }
  write_file_atomically(c.out_path, text);
  spdlog::info("wrote {}", c.out_path);
}

}  // namespace

void add_fit_command(CLI::App& model) {
  auto* cmd = model.add_subcommand(
      "fit-score",
      "learn the pair score's weights and threshold on labelled batches, cross-validated over whole groups of events");
  auto c = std::make_shared<FitCommand>();
  cmd->add_option("sets", c->set_dirs,
                  "labelled set folders, each with articles.jsonl, gold.tsv and groups.tsv (as ../shared/data/dev/*)")
      ->required();
  cmd->add_option(
      "--out", c->out_path,
      "write the fitted settings here (next to the model: crossdup-default.score for crossdup-default.cdm); "
      "default: print them");
  cmd->add_option("--folds", c->fit.folds,
                  "cross-validation folds (groups of events dealt by a hash of the group's name)")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  cmd->add_option("--rounds", c->fit.rounds, "passes of coordinate ascent over the fitted settings")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  std::vector<std::string> fitted;
  for (const auto& s : fitted_settings()) fitted.push_back(s.name);
  cmd->add_option(
         "--hold", c->fit.hold,
         "a fitted setting that keeps its starting value (the model's, or as given), e.g. threshold; repeatable")
      ->check(CLI::IsMember(fitted))
      ->allow_extra_args(false);
  cmd->add_flag("--select", c->fit.select,
                "fit only the settings that pay on held-out occasions: forward selection by grouped cross-validation, "
                "run again inside each fold so that the estimate covers the choice (about 10x the time)");
  cmd->add_option("--min-gain", c->fit.min_gain,
                  "with --select: the least gain in the mean grouped objective that frees one more setting")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  add_run_options(cmd, c->run, false, false);
  cmd->callback([c] { run_fit(*c); });
}

}  // namespace crossdup::cli
