#pragma once
// Names of places and languages linked across languages: a French or Vietnamese anchor key that
// names a country, city or region English writes otherwise ("allemagne", "duc" -> "germany";
// "azerbaidjan" -> "azerbaijan"; "trungquoc" -> "china"), and English language names that stand
// for their country ("french" -> "france", as Vietnamese writes both "Pháp"). Anchors (features.h)
// are keyed by the English key, so reports in different languages share the name.
//
// Built at training time from the corpora's name lists (build_name_aliases, train.h) and stored
// beside the model as text (Model::names_path), like the concept table.
#include <map>
#include <string>

namespace crossdup {

class NameAliases {
 public:
  // The English key for `key` (case-folded and accent-stripped, as anchors are keyed) in
  // `lang`; null when the name has none.
  const std::string* english_key(const std::string& lang, const std::string& key) const;
  // Links `key` in `lang` to `english_key`. A key already linked to another English key is
  // ambiguous ("Georgia") and is dropped for good.
  void add(const std::string& lang, const std::string& key, const std::string& english_key);
  size_t size() const;

  // Text, one alias a line: language<TAB>key<TAB>English key, after a '#' header. Throws
  // ModelError naming the file and line of a malformed record.
  static NameAliases load(const std::string& path);
  // Sorted, through a temporary file and a rename.
  void save(const std::string& path) const;

 private:
  std::map<std::string, std::string> aliases_;  // "lang\tkey" -> English key; "" once ambiguous
};

}  // namespace crossdup
