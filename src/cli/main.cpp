// crossdup: finds the same news event reported in different languages.
#include <csignal>
#include <iostream>

#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "commands.h"
#include "crossdup/error.h"

int main(int argc, char** argv) {
  using namespace crossdup::cli;
  // Logs go to standard error; standard output is for results.
  spdlog::set_default_logger(spdlog::stderr_color_mt("crossdup"));
  spdlog::set_pattern("[%H:%M:%S] [%^%l%$] %v");
  // Past a file-size limit, a write should fail with EFBIG and be reported like a full disk,
  // not kill the process half-way through its outputs.
  std::signal(SIGXFSZ, SIG_IGN);
  // A reader that goes away (`crossdup stream | head -1`) should end the run with a message and
  // exit code 2, its --assignments written, not kill it silently with SIGPIPE (exit 141).
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"crossdup: finds reports of the same news event across English, French and Vietnamese"};
  app.set_version_flag("--version", std::string("crossdup ") + CROSSDUP_VERSION);
  app.require_subcommand(1);
  add_cluster_command(app);
  add_eval_command(app);
  add_compare_command(app);
  add_stream_command(app);
  add_model_commands(app);
  add_options_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "crossdup: " << e.what() << '\n';
    print_usage_hint(app, e.what());
    return kExitUsage;
  } catch (const crossdup::UsageError& e) {
    std::cerr << "crossdup: " << e.what() << '\n';
    print_usage_hint(app, e.what());
    return kExitUsage;
  } catch (const crossdup::Error& e) {
    std::cerr << "crossdup: " << e.what() << '\n';
    return kExitInputOrModel;
  } catch (const std::exception& e) {
    std::cerr << "crossdup: unexpected error: " << e.what() << '\n';
    return kExitInputOrModel;
  }
  return kExitOk;
}
