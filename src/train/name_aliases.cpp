// Name aliases (names.h) from the corpora's name lists: three columns, en, fr, vi.
#include <algorithm>
#include <filesystem>
#include <spdlog/spdlog.h>

#include "crossdup/names.h"
#include "crossdup/text.h"
#include "crossdup/train.h"

namespace crossdup {
namespace {

// A name as an anchor sees it: its key (one word, or two Vietnamese syllables: anchors key
// "Hà Nội" as "hanoi"), and the word the model's vocabulary would hold ("hà_nội"). Empty for
// longer names, which anchors never key as one.
struct NameForm {
  std::string key, word;
};

NameForm name_form(const std::string& name, bool vietnamese) {
  auto tokens = tokenise(name);
  if (tokens.empty() || tokens.size() > (vietnamese ? 2u : 1u)) return {};
  NameForm form;
  for (const auto& t : tokens) {
    if (t.has_digit) return {};
    form.key += strip_accents(t.text);
    form.word += (form.word.empty() ? "" : "_") + t.text;
  }
  return form;
}

struct NameRow {
  NameForm en, fr, vi;
  std::string vi_name;  // as written, for language names ("Tiếng Pháp")
};

// Whether the space agrees that two words name one thing: both known, cosine at least
// `min_cosine`. The lists hold rare senses too (Vietnamese "Nam" is "south" in a Brazilian
// state's name, French "Or" a currency): a link the space does not see is left out.
constexpr double kMaxFrequencyRatio = 50;

bool space_agrees(const Model& model, const std::string& lang, const std::string& word, const std::string& english_word,
                  float min_cosine) {
  const LanguageSpace* space = model.language(lang);
  const LanguageSpace* english = model.language("en");
  if (!space || !english) return false;
  int64_t a = space->vectors->find(word), b = english->vectors->find(english_word);
  if (a < 0 || b < 0) return false;
  std::vector<float> va(static_cast<size_t>(model.dim())), vb(va.size());
  space->vectors->unit_vector(a, va.data());
  english->vectors->unit_vector(b, vb.data());
  float cosine = 0;
  for (size_t i = 0; i < va.size(); ++i) cosine += va[i] * vb[i];
  if (cosine < min_cosine) return false;
  // Names of one place are about as common in each language's news; a common word whose
  // listed "translation" is a rare name ("nam", south, for a state's "Sul") is another sense.
  if (space->documents == 0 || english->documents == 0) return true;
  double share = double(space->vectors->document_frequency(a)) / double(space->documents);
  double english_share = double(english->vectors->document_frequency(b)) / double(english->documents);
  if (share <= 0 || english_share <= 0) return true;
  return std::max(share, english_share) / std::min(share, english_share) <= kMaxFrequencyRatio;
}

std::vector<NameRow> read_rows(const std::vector<std::string>& paths) {
  std::vector<NameRow> rows;
  for (const auto& path : paths) {
    if (!std::filesystem::exists(path)) continue;
    for_each_line(path, [&](std::string& line) {
      auto cols = split_tabs(line);
      if (cols.size() < 3) return;
      rows.push_back({name_form(cols[0], false), name_form(cols[1], false), name_form(cols[2], true), cols[2]});
    });
  }
  return rows;
}

struct Link {
  std::string lang, key, english_key;
};

// English "French" is Vietnamese "Tiếng Pháp", and "Pháp" is France: language names lead to
// their country, so an English report's "French President" meets a Vietnamese "Tổng thống Pháp".
std::vector<Link> language_name_links(const std::vector<NameRow>& rows, const Model* model, float min_cosine) {
  std::map<std::string, NameForm> place_of_vietnamese;  // vi key -> English name
  for (const auto& r : rows)
    if (!r.en.key.empty() && !r.vi.key.empty()) place_of_vietnamese.emplace(r.vi.key, r.en);
  const std::string language_prefix = "tiếng ";
  std::vector<Link> links;
  for (const auto& r : rows) {
    std::string vi = fold_case(r.vi_name);
    if (r.en.key.empty() || vi.rfind(language_prefix, 0) != 0) continue;
    auto it = place_of_vietnamese.find(name_form(vi.substr(language_prefix.size()), true).key);
    if (it == place_of_vietnamese.end() || it->second.key == r.en.key) continue;
    if (model && !space_agrees(*model, "en", r.en.word, it->second.word, min_cosine)) continue;
    links.push_back({"en", r.en.key, it->second.key});
  }
  return links;
}

bool english_knows(const Model* model, const std::string& word) {
  const LanguageSpace* english = model ? model->language("en") : nullptr;
  return english && english->vectors->find(word) >= 0;
}

}  // namespace

NameAliases name_aliases_from_lists(const std::vector<std::string>& paths, const Model* model, float min_cosine) {
  const auto rows = read_rows(paths);
  std::vector<Link> links = language_name_links(rows, model, min_cosine);
  std::map<std::string, std::string> english_alias;  // "german" -> "germany"
  for (const auto& l : links) english_alias.emplace(l.key, l.english_key);
  auto link = [&](const std::string& lang, const NameForm& name, const NameForm& english) {
    if (name.key.empty() || name.key == english.key) return;
    // French writes many names as English does (Milan, Turin, Paris): where English knows the
    // French spelling, the key already meets English reports, and the list's English form
    // ("Milano") would part them.
    if (lang == "fr" && english_knows(model, name.key)) return;
    if (model && !space_agrees(*model, lang, name.word, english.word, min_cosine)) return;
    auto through = english_alias.find(english.key);  // "allemand" -> "german" -> "germany"
    links.push_back({lang, name.key, through == english_alias.end() ? english.key : through->second});
  };
  for (const auto& r : rows) {
    if (r.en.key.empty()) continue;
    link("fr", r.fr, r.en);
    link("vi", r.vi, r.en);
  }
  NameAliases names;
  for (const auto& l : links) names.add(l.lang, l.key, l.english_key);
  return names;
}

NameAliases build_name_aliases(const std::string& corpora_dir, const Model& model, float min_cosine) {
  const std::filesystem::path parallel = std::filesystem::path(corpora_dir) / "parallel";
  NameAliases names = name_aliases_from_lists(
      {(parallel / "cldr_names_en_fr_vi.tsv.xz").string(), (parallel / "isocodes_names_en_fr_vi.tsv.xz").string()},
      &model, min_cosine);
  spdlog::info("names: {} aliases from the name lists in {}", names.size(), parallel.string());
  return names;
}

}  // namespace crossdup
