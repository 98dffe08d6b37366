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
namespace {

struct Link {
  double sum = 0;        // summed pair scores between the two clusters
  bool blocked = false;  // a member pair that may never be one event
};

// A cluster's links, sorted by the other cluster's index: a flat vector is a third of the
// memory of a hash map and merges in one linear pass.
using Links = std::vector<std::pair<uint32_t, Link>>;

Link* find_link(Links& links, uint32_t other) {
  auto it = std::lower_bound(links.begin(), links.end(), other,
                             [](const std::pair<uint32_t, Link>& e, uint32_t key) { return e.first < key; });
  return it != links.end() && it->first == other ? &it->second : nullptr;
}

// The links of `a` and `b` as one cluster's: sums add up, a blocked pair blocks.
Links merged_links(const Links& a, const Links& b, uint32_t ia, uint32_t ib) {
  Links out;
  out.reserve(a.size() + b.size());
  auto x = a.begin(), y = b.begin();
  while (x != a.end() || y != b.end()) {
    if (y == b.end() || (x != a.end() && x->first < y->first)) {
      out.push_back(*x++);
    } else if (x == a.end() || y->first < x->first) {
      out.push_back(*y++);
    } else {
      out.push_back({x->first, {x->second.sum + y->second.sum, x->second.blocked || y->second.blocked}});
      ++x, ++y;
    }
    if (out.back().first == ia || out.back().first == ib) out.pop_back();
  }
  return out;
}

// In a neighbour's links, the entries for `a` and `b` become one entry for `a`.
void redirect(Links& links, uint32_t a, uint32_t b, const Link& merged) {
  auto is_b = [b](const std::pair<uint32_t, Link>& e) { return e.first == b; };
  links.erase(std::remove_if(links.begin(), links.end(), is_b), links.end());
  if (Link* l = find_link(links, a)) {
    *l = merged;
    return;
  }
  auto at = std::lower_bound(links.begin(), links.end(), a,
                             [](const std::pair<uint32_t, Link>& e, uint32_t key) { return e.first < key; });
  links.insert(at, {a, merged});
}

struct Node {
  size_t size = 1;
  bool alive = true;
  DateSpan dates;  // of the members
  Links links;
};

struct Merge {
  double linkage;
  uint32_t a, b;  // a < b
  size_t version_a, version_b;
  bool operator<(const Merge& o) const {  // the priority queue pops the largest
    if (linkage != o.linkage) return linkage < o.linkage;
    if (a != o.a) return a > o.a;
    return b > o.b;
  }
};

// Every node's links from the scored pairs, summed in pair order.
void build_links(std::vector<Node>& nodes, const std::vector<ScoredPair>& pairs) {
  std::vector<size_t> degree(nodes.size(), 0);
  for (const auto& p : pairs) ++degree[p.a], ++degree[p.b];
  for (size_t i = 0; i < nodes.size(); ++i) nodes[i].links.reserve(degree[i]);
  for (const auto& p : pairs) {
    nodes[p.a].links.push_back({p.b, {p.score, !p.may_link()}});
    nodes[p.b].links.push_back({p.a, {p.score, !p.may_link()}});
  }
  // A pair listed twice (not produced by score_pairs, but allowed) adds up as it did before.
  for (auto& node : nodes) {
    std::stable_sort(node.links.begin(), node.links.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    Links unique;
    unique.reserve(node.links.size());
    for (const auto& e : node.links) {
      if (!unique.empty() && unique.back().first == e.first) {
        unique.back().second.sum += e.second.sum;
        unique.back().second.blocked |= e.second.blocked;
      } else {
        unique.push_back(e);
      }
    }
    node.links = std::move(unique);
  }
}

}  // namespace

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

std::vector<EventCluster> cluster_events(size_t n, const std::vector<ScoredPair>& pairs,
                                         const std::vector<std::optional<DateRange>>& dates,
                                         const Options& o, const std::vector<Article>& articles) {
  std::vector<Node> nodes(n);
  std::vector<size_t> version(n, 0);
  std::vector<std::vector<uint32_t>> members(n);
  for (uint32_t i = 0; i < n; ++i) {
    members[i] = {i};
    nodes[i].dates = DateSpan::of(dates[i]);
  }
  build_links(nodes, pairs);
  std::priority_queue<Merge> queue;
  auto push = [&](uint32_t a, uint32_t b, const Link& l) {
    if (a > b) std::swap(a, b);
    if (l.blocked) return;
    double linkage = l.sum / (static_cast<double>(nodes[a].size) * static_cast<double>(nodes[b].size));
    if (linkage >= o.threshold) queue.push({linkage, a, b, version[a], version[b]});
  };
  for (uint32_t a = 0; a < n; ++a)
    for (auto& [b, l] : nodes[a].links)
      if (a < b) push(a, b, l);

  while (!queue.empty()) {
    Merge m = queue.top();
    queue.pop();
    if (!nodes[m.a].alive || !nodes[m.b].alive || version[m.a] != m.version_a || version[m.b] != m.version_b)
      continue;  // stale: one side has changed since this entry was pushed
    Node& a = nodes[m.a];
    Node& b = nodes[m.b];
    if (!a.dates.allows(b.dates, o.max_date_gap_days)) continue;
    // b joins a: links add up, a blocked pair blocks the merged cluster.
    a.links = merged_links(a.links, b.links, m.a, m.b);
    for (auto& [c, l] : b.links)
      if (c != m.a) redirect(nodes[c].links, m.a, m.b, *find_link(a.links, c));
    a.dates.add(b.dates);
    a.size += b.size;
    b.alive = false;
    b.links = Links{};
    members[m.a].insert(members[m.a].end(), members[m.b].begin(), members[m.b].end());
    members[m.b].clear();
    ++version[m.a];
    for (auto& [c, l] : a.links) push(m.a, c, l);  // sorted: the same order as before
  }

  std::vector<EventCluster> clusters;
  for (uint32_t i = 0; i < n; ++i) {
    if (!nodes[i].alive) continue;
    EventCluster c;
    c.members = members[i];
    std::sort(c.members.begin(), c.members.end());
    clusters.push_back(std::move(c));
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const EventCluster& x, const EventCluster& y) { return x.members[0] < y.members[0]; });
  for (auto& c : clusters) c.id = event_id_for(articles[c.members[0]].id);
  return clusters;
}

}  // namespace crossdup
