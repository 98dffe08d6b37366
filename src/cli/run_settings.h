// What every command that runs the pipeline shares: the options it parses, the model and
// settings it loads, the batch it reads and the reports it prints.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crossdup/article.h"
#include "crossdup/eval.h"
#include "crossdup/model.h"
#include "crossdup/options.h"

namespace crossdup::cli {

struct RunSettings {
  std::string model_path;
  std::vector<std::string> vectors;  // lang=path
  std::string lid_path;
  std::map<std::string, std::string> settings;  // tunables given on the command line
  int threads = 0;
  bool quiet = false;
  std::string log_level = "info";
  std::vector<std::string> inputs;
};

// `with_inputs`: the command reads articles from positional inputs (fit-score reads set folders).
void add_run_options(CLI::App* cmd, RunSettings& s, bool inputs_required, bool with_inputs = true);
void apply_logging(const RunSettings& s);
// The options of a run: the defaults, then the settings fitted for `model` (its .score file,
// fit.h), then the command line's.
Options options_for(const RunSettings& s, const Model& model);
Model load_model(const std::string& model_path, const std::vector<std::string>& vectors);
ReadResult read_batch(const RunSettings& s, const Options& o);
std::string lid_path(const RunSettings& s);
std::string fixed3(double v);
void print_report(std::ostream& out, const EvalReport& r);

}  // namespace crossdup::cli
