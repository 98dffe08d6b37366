// What happened, per report: the action its title and first sentence name (arrives, holds talks,
// hosts a banquet, attends the opening ...), the day and part of day it states, and the edition of
// the meeting it is about ("47th ASEAN Summit"). Every report of one state visit or summit trip
// shares its principals, place and week; what tells the departure, the talks, the banquet and the
// closing ceremony apart is this. Read in English, French and Vietnamese (and German) from a
// small lexicon written for this project (src/text/action_lexicon.cpp), extensible line by line.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crossdup/text.h"

namespace crossdup {

// The phrases that name each kind of action, per language, and which kinds may describe one event
// (a welcome ceremony, the talks right after it and their press conference are one event).
// The format (one file, src/text/action_lexicon.cpp, documents it in full):
//   ACTION LANG: phrase | phrase | ...      words as tokenise() folds them ("s entretient")
//     *      any one word                   ".."  up to six words, then the rest of the phrase
//     word*  any word that starts so        "^"   the next word is capitalised (a name, a place)
//   compatible: ACTION ACTION ...           each two of them may describe one event
//   general: ACTION                         names the action only when nothing else does ("attends")
//   with: ACTION ...                        held with someone: its sentence names the counterparts
// and the words that say who the counterparts are (Happening::counterparts), per language:
//   office LANG: word | ...                 ends the name of an office ("president", Vietnamese "tịch")
//   body LANG: word | ...                   in a run of capitals, names a body ("Party", "Assemblée")
//   body-first LANG: word | ...             opening a run of capitals, names a body ("Đảng", "Quốc")
//   place LANG: word | ...                  a capitalised name after it is a place ("in", "tại")
class ActionLexicon {
 public:
  enum class NameWord : uint8_t { office, body, body_first, place };
  // Throws InputError naming the line of a malformed entry.
  static ActionLexicon parse(std::string_view text);
  // The lexicon written for this project (parsed once).
  static const ActionLexicon& built_in();

  const std::vector<std::string>& actions() const { return actions_; }
  const std::string& name(uint8_t action) const { return actions_.at(action); }
  bool compatible(uint8_t a, uint8_t b) const;
  bool general(uint8_t action) const { return general_.at(action); }
  bool with_someone(uint8_t action) const { return with_.at(action); }
  // The actions these tokens name, each once, in order of first mention (general ones last),
  // appended to `out` unless already there.
  void find(const std::vector<Token>& tokens, std::vector<uint8_t>& out) const;
  // Where the first phrase of an action held with someone ("with:") starts in `tokens`, if any.
  std::optional<size_t> first_with_someone(const std::vector<Token>& tokens) const;
  size_t phrase_count() const { return phrases_.size(); }
  // Whether `word` (folded as tokenise() folds it) is listed as that kind of word.
  bool is(NameWord kind, std::string_view word) const;

 private:
  struct Phrase {
    uint8_t action = 0;
    std::vector<std::string> words;  // special words: "*", "..", "^", and "x*" prefixes
  };
  bool matches(const std::vector<Token>& tokens, size_t at, const Phrase& phrase, size_t word) const;
  // Calls visit(phrase) for the phrases that may start at tokens[i] (by their first word) until
  // one returns true; whether one did.
  template <typename Visit>
  bool any_phrase_at(const std::vector<Token>& tokens, size_t i, Visit&& visit) const;
  uint8_t action_id(const std::string& name);

