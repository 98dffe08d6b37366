// After a usage error: the help line of the option it is about, or the command's usage.
#include <algorithm>
#include <iostream>
#include <regex>

#include "commands.h"

namespace crossdup::cli {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The command the user was running: the deepest subcommand parsed so far.
const CLI::App* active_command(const CLI::App& app) {
  const CLI::App* current = &app;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : current->get_subcommands()) {
      current = sub, deeper = true;
      break;
    }
  }
  return current;
}

std::string help_line(const CLI::Option* option) {
  std::string names = option->get_name(false, true);
  std::string value = option->get_type_size() == 0 ? "" : " " + option->get_type_name();
  return "  " + names + value + "  " + option->get_description();
}

// Option names the message mentions: "--threshold", "inputs", or a setting as the library
// names it ("setting 'max_date_gap'" is --max-date-gap).
std::vector<std::string> mentioned_names(const std::string& message) {
  std::vector<std::string> names;
  static const std::regex flag(R"((--[a-z0-9][a-z0-9-]*))"), setting(R"(setting '([a-z_]+)')");
  for (std::sregex_iterator it(message.begin(), message.end(), flag), end; it != end; ++it) names.push_back((*it)[1]);
  std::smatch m;
  if (std::regex_search(message, m, setting)) {
    std::string name = "--" + m[1].str();
    std::replace(name.begin(), name.end(), '_', '-');
    names.push_back(name);
  }
  for (const char* positional : {"inputs", "corpora"})
    if (message.rfind(std::string(positional) + " is required", 0) == 0) names.push_back(positional);
  return names;
}

const CLI::Option* find_option(const CLI::App& command, const std::string& name) {
  for (const CLI::Option* option : command.get_options()) {
    std::string all = "," + option->get_name(true, true) + ",";
    if (all.find("," + name + ",") != std::string::npos) return option;
  }
  return nullptr;
}

// The closest option name to a misspelt one, within two edits.
const CLI::Option* closest_option(const CLI::App& command, const std::string& name) {
  const CLI::Option* best = nullptr;
  size_t best_distance = 3;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& long_name : option->get_lnames()) {
      size_t d = edit_distance(name, "--" + long_name);
      if (d < best_distance) best = option, best_distance = d;
    }
  }
  return best;
}

}  // namespace

void print_usage_hint(const CLI::App& app, const std::string& message) {
  const CLI::App* command = active_command(app);
  std::string path = command == &app ? "crossdup" : "crossdup " + command->get_name();
  if (command->get_parent() && command->get_parent() != &app)
    path = "crossdup " + command->get_parent()->get_name() + " " + command->get_name();
  for (const std::string& name : mentioned_names(message)) {
    if (const CLI::Option* option = find_option(*command, name)) {
      std::cerr << help_line(option) << '\n';
      return;
    }
    if (const CLI::Option* option = closest_option(*command, name)) {
      std::cerr << "did you mean:\n" << help_line(option) << '\n';
      return;
    }
  }
  std::cerr << "usage: " << path << (command->get_subcommands({}).empty() ? " [OPTIONS]" : " COMMAND [OPTIONS]")
            << "  (see '" << path << " --help')\n";
}

}  // namespace crossdup::cli
