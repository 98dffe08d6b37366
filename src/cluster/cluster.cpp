// Average-linkage agglomerative clustering over the candidate graph.
//
// The linkage of two clusters is the mean pair score over all their member pairs, pairs never
// scored counting as zero: one strong link through a hub is not enough to merge two groups,
// which single linkage (connected components) would do. Merges stop at Options::threshold.
#include <algorithm>
#include <cstdio>
#include <queue>
#include <unordered_map>

#include "crossdup/cluster.h"

namespace crossdup {
namespace {

struct Link {
  double sum = 0;        // summed pair scores between the two clusters
  bool blocked = false;  // a member pair that may never be one event
};

struct Node {
  size_t size = 1;
  bool alive = true;
  DateSpan dates;  // of the members
  std::unordered_map<uint32_t, Link> links;
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
  for (const auto& p : pairs) {
    Link& l = nodes[p.a].links[p.b];
    l.sum += p.score;
    l.blocked |= !p.may_link();
    nodes[p.b].links[p.a] = l;
  }
  std::priority_queue<Merge> queue;
  auto push = [&](uint32_t a, uint32_t b) {
    if (a > b) std::swap(a, b);
    const Link& l = nodes[a].links[b];
    if (l.blocked) return;
    double linkage = l.sum / (static_cast<double>(nodes[a].size) * static_cast<double>(nodes[b].size));
    if (linkage >= o.threshold) queue.push({linkage, a, b, version[a], version[b]});
  };
  for (uint32_t a = 0; a < n; ++a)
    for (auto& [b, l] : nodes[a].links)
      if (a < b) push(a, b);

  while (!queue.empty()) {
    Merge m = queue.top();
    queue.pop();
    if (!nodes[m.a].alive || !nodes[m.b].alive || version[m.a] != m.version_a || version[m.b] != m.version_b)
      continue;  // stale: one side has changed since this entry was pushed
    Node& a = nodes[m.a];
    Node& b = nodes[m.b];
    if (!a.dates.allows(b.dates, o.max_date_gap_days)) continue;
    // b joins a: links add up, a blocked pair blocks the merged cluster.
    for (auto& [c, lb] : b.links) {
      if (c == m.a) continue;
      Link& la = a.links[c];
      la.sum += lb.sum;
      la.blocked |= lb.blocked;
      Link& back = nodes[c].links[m.a];
      back = la;
      nodes[c].links.erase(m.b);
    }
    a.links.erase(m.b);
    a.dates.add(b.dates);
    a.size += b.size;
    b.alive = false;
    b.links.clear();
    members[m.a].insert(members[m.a].end(), members[m.b].begin(), members[m.b].end());
    members[m.b].clear();
    ++version[m.a];
    std::vector<uint32_t> neighbours;
    for (auto& [c, l] : a.links) neighbours.push_back(c);
    std::sort(neighbours.begin(), neighbours.end());
    for (uint32_t c : neighbours) push(m.a, c);
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
