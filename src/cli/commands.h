// The command-line tool: a thin layer that parses options and calls the library.
#pragma once

#include <CLI/CLI.hpp>

namespace crossdup::cli {

// Exit codes, documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInputOrModel = 2;

void add_cluster_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_model_commands(CLI::App& app);
// `options`: the settings table as Markdown (docs/options.md).
void add_options_command(CLI::App& app);
// `stream`: the incremental index on standard input and output (stream_command.cpp).
void add_stream_command(CLI::App& app);
// `model fit-score`, a subcommand of `model` (fit_command.cpp).
void add_fit_command(CLI::App& model);

// After a usage error: the help line of the option `message` is about (or the closest name to
// a misspelt one), else the usage of the command being run. On standard error.
void print_usage_hint(const CLI::App& app, const std::string& message);

// A progress line on standard error for long runs (only when it is a terminal).
class Progress {
 public:
  explicit Progress(bool enabled);
  void operator()(const std::string& stage, size_t done, size_t total);
  void finish();

 private:
  bool enabled_;
};

}  // namespace crossdup::cli
