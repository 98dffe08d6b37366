// Average-linkage agglomerative clustering over the candidate graph.
//
// The linkage of two clusters is the mean pair score over all their member pairs, pairs never
// scored counting as zero: one strong link through a hub is not enough to merge two groups,
// which single linkage (connected components) would do. Merges stop at Options::threshold.
#include <algorithm>
#include <cstdio>
#include <queue>

#include "crossdup/cluster.h"

namespace crossdup {

void DateSpan::add(const DateSpan& other) {
  if (!other.dated) return;
  max_first = dated ? std::max(max_first, other.max_first) : other.max_first;
  min_last = dated ? std::min(min_last, other.min_last) : other.min_last;
  dated = true;
}

bool DateSpan::allows(const DateSpan& other, int gap) const {
  if (!dated || !other.dated) return true;
  return std::max(max_first, other.max_first) - std::min(min_last, other.min_last) <= gap;
}

std::string event_id_for(const std::string& first_member_id) {
  uint64_t h = fnv1a_64(first_member_id);
  char buf[24];
  std::snprintf(buf, sizeof buf, "ev-%012llx", static_cast<unsigned long long>(h & 0xffffffffffffull));
  return buf;
}

AverageLinkage::Link* AverageLinkage::find_link(Links& links, uint32_t other) {
  auto it = std::lower_bound(links.begin(), links.end(), other,
                             [](const std::pair<uint32_t, Link>& e, uint32_t key) { return e.first < key; });
  return it != links.end() && it->first == other ? &it->second : nullptr;
}

void AverageLinkage::add_to_link(Links& links, uint32_t other, double score, bool vetoed) {
  auto at = std::lower_bound(links.begin(), links.end(), other,
                             [](const std::pair<uint32_t, Link>& e, uint32_t key) { return e.first < key; });
  if (at == links.end() || at->first != other) at = links.insert(at, {other, Link{}});
  at->second.sum += score;
  at->second.vetoed |= vetoed;
}

struct AverageLinkageMerge {
  double linkage;
  uint32_t a, b;  // a < b
  size_t version_a, version_b;
  bool operator<(const AverageLinkageMerge& o) const {  // the priority queue pops the largest
    if (linkage != o.linkage) return linkage < o.linkage;
    if (a != o.a) return a > o.a;
    return b > o.b;
  }
};

class AverageLinkage::MergeQueue : public std::priority_queue<AverageLinkageMerge> {};

AverageLinkage::AverageLinkage(double threshold, int max_date_gap_days)
    : threshold_(threshold), max_date_gap_days_(max_date_gap_days) {}

uint32_t AverageLinkage::add_article(const std::optional<DateRange>& date) {
  const auto i = static_cast<uint32_t>(nodes_.size());
  Node node;
  node.dates = DateSpan::of(date);
  node.members = {i};
  nodes_.push_back(std::move(node));
  cluster_of_.push_back(i);
  return i;
}

void AverageLinkage::add_pairs(const std::vector<ScoredPair>& pairs) {
  std::vector<size_t> degree(nodes_.size(), 0);
  for (const auto& p : pairs) ++degree[p.a], ++degree[p.b];
  for (size_t i = 0; i < nodes_.size(); ++i) nodes_[i].links.reserve(nodes_[i].links.size() + degree[i]);
  for (const auto& p : pairs) {
    nodes_[p.a].links.push_back({p.b, {p.score, !p.may_link()}});
    nodes_[p.b].links.push_back({p.a, {p.score, !p.may_link()}});
  }
  // Sorted and summed in pair order; a pair listed twice adds up.
  for (auto& node : nodes_) {
    std::stable_sort(node.links.begin(), node.links.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    Links unique;
    unique.reserve(node.links.size());
    for (const auto& e : node.links) {
      if (!unique.empty() && unique.back().first == e.first) {
        unique.back().second.sum += e.second.sum;
        unique.back().second.vetoed |= e.second.vetoed;
      } else {
        unique.push_back(e);
      }
    }
    node.links = std::move(unique);
  }
}

void AverageLinkage::add_pair(uint32_t a, uint32_t b, double score, bool vetoed) {
  const uint32_t ca = cluster_of_[a], cb = cluster_of_[b];
  if (ca == cb) return;  // inside one cluster: no link between clusters changes
  add_to_link(nodes_[ca].links, cb, score, vetoed);
  add_to_link(nodes_[cb].links, ca, score, vetoed);
}

void AverageLinkage::push_links(MergeQueue& queue, uint32_t a, bool only_later) const {
  for (const auto& [b, l] : nodes_[a].links) {
    if (l.vetoed || (only_later && b < a)) continue;
    const double linkage =
        l.sum / (static_cast<double>(nodes_[a].members.size()) * static_cast<double>(nodes_[b].members.size()));
    if (linkage < threshold_) continue;
    const uint32_t x = std::min(a, b), y = std::max(a, b);
    queue.push({linkage, x, y, nodes_[x].version, nodes_[y].version});
  }
}

// b joins a (a < b): links add up, a vetoed pair vetoes the merged cluster, and every
// neighbour's entries for a and b become one entry for a.
void AverageLinkage::merge(uint32_t a, uint32_t b) {
  Node& na = nodes_[a];
  Node& nb = nodes_[b];
  Links merged;
  merged.reserve(na.links.size() + nb.links.size());
  auto x = na.links.begin(), y = nb.links.begin();
  while (x != na.links.end() || y != nb.links.end()) {
    if (y == nb.links.end() || (x != na.links.end() && x->first < y->first)) {
      merged.push_back(*x++);
    } else if (x == na.links.end() || y->first < x->first) {
      merged.push_back(*y++);
    } else {
      merged.push_back({x->first, {x->second.sum + y->second.sum, x->second.vetoed || y->second.vetoed}});
      ++x, ++y;
    }
    if (merged.back().first == a || merged.back().first == b) merged.pop_back();
  }
  for (const auto& [c, l] : nb.links) {
    if (c == a) continue;
    Links& theirs = nodes_[c].links;
    theirs.erase(std::remove_if(theirs.begin(), theirs.end(), [b](const auto& e) { return e.first == b; }),
                 theirs.end());
    const Link& now = *find_link(merged, c);
    if (Link* l = find_link(theirs, a)) {
      *l = now;
    } else {
      add_to_link(theirs, a, now.sum, now.vetoed);
    }
  }
  na.links = std::move(merged);
  na.dates.add(nb.dates);
  for (uint32_t m : nb.members) cluster_of_[m] = a;
  na.members.insert(na.members.end(), nb.members.begin(), nb.members.end());
  ++na.version;
  nb = Node{};
}

void AverageLinkage::run(MergeQueue& queue, std::vector<uint32_t>* absorbed) {
  while (!queue.empty()) {
    AverageLinkageMerge m = queue.top();
    queue.pop();
    const Node& a = nodes_[m.a];
    const Node& b = nodes_[m.b];
    const bool both_clusters = cluster_of_[m.a] == m.a && cluster_of_[m.b] == m.b;
    if (!both_clusters || a.version != m.version_a || b.version != m.version_b)
      continue;  // stale: one side has changed since this entry was pushed
    if (!a.dates.allows(b.dates, max_date_gap_days_)) continue;
    merge(m.a, m.b);
    if (absorbed) absorbed->push_back(m.b);
    push_links(queue, m.a, false);  // sorted links: the same order every time
  }
}

void AverageLinkage::merge_all() {
  MergeQueue queue;
  for (uint32_t a = 0; a < nodes_.size(); ++a)
    if (cluster_of_[a] == a) push_links(queue, a, true);  // each pair once
  run(queue, nullptr);
}

std::vector<uint32_t> AverageLinkage::merge_around(uint32_t article) {
  MergeQueue queue;
  push_links(queue, cluster_of_[article], false);
  std::vector<uint32_t> absorbed;
  run(queue, &absorbed);
  return absorbed;
}

std::vector<EventCluster> cluster_events(size_t n, const std::vector<ScoredPair>& pairs,
                                         const std::vector<std::optional<DateRange>>& dates, const Options& o,
                                         const std::vector<Article>& articles) {
  AverageLinkage linkage(o.threshold, o.max_date_gap_days);
  for (size_t i = 0; i < n; ++i) linkage.add_article(dates[i]);
  linkage.add_pairs(pairs);
  linkage.merge_all();
  std::vector<EventCluster> clusters;
  for (uint32_t i = 0; i < n; ++i) {
    if (linkage.cluster_of(i) != i) continue;  // first members name the clusters
    EventCluster c;
    c.members = linkage.members(i);
    std::sort(c.members.begin(), c.members.end());
    c.id = event_id_for(articles[i].id);
    clusters.push_back(std::move(c));
  }
  return clusters;
}

}  // namespace crossdup
