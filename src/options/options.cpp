#include <algorithm>
#include <cmath>
#include <iterator>
#include <functional>
#include <type_traits>
#include <iomanip>
#include <sstream>

#include "crossdup/error.h"
#include "crossdup/options.h"

namespace crossdup {
namespace {

struct Setting {
  SettingInfo info;
  std::function<void(Options&, double)> set;
  std::function<double(const Options&)> get;
  double min, max;
  bool whole;  // an integer setting: 2.5 days is refused, not cut to 2
};

// `field` is a member of one of the stages' settings (options.h), all of which Options holds.
template <typename Stage, typename T>
Setting make(const char* name, const char* help, T Stage::*field, double min, double max) {
  static_assert(std::is_base_of_v<Stage, Options>, "a setting belongs to a stage's settings");
  return {{name, help},
          [field](Options& o, double v) { o.*field = static_cast<T>(v); },
          [field](const Options& o) { return static_cast<double>(o.*field); },
          min,
          max,
          std::is_integral_v<T>};
}

const std::vector<Setting>& table() {
  static const std::vector<Setting> settings = {
      make("threshold", "average-linkage score needed to merge two clusters", &Options::threshold, -1, 2),
      make("max_date_gap", "days apart beyond which reports are never one event", &Options::max_date_gap_days, 0,
           100000),
      make("max_stated_date_gap",
           "days apart (year aside) beyond which reports are never one event when either's day is stated in its text, "
           "not a date field; 183 or more: off",
           &Options::max_stated_date_gap_days, 0, 366),
      make("max_conflict",
           "participant conflict (0..1) at which a pair's score drops by conflict_penalty; above 1 disables",
           &Options::max_conflict, 0, 2),
      make("conflict_penalty",
           "subtracted from the score of a pair whose participants conflict (a large value acts as a veto)",
           &Options::conflict_penalty, 0, 1000),
      make("weight_cosine", "weight of the document-vector cosine in the pair score", &Options::weight_cosine, 0, 10),
      make("weight_names", "weight of shared names and figures in the pair score", &Options::weight_names, 0, 10),
      make("weight_participants", "weight of the shared title-and-lead names (who meets whom)",
           &Options::weight_participants, 0, 10),
      make("weight_conflict", "penalty when each lead names someone rare the other never mentions",
           &Options::weight_conflict, 0, 10),
      make("weight_year", "added when both reports are mostly about the same year, subtracted when the years differ",
           &Options::weight_year, 0, 10),
      make("cross_language_bonus", "added to the cosine of pairs in different languages",
           &Options::cross_language_bonus, -1, 1),
      make("candidate_floor", "cosine under which pairs are not considered", &Options::candidate_floor, -1, 1),
      make("max_neighbours", "candidate pairs kept per article", &Options::max_neighbours, 1, 100000),
      make("neighbours_per_language", "besides those, vector candidates kept per article in each other language",
           &Options::neighbours_per_language, 0, 100000),
      make("approximate_above",
           "when articles are compared with more than this many others on average (dated ones only with "
           "those within max_date_gap_days of them, so a dated batch whose days are spread stays exact at any "
           "size), vector candidates come from an approximate nearest-neighbour graph (HNSW); 0: always",
           &Options::approximate_above, 0, 1e12),
      make("incremental_pair_budget",
           "stored pairs the incremental index (stream, eval --incremental) reads to cluster the events around a new "
           "article again; past it weaker events stay as they are",
           &Options::incremental_pair_budget, 0, 1e12),
      make("title_weight", "weight of a title word", &Options::title_weight, 0, 100),
      make("lead_weight", "weight of a word in the lead", &Options::lead_weight, 0, 100),
      make("lead_tokens", "how many words make the lead", &Options::lead_tokens, 0, 100000),
      make(
          "word_sif",
          "smooth inverse frequency a: a word weighs a / (a + its training-document share) in the vector; 0: all alike",
          &Options::word_sif, 0, 1000),
      make("centering_prior", "weight, in articles, of the model's mean vector when centring a language",
           &Options::centering_prior, 0, 1e9),
      make("conflict_tokens", "words after the title whose names of several words can make participants conflict",
           &Options::conflict_tokens, 0, 100000),
      make("result_tokens",
           "words after the title whose stated results (2-1) count: two reports stating only different results are "
           "penalised as different participants are; 0: off",
           &Options::result_tokens, 0, 100000),
      make("happening_tokens",
           "words after the title, to the end of the sentence the last is in, read for what happened: the action "
           "named (arrives, holds talks, chiêu đãi) and the meeting's edition (47th Summit); 0: off",
           &Options::happening_tokens, 0, 100000),
      make("action_penalty",
           "subtracted from the score of two reports whose openings name different actions (the arrival and the talks "
           "of one visit)",
           &Options::action_penalty, 0, 1000),
      make("next_day_penalty",
           "subtracted when either report names an action and the days their openings state are one day apart",
           &Options::next_day_penalty, 0, 1000),
      make("days_apart_penalty", "the same for days two or more days apart", &Options::days_apart_penalty, 0, 1000),
      make("counterpart_penalty",
           "subtracted when one report's action is with someone the other never mentions (the talks with the "
           "President and the meeting with the Party leader of one visit)",
           &Options::counterpart_penalty, 0, 1000),
      make("venue_penalty",
           "subtracted when both reports name a place, one at least an action, and no country one's opening names is "
           "one the other's names (the same leaders' talks in Hanoi and in Moscow)",
           &Options::venue_penalty, 0, 1000),
      make("participant_tokens", "words after the title whose names are the story's participants",
           &Options::participant_tokens, 0, 100000),
      make("participant_idf_power", "rarity exponent of participant names", &Options::participant_idf_power, 0, 10),
      make("max_batch_articles", "articles held in memory at once; records past it are rejected with that reason",
           &Options::max_batch_articles, 1, 1e12),
      make("max_article_bytes", "longer texts are truncated (and marked)", &Options::max_article_bytes, 100, 1e9),
  };
  return settings;
}

// Experiments that were off by default and measured no gain, removed from the code; a settings
// file that still names one is told so rather than that the name is unknown.
// docs/experiments.md keeps each one's last commit.
bool is_retired(const std::string& name) {
  static const char* const retired[] = {"same_language_discount", "weight_translated", "weight_lead_translated",
                                        "concept_min_cosine",     "concept_mix",       "link_names"};
  return std::find(std::begin(retired), std::end(retired), name) != std::end(retired);
}

const Setting& find(const std::string& name) {
  for (const auto& s : table())
    if (s.info.name == name) return s;
  if (is_retired(name))
    throw UsageError("setting '" + name +
                     "' was an experiment, off by default, and has been retired (docs/experiments.md says how to "
                     "bring it back); remove it from the settings");
  std::string known;
  for (const auto& s : table()) known += (known.empty() ? "" : ", ") + s.info.name;
  throw UsageError("unknown setting '" + name + "' (known: " + known + ")");
}

}  // namespace

const std::vector<SettingInfo>& tunable_settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> v;
    for (const auto& s : table()) v.push_back(s.info);
    return v;
  }();
  return infos;
}

void set_option(Options& o, const std::string& name, const std::string& value) {
  const Setting& s = find(name);
  double v;
  std::istringstream in(value);
  if (!(in >> v) || !in.eof() || v < s.min || v > s.max || (s.whole && v != std::floor(v))) {
    std::ostringstream msg;
    msg << "setting '" << name << "': '" << value << "' is not a " << (s.whole ? "whole " : "") << "number from "
        << s.min << " to " << s.max;
    throw UsageError(msg.str());
  }
  s.set(o, v);
}

std::string get_option(const Options& o, const std::string& name) {
  // Up to 10 significant digits: 1000000, not 1e+06; 0.025 stays 0.025.
  std::ostringstream out;
  out << std::setprecision(10) << find(name).get(o);
  return out.str();
}

}  // namespace crossdup
