// The evaluations behind `crossdup eval` (evaluation.h): computed here, printed by the CLI.
#include "crossdup/evaluation.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>

#include <spdlog/spdlog.h>

#include "crossdup/error.h"
#include "crossdup/happening.h"
#include "crossdup/index.h"

namespace crossdup {

nlohmann::json report_json(const EvalReport& r) {
  auto prf = [](const PRF& p) {
    return nlohmann::json{{"precision", p.precision},
                          {"recall", p.recall},
                          {"f1", p.f1},
                          {"true_positive_pairs", p.true_positives},
                          {"predicted_pairs", p.predicted},
                          {"gold_pairs", p.gold}};
  };
  nlohmann::json j = {{"pairwise", prf(r.pairwise)},
                      {"cross_language", prf(r.cross_language)},
                      {"bcubed", {{"precision", r.bcubed.precision}, {"recall", r.bcubed.recall}, {"f1", r.bcubed.f1}}},
                      {"gold_articles", r.gold_articles},
                      {"scored_articles", r.scored_articles},
                      {"lost_articles", r.lost_articles}};
  for (const auto& [pair, p] : r.by_language_pair) j["by_language_pair"][pair] = prf(p);
  return j;
}

std::vector<std::pair<double, EvalReport>> sweep_thresholds(const PreparedBatch& prepared, const Options& options,
                                                            const Gold& gold, double from, double to, double step) {
  std::vector<std::pair<double, EvalReport>> points;
  for (double t = from; t <= to + 1e-5; t += step) {
    Options at = options;
    at.threshold = t;
    points.emplace_back(t, evaluate(assign_events(prepared, at), gold));
  }
  return points;
}

std::string precision_recall_svg(const std::vector<std::pair<double, EvalReport>>& points) {
  const int w = 480, h = 400, m = 50;
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << w << "' height='" << h
      << "' font-family='sans-serif' font-size='12'>\n"
      << "<rect width='100%' height='100%' fill='white'/>\n"
      << "<line x1='" << m << "' y1='" << h - m << "' x2='" << w - m / 2 << "' y2='" << h - m << "' stroke='black'/>\n"
      << "<line x1='" << m << "' y1='" << m / 2 << "' x2='" << m << "' y2='" << h - m << "' stroke='black'/>\n"
      << "<text x='" << w / 2 << "' y='" << h - 15 << "' text-anchor='middle'>recall (pairwise)</text>\n"
      << "<text x='15' y='" << h / 2 << "' transform='rotate(-90 15 " << h / 2
      << ")' text-anchor='middle'>precision</text>\n";
  auto x = [&](double r) { return m + r * (w - 1.5 * m); };
  auto y = [&](double p) { return (h - m) - p * (h - 1.5 * m); };
  for (int t = 0; t <= 10; t += 2) {
    svg << "<text x='" << x(t / 10.0) << "' y='" << h - m + 15 << "' text-anchor='middle'>" << t / 10.0 << "</text>"
        << "<text x='" << m - 5 << "' y='" << y(t / 10.0) + 4 << "' text-anchor='end'>" << t / 10.0 << "</text>\n";
  }
  for (const char* which : {"pairwise", "cross"}) {
    svg << "<polyline fill='none' stroke='" << (which[0] == 'p' ? "steelblue" : "darkorange")
        << "' stroke-width='2' points='";
    for (auto& [t, r] : points) {
      const PRF& p = which[0] == 'p' ? r.pairwise : r.cross_language;
      svg << x(p.recall) << ',' << y(p.precision) << ' ';
    }
    svg << "'/>\n";
  }
  svg << "<text x='" << w - 150 << "' y='40' fill='steelblue'>all pairs</text>"
      << "<text x='" << w - 150 << "' y='56' fill='darkorange'>cross-language pairs</text>\n</svg>\n";
  return svg.str();
}

ClusteringErrors clustering_errors(const PreparedBatch& prepared, const BatchResult& result, const Gold& gold) {
  std::map<std::pair<uint32_t, uint32_t>, const ScoredPair*> scored;
  for (const auto& p : prepared.pairs) scored[{p.a, p.b}] = &p;
  ClusteringErrors out;
  const auto& arts = result.articles;
  for (uint32_t a = 0; a < arts.size(); ++a) {
    auto ga = gold.find(arts[a].id);
    if (ga == gold.end()) continue;
    for (uint32_t b = a + 1; b < arts.size(); ++b) {
      auto gb = gold.find(arts[b].id);
      if (gb == gold.end()) continue;
      const bool same_cluster = result.cluster_of[a] == result.cluster_of[b];
      if (same_cluster == (ga->second == gb->second)) continue;
      auto it = scored.find({a, b});
      const ScoredPair* p = it == scored.end() ? nullptr : it->second;
      (same_cluster ? out.false_merges : out.misses).push_back({p ? p->score : -1.f, a, b, p});
    }
  }
  // Stable: equal scores keep the input order.
  std::stable_sort(out.false_merges.begin(), out.false_merges.end(),
                   [](const ErrorPair& x, const ErrorPair& y) { return x.score > y.score; });
  std::stable_sort(out.misses.begin(), out.misses.end(),
                   [](const ErrorPair& x, const ErrorPair& y) { return x.score < y.score; });
  return out;
}

std::string pairs_csv(const PreparedBatch& prepared, const Gold& gold) {
  std::ostringstream csv;
  csv << "id_a,id_b,lang_a,lang_b,event_a,event_b,same_event,cosine,names,participants,conflict,"
         "same_year,date_compatible,participants_compatible,score,calendar_gap,day_stated,"
         "results_differ,editions_differ,actions_differ,stated_days_apart,action_a,action_b,counterparts_differ,venues_differ,venue_a,venue_b\n";
  auto quoted = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  // What happened: the main action each names (empty when none), as happening.h reads it.
  auto main_action = [&](uint32_t i) {
    const Happening& h = prepared.features.happenings[i];
    return h.names_action() ? ActionLexicon::built_in().name(h.actions[0]) : std::string();
  };
  // The countries each puts its action in (space-separated codes), as happening.h reads them.
  auto venue = [&](uint32_t i) {
    const Happening& h = prepared.features.happenings[i];
    std::string codes;
    for (uint8_t k = 0; k < h.venue_count; ++k) codes += (k ? " " : "") + Gazetteer::built_in().code(h.venues[k]);
    return codes;
  };
  for (const auto& p : prepared.pairs) {
    const Article& a = prepared.articles[p.a];
    const Article& b = prepared.articles[p.b];
    auto ga = gold.find(a.id), gb = gold.find(b.id);
    if (ga == gold.end() || gb == gold.end()) continue;
    csv << quoted(a.id) << ',' << quoted(b.id) << ',' << a.lang << ',' << b.lang << ',' << quoted(ga->second) << ','
        << quoted(gb->second) << ',' << (ga->second == gb->second) << ',' << p.cosine << ',' << p.names << ','
        << p.participants << ',' << p.conflict << ',' << static_cast<int>(p.same_year) << ',' << p.date_compatible
        << ',' << p.participants_compatible << ',' << p.score << ',';
    // Days between when the two say their events happened (year aside; empty when either is
    // unknown), and whether either day comes from the text rather than a date field.
    const auto& days_a = prepared.features.calendar_days[p.a];
    const auto& days_b = prepared.features.calendar_days[p.b];
    if (days_a && days_b) csv << calendar_gap(*days_a, *days_b);
    csv << ',' << ((days_a && days_a->stated) || (days_b && days_b->stated)) << ',' << p.results_differ << ','
        << p.editions_differ << ',' << p.actions_differ << ',' << int(p.days_apart) << ',' << main_action(p.a) << ','
        << main_action(p.b) << ',' << p.counterparts_differ << ',' << p.venues_differ << ','
        << venue(p.a) << ',' << venue(p.b) << '\n';
  }
  return csv.str();
}

IncrementalOutcome evaluate_incremental(ReadResult batch, const Model& model, const LanguageIdentifier& identifier,
                                        const Options& options, const Gold& gold, size_t recluster_every) {
  Index index(model, identifier, options);
  IncrementalOutcome out;
  const auto start = std::chrono::steady_clock::now();
  for (auto& article : batch.articles) {
    try {
      index.add(std::move(article));
    } catch (const InputError& error) {
      ++out.refused;
      spdlog::warn("{}", error.what());
      continue;  // nothing added: no recluster due
    }
    if (recluster_every > 0 && index.size() % recluster_every == 0) out.moved += index.recluster().size();
  }
  if (recluster_every > 0) out.moved += index.recluster().size();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.added = index.size();
  out.report = evaluate(index.assignments(), gold);
  return out;
}

}  // namespace crossdup
