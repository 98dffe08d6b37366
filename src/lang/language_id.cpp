#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <fasttext/fasttext.h>
#include <spdlog/spdlog.h>

#include "crossdup/language.h"
#include "crossdup/model.h"
#include "crossdup/text.h"

namespace crossdup {

struct LanguageIdentifier::FastTextLid {
  fasttext::FastText model;
};

LanguageIdentifier::LanguageIdentifier(const std::string& path, const Model* model) : model_(model) {
  std::error_code ec;
  if (!path.empty() && std::filesystem::is_regular_file(path, ec)) {
    try {
      auto lid = std::make_unique<FastTextLid>();
      lid->model.loadModel(path);
      lid_ = std::move(lid);
      description_ = "fastText lid.176 (" + path + ")";
    } catch (const std::exception& e) {
      spdlog::warn("language identification model {} could not be loaded ({}); using the fallback", path, e.what());
    }
  }
  if (!lid_) description_ = "fallback: common words of the vector model's languages";
}

LanguageIdentifier::~LanguageIdentifier() = default;
LanguageIdentifier::LanguageIdentifier(LanguageIdentifier&&) noexcept = default;

bool LanguageIdentifier::uses_fasttext() const { return lid_ != nullptr; }

LanguageGuess LanguageIdentifier::identify(std::string_view text) const {
  std::string sample(text.substr(0, std::min<size_t>(text.size(), 3000)));
  if (lid_) {
    for (auto& c : sample)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    sample += '\n';
    std::istringstream in(sample);
    std::vector<std::pair<fasttext::real, std::string>> predictions;
    lid_->model.predictLine(in, predictions, 1, 0.0);
    if (predictions.empty()) return {"und", 0};
    std::string label = predictions[0].second;
    if (label.rfind("__label__", 0) == 0) label = label.substr(9);
    return {label, std::exp(predictions[0].first)};  // predictLine gives log-probabilities
  }
  if (!model_) return {"und", 0};
  // Fallback: the share of the text's words among each language's 300 most common words.
  auto tokens = tokenise(sample);
  if (tokens.empty()) return {"und", 0};
  LanguageGuess best{"und", 0};
  for (const auto& code : model_->languages()) {
    const auto* space = model_->language(code);
    const auto& table = *space->vectors;
    size_t hits = 0;
    for (const auto& t : tokens) {
      int64_t i = table.find(t.text);
      hits += i >= 0 && i < 300;
    }
    double share = static_cast<double>(hits) / static_cast<double>(tokens.size());
    if (share > best.confidence) best = {code, share};
  }
  if (best.confidence < 0.15) return {"und", best.confidence};
  return best;
}

std::string default_lid_model_path() {
  if (const char* env = std::getenv("CROSSDUP_LID_MODEL"); env && *env) return env;
  const char* cache = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path dir = cache && *cache ? std::filesystem::path(cache)
                              : home          ? std::filesystem::path(home) / ".cache"
                                              : std::filesystem::path("/tmp");
  return (dir / "crossdup" / "lid.176.ftz").string();
}

}  // namespace crossdup
