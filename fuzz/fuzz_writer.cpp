// Any bytes as a JSONL feed, read and written back: every article's line in assignments.jsonl
// parses and gives back its id, title and passed-through fields; every reject's line parses
// and names its input line. Round trip through the writer, never a crash.
#include <cstdlib>
#include <sstream>

#include <nlohmann/json.hpp>

#include "crossdup/read.h"
#include "crossdup/write.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  crossdup::ReadResult read;
  crossdup::Options o;
  o.max_article_bytes = 4096;
  crossdup::read_jsonl(in, "fuzz", o, read);
  crossdup::BatchResult r;
  r.articles = read.articles;
  r.rejects = read.rejects;
  r.records_read = read.records_read;
  for (uint32_t i = 0; i < r.articles.size(); ++i) {  // each article its own event
    r.clusters.push_back({"ev-" + std::to_string(i), {i}});
    r.cluster_of.push_back(i);
  }
  r.reasons.resize(r.articles.size());
  std::istringstream assignments(crossdup::assignments_jsonl(r));
  std::string line;
  for (const auto& a : r.articles) {
    if (!std::getline(assignments, line)) std::abort();
    auto j = nlohmann::json::parse(line);  // throws (and the fuzzer reports it) if not JSON
    if (j.at("id") != a.id || j.at("title") != a.title) std::abort();
    for (const auto& [key, value] : a.extra.items())
      if (key != "cluster" && key != "source" && key != "truncated" && key != "lang_detected" && key != "names_only" &&
          j.at(key) != value)
        std::abort();
  }
  if (std::getline(assignments, line)) std::abort();  // one line per article, no more
  std::istringstream rejects(crossdup::rejects_jsonl(r));
  size_t n = 0;
  while (std::getline(rejects, line)) {
    auto j = nlohmann::json::parse(line);
    if (j.at("line") != r.rejects[n].origin.line) std::abort();
    ++n;
  }
  if (n != r.rejects.size()) std::abort();
  std::istringstream clusters(crossdup::clusters_jsonl(r));
  n = 0;
  while (std::getline(clusters, line))
    if (nlohmann::json::parse(line).at("members").at(0).at("id") != r.articles[n++].id) std::abort();
  if (n != r.clusters.size()) std::abort();
  return 0;
}
