// The concept table beside a compact model: each French or Vietnamese word's English concept,
// chosen once at training time (see build_concept_tables in train.h) so that a batch needs no
// nearest-neighbour search to compare its words across languages.
//
// Text, not binary: words rather than indices, so a table stays readable, diffable in git and
// valid for any model whose vocabularies hold its words.
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "crossdup/file.h"
#include "crossdup/model.h"
#include "crossdup/text.h"

namespace crossdup {

constexpr const char* kConceptTableHeader =
    "# crossdup concept table 1: language<TAB>word<TAB>English word<TAB>dictionary|vectors<TAB>cosine\n";

std::string Model::concepts_path(const std::string& model_path) {
  return std::filesystem::path(model_path).replace_extension(".concepts").string();
}

void Model::set_concepts(const std::string& code, std::shared_ptr<const std::vector<WordConcept>> concepts) {
  for (auto& s : spaces_)
    if (s.code == code) s.concepts = std::move(concepts);
}

void Model::load_concepts(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ModelError(path, "cannot open the concept table");
  const LanguageSpace* english = language("en");
  if (!english) throw ModelError(path, "a concept table needs a model with English");
  std::map<std::string, std::vector<WordConcept>> tables;
  std::string line;
  for (size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (line.empty() || line[0] == '#') continue;
    auto bad = [&](const std::string& what) {
      return ModelError(path, "line " + std::to_string(line_number) + ": " + what);
    };
    auto f = split_tabs(line);
    if (f.size() != 5) throw bad("expected 5 tab-separated fields, found " + std::to_string(f.size()));
    const LanguageSpace* space = language(f[0]);
    if (!space) continue;  // a language this model does not have
    if (f[3] != "dictionary" && f[3] != "vectors")
      throw bad("source must be dictionary or vectors, not '" + f[3] + "'");
    char* end = nullptr;
    float cosine = std::strtof(f[4].c_str(), &end);
    if (f[4].empty() || *end != '\0') throw bad("cosine '" + f[4] + "' is not a number");
    int64_t word = space->vectors->find(f[1]), concept = english->vectors->find(f[2]);
    if (word < 0 || concept < 0 || concept > INT32_MAX) continue;  // words this model does not know
    auto& table = tables[f[0]];
    if (table.empty()) table.resize(static_cast<size_t>(space->vectors->size()));
    table[static_cast<size_t>(word)] = {static_cast<int32_t>(concept), cosine, f[3] == "dictionary"};
  }
  for (auto& [code, table] : tables)
    set_concepts(code, std::make_shared<const std::vector<WordConcept>>(std::move(table)));
}

void Model::save_concepts(const std::string& path) const {
  const LanguageSpace* english = language("en");
  if (!english) throw ModelError(path, "a concept table needs a model with English");
  std::ostringstream out;
  out << kConceptTableHeader;
  for (const auto& space : spaces_) {
    if (!space.concepts) continue;
    const auto& table = *space.concepts;
    for (size_t w = 0; w < table.size(); ++w) {
      const WordConcept& c = table[w];
      if (c.english < 0) continue;
      char cosine[16];
      std::snprintf(cosine, sizeof cosine, "%.3f", static_cast<double>(c.cosine));
      out << space.code << '\t' << space.vectors->word(static_cast<int64_t>(w)) << '\t'
          << english->vectors->word(c.english) << '\t' << (c.from_dictionary ? "dictionary" : "vectors") << '\t'
          << cosine << '\n';
    }
  }
  write_file_atomically(path, out.str());
}

}  // namespace crossdup