  std::vector<std::string> actions_;
  std::vector<bool> general_;
  std::vector<bool> with_;
  std::vector<std::vector<bool>> compatible_;
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;  // phrases starting with a plain word
  std::vector<size_t> other_first_;                                     // the rest (a prefix first)
  std::array<std::vector<std::string>, 4> name_words_;                  // per NameWord, sorted
};

// The countries of places, by the names of the countries, their capitals and main cities in
// English, French and Vietnamese (src/text/places.cpp holds the list and its format): where a
// report's action took place. Ids 1..255 by line; 0 is no place.
class Gazetteer {
 public:
  // Throws InputError naming the line of a malformed entry or a name given to two countries.
  static Gazetteer parse(std::string_view text);
  static const Gazetteer& built_in();
  // The country's code ("VN", "FR"); "" for 0.
  const std::string& code(uint8_t id) const { return countries_.at(id); }
  size_t size() const { return countries_.size() - 1; }
  // The place named at tokens[at] (capitalised, the whole capitalised run): its country (0: none)
  // and the token after the name.
  struct Match {
    uint8_t country = 0;
    size_t end = 0;
  };
  Match name_at(const std::vector<Token>& tokens, size_t at) const;
  // The places the tokens put something in, in order: names after "in", "à", "tại", "visit to",
  // "thăm" ... (words such as "the", "capital", "thủ đô" passed over), each country once,
  // appended to `out` unless already there.
  void venues(const std::vector<Token>& tokens, std::vector<uint8_t>& out) const;
  // The place a text opens with as its dateline ("PARIS —", "MOSCOW, Jan 14", "Hanoi (VNA)"),
  // appended to `out` unless already there.
  void dateline(std::string_view text, const std::vector<Token>& tokens, std::vector<uint8_t>& out) const;

 private:
  Match name_after(const std::vector<Token>& tokens, size_t marker) const;  // words passed over first
  uint8_t dateline_country(std::string_view text, const std::vector<Token>& tokens) const;
  std::vector<std::string> countries_;
  std::unordered_map<std::string, uint8_t> country_of_;  // a name's words, accent-stripped
};

// What one report says happened.
struct Happening {
  static constexpr size_t kMaxActions = 4;
  std::array<uint8_t, kMaxActions> actions{};  // ActionLexicon::built_in() ids, in order of mention
  uint8_t action_count = 0;                    // the first is the main action
  uint16_t edition = 0;                        // the first ordinal edition named ("47th ASEAN Summit"); 0: none
  // The countries (Gazetteer::built_in() ids) its title and opening put things in, the dateline's
  // last: one of them is where it took place ("after a trip to France, Yoon begins a state visit
  // to Vietnam" names both).
  static constexpr size_t kMaxVenues = 4;
  std::array<uint8_t, kMaxVenues> venues{};
  uint8_t venue_count = 0;
  std::optional<CalendarDays> day;             // the day (and part of day) its opening states
  // Who the report's action is with: the names of people its title or the text's sentence that
  // names the action introduces by office ("talks with French President Emmanuel Macron",
  // "entretien avec le secrétaire général du parti communiste Tô Lâm", "Thủ tướng Phạm Minh
  // Chính"). Names of two words or more, office words left out.
  struct Counterpart {
    std::string name;               // as written
    std::vector<std::string> keys;  // its words (syllables) accent-stripped, as anchors are keyed
  };
  std::vector<Counterpart> counterparts;
  bool names_action() const { return action_count > 0; }
};

// Tokens (tokenise()) that hold `words` words in language `lang`: Vietnamese is written by
// syllable, 1.38 syllables a word (3,000 lines of the training corpus's Vietnamese news, joined
// with the bundled model's vocabulary), so its window holds as many words as the others'.
size_t happening_window_tokens(std::string_view lang, size_t words);

// Reads the title and the first `words` words of the text (the text's repeat of its title
// skipped): actions and edition there, the stated day in the opening (find_stated_day).
Happening read_happening(std::string_view title, std::string_view text, size_t words);

// Both name an action, and neither's main action may describe an event the other names: the
// arrival against the talks, the banquet against the closing ceremony. Under the built-in lexicon.
bool actions_differ(const Happening& a, const Happening& b);
// Days between the days both openings state (year aside), when at least one names an action
// (reports of what officials did, whose day says which meeting it was); -1 otherwise. Reports of
// other news state days of other events too often ("trial set for June 17") to be read so.
int stated_days_apart(const Happening& a, const Happening& b);
// Both name a place, at least one an action (reports of what officials did), and no country one's
// opening names is one the other's names: the two reciprocal visits of the same leaders (talks in
// Hanoi in January, in Moscow in May). Reports of other news name other events' places too often.
bool venues_differ(const Happening& a, const Happening& b);
// Both name an edition ("42nd ASEAN Summit", "Kỳ họp thứ 6") and they differ: two meetings of a series.
bool editions_differ(const Happening& a, const Happening& b);

}  // namespace crossdup
