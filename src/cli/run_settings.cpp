// Shared by the commands: options, model and settings loading, reading, reports.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <sstream>

#include <spdlog/spdlog.h>

#include "crossdup/error.h"
#include "crossdup/fit.h"
#include "crossdup/language.h"
#include "crossdup/read.h"
#include "run_settings.h"

namespace crossdup::cli {

void add_run_options(CLI::App* cmd, RunSettings& s, bool inputs_required, bool with_inputs) {
  cmd->add_option("--model", s.model_path, "compact model file (.cdm) or folder; default: the bundled model");
  cmd->add_option("--vectors", s.vectors,
                  "LANG=FILE: use fastText vectors (.vec text or .bin) for a language instead of the model; repeatable")
      ->allow_extra_args(false);  // one value per --vectors: inputs may follow
  cmd->add_option("--lid-model", s.lid_path,
                  "fastText language-identification model (default: " + default_lid_model_path() + ")");
  cmd->add_option("--threads", s.threads, "worker threads (default: all cores)")->check(CLI::Range(0, 4096));
  cmd->add_flag("--quiet,-q", s.quiet, "no logs or progress, only results and errors");
  cmd->add_option("--log-level", s.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  for (const auto& setting : tunable_settings()) {
    std::string flag = "--" + setting.name;
    std::replace(flag.begin() + 2, flag.end(), '_', '-');
    cmd->add_option_function<std::string>(
           flag, [&s, name = setting.name](const std::string& v) { s.settings[name] = v; },
           setting.help + " (default " + get_option(Options{}, setting.name) + ")")
        ->type_name("NUMBER");
  }
  if (!with_inputs) return;
  auto* in =
      cmd->add_option("inputs", s.inputs,
                      "JSONL files, .txt files, folders of them (subfolders too), or - for JSONL on standard input");
  if (inputs_required) in->required();
}

void apply_logging(const RunSettings& s) {
  spdlog::set_level(s.quiet ? spdlog::level::err : spdlog::level::from_str(s.log_level));
}

Options options_for(const RunSettings& s, const Model& model) {
  Options o;
  std::string fitted = apply_model_settings(model, o);
  if (!fitted.empty()) spdlog::info("score settings fitted for this model: {}", fitted);
  for (const auto& [name, value] : s.settings) set_option(o, name, value);
  o.threads = s.threads;
  o.progress = !s.quiet && isatty(STDERR_FILENO);
  return o;
}

namespace {

std::vector<std::pair<std::string, std::string>> parse_vector_files(const std::vector<std::string>& specs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw UsageError("--vectors '" + spec + "': expected LANG=FILE, e.g. en=wiki.en.align.vec");
    out.emplace_back(spec.substr(0, eq), spec.substr(eq + 1));
  }
  return out;
}

}  // namespace

Model load_model(const std::string& model_path, const std::vector<std::string>& vectors) {
  auto t = std::chrono::steady_clock::now();
  Model m = vectors.empty() ? Model::load(model_path.empty() ? default_model_path() : model_path)
                            : Model::from_files(parse_vector_files(vectors));
  std::string langs;
  for (auto& l : m.languages()) langs += (langs.empty() ? "" : ",") + l;
  spdlog::info("model {}: languages {}, dimension {}, loaded in {:.2f}s", m.source(), langs, m.dim(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
  return m;
}

ReadResult read_batch(const RunSettings& s, const Options& o) {
  ReadResult batch = read_inputs(s.inputs, o);
  spdlog::info("read {} records: {} articles, {} rejected", batch.records_read, batch.articles.size(),
               batch.rejects.size());
  for (const auto& r : batch.rejects)
    spdlog::warn("rejected {}{}{}: {}", r.origin.input, r.origin.line ? ":" + std::to_string(r.origin.line) : "",
                 r.id.empty() ? "" : " (id " + r.id + ")", r.reason);
  return batch;
}

std::string lid_path(const RunSettings& s) { return s.lid_path.empty() ? default_lid_model_path() : s.lid_path; }

std::string fixed3(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << v;
  return s.str();
}

void print_report(std::ostream& out, const EvalReport& r) {
  out << "gold articles " << r.gold_articles << ", scored " << r.scored_articles << ", lost " << r.lost_articles
      << '\n';
  out << "language pair     pairs(gold)  precision  recall  F1\n";
  for (const auto& [pair, p] : r.by_language_pair)
    out << "  " << std::left << std::setw(16) << pair << std::right << std::setw(11) << p.gold << "  "
        << fixed3(p.precision) << "      " << fixed3(p.recall) << "   " << fixed3(p.f1) << '\n';
  out << "measure           precision  recall  F1\n";
  auto row = [&](const char* name, const PRF& p) {
    if (p.gold == 0 && p.predicted == 0 && std::string(name) != "B-cubed") {
      out << std::left << std::setw(18) << name << std::right << "  n/a        n/a     n/a   (no such pairs)\n";
      return;
    }
    out << std::left << std::setw(18) << name << std::right << fixed3(p.precision) << "      " << fixed3(p.recall)
        << "   " << fixed3(p.f1) << '\n';
  };
  row("pairwise", r.pairwise);
  row("cross-language", r.cross_language);
  row("B-cubed", r.bcubed);
}

}  // namespace crossdup::cli
