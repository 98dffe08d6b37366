#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "crossdup/error.h"
#include "crossdup/happening.h"
#include "crossdup/write.h"

namespace crossdup {
namespace fs = std::filesystem;

double rounded3(float x) { return std::round(static_cast<double>(x) * 1000.0) / 1000.0; }

nlohmann::json terms_json(const ScoreTerms& terms) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : terms.named())
    if (value != 0) out[name] = rounded3(value);
  return out;
}

namespace {

using nlohmann::json;

json date_json(const Article& a) { return a.date ? json(format_date(*a.date)) : json(nullptr); }

// What the report's opening says happened, as the score reads it: null when it names no action,
// day, edition or counterpart. A stated day is written without its year ("--10-26"): the year is the date's.
json happening_json(const Happening& h) {
  json out = json::object();
  if (h.names_action()) {
    json actions = json::array();
    for (uint8_t k = 0; k < h.action_count; ++k) actions.push_back(ActionLexicon::built_in().name(h.actions[k]));
    out["actions"] = actions;
  }
  if (h.day && h.day->stated) {
    out["stated_day"] = format_month_day(h.day->first);
    if (h.day->part != PartOfDay::unknown) out["part_of_day"] = part_of_day_name(h.day->part);
  }
  if (h.edition) out["edition"] = h.edition;
  if (h.venue_count) {
    json venues = json::array();
    for (uint8_t k = 0; k < h.venue_count; ++k) venues.push_back(Gazetteer::built_in().code(h.venues[k]));
    out["places"] = venues;
  }
  if (!h.counterparts.empty()) {
    json names = json::array();
    for (const auto& c : h.counterparts) names.push_back(c.name);
    out["counterparts"] = names;
  }
  return out.empty() ? json(nullptr) : out;
}

}  // namespace

std::string assignments_jsonl(const BatchResult& r) {
  std::string out;
  for (size_t i = 0; i < r.articles.size(); ++i) {
    const Article& a = r.articles[i];
    json line = a.extra;  // passed-through fields first, so ours win on a name clash
    line["id"] = a.id;
    line["cluster"] = r.clusters[r.cluster_of[i]].id;
    line["lang"] = a.lang;
    line["date"] = date_json(a);
    line["title"] = a.title;
    if (!a.source.empty()) line["source"] = a.source;
    if (a.lang_detected) line["lang_detected"] = true;
    if (a.truncated) line["truncated"] = true;
    if (i < r.names_only.size() && r.names_only[i]) line["names_only"] = true;
    out += line.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
  }
  return out;
}

std::string clusters_jsonl(const BatchResult& r) {
  std::string out;
  for (const auto& c : r.clusters) {
    std::set<std::string> langs;
    std::optional<DateRange> span;
    json members = json::array();
    for (uint32_t m : c.members) {
      const Article& a = r.articles[m];
      langs.insert(a.lang);
      if (a.date)
        span = span ? DateRange{std::min(span->first, a.date->first), std::max(span->last, a.date->last)} : *a.date;
      json member = {{"id", a.id}, {"lang", a.lang}, {"title", a.title}, {"date", date_json(a)}};
      if (m < r.happenings.size()) member["happening"] = happening_json(r.happenings[m]);
      const MatchReason& why = r.reasons[m];
      if (why.has_match) {
        member["best_match"] = {{"id", r.articles[why.other].id},
                                {"score", rounded3(why.score)},
                                {"cosine", rounded3(why.cosine)},
                                {"names", rounded3(why.names)},
                                {"participants", rounded3(why.participants)},
                                {"shared_names", why.shared_anchors}};
        if (why.shared_year) member["best_match"]["shared_year"] = *why.shared_year;
        if (why.days_apart) member["best_match"]["days_apart"] = *why.days_apart;
        member["best_match"]["terms"] = terms_json(why.terms);
      }
      members.push_back(std::move(member));
    }
    json line = {{"id", c.id},
                 {"size", c.members.size()},
                 {"languages", langs},
                 {"date_range", span ? json::array({format_date(DateRange{span->first, span->first}),
                                                    format_date(DateRange{span->last, span->last})})
                                     : json(nullptr)},
                 {"members", members}};
    out += line.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
  }
  return out;
}

std::string rejects_jsonl(const BatchResult& r) {
  std::string out;
  for (const auto& rej : r.rejects) {
    json line = {{"input", rej.origin.input}, {"line", rej.origin.line}, {"reason", rej.reason}};
    line["id"] = rej.id.empty() ? json(nullptr) : json(rej.id);
    out += line.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
  }
  return out;
}

void write_outputs(const std::string& out_dir, const BatchResult& r) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw Error(out_dir + ": cannot create output folder: " + ec.message());
  // All three are written in full before any is renamed, and assignments.jsonl goes last:
  // a run killed on the way leaves the previous outputs or temporary files, never a mix
  // that looks complete.
  auto in_out_dir = [&](const char* name) { return (fs::path(out_dir) / name).string(); };
  write_files_atomically({{in_out_dir("rejects.jsonl"), rejects_jsonl(r)},
                          {in_out_dir("clusters.jsonl"), clusters_jsonl(r)},
                          {in_out_dir("assignments.jsonl"), assignments_jsonl(r)}});
}

void write_summary(std::ostream& out, const BatchResult& r, size_t max_clusters) {
  size_t multi = 0, cross = 0;
  for (const auto& c : r.clusters) {
    if (c.members.size() < 2) continue;
    ++multi;
    std::map<std::string, std::vector<uint32_t>> by_lang;
    for (uint32_t m : c.members) by_lang[r.articles[m].lang].push_back(m);
    cross += by_lang.size() > 1;
    if (multi > max_clusters) continue;
    out << c.id << "  " << c.members.size() << " reports";
    for (auto& [lang, ms] : by_lang) out << "  " << lang << ":" << ms.size();
    out << '\n';
    for (auto& [lang, ms] : by_lang)
      for (uint32_t m : ms) {
        const Article& a = r.articles[m];
        std::string title(utf8_prefix(a.title.empty() ? a.text : a.title, 100));
        for (auto& ch : title)
          if (ch == '\n') ch = ' ';
        out << "    [" << lang << "] " << (a.date ? format_date(*a.date) : std::string("----------")) << "  " << a.id
            << "  " << title << '\n';
      }
  }
  if (multi > max_clusters) out << "... and " << (multi - max_clusters) << " more clusters with 2+ reports\n";
  out << "read " << r.records_read << " = assigned " << r.articles.size() << " + rejected " << r.rejects.size() << "; "
      << r.clusters.size() << " clusters, " << multi << " with 2+ reports, " << cross << " across languages\n";
}

}  // namespace crossdup
