#include <filesystem>
#include <unistd.h>

#include "crossdup/model.h"

namespace crossdup {

Model load_compact_model(const std::string& path);

Model Model::load(const std::string& path) {
  std::filesystem::path p(path);
  if (std::filesystem::is_directory(p)) p /= "crossdup-default.cdm";
  Model model = load_compact_model(p.string());
  // The concept table travels beside the vectors (like the fitted .score settings).
  std::error_code ec;
  if (std::string concepts = concepts_path(p.string()); std::filesystem::exists(concepts, ec))
    model.load_concepts(concepts);
  if (std::string names = names_path(p.string()); std::filesystem::exists(names, ec))
    model.set_name_aliases(std::make_shared<const NameAliases>(NameAliases::load(names)));
  return model;
}

Model Model::from_files(const std::vector<std::pair<std::string, std::string>>& lang_paths, int64_t max_words) {
  Model model;
  for (const auto& [lang, path] : lang_paths) {
    bool bin = path.size() > 4 && path.compare(path.size() - 4, 4, ".bin") == 0;
    LanguageSpace space;
    space.code = lang;
    space.vectors = bin ? std::shared_ptr<const WordVectors>(load_fasttext_bin(path))
                        : std::shared_ptr<const WordVectors>(load_vec_file(path, max_words));
    if (model.dim_ && space.vectors->dim() != model.dim_)
      throw ModelError(path, "dimension mismatch: " + std::to_string(space.vectors->dim()) + ", other languages have " +
                                 std::to_string(model.dim_));
    model.add_language(std::move(space));
    model.source_ += (model.source_.empty() ? "" : ",") + lang + "=" + path;
  }
  return model;
}

std::shared_ptr<const VietnameseJoiner> build_joiner(const WordVectors& table) {
  auto joiner = std::make_shared<VietnameseJoiner>();
  for (int64_t i = 0; i < table.size(); ++i) joiner->add_word(table.word(i));
  return joiner->size() ? joiner : nullptr;
}

void Model::add_language(LanguageSpace space) {
  if (!space.joiner) space.joiner = build_joiner(*space.vectors);
  if (!dim_) dim_ = space.vectors->dim();
  if (space.vectors->dim() != dim_)
    throw ModelError(space.code,
                     "dimension mismatch: " + std::to_string(space.vectors->dim()) + " vs " + std::to_string(dim_));
  for (auto& s : spaces_)
    if (s.code == space.code) {
      s = std::move(space);
      return;
    }
  spaces_.push_back(std::move(space));
}

const LanguageSpace* Model::language(std::string_view code) const {
  for (const auto& s : spaces_)
    if (s.code == code) return &s;
  return nullptr;
}

std::vector<std::string> Model::languages() const {
  std::vector<std::string> codes;
  for (const auto& s : spaces_) codes.push_back(s.code);
  return codes;
}

std::string default_model_path() {
  if (const char* env = std::getenv("CROSSDUP_MODEL"); env && *env) return env;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path candidate : {exe.parent_path() / "../share/crossdup/models/crossdup-default.cdm",
                               exe.parent_path() / "../models/default/crossdup-default.cdm"}) {
      if (fs::exists(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
    }
  }
  return std::string(CROSSDUP_SOURCE_MODEL_DIR) + "/crossdup-default.cdm";
}

}  // namespace crossdup
