// Bilingual lexicon from the dictionaries in corpora/dicts and the name lists in
// corpora/parallel. Used only for training (code-switching); nothing of it is stored.
#include <arpa/inet.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <fstream>

#include <spdlog/spdlog.h>

#include "crossdup/train.h"

namespace crossdup {
namespace fs = std::filesystem;
namespace {

std::string trim(const std::string& s) { return std::string(trim_blanks(s)); }

// Removes "(...)" and "[...]" asides from a gloss.
std::string drop_asides(const std::string& s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    else if (depth == 0) out.push_back(c);
  }
  return trim(out);
}

std::vector<std::string> split_any(const std::string& s, const std::string& seps) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (seps.find(c) != std::string::npos) {
      parts.push_back(trim(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  parts.push_back(trim(cur));
  return parts;
}

bool latin_only(const std::string& s) {
  // Rejects the Han characters that the noisy en-vi list carries.
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE2) return false;  // code points from U+2000 up: CJK, symbols
  }
  return true;
}

// A dictionary entry as a model token: one word, or a Vietnamese word of up to 4 syllables.
std::string as_token(const std::string& lang, const std::string& phrase, BilingualLexicon& lex) {
  if (phrase.empty() || !latin_only(phrase)) return {};
  auto tokens = tokenise(phrase);
  if (tokens.empty()) return {};
  if (tokens.size() == 1) return tokens[0].text;
  if (lang != "vi" || tokens.size() > 4) return {};
  std::string joined = tokens[0].text;
  for (size_t i = 1; i < tokens.size(); ++i) joined += "_" + tokens[i].text;
  lex.vietnamese_words().add_word(joined);
  return joined;
}

void add_pair(BilingualLexicon& lex, const std::string& la, const std::string& a, const std::string& lb,
              const std::string& b) {
  std::string ta = as_token(la, a, lex), tb = as_token(lb, b, lex);
  if (ta.empty() || tb.empty()) return;
  lex.add(la, ta, lb, tb);
  lex.add(lb, tb, la, ta);
}

void load_tsv_pairs(BilingualLexicon& lex, const fs::path& path, const std::string& la, const std::string& lb) {
  if (!fs::exists(path)) return;
  for_each_line(path.string(), [&](std::string& line) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) return;
    add_pair(lex, la, line.substr(0, tab), lb, line.substr(tab + 1));
  });
}

// Buchmeier's Wiktionary extracts: "headword {pos} (gloss) :: t1, t2".
void load_wiktionary_text(BilingualLexicon& lex, const fs::path& path, const std::string& la, const std::string& lb) {
  if (!fs::exists(path)) return;
  for_each_line(path.string(), [&](std::string& line) {
    if (line.empty() || line[0] == '#') return;
    auto sep = line.find(" :: ");
    if (sep == std::string::npos) return;
    std::string head = line.substr(0, sep);
    auto brace = head.find(" {");
    if (brace != std::string::npos) head = head.substr(0, brace);
    for (auto& t : split_any(drop_asides(line.substr(sep + 4)), ",;")) add_pair(lex, la, head, lb, t);
  });
}

// Three-column name lists (en, fr, vi): names of countries, cities, languages.
void load_name_list(BilingualLexicon& lex, const fs::path& path) {
  if (!fs::exists(path)) return;
  for_each_line(path.string(), [&](std::string& line) {
    auto cols = split_any(line, "\t");
    if (cols.size() < 3) return;
    const char* langs[] = {"en", "fr", "vi"};
    for (int a = 0; a < 3; ++a)
      for (int b = a + 1; b < 3; ++b) add_pair(lex, langs[a], cols[a], langs[b], cols[b]);
  });
}

std::string read_maybe_gzip(const fs::path& path) {
  gzFile f = gzopen(path.string().c_str(), "rb");  // also reads uncompressed files
  if (!f) return {};
  std::string data;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return data;
}

