// What happened, per report: actions from the lexicon, the stated day, the edition.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "crossdup/error.h"
#include "crossdup/happening.h"
#include "word_list.h"

namespace crossdup {

extern const char* const kActionLexicon;  // src/text/action_lexicon.cpp

namespace {

constexpr size_t kMaxSkipped = 6;  // what ".." may pass over

std::string trim(std::string_view s) { return std::string(trim_blanks(s)); }

std::vector<std::string> words_of(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool is_special(const std::string& w) { return w == "*" || w == ".." || w == "^"; }


// Nouns of meetings held in a numbered series: "47th ASEAN Summit", "6th Session", "31st SEA Games".
bool names_meeting(const std::string& w) {
  static const char* const nouns[] = {
      "summit",  "summits", "session", "sessions", "games",   "meeting", "meetings", "congress",   "conference",
      "forum",   "plenum",  "edition", "sommet",   "sommets", "réunion", "congrès",  "conférence", "jeux",
      "édition", "hội",     "kỳ",      "đại",      "phiên",   "gipfel",  "sitzung"};
  return one_of(nouns, w);
}

// What a team wins at a meeting: "its 17th SEA Games gold" counts wins, it names no edition.
bool names_prize(const std::string& w) {
  static const char* const prizes[] = {"gold",   "golds", "medal",   "medals", "title",
                                       "titles", "crown", "victory", "win"};
  return one_of(prizes, w);
}

// "47th", "42nd", "28e", "8ème", "47ᵉ", "1er": its number, else 0.
int ordinal_number(const std::string& w) {
  size_t digits = 0;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  if (digits == 0 || digits > 3 || digits == w.size()) return 0;
  static const char* const suffixes[] = {"st", "nd", "rd", "th", "e", "ème", "eme", "er", "re", "ᵉ"};
  const std::string suffix = w.substr(digits);
  if (!one_of(suffixes, suffix)) return 0;
  return std::stoi(w.substr(0, digits));
}

bool all_digits(const std::string& w) {
  return !w.empty() && w.size() <= 3 &&
         std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The first edition the tokens name: an ordinal before a meeting noun, or Vietnamese "lần thứ
// 47", "kỳ họp thứ 6".
uint16_t first_edition(const std::vector<Token>& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (int n = ordinal_number(t[i].text)) {
      for (size_t k = i + 1; k < std::min(t.size(), i + 4); ++k)
        if (names_meeting(t[k].text)) {
          if (k + 1 < t.size() && names_prize(t[k + 1].text)) break;  // "17th SEA Games gold": a count of wins
          return static_cast<uint16_t>(n);
        }
      continue;
    }
    if (t[i].text == "thứ" && i > 0 && i + 1 < t.size() && all_digits(t[i + 1].text) &&
        (t[i - 1].text == "lần" || t[i - 1].text == "họp" || t[i - 1].text == "kỳ"))
      return static_cast<uint16_t>(std::stoi(t[i + 1].text));
  }
  return 0;
}

// The kind of name word a line head announces ("office", "body", "body-first", "place").
std::optional<ActionLexicon::NameWord> name_word_kind(const std::string& head) {
  if (head == "office") return ActionLexicon::NameWord::office;
  if (head == "body") return ActionLexicon::NameWord::body;
  if (head == "body-first") return ActionLexicon::NameWord::body_first;
  if (head == "place") return ActionLexicon::NameWord::place;
  return std::nullopt;
}

}  // namespace

uint8_t ActionLexicon::action_id(const std::string& name) {
  auto it = std::find(actions_.begin(), actions_.end(), name);
  if (it != actions_.end()) return static_cast<uint8_t>(it - actions_.begin());
  if (actions_.size() >= 255) throw InputError("action lexicon: more than 255 actions");
  actions_.push_back(name);
  general_.push_back(false);
  with_.push_back(false);
  for (auto& row : compatible_) row.push_back(false);
  compatible_.emplace_back(actions_.size(), false);
  compatible_.back().back() = true;  // an action always describes what it describes
  return static_cast<uint8_t>(actions_.size() - 1);
}

ActionLexicon ActionLexicon::parse(std::string_view text) {
  ActionLexicon lex;
  std::istringstream in{std::string(text)};
  std::string line;
  size_t number = 0;
  auto fail = [&number](const std::string& what) {
    throw InputError("action lexicon line " + std::to_string(number) + ": " + what);
  };
  std::vector<size_t> named_on;  // per action, the line that first names it
  auto id_of = [&](const std::string& name) {
    const uint8_t id = lex.action_id(name);
    if (id >= named_on.size()) named_on.push_back(number);
    return id;
  };
  while (std::getline(in, line)) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    auto colon = line.find(':');
    if (colon == std::string::npos)
      fail("expected 'ACTION LANG: phrase | ...', 'compatible: ...', 'general: ...' or 'with: ...'");
    const auto head = words_of(line.substr(0, colon));
    const std::string body = line.substr(colon + 1);
    if (head.size() == 1 && (head[0] == "compatible" || head[0] == "general" || head[0] == "with")) {
      const auto names = words_of(body);
      if (names.empty()) fail(head[0] + " names no action");
      std::vector<uint8_t> ids;
      for (const auto& n : names) ids.push_back(id_of(n));
      if (head[0] == "general")
        for (uint8_t id : ids) lex.general_[id] = true;
      else if (head[0] == "with")
        for (uint8_t id : ids) lex.with_[id] = true;
      else
        for (uint8_t a : ids)
          for (uint8_t b : ids) lex.compatible_[a][b] = true;
      continue;
    }
    if (head.size() != 2) fail("expected an action and a language before ':'");
    if (auto kind = name_word_kind(head[0])) {
      auto& list = lex.name_words_[static_cast<size_t>(*kind)];
      std::istringstream words(body);
      for (std::string w; std::getline(words, w, '|');) {
        w = trim(w);
        if (w.empty() || w.find(' ') != std::string::npos)
          fail("'" + head[0] + "' lists single words, got '" + w + "'");
        list.push_back(fold_case(w));
      }
      continue;
    }
    const uint8_t action = id_of(head[0]);
    if (trim(body).empty()) fail("no phrase after '" + head[0] + " " + head[1] + ":'");
    std::istringstream phrases(body);
    for (std::string phrase; std::getline(phrases, phrase, '|');) {
      Phrase p{action, {}};
      for (auto& w : words_of(phrase)) p.words.push_back(is_special(w) ? w : fold_case(w));
      if (p.words.empty()) fail("an empty phrase");
      if (p.words.front() == ".." || p.words.back() == "..") fail("'..' must stand between words");
      lex.phrases_.push_back(std::move(p));
    }
  }
  for (auto& list : lex.name_words_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  // An action no phrase names is a misspelt name in a compatible: or general: line.
  std::vector<bool> has_phrase(lex.actions_.size(), false);
  for (const auto& p : lex.phrases_) has_phrase[p.action] = true;
  for (size_t a = 0; a < has_phrase.size(); ++a)
    if (!has_phrase[a]) {
      number = named_on[a];
      fail("action '" + lex.actions_[a] + "' has no phrase in any language");
    }
  for (size_t k = 0; k < lex.phrases_.size(); ++k) {
    const std::string& first = lex.phrases_[k].words.front();
    const bool plain = !is_special(first) && first.back() != '*';
    if (plain) lex.by_first_word_[first].push_back(k);
    else lex.other_first_.push_back(k);
  }
  return lex;
}

const ActionLexicon& ActionLexicon::built_in() {
  static const ActionLexicon lexicon = parse(kActionLexicon);
  return lexicon;
}

bool ActionLexicon::compatible(uint8_t a, uint8_t b) const { return compatible_.at(a).at(b); }

bool ActionLexicon::matches(const std::vector<Token>& t, size_t at, const Phrase& p, size_t word) const {
  if (word == p.words.size()) return true;
  const std::string& w = p.words[word];
  if (w == "..") {
    for (size_t skip = 0; skip <= kMaxSkipped && at + skip <= t.size(); ++skip)
      if (matches(t, at + skip, p, word + 1)) return true;
    return false;
  }
  if (at >= t.size()) return false;
  if (w == "*") return matches(t, at + 1, p, word + 1);
  if (w == "^") return t[at].capitalised && matches(t, at + 1, p, word + 1);
  const std::string& token = t[at].text;
  const bool prefix = w.size() > 1 && w.back() == '*';
  const bool same = prefix ? token.compare(0, w.size() - 1, w, 0, w.size() - 1) == 0 : token == w;
  return same && matches(t, at + 1, p, word + 1);
}

template <typename Visit>
bool ActionLexicon::any_phrase_at(const std::vector<Token>& tokens, size_t i, Visit&& visit) const {
  if (auto it = by_first_word_.find(tokens[i].text); it != by_first_word_.end())
    for (size_t k : it->second)
      if (visit(phrases_[k])) return true;
  for (size_t k : other_first_)
    if (visit(phrases_[k])) return true;
  return false;
}

void ActionLexicon::find(const std::vector<Token>& tokens, std::vector<uint8_t>& out) const {
  for (size_t i = 0; i < tokens.size(); ++i)
    any_phrase_at(tokens, i, [&](const Phrase& p) {
      if (matches(tokens, i, p, 0) && std::find(out.begin(), out.end(), p.action) == out.end()) out.push_back(p.action);
      return false;  // every phrase that starts here
    });
}

std::optional<size_t> ActionLexicon::first_with_someone(const std::vector<Token>& tokens) const {
  for (size_t i = 0; i < tokens.size(); ++i)
    if (any_phrase_at(tokens, i, [&](const Phrase& p) { return with_[p.action] && matches(tokens, i, p, 0); }))
      return i;
  return std::nullopt;
}

namespace {

// The tokens of the sentence holding token `at`: [begin, end).
std::pair<size_t, size_t> sentence_around(const std::vector<Token>& tokens, size_t at) {
  size_t begin = at, end = at + 1;
  while (begin > 0 && !tokens[begin].sentence_start) --begin;
  while (end < tokens.size() && !tokens[end].sentence_start) ++end;
  return {begin, end};
}

bool name_word(const Token& t) { return t.capitalised && !t.sentence_start && !t.has_digit; }

// Names an office introduces in tokens[begin, end) of `source`: the first name of two words or more
// after an office word (at most kOfficeReach words after it: "le secrétaire général du parti
// communiste Tô Lâm"), or the words after an office word inside a run ("French President Emmanuel
// Macron"). A place further on ("... Chinh arrived in Labuan Bajo") is not his.
void find_counterparts(const ActionLexicon& lexicon, std::string_view source, const std::vector<Token>& t, size_t begin,
                       size_t end, std::vector<Happening::Counterpart>& out) {
  using Word = ActionLexicon::NameWord;
  auto is_office_word = [&lexicon](const Token& w) { return lexicon.is(Word::office, w.text); };
  constexpr size_t kOfficeReach = 6;
  size_t office_at = SIZE_MAX;  // the last office word not yet bound to a name
  for (size_t i = begin; i < end;) {
    if (!name_word(t[i])) {
      if (is_office_word(t[i])) office_at = i;
      else if (lexicon.is(Word::place, t[i].text)) office_at = SIZE_MAX;  // "President ... in Ha Noi"
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < end && name_word(t[j]) && written_together(t[j - 1], t[j])) ++j;
    size_t first = office_at != SIZE_MAX && i - office_at <= kOfficeReach ? i : j;
    for (size_t k = i; k < j; ++k)  // "the French President, Emmanuel Macron": the office waits
      if (is_office_word(t[k])) first = k + 1, office_at = k;
    const bool organisation =
        j > first && (lexicon.is(Word::body_first, t[first].text) ||
                      std::any_of(t.begin() + static_cast<long>(first), t.begin() + static_cast<long>(j),
                                  [&lexicon](const Token& w) { return lexicon.is(Word::body, w.text); }));
    // A body or a single word ("Chủ tịch Quốc hội Lào ...", "Minister of Education ...") leaves
    // the office to the name after it.
    if (j > first && j - first >= 2 && !organisation) {
      office_at = SIZE_MAX;
      Happening::Counterpart c;
      const size_t name_end = t[j - 1].offset + t[j - 1].text.size();
      c.name = std::string(source.substr(t[first].offset, name_end - t[first].offset));
      for (size_t k = first; k < j; ++k) c.keys.push_back(strip_accents(t[k].text));
      const bool known = std::any_of(out.begin(), out.end(), [&c](const auto& o) { return o.keys == c.keys; });
      if (!known) out.push_back(std::move(c));
    }
    i = j;
  }
}

}  // namespace

bool ActionLexicon::is(NameWord kind, std::string_view word) const {
  const auto& words = name_words_[static_cast<size_t>(kind)];
  return std::binary_search(words.begin(), words.end(), word);
}

// The window ends with the sentence its `words`-th word is in (a long first sentence often
// names its action last: "..., the President affirmed during his talks with ..."), within a
// hard cap so that a page without full stops stays bounded.
size_t window_end(const std::vector<Token>& tokens, size_t words) {
  const size_t cap = std::min(tokens.size(), 2 * words);
  size_t end = std::min(tokens.size(), words);
  while (end < cap && !tokens[end].sentence_start) ++end;
  return end;
}

size_t happening_window_tokens(std::string_view lang, size_t words) {
  constexpr double kVietnameseSyllablesPerWord = 1.38;
  if (lang != "vi") return words;
  return static_cast<size_t>(std::lround(static_cast<double>(words) * kVietnameseSyllablesPerWord));
}

Happening read_happening(std::string_view title, std::string_view text, size_t words) {
  Happening h;
  if (words > 0) {
    const auto title_tokens = tokenise(title);
    // Enough of the text for `words` words; pages often repeat their title as the text's start.
    auto text_tokens = tokenise(utf8_prefix(text, 16 * (2 * words + title_tokens.size()) + 64));
    size_t start = 0;
    if (!title_tokens.empty() && text_tokens.size() >= title_tokens.size() &&
        std::equal(title_tokens.begin(), title_tokens.end(), text_tokens.begin(),
                   [](const Token& a, const Token& b) { return a.text == b.text; }))
      start = title_tokens.size();
    text_tokens.erase(text_tokens.begin(), text_tokens.begin() + static_cast<long>(start));
    text_tokens.resize(window_end(text_tokens, words));

    const ActionLexicon& lexicon = ActionLexicon::built_in();
    std::vector<uint8_t> found;
    lexicon.find(title_tokens, found);  // a title names the main action first
    lexicon.find(text_tokens, found);
    std::stable_partition(found.begin(), found.end(), [&](uint8_t a) { return !lexicon.general(a); });
    h.action_count = static_cast<uint8_t>(std::min(found.size(), Happening::kMaxActions));
    std::copy_n(found.begin(), h.action_count, h.actions.begin());
    // Who the action is with: in a title that names it (unless in Title Case, where every word
    // is capitalised), and in the text's sentence that names it.
    if (lexicon.first_with_someone(title_tokens) && !is_title_case(title_tokens))
      find_counterparts(lexicon, title, title_tokens, 0, title_tokens.size(), h.counterparts);
    if (auto at = lexicon.first_with_someone(text_tokens)) {
      auto [begin, end] = sentence_around(text_tokens, *at);
      find_counterparts(lexicon, text, text_tokens, begin, end, h.counterparts);
    }
    // Where: every country the title and the opening put something in, then the dateline's.
    const Gazetteer& places = Gazetteer::built_in();
    std::vector<uint8_t> venues;
    places.venues(title_tokens, venues);
    places.venues(text_tokens, venues);
    places.dateline(text, text_tokens, venues);
    h.venue_count = static_cast<uint8_t>(std::min(venues.size(), Happening::kMaxVenues));
    std::copy_n(venues.begin(), h.venue_count, h.venues.begin());
    h.edition = first_edition(title_tokens);
    if (!h.edition) h.edition = first_edition(text_tokens);
  }
  h.day = find_stated_day(title, text);
  return h;
}

bool actions_differ(const Happening& a, const Happening& b) {
  if (!a.names_action() || !b.names_action()) return false;
  const ActionLexicon& lexicon = ActionLexicon::built_in();
  auto main_fits_other = [&lexicon](const Happening& x, const Happening& y) {
    for (size_t k = 0; k < y.action_count; ++k)
      if (lexicon.compatible(x.actions[0], y.actions[k])) return true;
    return false;
  };
  return !main_fits_other(a, b) && !main_fits_other(b, a);
}

int stated_days_apart(const Happening& a, const Happening& b) {
  if (!a.day || !b.day || (!a.names_action() && !b.names_action())) return -1;
  return calendar_gap(*a.day, *b.day);
}

bool editions_differ(const Happening& a, const Happening& b) {
  return a.edition && b.edition && a.edition != b.edition;
}

}  // namespace crossdup
