// Pairwise measures count article pairs; B-cubed averages per-article precision and recall.
// Only articles in the gold file are scored; gold articles missing from the output are lost.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "crossdup/error.h"
#include "crossdup/eval.h"

namespace crossdup {
namespace {

double f1_of(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

void finish(PRF& p) {
  p.precision = p.predicted ? static_cast<double>(p.true_positives) / static_cast<double>(p.predicted) : 0.0;
  p.recall = p.gold ? static_cast<double>(p.true_positives) / static_cast<double>(p.gold) : 0.0;
  p.f1 = f1_of(p.precision, p.recall);
}

std::string language_pair(const std::string& a, const std::string& b) { return a < b ? a + "-" + b : b + "-" + a; }

// Articles grouped by a key (cluster or gold event), as indices into `scored`.
template <class KeyOf>
std::vector<std::vector<size_t>> groups_by(const std::vector<const Assignment*>& scored, KeyOf key_of) {
  std::unordered_map<std::string, size_t> slot;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < scored.size(); ++i) {
    auto [it, fresh] = slot.emplace(key_of(*scored[i]), groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  return groups;
}

// Only pairs in one predicted cluster or one gold event count, so they are enumerated inside
// those groups: linear in the batch, not quadratic (200,000 articles score in seconds).
// `counts` says which pairs are scored (all, or those touching held-out articles).
template <class Counts>
void count_pairs(const std::vector<const Assignment*>& scored, const std::unordered_map<std::string, std::string>& gold,
                 EvalReport& r, Counts counts) {
  auto add = [&r, &counts](const Assignment& a, const Assignment& b, bool predicted, bool same_event,
                           bool true_positive) {
    if (!counts(a, b)) return;
    PRF* counters[] = {&r.pairwise, a.lang != b.lang ? &r.cross_language : nullptr,
                       &r.by_language_pair[language_pair(a.lang, b.lang)]};
    for (PRF* p : counters) {
      if (!p) continue;
      p->predicted += predicted;
      p->gold += same_event;
      p->true_positives += true_positive;
    }
  };
  auto event_of = [&gold](const Assignment& a) -> const std::string& { return gold.at(a.id); };
  // Predicted pairs (and among them the true ones) from the clusters; gold pairs from events.
  for (const auto& members : groups_by(scored, [](const Assignment& a) { return a.cluster; }))
    for (size_t x = 0; x < members.size(); ++x)
      for (size_t y = x + 1; y < members.size(); ++y) {
        const Assignment& a = *scored[members[x]];
        const Assignment& b = *scored[members[y]];
        add(a, b, true, false, event_of(a) == event_of(b));
      }
  for (const auto& members : groups_by(scored, event_of))
    for (size_t x = 0; x < members.size(); ++x)
      for (size_t y = x + 1; y < members.size(); ++y) add(*scored[members[x]], *scored[members[y]], false, true, false);
}

}  // namespace

namespace {

// `key<TAB>value` lines; '#' comments and the `header` line are skipped, columns after the
// second ignored. Throws InputError with the file and line on a malformed line.
std::unordered_map<std::string, std::string> read_tab_pairs(const std::string& path, const std::string& header,
                                                            const std::string& what) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open " + what + " file");
  std::unordered_map<std::string, std::string> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line == header) continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      throw InputError(path + ":" + std::to_string(line_no) + ": expected '" + header.substr(0, header.find('\t')) +
                       "<TAB>" + header.substr(header.find('\t') + 1) + "'");
    auto end = line.find('\t', tab + 1);
    out[line.substr(0, tab)] = line.substr(tab + 1, end == std::string::npos ? std::string::npos : end - tab - 1);
  }
  return out;
}

}  // namespace

std::unordered_map<std::string, std::string> read_gold(const std::string& path) {
  return read_tab_pairs(path, "id\tevent", "gold");
}

std::unordered_map<std::string, std::string> read_groups(const std::string& path) {
  return read_tab_pairs(path, "event\tgroup", "groups");
}

std::vector<Assignment> read_assignments(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open assignments");
  std::vector<Assignment> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      auto j = nlohmann::json::parse(line);
      auto str = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
      out.push_back({str(j.at("id")), str(j.at("cluster")), j.value("lang", std::string())});
    } catch (const std::exception& e) {
      throw InputError(path + ":" + std::to_string(line_no) + ": not an assignment line (" + e.what() + ")");
    }
  }
  return out;
}