// StarDict: .idx holds (word NUL, u32 offset, u32 size) big-endian; the definition's
// "- gloss; gloss" lines carry translations.
void load_stardict(BilingualLexicon& lex, const fs::path& idx_path, const fs::path& dict_path, const std::string& la,
                   const std::string& lb) {
  if (!fs::exists(idx_path) || !fs::exists(dict_path)) return;
  std::ifstream in(idx_path, std::ios::binary);
  std::string idx((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string dict = read_maybe_gzip(dict_path);
  size_t p = 0;
  while (p < idx.size()) {
    size_t nul = idx.find('\0', p);
    if (nul == std::string::npos || nul + 9 > idx.size()) break;
    std::string head = idx.substr(p, nul - p);
    uint32_t off, size;
    std::memcpy(&off, idx.data() + nul + 1, 4);
    std::memcpy(&size, idx.data() + nul + 5, 4);
    off = ntohl(off);
    size = ntohl(size);
    p = nul + 9;
    if (static_cast<size_t>(off) + size > dict.size()) continue;
    std::string def = dict.substr(off, size);
    int gloss_lines = 0;
    for (auto& l : split_any(def, "\n")) {
      if (l.size() < 2 || l[0] != '-' || ++gloss_lines > 2) continue;
      auto items = split_any(drop_asides(l.substr(1)), ",;");
      for (size_t i = 0; i < items.size() && i < 3; ++i) add_pair(lex, la, head, lb, items[i]);
    }
  }
}

}  // namespace

void BilingualLexicon::add(const std::string& la, const std::string& a, const std::string& lb, const std::string& b) {
  if (a == b && la != "vi" && lb != "vi") {
    // Identical spellings (names, numbers) already share a vector; nothing to switch.
  }
  auto& list = by_direction_[la + ">" + lb][a];
  for (auto& existing : list)
    if (existing == b) return;
  if (list.size() < 8) list.push_back(b);
}

const std::vector<std::string>& BilingualLexicon::translations(const std::string& la, const std::string& word,
                                                               const std::string& lb) const {
  static const std::vector<std::string> none;
  auto dir = by_direction_.find(la + ">" + lb);
  if (dir == by_direction_.end()) return none;
  auto it = dir->second.find(word);
  return it == dir->second.end() ? none : it->second;
}

size_t BilingualLexicon::pair_count() const {
  size_t n = 0;
  for (auto& [dir, m] : by_direction_)
    for (auto& [w, list] : m) n += list.size();
  return n;
}

std::vector<TranslationPair> BilingualLexicon::hold_out(double fraction) {
  auto held = [fraction](const std::string& lang, const std::string& word) {
    return static_cast<double>(fnv1a_64(lang + ":" + word) % 10000) < fraction * 10000;
  };
  std::vector<TranslationPair> out;
  for (auto& [direction, entries] : by_direction_) {
    const std::string from_lang = direction.substr(0, direction.find('>'));
    const std::string to_lang = direction.substr(direction.find('>') + 1);
    for (auto it = entries.begin(); it != entries.end();) {
      if (!held(from_lang, it->first)) {
        ++it;
        continue;
      }
      for (const auto& to : it->second) out.push_back({from_lang, it->first, to_lang, to});
      it = entries.erase(it);
    }
  }
  // The reverse direction must not teach the same pair either.
  for (const auto& p : out) {
    auto dir = by_direction_.find(p.to_lang + ">" + p.from_lang);
    if (dir == by_direction_.end()) continue;
    auto entry = dir->second.find(p.to);
    if (entry == dir->second.end()) continue;
    auto& list = entry->second;
    list.erase(std::remove(list.begin(), list.end(), p.from), list.end());
    if (list.empty()) dir->second.erase(entry);
  }
  // Deterministic order for the file (the maps are unordered).
  std::sort(out.begin(), out.end(), [](const TranslationPair& a, const TranslationPair& b) {
    return std::tie(a.from_lang, a.to_lang, a.from, a.to) < std::tie(b.from_lang, b.to_lang, b.from, b.to);
  });
  return out;
}

BilingualLexicon load_lexicon(const std::string& corpora_dir) {
  BilingualLexicon lex;
  fs::path root(corpora_dir);
  fs::path dicts = root / "dicts", par = root / "parallel";
  load_tsv_pairs(lex, dicts / "wechsel/en-fr.txt", "en", "fr");
  load_tsv_pairs(lex, dicts / "wechsel/en-vi.txt", "en", "vi");
  load_wiktionary_text(lex, dicts / "wiktionary/odd-en-vi-enwiktionary.txt", "en", "vi");
  load_wiktionary_text(lex, dicts / "wiktionary/odd-fr-en-enwiktionary.txt.xz", "fr", "en");
  load_stardict(lex, dicts / "stardict-vi/star_vietanh.idx", dicts / "stardict-vi/star_vietanh.dict.dz", "vi", "en");
  load_stardict(lex, dicts / "stardict-vi/star_phapviet.idx", dicts / "stardict-vi/star_phapviet.dz", "fr", "vi");
  load_stardict(lex, dicts / "stardict-vi/star_vietphap.idx", dicts / "stardict-vi/star_vietphap.dict", "vi", "fr");
  load_name_list(lex, par / "cldr_names_en_fr_vi.tsv.xz");
  load_name_list(lex, par / "isocodes_names_en_fr_vi.tsv.xz");
  spdlog::info("lexicon: {} translation pairs, {} Vietnamese multi-syllable words", lex.pair_count(),
               lex.vietnamese_words().size());
  return lex;
}

}  // namespace crossdup
