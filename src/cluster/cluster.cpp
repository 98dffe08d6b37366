// Average-linkage agglomerative clustering over the candidate graph.
//
// The linkage of two clusters is the mean pair score over all their member pairs, pairs never
// scored counting as zero: one strong link through a hub is not enough to merge two groups,
// which single linkage (connected components) would do. Merges stop at ClusterSettings::threshold.
#include <algorithm>
#include <cstdio>
#include <queue>
#include <stdexcept>

#include <spdlog/spdlog.h>

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
                             [](const Link& e, uint32_t key) { return e.other < key; });
  return it != links.end() && it->other == other ? &*it : nullptr;
}

void AverageLinkage::add_to_link(Links& links, uint32_t other, double score, bool vetoed) {
  auto at = std::lower_bound(links.begin(), links.end(), other,
                             [](const Link& e, uint32_t key) { return e.other < key; });
  if (at == links.end() || at->other != other) at = links.insert(at, Link{other, 0, 0.0});
  at->sum += score;
  at->vetoed |= vetoed;
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

void AverageLinkage::add_pairs(LinkPairBlocks pairs) {
  std::vector<size_t> degree(nodes_.size(), 0);
  pairs.for_each([&degree](const LinkPair& p) { ++degree[p.a], ++degree[p.b]; });
  for (size_t i = 0; i < nodes_.size(); ++i) nodes_[i].links.reserve(nodes_[i].links.size() + degree[i]);
  pairs.consume([this](const LinkPair& p) {
    nodes_[p.a].links.push_back({p.b, p.vetoed, p.score});
    nodes_[p.b].links.push_back({p.a, p.vetoed, p.score});
  });
  // Sorted and summed in pair order; a pair listed twice adds up.
  for (auto& node : nodes_) {
    std::stable_sort(node.links.begin(), node.links.end(),
                     [](const Link& x, const Link& y) { return x.other < y.other; });
    Links unique;
    unique.reserve(node.links.size());
    for (const auto& e : node.links) {
      if (!unique.empty() && unique.back().other == e.other) {
        unique.back().sum += e.sum;
        unique.back().vetoed |= e.vetoed;
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
  for (const Link& l : nodes_[a].links) {
    const uint32_t b = l.other;
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
    if (y == nb.links.end() || (x != na.links.end() && x->other < y->other)) {
      merged.push_back(*x++);
    } else if (x == na.links.end() || y->other < x->other) {
      merged.push_back(*y++);
    } else {
      merged.push_back({x->other, x->vetoed || y->vetoed, x->sum + y->sum});
      ++x, ++y;
    }
    if (merged.back().other == a || merged.back().other == b) merged.pop_back();
  }
  for (const Link& link : nb.links) {
    const uint32_t c = link.other;
    if (c == a) continue;
    Links& theirs = nodes_[c].links;
    theirs.erase(std::remove_if(theirs.begin(), theirs.end(), [b](const Link& e) { return e.other == b; }),
                 theirs.end());
    const Link& now = *find_link(merged, c);
    if (Link* l = find_link(theirs, a)) {
      l->sum = now.sum;  // its `other` stays a
      l->vetoed = now.vetoed;
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

namespace {

// The article groups no merge can cross: the connected components of the pairs that may link
// and score at least the threshold. Two clusters merge only when their mean pair score reaches
// the threshold, so some pair between them does; a cluster therefore never leaves its group,
// and pairs between groups never change a merge. Each group's id is its smallest article.
std::vector<uint32_t> merge_groups(size_t n, const LinkPairBlocks& pairs, double threshold) {
  std::vector<uint32_t> parent(n);
  for (uint32_t i = 0; i < n; ++i) parent[i] = i;
  auto root = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  pairs.for_each([&](const LinkPair& p) {
    if (p.vetoed || static_cast<double>(p.score) < threshold) return;
    const uint32_t x = root(p.a), y = root(p.b);
    if (x != y) parent[std::max(x, y)] = std::min(x, y);
  });
  for (uint32_t i = 0; i < n; ++i) parent[i] = root(i);
  return parent;
}

// Average linkage over one group: its articles renumbered in input order (ties between equal
// linkages go to the smaller index, as in one run over the whole batch), its pairs renumbered
// too, in batch order, and freed once they are links. Returns each member's cluster as the
// group's own index of the first member.
std::vector<uint32_t> cluster_group(const std::vector<uint32_t>& members, LinkPairBlocks& pairs,
                                    const std::vector<std::optional<DateRange>>& dates, const ClusterSettings& o) {
  AverageLinkage linkage(o.threshold, o.max_date_gap_days);
  for (uint32_t m : members) linkage.add_article(dates[m]);
  linkage.add_pairs(std::move(pairs));
  linkage.merge_all();
  std::vector<uint32_t> first(members.size());
  for (uint32_t k = 0; k < members.size(); ++k) first[k] = linkage.cluster_of(k);
  return first;
}

// Each group's own pairs, renumbered to its members, in batch order; the batch's pairs are
// freed block by block as they are shared out (pairs between groups never change a merge).
std::vector<LinkPairBlocks> pairs_by_group(LinkPairBlocks& pairs, const std::vector<uint32_t>& group_of,
                                           const std::vector<uint32_t>& local, size_t groups) {
  std::vector<size_t> count(groups, 0);
  pairs.for_each([&](const LinkPair& p) {
    if (group_of[p.a] == group_of[p.b]) ++count[group_of[p.a]];
  });
  std::vector<LinkPairBlocks> by_group(groups);
  for (size_t g = 0; g < groups; ++g) by_group[g].reserve(count[g]);
  pairs.consume([&](const LinkPair& p) {
    if (group_of[p.a] == group_of[p.b])
      by_group[group_of[p.a]].push_back({local[p.a], local[p.b], p.score, p.vetoed != 0});
  });
  return by_group;
}

}  // namespace

// The groups no merge can cross (merge_groups) are clustered side by side, largest first: the
// same merges, in the same order within each group, as one run over the batch, for any thread
// count. A threshold of 0 or below can merge clusters without a strong pair: one run then.
std::vector<EventCluster> cluster_events(size_t n, LinkPairBlocks pairs,
                                         const std::vector<std::optional<DateRange>>& dates, const ClusterSettings& o,
                                         const std::vector<Article>& articles) {
  if (n >= (1u << 31)) throw std::length_error("cluster: more than 2^31 articles in one batch");
  const std::vector<uint32_t> group =
      o.threshold > 0 ? merge_groups(n, pairs, o.threshold) : std::vector<uint32_t>(n, 0);
  std::vector<uint32_t> group_of(n), local(n);  // group_of: 0, 1, 2 ... in order of first member
  std::vector<std::vector<uint32_t>> members;
  {
    std::vector<uint32_t> index_of_root(n, UINT32_MAX);
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t& g = index_of_root[group[i]];
      if (g == UINT32_MAX) g = static_cast<uint32_t>(members.size()), members.emplace_back();
      group_of[i] = g;
      local[i] = static_cast<uint32_t>(members[g].size());
      members[g].push_back(i);
    }
  }
  const size_t all_pairs = pairs.size();
  auto group_pairs = pairs_by_group(pairs, group_of, local, members.size());
  size_t grouped_pairs = 0, largest = 0;
  for (size_t g = 0; g < members.size(); ++g) {
    grouped_pairs += group_pairs[g].size();
    largest = std::max(largest, members[g].size());
  }
  // The largest group bounds how parallel clustering can be (one group, one thread).
  spdlog::debug("cluster: {} groups no merge crosses, the largest {} articles; {} of {} pairs inside them",
                members.size(), largest, grouped_pairs, all_pairs);
  std::vector<size_t> by_size(members.size());
  for (size_t g = 0; g < by_size.size(); ++g) by_size[g] = g;
  std::stable_sort(by_size.begin(), by_size.end(),
                   [&](size_t x, size_t y) { return members[x].size() > members[y].size(); });
  std::vector<uint32_t> first_member(n);
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t k = 0; k < by_size.size(); ++k) {
    const size_t g = by_size[k];
    if (members[g].size() == 1) {
      first_member[members[g][0]] = members[g][0];
      continue;
    }
    const auto first = cluster_group(members[g], group_pairs[g], dates, o);
    for (size_t m = 0; m < first.size(); ++m) first_member[members[g][m]] = members[g][first[m]];
  }
  std::vector<EventCluster> clusters;
  std::vector<uint32_t> cluster_at(n, UINT32_MAX);
  for (uint32_t i = 0; i < n; ++i) {
    if (first_member[i] == i) {  // first members name the clusters, in input order
      cluster_at[i] = static_cast<uint32_t>(clusters.size());
      clusters.push_back({event_id_for(articles[i].id), {}});
    }
    clusters[cluster_at[first_member[i]]].members.push_back(i);  // ascending
  }
  return clusters;
}

std::vector<EventCluster> cluster_events(size_t n, const std::vector<ScoredPair>& pairs,
                                         const std::vector<std::optional<DateRange>>& dates, const ClusterSettings& o,
                                         const std::vector<Article>& articles) {
  LinkPairBlocks links;
  links.reserve(pairs.size());
  for (const ScoredPair& p : pairs) links.push_back(LinkPair::of(p));
  return cluster_events(n, std::move(links), dates, o, articles);
}

}  // namespace crossdup
