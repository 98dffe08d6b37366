#include <algorithm>
#include <chrono>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <omp.h>
#include <spdlog/spdlog.h>

#include "crossdup/pipeline.h"

namespace crossdup {
namespace {

// Each text cut to what a summary shows (ExecutionSettings::keep_text). The freed blocks lie
// between the batch's other small allocations, so glibc keeps them mapped unless asked: the
// pairs, one large block, could not reuse them, and the peak would not fall.
void cut_texts(std::vector<Article>& articles) {
  for (auto& a : articles) a.text = std::string(utf8_prefix(a.text, kShownTextBytes));
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The pairs re-combined with this run's weights and link rules (prepare's may differ), then
// clustered; `pairs` keeps the new scores for the reasons.
std::vector<EventCluster> rescore_and_cluster(std::vector<ScoredPair>& pairs, const BatchFeatures& features,
                                              const std::vector<Article>& articles, const Options& options) {
  rescore(pairs, features, options);
  return cluster_events(articles.size(), pairs, features.dates, options, articles);
}

// For each article, the member of its own cluster it scored best with.
std::vector<MatchReason> explain(const BatchResult& r, const BatchFeatures& f, const std::vector<ScoredPair>& pairs,
                                 const Options& options) {
  std::vector<MatchReason> reasons(r.articles.size());
  for (const auto& p : pairs) {
    if (r.cluster_of[p.a] != r.cluster_of[p.b]) continue;
    for (auto [self, other] : {std::pair{p.a, p.b}, std::pair{p.b, p.a}}) {
      auto& m = reasons[self];
      if (!m.has_match || p.score > m.score) {
        auto year = p.same_year > 0 ? f.years[self] : std::nullopt;
        m = {true,        other,   p.score,
             p.cosine,    p.names, p.participants,
             year,        {},      score_terms(p, f.langs[p.a] != f.langs[p.b], options),
             std::nullopt};
        if (f.dates[self] && f.dates[other]) m.days_apart = date_gap(*f.dates[self], *f.dates[other]);
      }
    }
  }
  for (size_t i = 0; i < reasons.size(); ++i) {
    auto& m = reasons[i];
    if (!m.has_match) continue;
    m.shared_anchors = heaviest_shared_anchors(f.anchors[i], f.anchors[m.other], f.anchor_text);
  }
  return reasons;
}

}  // namespace

Pipeline::Pipeline(const Model& model, const LanguageIdentifier& identifier, Options options)
    : model_(model), identifier_(identifier), options_(std::move(options)) {}

PreparedBatch Pipeline::prepare(ReadResult batch, const ProgressCallback& progress) const {
  if (options_.threads > 0) omp_set_num_threads(options_.threads);
  PreparedBatch p;
  p.articles = std::move(batch.articles);
  p.rejects = std::move(batch.rejects);
  p.records_read = batch.records_read;
  auto report = [&](const char* stage, size_t done) {
    if (progress) progress(stage, done, 3);
  };
  auto t0 = std::chrono::steady_clock::now();
  report("languages", 0);
  assign_languages(p.articles, identifier_);
  report("features", 1);
  p.features = compute_features(p.articles, model_, options_);
  if (!options_.keep_text) cut_texts(p.articles);
  p.seconds_features = seconds_since(t0);
  spdlog::info("features: {} articles in {:.2f}s", p.articles.size(), p.seconds_features);

  auto t1 = std::chrono::steady_clock::now();
  report("pairs", 2);
  p.pairs = score_pairs(p.features, options_);
  p.seconds_score = seconds_since(t1);
  report("pairs", 3);
  spdlog::info("score: {} candidate pairs in {:.2f}s", p.pairs.size(), p.seconds_score);
  return p;
}

BatchResult Pipeline::cluster(const PreparedBatch& p, const Options& options) const {
  return cluster_prepared(p.articles, p.rejects, p.pairs, p, options);  // copies: p stays for a sweep
}

BatchResult Pipeline::cluster(PreparedBatch&& p, const Options& options) const {
  return cluster_prepared(std::move(p.articles), std::move(p.rejects), std::move(p.pairs), p, options);
}

BatchResult Pipeline::cluster_prepared(std::vector<Article> articles, std::vector<Reject> rejects,
                                       std::vector<ScoredPair> pairs, const PreparedBatch& p,
                                       const Options& options) const {
  const BatchFeatures& features = p.features;
  BatchResult r;
  r.articles = std::move(articles);
  r.rejects = std::move(rejects);
  r.records_read = p.records_read;
  r.candidate_pairs = pairs.size();
  r.names_only.resize(features.has_vector.size());
  for (size_t i = 0; i < r.names_only.size(); ++i) r.names_only[i] = !features.has_vector[i];
  r.happenings = features.happenings;
  r.seconds_features = p.seconds_features;
  r.seconds_score = p.seconds_score;
  auto t = std::chrono::steady_clock::now();
  r.clusters = rescore_and_cluster(pairs, features, r.articles, options);
  r.cluster_of.assign(r.articles.size(), 0);
  for (uint32_t c = 0; c < r.clusters.size(); ++c)
    for (uint32_t m : r.clusters[c].members) r.cluster_of[m] = c;
  r.reasons = explain(r, features, pairs, options);
  r.seconds_cluster = seconds_since(t);
  spdlog::info("cluster: {} clusters in {:.2f}s", r.clusters.size(), r.seconds_cluster);
  return r;
}

BatchResult Pipeline::run(ReadResult batch, const ProgressCallback& progress) const {
  return cluster(prepare(std::move(batch), progress), options_);  // moved: nothing copied
}

std::vector<Assignment> assignments_of(const BatchResult& r) {
  std::vector<Assignment> out;
  out.reserve(r.articles.size());
  for (size_t i = 0; i < r.articles.size(); ++i)
    out.push_back({r.articles[i].id, r.clusters[r.cluster_of[i]].id, r.articles[i].lang});
  return out;
}

std::vector<Assignment> assign_events(const PreparedBatch& p, const Options& options) {
  std::vector<ScoredPair> pairs = p.pairs;
  auto clusters = rescore_and_cluster(pairs, p.features, p.articles, options);
  std::vector<const std::string*> cluster_id(p.articles.size(), nullptr);
  for (const auto& c : clusters)
    for (uint32_t m : c.members) cluster_id[m] = &c.id;
  std::vector<Assignment> out;
  out.reserve(p.articles.size());
  for (size_t i = 0; i < p.articles.size(); ++i) out.push_back({p.articles[i].id, *cluster_id[i], p.articles[i].lang});
  return out;
}

}  // namespace crossdup
