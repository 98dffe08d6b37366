// Every setting of a run, with its documented default. Filled by the CLI or a library caller.
#pragma once

#include <cstddef>
#include <string>

namespace crossdup {

struct Options {
  // --- read
  size_t max_article_bytes = 200000;  // longer texts are cut (and marked), not rejected

  // --- features
  double title_weight = 2.0;     // a title word counts this many times in the document vector
  size_t lead_tokens = 120;
  // How many articles' worth of weight the model's mean vector has when a language is
  // centred: the batch's own mean takes over as the batch grows.
  double centering_prior = 20;      // the lead: the first words after the title
  double lead_weight = 1.5;      // a lead word's weight in the vector and the name signal

  // --- score
  double candidate_floor = 0.25;  // cosine under which pairs are not considered at all
  size_t max_neighbours = 50;     // candidates kept per article (keeps memory linear)
  double weight_cosine = 0.6;     // combination of the pair signals into one score
  double weight_names = 0.4;
  double cross_language_bonus = 0.10;  // cross-language cosines run lower: this lifts them

  // --- cluster
  double threshold = 0.45;        // average-linkage score needed to merge two clusters
  int max_date_gap_days = 3;      // reports further apart than this are never one event

  // --- run
  int threads = 0;                // 0: OpenMP's default
  bool progress = false;          // a progress bar on standard error

  // The thresholds and weights above were chosen on ../shared/data/dev with `crossdup eval`.
};

}  // namespace crossdup

#include <vector>

namespace crossdup {

// The tunable settings by name, for the CLI (--threshold 0.5) and for `crossdup compare`
// configurations ("threshold=0.5,weight_names=0.3"): one table, so both always agree.
struct SettingInfo {
  std::string name;
  std::string help;
};
const std::vector<SettingInfo>& tunable_settings();
// Throws UsageError for an unknown name or a value that is not a number in range.
void set_option(Options& options, const std::string& name, const std::string& value);
std::string get_option(const Options& options, const std::string& name);

}  // namespace crossdup