namespace {

void finish_all(EvalReport& r) {
  finish(r.pairwise);
  finish(r.cross_language);
  for (auto& [pair, p] : r.by_language_pair) finish(p);
}

// The gold articles of the output, each once, in output order.
std::vector<const Assignment*> scored_articles(const std::vector<Assignment>& assigned,
                                               const std::unordered_map<std::string, std::string>& gold) {
  std::vector<const Assignment*> scored;
  std::unordered_set<std::string> seen;
  for (const auto& a : assigned)
    if (gold.count(a.id) && seen.insert(a.id).second) scored.push_back(&a);
  return scored;
}

// B-cubed, per article of `scored` for which `averaged` holds, clusters and events counted over
// all of `scored`.
template <class Averaged>
void bcubed(const std::vector<const Assignment*>& scored, const std::unordered_map<std::string, std::string>& gold,
            EvalReport& r, Averaged averaged) {
  std::unordered_map<std::string, size_t> cluster_size, event_size;
  std::map<std::pair<std::string, std::string>, size_t> overlap;
  for (const Assignment* a : scored) {
    ++cluster_size[a->cluster];
    ++event_size[gold.at(a->id)];
    ++overlap[{a->cluster, gold.at(a->id)}];
  }
  double p_sum = 0, r_sum = 0;
  size_t n = 0;
  for (const Assignment* a : scored) {
    if (!averaged(*a)) continue;
    double both = static_cast<double>(overlap[{a->cluster, gold.at(a->id)}]);
    p_sum += both / static_cast<double>(cluster_size[a->cluster]);
    r_sum += both / static_cast<double>(event_size[gold.at(a->id)]);
    ++n;
  }
  if (n == 0) return;
  r.bcubed.precision = p_sum / static_cast<double>(n);
  r.bcubed.recall = r_sum / static_cast<double>(n);
  r.bcubed.f1 = f1_of(r.bcubed.precision, r.bcubed.recall);
}

}  // namespace

EvalReport evaluate(const std::vector<Assignment>& assigned, const std::unordered_map<std::string, std::string>& gold) {
  EvalReport r;
  r.gold_articles = gold.size();
  auto scored = scored_articles(assigned, gold);
  r.scored_articles = scored.size();
  r.lost_articles = r.gold_articles - r.scored_articles;
  auto every = [](const Assignment&, const Assignment&) { return true; };
  count_pairs(scored, gold, r, every);
  finish_all(r);
  bcubed(scored, gold, r, [](const Assignment&) { return true; });
  return r;
}

EvalReport evaluate_part(const std::vector<Assignment>& assigned,
                         const std::unordered_map<std::string, std::string>& gold,
                         const std::unordered_map<std::string, size_t>& part_of, size_t part) {
  auto part_of_article = [&part_of](const Assignment& a) {
    auto p = part_of.find(a.id);
    return p == part_of.end() ? SIZE_MAX : p->second;
  };
  auto in_part = [&](const Assignment& a) { return part_of_article(a) == part; };
  EvalReport r;
  for (const auto& [id, p] : part_of) r.gold_articles += p == part && gold.count(id);
  auto scored = scored_articles(assigned, gold);
  for (const Assignment* a : scored) r.scored_articles += in_part(*a);
  r.lost_articles = r.gold_articles - r.scored_articles;
  count_pairs(scored, gold, r, [&](const Assignment& a, const Assignment& b) {
    return std::min(part_of_article(a), part_of_article(b)) == part;
  });
  finish_all(r);
  bcubed(scored, gold, r, in_part);
  return r;
}

EvalReport pooled(const std::vector<EvalReport>& parts) {
  EvalReport r;
  double bcubed_precision = 0, bcubed_recall = 0;
  auto add = [](PRF& to, const PRF& from) {
    to.true_positives += from.true_positives;
    to.predicted += from.predicted;
    to.gold += from.gold;
  };
  for (const auto& part : parts) {
    add(r.pairwise, part.pairwise);
    add(r.cross_language, part.cross_language);
    for (const auto& [pair, p] : part.by_language_pair) add(r.by_language_pair[pair], p);
    r.gold_articles += part.gold_articles;
    r.scored_articles += part.scored_articles;
    r.lost_articles += part.lost_articles;
    bcubed_precision += part.bcubed.precision * static_cast<double>(part.scored_articles);
    bcubed_recall += part.bcubed.recall * static_cast<double>(part.scored_articles);
  }
  finish_all(r);
  if (r.scored_articles == 0) return r;
  r.bcubed.precision = bcubed_precision / static_cast<double>(r.scored_articles);
  r.bcubed.recall = bcubed_recall / static_cast<double>(r.scored_articles);
  r.bcubed.f1 = f1_of(r.bcubed.precision, r.bcubed.recall);
  return r;
}

}  // namespace crossdup
