// Cluster stage: events from scored pairs by average linkage, which does not chain unrelated
// stories through one hub article, and a date rule: no event spans more than the allowed gap.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/score.h"

namespace crossdup {

struct EventCluster {
  std::string id;                  // stable: derived from its first member's article id
  std::vector<uint32_t> members;   // article indices in input order
};

// The dates of a group of reports: the latest first day and the earliest last day. All members
// are within `gap` days of each other exactly when max_first - min_last <= gap. Undated
// reports impose nothing.
struct DateSpan {
  bool dated = false;
  Day max_first = 0, min_last = 0;
  void add(const DateSpan& other);
  void add(const std::optional<DateRange>& date) { add(of(date)); }
  // Whether the two groups together stay within the gap.
  bool allows(const DateSpan& other, int gap) const;
  static DateSpan of(const std::optional<DateRange>& date) {
    return date ? DateSpan{true, date->first, date->last} : DateSpan{};
  }
};

// An event's id, derived from its first member's article id ("ev-" and 12 hex digits): the
// same event gets the same id in every run, batch or incremental.
std::string event_id_for(const std::string& first_member_id);

// Clusters articles 0..n-1; every article is in exactly one cluster (singletons included).
// Clusters come in the input order of their first member.
std::vector<EventCluster> cluster_events(size_t n, const std::vector<ScoredPair>& pairs,
                                         const std::vector<std::optional<DateRange>>& dates,
                                         const Options& options, const std::vector<Article>& articles);

}  // namespace crossdup
