// Cluster stage: events from scored pairs by average linkage, which does not chain unrelated
// stories through one hub article, and a date rule: no event spans more than the allowed gap.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/options.h"
#include "crossdup/pair.h"

namespace crossdup {

struct EventCluster {
  std::string id;                 // stable: derived from its first member's article id
  std::vector<uint32_t> members;  // article indices in input order
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

// Average linkage over a sparse graph of scored pairs that can grow one article at a time:
// the batch adds every pair and merges once (cluster_events); the incremental Index clusters
// the events around each new article again with one of its own (index.h). merge_around serves
// callers that grow one graph instead: a report linking two earlier events joins them.
//
// Every article starts as its own cluster. Two clusters merge, best linkage first, while their
// linkage (the mean score over all their member pairs, pairs never scored counting 0) reaches
// the threshold, none of their member pairs is vetoed and their dates stay within the gap. A
// cluster is named by its first member (the smallest article index), which survives every
// merge it takes part in; ties between equal linkages go to the smaller indices.
class AverageLinkage {
 public:
  AverageLinkage(double threshold, int max_date_gap_days);
  // A new singleton; returns its article index (0, 1, 2 ... in order of addition).
  uint32_t add_article(const std::optional<DateRange>& date);
  // Scored pairs between articles already added, before any merge (the batch's bulk path);
  // each block of pairs is freed once it is links.
  void add_pairs(LinkPairBlocks pairs);
  // One scored pair; its score adds to the link between the two articles' clusters.
  void add_pair(uint32_t a, uint32_t b, double score, bool vetoed);
  // Merges everything that reaches the threshold.
  void merge_all();
  // Merges starting from one cluster's links (and then the links of what it became), which is
  // all that can change after pairs of one new article were added. Returns the clusters that
  // merged into others (their first members), in merge order.
  std::vector<uint32_t> merge_around(uint32_t article);

  // The first member of the article's cluster.
  uint32_t cluster_of(uint32_t article) const { return cluster_of_[article]; }
  // Members of a cluster (by its first member), in order of merging, not sorted.
  const std::vector<uint32_t>& members(uint32_t first_member) const { return nodes_[first_member].members; }

 private:
  // One entry of a cluster's links: the other cluster, whether a member pair between them may
  // never be one event, and their summed pair scores. 12 bytes, packed (the sum is a double,
  // so that merges do not depend on rounding; a std::pair of the index and a {sum, vetoed}
  // struct took 24): the links hold every pair inside a group twice.
#pragma pack(push, 4)
  struct Link {
    uint32_t other : 31;
    uint32_t vetoed : 1;
    double sum;
  };
#pragma pack(pop)
  static_assert(sizeof(Link) == 12, "links hold every candidate pair twice");
  // A cluster's links, sorted by the other cluster: a flat vector is a third of the memory of
  // a hash map and merges in one linear pass.
  using Links = std::vector<Link>;
  // Only a cluster's first member holds its node; the nodes of absorbed clusters are emptied.
  struct Node {
    size_t version = 0;  // bumped by each merge: queued linkages computed before are stale
    DateSpan dates;      // of the members
    Links links;
    std::vector<uint32_t> members;
  };
  class MergeQueue;  // candidate merges, best linkage first (src/cluster/cluster.cpp)
  void push_links(MergeQueue& queue, uint32_t a, bool only_later) const;
  void run(MergeQueue& queue, std::vector<uint32_t>* absorbed);
  void merge(uint32_t a, uint32_t b);
  static Link* find_link(Links& links, uint32_t other);
  static void add_to_link(Links& links, uint32_t other, double score, bool vetoed);

  double threshold_;
  int max_date_gap_days_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> cluster_of_;
};

// Clusters articles 0..n-1 in one pass; every article is in exactly one cluster (singletons
// included). Clusters come in the input order of their first member. Taking the pairs over,
// it frees them as it goes: a batch's pairs are its largest structure.
std::vector<EventCluster> cluster_events(size_t n, LinkPairBlocks pairs,
                                         const std::vector<std::optional<DateRange>>& dates,
                                         const ClusterSettings& options, const std::vector<Article>& articles);
// The same for fully scored pairs (their scores and vetoes are read).
std::vector<EventCluster> cluster_events(size_t n, const std::vector<ScoredPair>& pairs,
                                         const std::vector<std::optional<DateRange>>& dates,
                                         const ClusterSettings& options, const std::vector<Article>& articles);

}  // namespace crossdup
