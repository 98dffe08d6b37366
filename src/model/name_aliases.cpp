// Name aliases beside a compact model (names.h): read, written and looked up.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "crossdup/error.h"
#include "crossdup/file.h"
#include "crossdup/model.h"
#include "crossdup/names.h"
#include "crossdup/text.h"

namespace crossdup {
namespace {

constexpr const char* kNamesHeader = "# crossdup name aliases 1: language<TAB>key<TAB>English key\n";

std::string joined(const std::string& lang, const std::string& key) { return lang + '\t' + key; }

}  // namespace

std::string Model::names_path(const std::string& model_path) {
  return std::filesystem::path(model_path).replace_extension(".names").string();
}

const std::string* NameAliases::english_key(const std::string& lang, const std::string& key) const {
  auto it = aliases_.find(joined(lang, key));
  return it == aliases_.end() || it->second.empty() ? nullptr : &it->second;
}

void NameAliases::add(const std::string& lang, const std::string& key, const std::string& english_key) {
  auto [it, inserted] = aliases_.emplace(joined(lang, key), english_key);
  if (!inserted && it->second != english_key) it->second.clear();
}

size_t NameAliases::size() const {
  size_t n = 0;
  for (const auto& [key, english] : aliases_) n += !english.empty();
  return n;
}

NameAliases NameAliases::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ModelError(path, "cannot open the name aliases");
  NameAliases names;
  std::string line;
  for (size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (f.size() != 3 || f[0].empty() || f[1].empty() || f[2].empty())
      throw ModelError(path, "line " + std::to_string(line_number) +
                                 ": expected language, key and English key, tab-separated and not empty");
    names.add(f[0], f[1], f[2]);
  }
  return names;
}

void NameAliases::save(const std::string& path) const {
  std::string text = kNamesHeader;
  for (const auto& [key, english] : aliases_)
    if (!english.empty()) text += key + '\t' + english + '\n';
  write_file_atomically(path, text);
}

}  // namespace crossdup
