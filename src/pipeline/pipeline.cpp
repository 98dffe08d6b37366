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

// The texts of articles [begin, end) cut to what a summary shows (ExecutionSettings::keep_text),
// chunk by chunk as the features stage is done with them: the whole texts are never held
// together with all the features.
void cut_texts(std::vector<Article>& articles, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) articles[i].text = std::string(utf8_prefix(articles[i].text, kShownTextBytes));
}

// The freed blocks lie between the batch's other small allocations, so glibc keeps them mapped
// unless asked: the pairs, one large block, could not reuse them, and the peak would not fall.
void give_back_freed_memory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The pairs explain() reads: those that reach the threshold, in batch order. An article of a
// cluster of two or more first joined it as a singleton whose mean score with the other side
// reached the threshold, so one of its pairs inside the cluster does, and its best pair there
// is one of these (with a threshold of 0 or below a merge needs no scored pair: then all).
std::vector<LinkPair> pairs_reasons_read(const LinkPairBlocks& pairs, double threshold) {
  std::vector<LinkPair> kept;
  pairs.for_each([&](const LinkPair& p) {
    if (threshold <= 0 || static_cast<double>(p.score) >= threshold) kept.push_back(p);
  });
  return kept;
}

// For each article, the member of its own cluster it scored best with (the first such pair in
// batch order), with that pair's signals scored again: only one pair an article is kept whole.
std::vector<MatchReason> explain(const BatchResult& r, const BatchFeatures& f, const std::vector<LinkPair>& pairs,
                                 const Options& options) {
  constexpr size_t kNone = SIZE_MAX;
  std::vector<size_t> best(r.articles.size(), kNone);
  for (size_t k = 0; k < pairs.size(); ++k) {
    const LinkPair& p = pairs[k];
    if (r.cluster_of[p.a] != r.cluster_of[p.b]) continue;
    for (uint32_t self : {p.a, static_cast<uint32_t>(p.b)})
      if (best[self] == kNone || p.score > pairs[best[self]].score) best[self] = k;
  }
  std::vector<MatchReason> reasons(r.articles.size());
#pragma omp parallel for schedule(dynamic, 256)
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (best[i] == kNone) continue;
    const LinkPair& link = pairs[best[i]];
    const ScoredPair p = score_pair(f, link.a, link.b, options);
    const uint32_t other = link.a == i ? link.b : link.a;
    auto year = p.same_year > 0 ? f.years[i] : std::nullopt;
    MatchReason& m = reasons[i];
    m = {true, other, link.score, p.cosine, p.names, p.participants, year, {},
         score_terms(p, f.langs[p.a] != f.langs[p.b], options), std::nullopt};
    if (f.dates[i] && f.dates[other]) m.days_apart = date_gap(*f.dates[i], *f.dates[other]);
    m.shared_anchors = heaviest_shared_anchors(f.anchors[i], f.anchors[other], f.anchor_text);
  }
  return reasons;
}

}  // namespace

Pipeline::Pipeline(const Model& model, const LanguageIdentifier& identifier, Options options)
    : model_(model), identifier_(identifier), options_(std::move(options)) {}

PreparedBatch Pipeline::prepare_features(ReadResult batch, const ProgressCallback& progress) const {
  if (options_.threads > 0) omp_set_num_threads(options_.threads);
  PreparedBatch p;
  p.articles = std::move(batch.articles);
  p.rejects = std::move(batch.rejects);
  p.records_read = batch.records_read;
  if (progress) progress("languages", 0, 3);
  auto t0 = std::chrono::steady_clock::now();
  assign_languages(p.articles, identifier_);
  if (progress) progress("features", 1, 3);
  std::function<void(size_t, size_t)> done_with;
  if (!options_.keep_text) done_with = [&p](size_t begin, size_t end) { cut_texts(p.articles, begin, end); };
  p.features = compute_features(p.articles, model_, options_, done_with);
  give_back_freed_memory();
  p.seconds_features = seconds_since(t0);
  spdlog::info("features: {} articles in {:.2f}s", p.articles.size(), p.seconds_features);
  if (progress) progress("pairs", 2, 3);
  return p;
}

