// `crossdup model fit-score`: learns the pair score's weights and threshold on labelled batches,
// reports them cross-validated by event, and writes them next to the model.
#include <array>
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

// A set folder as the dev data lays it out: articles.jsonl and gold.tsv.
LabelledSet read_set(const std::string& dir, const RunSettings& run, const Options& o) {
  namespace fs = std::filesystem;
  fs::path articles = fs::path(dir) / "articles.jsonl", gold = fs::path(dir) / "gold.tsv";
  if (!fs::exists(articles) || !fs::exists(gold))
    throw InputError(dir + ": a labelled set folder holds articles.jsonl and gold.tsv");
  RunSettings one = run;
  one.inputs = {articles.string()};
  LabelledSet set;
  set.name = fs::path(dir).lexically_normal().filename().string();
  if (set.name.empty()) set.name = fs::path(dir).lexically_normal().parent_path().filename().string();
  set.articles = read_batch(one, o).articles;
  set.gold = read_gold(gold.string());
  return set;
}

// Held-out F1 per set, averaged over the folds that hold some of its events.
std::vector<std::array<double, 6>> held_out_means(const FitOutcome& r, size_t sets) {
  std::vector<std::array<double, 6>> sum(sets, std::array<double, 6>{});
  std::vector<size_t> count(sets, 0);
  for (const auto& f : r.folds)
    for (size_t i = 0; i < sets; ++i) {
      if (f.before[i].gold_articles == 0) continue;
      const EvalReport* e[] = {&f.before[i], &f.after[i]};
      for (int w = 0; w < 2; ++w) {
        sum[i][3 * w + 0] += e[w]->pairwise.f1;
        sum[i][3 * w + 1] += e[w]->cross_language.f1;
        sum[i][3 * w + 2] += e[w]->bcubed.f1;
      }
      ++count[i];
    }
  for (size_t i = 0; i < sets; ++i)
    for (auto& x : sum[i]) x /= static_cast<double>(std::max<size_t>(1, count[i]));
  return sum;
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
  for (const auto& f : outcome.folds)
    std::cout << std::setw(4) << f.fold + 1 << "  " << std::setw(6) << f.train_articles << " / " << std::setw(5)
              << f.test_articles << "     " << changed_settings(start, f.fitted) << '\n';
  std::cout << "\nF1 pairwise / cross-language / B-cubed\n"
            << "set            held-out: start  ->  fitted on other folds      all labels: start  ->  fitted\n";
  auto means = held_out_means(outcome, sets.size());
  std::vector<std::string> summary;
  for (size_t i = 0; i < sets.size(); ++i) {
    auto& m = means[i];
    const bool cross = outcome.before_all[i].cross_language.gold > 0;  // else no cross-language F1
    auto f1 = [&](double v) { return cross ? fixed3(v) : std::string("  -  "); };
    std::string held = fixed3(m[0]) + " / " + f1(m[1]) + " / " + fixed3(m[2]) + "  ->  " + fixed3(m[3]) + " / " +
                       f1(m[4]) + " / " + fixed3(m[5]);
    std::cout << std::left << std::setw(14) << sets[i].name << std::right << " " << held << "    "
              << scores(outcome.before_all[i]) << "  ->  " << scores(outcome.fitted_all[i]) << '\n';
    summary.push_back(sets[i].name + ": held-out " + held + "; all labels " + scores(outcome.before_all[i]) +
                      " -> " + scores(outcome.fitted_all[i]));
  }
  std::cout << "fitted on every label (" << fixed3(outcome.seconds) << " s): " << changed_settings(start, outcome.fitted)
            << '\n';

  std::vector<std::string> comment = {
      "Pair-score settings fitted by `crossdup model fit-score` (README, \"Fitting the score\").",
      "Objective: mean over the sets of (pairwise F1 + cross-language F1) / 2; " + std::to_string(c.fit.folds) +
          "-fold cross-validation by event.",
      "F1 pairwise / cross-language / B-cubed, start -> fitted:"};
  for (const auto& line : summary) comment.push_back("  " + line);
  std::string text = settings_file_text(outcome.fitted, comment);
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
      "fit-score", "learn the pair score's weights and threshold on labelled batches, cross-validated by event");
  auto c = std::make_shared<FitCommand>();
  cmd->add_option("sets", c->set_dirs, "labelled set folders, each with articles.jsonl and gold.tsv (as ../shared/data/dev/*)")
      ->required();
  cmd->add_option("--out", c->out_path,
                  "write the fitted settings here (next to the model: crossdup-default.score for crossdup-default.cdm); "
                  "default: print them");
  cmd->add_option("--folds", c->fit.folds, "cross-validation folds (events dealt by a hash of their label)")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  cmd->add_option("--rounds", c->fit.rounds, "passes of coordinate ascent over the fitted settings")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  std::vector<std::string> fitted;
  for (const auto& s : fitted_settings()) fitted.push_back(s.name);
  cmd->add_option("--hold", c->fit.hold,
                  "a fitted setting that keeps its starting value (the model's, or as given), e.g. threshold; repeatable")
      ->check(CLI::IsMember(fitted))
      ->allow_extra_args(false);
  add_run_options(cmd, c->run, false, false);
  cmd->callback([c] { run_fit(*c); });
}

}  // namespace crossdup::cli
