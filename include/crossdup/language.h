// Language identification: fastText's published lid.176.ftz when it is installed (the set-up
// script fetches it from the npm registry), otherwise a fallback that asks the word-vector
// model which language's common words the text uses. An article's own `lang` always wins.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace crossdup {

class Model;

struct LanguageGuess {
  std::string code;  // ISO 639-1, or "und" when nothing fits
  double confidence = 0;
};

class LanguageIdentifier {
 public:
  // `lid_model_path` may be empty or missing: the fallback is used then.
  LanguageIdentifier(const std::string& lid_model_path, const Model* model);
  ~LanguageIdentifier();
  LanguageIdentifier(LanguageIdentifier&&) noexcept;
  LanguageGuess identify(std::string_view text) const;
  bool uses_fasttext() const;
  const std::string& description() const { return description_; }

 private:
  struct FastTextLid;
  std::unique_ptr<FastTextLid> lid_;
  const Model* model_;
  std::string description_;
};

// $CROSSDUP_LID_MODEL, else ~/.cache/crossdup/lid.176.ftz (where the set-up puts it).
std::string default_lid_model_path();

}  // namespace crossdup
