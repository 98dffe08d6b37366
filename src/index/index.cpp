// The incremental index: the batch pipeline's features and pair score, one article at a time.
#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "crossdup/cluster.h"
#include "crossdup/error.h"
#include "crossdup/features.h"
#include "crossdup/index.h"
#include "crossdup/read.h"
#include "crossdup/score.h"

namespace crossdup {
namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr uint16_t kNoLanguage = UINT16_MAX;

// The new article's anchors encoded against the index's dictionary without changing it:
// names the index has never seen get ids past its end (they can match nothing in it).
struct QueryAnchors {
  AnchorVector all, lead;
  LeadNames names;
};

}  // namespace

struct Index::State {
  mutable std::shared_mutex mutex;
  // Per article, in order of addition.
  std::vector<std::string> ids;
  std::vector<uint16_t> language_of;  // kNoLanguage: no document vector
  BatchFeatures features;             // anchors, lead anchors, runs, langs, dates (vectors unused)
  RowMatrix unit_vectors;             // uncentred unit document vectors; rows >= ids.size() are spare
  std::unordered_map<std::string, uint32_t> position_of;
  AnchorDictionary dictionary;
  AnchorPostings postings;  // anchor id -> articles naming it
  // Per language with vectors: the sum of unit document vectors and their count.
  std::vector<std::string> languages;
  std::vector<Eigen::RowVectorXf> sums;
  std::vector<size_t> counts;
  // Events: each article's event, named by its first member (its oldest article), and each
  // event's members in order of addition (empty for articles that do not name an event).
  std::vector<uint32_t> event_of;
  std::vector<std::vector<uint32_t>> members_of;
  // Every pair scored on addition (a < b): add() and recluster() cluster again from them.
  // 16 bytes a pair, about 100 pairs an article, and 8 more for its two entries in pairs_of.
  struct StoredPair {
    uint32_t a, b;
    float score;
    bool vetoed;
  };
  std::vector<StoredPair> pairs;
  std::vector<std::vector<uint32_t>> pairs_of;  // per article: its pairs (indices into `pairs`)
};