PreparedBatch Pipeline::prepare(ReadResult batch, const ProgressCallback& progress) const {
  PreparedBatch p = prepare_features(std::move(batch), progress);
  auto t = std::chrono::steady_clock::now();
  p.pairs = score_pairs(p.features, options_);
  p.seconds_score = seconds_since(t);
  if (progress) progress("pairs", 3, 3);
  spdlog::info("score: {} candidate pairs in {:.2f}s", p.pairs.size(), p.seconds_score);
  return p;
}

BatchResult Pipeline::cluster(const PreparedBatch& p, const Options& options) const {
  // Copies of the articles, not of the pairs: p stays for a sweep.
  return cluster_links(p.articles, p.rejects, rescored_links(p.pairs, p.features, options), p, options);
}

BatchResult Pipeline::cluster(PreparedBatch&& p, const Options& options) const {
  auto links = rescored_links(p.pairs, p.features, options);
  std::vector<ScoredPair>().swap(p.pairs);  // nothing reads the whole pairs again
  return cluster_links(std::move(p.articles), std::move(p.rejects), std::move(links), p, options);
}

BatchResult Pipeline::cluster_links(std::vector<Article> articles, std::vector<Reject> rejects,
                                    LinkPairBlocks pairs, const PreparedBatch& p, const Options& options) const {
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
  const std::vector<LinkPair> strong = pairs_reasons_read(pairs, options.threshold);
  r.clusters = cluster_events(r.articles.size(), std::move(pairs), features.dates, options, r.articles);
  r.cluster_of.assign(r.articles.size(), 0);
  for (uint32_t c = 0; c < r.clusters.size(); ++c)
    for (uint32_t m : r.clusters[c].members) r.cluster_of[m] = c;
  r.reasons = explain(r, features, strong, options);
  r.seconds_cluster = seconds_since(t);
  spdlog::info("cluster: {} clusters in {:.2f}s", r.clusters.size(), r.seconds_cluster);
  return r;
}

// Scored straight into what clustering reads: the whole pairs are never held (a third of the
// memory of prepare + cluster), since this run clusters once with the options it scored with.
BatchResult Pipeline::run(ReadResult batch, const ProgressCallback& progress) const {
  PreparedBatch p = prepare_features(std::move(batch), progress);
  auto t = std::chrono::steady_clock::now();
  LinkPairBlocks pairs = score_link_pairs(p.features, options_);
  p.seconds_score = seconds_since(t);
  if (progress) progress("pairs", 3, 3);
  spdlog::info("score: {} candidate pairs in {:.2f}s", pairs.size(), p.seconds_score);
  return cluster_links(std::move(p.articles), std::move(p.rejects), std::move(pairs), p, options_);
}

std::vector<Assignment> assignments_of(const BatchResult& r) {
  std::vector<Assignment> out;
  out.reserve(r.articles.size());
  for (size_t i = 0; i < r.articles.size(); ++i)
    out.push_back({r.articles[i].id, r.clusters[r.cluster_of[i]].id, r.articles[i].lang});
  return out;
}

std::vector<Assignment> assign_events(const PreparedBatch& p, const Options& options) {
  auto clusters = cluster_events(p.articles.size(), rescored_links(p.pairs, p.features, options), p.features.dates,
                                 options, p.articles);
  std::vector<const std::string*> cluster_id(p.articles.size(), nullptr);
  for (const auto& c : clusters)
    for (uint32_t m : c.members) cluster_id[m] = &c.id;
  std::vector<Assignment> out;
  out.reserve(p.articles.size());
  for (size_t i = 0; i < p.articles.size(); ++i) out.push_back({p.articles[i].id, *cluster_id[i], p.articles[i].lang});
  return out;
}

}  // namespace crossdup