namespace {

uint16_t language_slot(Index::State& s, const std::string& lang, int dim) {
  auto it = std::find(s.languages.begin(), s.languages.end(), lang);
  if (it != s.languages.end()) return static_cast<uint16_t>(it - s.languages.begin());
  s.languages.push_back(lang);
  s.sums.push_back(Eigen::RowVectorXf::Zero(dim));
  s.counts.push_back(0);
  return static_cast<uint16_t>(s.languages.size() - 1);
}

// The centring means of every language, counting the article being scored (when it has a
// vector) as the batch pipeline counts every article of its batch.
std::vector<Eigen::RowVectorXf> current_means(const Index::State& s, const ArticleFeatures& x, const Model& model,
                                              const Options& o) {
  std::vector<Eigen::RowVectorXf> means;
  for (size_t l = 0; l < s.languages.size(); ++l) {
    Eigen::RowVectorXf sum = s.sums[l];
    size_t count = s.counts[l];
    if (x.has_vector && x.lang == s.languages[l]) sum += x.vector, ++count;
    means.push_back(centring_mean(sum, count, model.language(s.languages[l]), o));
  }
  return means;
}

// Cosines of the new article with every stored one, each side centred on its language's
// current mean: (r - m) . y / |r - m|, with |r - m|^2 = 1 - 2 r.m + m.m for unit r.
std::vector<float> cosines_with(const Index::State& s, const ArticleFeatures& x, const Model& model, const Options& o) {
  const size_t n = s.ids.size();
  std::vector<float> out(n, 0.f);
  if (!x.has_vector || n == 0) return out;
  auto means = current_means(s, x, model, o);
  Eigen::RowVectorXf y = x.vector;
  auto own = std::find(s.languages.begin(), s.languages.end(), x.lang);
  if (own != s.languages.end()) centre(y, means[static_cast<size_t>(own - s.languages.begin())]);
  else centre(y, centring_mean(x.vector, 1, model.language(x.lang), o));
  const auto rows = s.unit_vectors.topRows(static_cast<Eigen::Index>(n));
  // A matrix-vector product only: it stays on the calling thread.
  Eigen::VectorXf dots = rows * y.transpose();
  std::vector<float> mean_dot_query, mean_norm_squared;
  for (const auto& m : means) mean_dot_query.push_back(m.dot(y)), mean_norm_squared.push_back(m.squaredNorm());
  for (size_t i = 0; i < n; ++i) {
    const uint16_t l = s.language_of[i];
    if (l == kNoLanguage) continue;
    // Each row against its own language's mean only (a product of every row with every
    // language's mean was three quarters of this scan).
    const float along_mean = rows.row(static_cast<Eigen::Index>(i)).dot(means[l]);
    const float numerator = dots(static_cast<Eigen::Index>(i)) - mean_dot_query[l];
    const float norm_squared = 1.f - 2.f * along_mean + mean_norm_squared[l];
    if (norm_squared > 1e-12f) out[i] = numerator / std::sqrt(norm_squared);
  }
  return out;
}

QueryAnchors encode_for_query(const Index::State& s, const ArticleFeatures& x, const Options& o) {
  // A copy of the dictionary would be costly; unknown keys get ids past its end instead.
  std::map<std::string, uint32_t> unseen;
  auto id_of = [&](const std::string& key) {
    if (auto known = s.dictionary.find(key)) return *known;
    auto [it, fresh] = unseen.emplace(key, static_cast<uint32_t>(s.dictionary.texts().size() + unseen.size()));
    return it->second;
  };
  QueryAnchors q;
  AnchorDictionary::encode_with(x, o, id_of, q.all, q.lead, q.names);
  return q;
}

// Candidates as the batch proposes them: among the stored articles its date field allows, the
// neighbours by cosine above the floor that choose_neighbours keeps, and its best partners by
// shared names (anchor_neighbours).
std::vector<uint32_t> candidates_for(const Index::State& s, const std::vector<float>& cosines, const QueryAnchors& q,
                                     const std::string& lang, const std::optional<DateRange>& date, const Options& o) {
  const PartnerDates dates{&date, &s.features.dates, o.max_date_gap_days};
  std::vector<std::vector<Neighbour>> by_language(s.languages.size());
  for (uint32_t i = 0; i < cosines.size(); ++i)
    if (s.language_of[i] != kNoLanguage && cosines[i] >= o.candidate_floor && !dates.rule_out(i))
      by_language[s.language_of[i]].emplace_back(cosines[i], i);
  const size_t own = static_cast<size_t>(std::find(s.languages.begin(), s.languages.end(), lang) - s.languages.begin());
  auto by_cosine = choose_neighbours(std::move(by_language), own, o);
  std::vector<uint32_t> out;
  for (auto& [c, i] : by_cosine) out.push_back(i);
  // Past the end: the new article is not in the postings yet.
  for (uint32_t i : anchor_neighbours(q.all, s.postings, static_cast<uint32_t>(s.ids.size()), o.max_neighbours, dates))
    out.push_back(i);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

struct Scored {
  uint32_t other;
  ScoredPair pair;
  bool cross_language;  // the stored article's language is not the query's
};

std::vector<Scored> score_against(const Index::State& s, const ArticleFeatures& x, const Model& model, const Options& o,
                                  QueryAnchors& q) {
  q = encode_for_query(s, x, o);
  auto cosines = cosines_with(s, x, model, o);
  PairSide self{{q.all, q.lead, q.names}, x.lang, x.date, x.year, x.calendar_days, x.results, x.happening};
  std::vector<Scored> out;
  for (uint32_t i : candidates_for(s, cosines, q, x.lang, x.date, o))
    out.push_back({i, score_pair(pair_side(s.features, i), self, cosines[i], o), s.features.langs[i] != x.lang});
  return out;
}

std::string event_of(const Index::State& s, uint32_t article) { return event_id_for(s.ids[s.event_of[article]]); }

std::vector<Duplicate> duplicates_among(const Index::State& s, const std::vector<Scored>& scored, const QueryAnchors& q,
                                        const Options& o) {
  std::vector<Duplicate> out;
  std::vector<const Scored*> kept;
  for (const auto& c : scored)
    if (c.pair.may_link() && c.pair.score >= o.threshold) kept.push_back(&c);
  std::stable_sort(kept.begin(), kept.end(), [](auto* a, auto* b) { return a->pair.score > b->pair.score; });
  for (const Scored* c : kept) {
    Duplicate d{s.ids[c->other],
                event_of(s, c->other),
                c->pair.score,
                c->pair.cosine,
                c->pair.names,
                {},
                score_terms(c->pair, c->cross_language, o)};
    d.shared_anchors = heaviest_shared_anchors(q.all, s.features.anchors[c->other], s.dictionary.texts());
    out.push_back(std::move(d));
  }
  return out;
}

// Keeps the article's features and makes it a singleton event; returns its index.
uint32_t store(Index::State& s, const std::string& id, ArticleFeatures x, const Model& model, const Options& o) {
  const auto i = static_cast<uint32_t>(s.ids.size());
  const int dim = model.dim();
  if (s.unit_vectors.rows() <= static_cast<Eigen::Index>(i))  // grow by doubling: amortised O(1) per add
    s.unit_vectors.conservativeResize(std::max<Eigen::Index>(64, 2 * s.unit_vectors.rows()), dim);
  s.unit_vectors.row(i).setZero();
  uint16_t lang = kNoLanguage;
  if (x.has_vector) {
    lang = language_slot(s, x.lang, dim);
    s.unit_vectors.row(i) = x.vector;
    s.sums[lang] += x.vector;
    ++s.counts[lang];
  }
  auto& f = s.features;
  f.anchors.emplace_back();
  f.lead_anchors.emplace_back();
  f.lead_names.emplace_back();
  s.dictionary.encode(x, o, f.anchors.back(), f.lead_anchors.back(), f.lead_names.back());
  f.has_vector.push_back(x.has_vector);
  f.langs.push_back(x.lang);
  f.dates.push_back(x.date);
  f.calendar_days.push_back(x.calendar_days);
  f.results.push_back(x.results);
  f.happenings.push_back(x.happening);
  f.years.push_back(x.year);
  if (s.postings.size() < s.dictionary.texts().size()) s.postings.resize(s.dictionary.texts().size());
  for (auto& [anchor, w] : f.anchors.back().entries) s.postings[anchor].emplace_back(i, w);
  s.ids.push_back(id);
  s.pairs_of.emplace_back();
  s.event_of.push_back(i);
  s.members_of.push_back({i});
  s.language_of.push_back(lang);
  s.position_of.emplace(id, i);
  return i;
}

// Keeps the new article's pairs, and where each is, for clustering again later.
void store_pairs(Index::State& s, uint32_t article, const std::vector<Scored>& scored) {
  for (const auto& c : scored) {
    const auto at = static_cast<uint32_t>(s.pairs.size());
    s.pairs.push_back({c.other, article, c.pair.score, !c.pair.may_link()});
    s.pairs_of[c.other].push_back(at);
    s.pairs_of[article].push_back(at);
  }
}

// Events around a new article: those holding a pair with it that reaches the threshold, best
// pair first (on dev/mixed, widening this to half the threshold changed nothing; README).
std::vector<uint32_t> events_around(const Index::State& s, const std::vector<Scored>& scored, double threshold) {
  std::vector<std::pair<float, uint32_t>> linked;  // (pair score, event)
  for (const auto& c : scored)
    if (c.pair.may_link() && c.pair.score >= threshold) linked.emplace_back(c.pair.score, s.event_of[c.other]);
  std::sort(linked.begin(), linked.end(),
            [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
  std::vector<uint32_t> events;
  for (const auto& [score, event] : linked)
    if (std::find(events.begin(), events.end(), event) == events.end()) events.push_back(event);
  return events;
}

size_t pairs_of_event(const Index::State& s, uint32_t event) {
  size_t n = 0;
  for (uint32_t m : s.members_of[event]) n += s.pairs_of[m].size();
  return n;
}

// The new article and the events around it whose stored pairs fit in the budget, sorted.
std::vector<uint32_t> articles_around(const Index::State& s, uint32_t article, const std::vector<uint32_t>& events,
                                      size_t pair_budget) {
  std::vector<uint32_t> members{article};
  size_t pairs = s.pairs_of[article].size();
  for (uint32_t event : events) {
    const size_t more = pairs_of_event(s, event);
    if (pairs + more > pair_budget) break;
    pairs += more;
    members.insert(members.end(), s.members_of[event].begin(), s.members_of[event].end());
  }
  std::sort(members.begin(), members.end());
  return members;
}

// The articles (sorted) clustered from the pairs among them alone, with the batch's average
// linkage (dates, vetoes and threshold as in the batch): each one's group, named by its
// first member.
std::vector<uint32_t> cluster_among(const Index::State& s, const std::vector<uint32_t>& members, const Options& o) {
  AverageLinkage linkage(o.threshold, o.max_date_gap_days);
  for (uint32_t m : members) linkage.add_article(s.features.dates[m]);
  auto rank_of = [&](uint32_t x) -> std::optional<uint32_t> {
    auto it = std::lower_bound(members.begin(), members.end(), x);
    if (it == members.end() || *it != x) return std::nullopt;
    return static_cast<uint32_t>(it - members.begin());
  };
  for (uint32_t k = 0; k < members.size(); ++k)
    for (uint32_t p : s.pairs_of[members[k]]) {
      const auto& pair = s.pairs[p];
      const uint32_t other = pair.a == members[k] ? pair.b : pair.a;
      if (other <= members[k]) continue;  // each pair once, from its smaller side
      if (auto j = rank_of(other)) linkage.add_pair(k, *j, pair.score, pair.vetoed);
    }
  linkage.merge_all();
  std::vector<uint32_t> first_of;  // members are sorted, so a group's first member is its oldest
  for (uint32_t k = 0; k < members.size(); ++k) first_of.push_back(members[linkage.cluster_of(k)]);
  return first_of;
}

constexpr uint32_t kNoArticle = UINT32_MAX;

// Gives each article its new event; returns the articles whose event changed, the new article
// (if any) aside, in order of addition.
std::vector<Move> move_to_events(Index::State& s, const std::vector<uint32_t>& members,
                                 const std::vector<uint32_t>& first_of, uint32_t new_article) {
  std::vector<Move> moved;
  for (uint32_t m : members) s.members_of[m].clear();
  for (size_t k = 0; k < members.size(); ++k) {
    const uint32_t m = members[k], before = s.event_of[m];
    s.event_of[m] = first_of[k];
    s.members_of[first_of[k]].push_back(m);
    if (m != new_article && before != first_of[k])
      moved.push_back({s.ids[m], event_id_for(s.ids[before]), event_id_for(s.ids[first_of[k]])});
  }
  return moved;
}

// When the new article can join an event, it and the events around it are clustered again
// from their stored pairs, so that what it reveals can undo earlier one-at-a-time choices
// there: events merge, split and re-form as the batch would form them (README, "Library").
// Average linkage merges an article only with a cluster whose mean score with it reaches the
// threshold, so with no pair that high it starts its own event and nothing else changes.
void recluster_around(Index::State& s, uint32_t article, const std::vector<Scored>& scored, const Options& o,
                      Addition& result) {
  const auto events = events_around(s, scored, o.threshold);
  if (events.empty()) return;
  const auto members = articles_around(s, article, events, o.incremental_pair_budget);
  if (members.size() == 1) {  // the best event alone is too large to cluster again: join it
    s.members_of[article].clear();
    s.event_of[article] = events.front();
    s.members_of[events.front()].push_back(article);
    return;
  }
  result.moved = move_to_events(s, members, cluster_among(s, members, o), article);
  for (uint32_t e : events)
    if (s.event_of[e] != e) result.merged_events.push_back(event_id_for(s.ids[e]));  // its oldest moved away
}

}  // namespace

Index::Index(const Model& model, const LanguageIdentifier& identifier, Options options)
    : model_(model), identifier_(identifier), options_(std::move(options)), state_(std::make_unique<State>()) {}

Index::~Index() = default;

namespace {

// Cleaning, language and features: everything that needs no lock.
ArticleFeatures prepare(Article& a, const Model& model, const LanguageIdentifier& identifier, const Options& o) {
  if (a.id.empty()) throw InputError("article without an id: every article needs one");
  std::string problem = clean_article(a, o);
  if (!problem.empty()) throw InputError("article " + a.id + ": " + problem);
  a.lang = normalise_language_code(a.lang);
  if (a.lang.empty()) {
    a.lang = identifier.identify(a.title + "\n" + a.text).code;
    a.lang_detected = true;
  }
  return extract_features(a, model, o);
}

}  // namespace

Addition Index::add(Article article) {
  ArticleFeatures x = prepare(article, model_, identifier_, options_);
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  if (s.position_of.count(article.id)) throw InputError("article " + article.id + ": id already in the index");
  QueryAnchors q;
  auto scored = score_against(s, x, model_, options_, q);
  Addition result;
  result.names_only = !x.has_vector;
  const uint32_t i = store(s, article.id, std::move(x), model_, options_);
  store_pairs(s, i, scored);
  recluster_around(s, i, scored, options_, result);
  const uint32_t first = s.event_of[i];
  result.event_id = event_id_for(s.ids[first]);
  result.new_event = first == i;  // an event is named by its oldest article
  result.duplicates = duplicates_among(s, scored, q, options_);
  return result;
}

std::vector<Duplicate> Index::duplicates_of(Article article) const {
  ArticleFeatures x = prepare(article, model_, identifier_, options_);
  const State& s = *state_;
  std::shared_lock lock(s.mutex);
  QueryAnchors q;
  auto scored = score_against(s, x, model_, options_, q);
  return duplicates_among(s, scored, q, options_);
}

std::vector<Move> Index::recluster() {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  // The batch's path over every stored pair: every article a singleton, then merges.
  std::vector<uint32_t> all(s.ids.size());
  std::iota(all.begin(), all.end(), 0u);
  return move_to_events(s, all, cluster_among(s, all, options_), kNoArticle);
}

size_t Index::size() const {
  std::shared_lock lock(state_->mutex);
  return state_->ids.size();
}

bool Index::contains(const std::string& id) const {
  std::shared_lock lock(state_->mutex);
  return state_->position_of.count(id) > 0;
}

std::vector<Assignment> Index::assignments() const {
  std::shared_lock lock(state_->mutex);
  const State& s = *state_;
  std::vector<Assignment> out;
  out.reserve(s.ids.size());
  for (uint32_t i = 0; i < s.ids.size(); ++i) out.push_back({s.ids[i], event_of(s, i), s.features.langs[i]});
  return out;
}

}  // namespace crossdup
