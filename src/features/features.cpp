// Features stage: document vectors and anchors (names, numbers) per article.
#include <algorithm>
#include <string_view>
#include <cmath>
#include <map>
#include <unordered_set>

#include <omp.h>
#include <spdlog/spdlog.h>

#include "crossdup/features.h"
#include "crossdup/language.h"

namespace crossdup {
namespace {

// Words that are capitalised at the start of a sentence tell nothing; mid-sentence capitals
// and numbers are names, places, organisations, figures and dates.
bool is_anchor(const Token& t) {
  if (t.has_digit) return t.text != "0";
  return t.capitalised && !t.sentence_start && t.text.size() >= 2;
}

struct Weighted {
  std::string text;  // the model's token; for anchors, a spelling (for its IDF)
  float weight;
  bool anchor;
  bool in_lead;            // title or lead: who and what the story is about
  std::string anchor_key;  // accent-stripped, for matching across languages
  // Names of several words ("Luong Cuong") in the title or the first conflict_tokens words:
  // which one. Only these can make two reports' participants conflict.
  int run = -1;
};

// Vietnamese place names written in two syllables are matched as one key, so that "Hà Nội"
// meets "Hanoi"/"Hanoï" and "Việt Nam" meets "Vietnam". Only pairs of capitalised syllables
// that look Vietnamese (a diacritic, or both short) and stand alone: longer runs are titles
// ("Chief Justice") or people ("Lê Minh Trí"), whose syllables match one by one anyway.
bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

bool looks_like_syllable(const Token& t) {
  return t.capitalised && !t.has_digit && (!is_ascii(t.text) || t.text.size() <= 4) && t.text.size() <= 8;
}

bool is_place_pair(const std::string& text, const std::vector<Token>& raw, size_t i) {
  if (i + 1 >= raw.size() || !looks_like_syllable(raw[i]) || !looks_like_syllable(raw[i + 1])) return false;
  if (is_ascii(raw[i].text) && is_ascii(raw[i + 1].text) && (raw[i].text.size() > 4 || raw[i + 1].text.size() > 4))
    return false;
  size_t gap = raw[i + 1].offset;
  if (gap == 0 || (text[gap - 1] != ' ' && text[gap - 1] != '-')) return false;
  bool capital_before =
      i > 0 && raw[i - 1].capitalised && raw[i - 1].offset + raw[i - 1].text.size() + 1 >= raw[i].offset;
  bool capital_after = i + 2 < raw.size() && raw[i + 2].capitalised &&
                       raw[i + 1].offset + raw[i + 1].text.size() + 1 >= raw[i + 2].offset;
  return !capital_before && !capital_after;
}

// A name's first word opening a sentence ("Mikhaïl Michoustine a également ..."): capitalised,
// and the next word too, right after it. Not an anchor (a capital there says nothing alone).
bool opens_sentence_with_name(const std::vector<Token>& raw, size_t k) {
  return raw[k].sentence_start && raw[k].capitalised && !raw[k].has_digit && k + 1 < raw.size() &&
         raw[k + 1].capitalised && !raw[k + 1].has_digit && written_together(raw[k], raw[k + 1]);
}

// The words the text writes capitalised in mid-sentence: its names.
std::unordered_set<std::string> names_in(const std::vector<Token>& text) {
  std::unordered_set<std::string> names;
  for (const auto& t : text)
    if (is_anchor(t) && !t.has_digit) names.insert(t.text);
  return names;
}

// Title, lead and body tokens with their position weights.
// `name_forms` receives the name words that are no anchors of their own (LeadNames::name_forms).
std::vector<Weighted> weighted_tokens(const Article& a, const Model& model, const FeatureSettings& o,
                                      std::vector<std::string>& name_forms) {
  std::vector<Weighted> out;
  int next_run = 0;
  // In a Title Case title a capital says nothing: "Checks", "Out" and "Rehab" are no names, and
  // as participants other reports never mention they made reports of one event conflict. There
  // a title word joins a participant's name only if the text also writes it capitalised in
  // mid-sentence. (It stays an anchor: as shared words, title words still help; measured.)
  const auto title_raw = tokenise(a.title), text_raw = tokenise(a.text);
  std::unordered_set<std::string> text_names;
  const bool title_case = is_title_case(title_raw);
  if (title_case) text_names = names_in(text_raw);
  auto is_confirmed_name = [&](const Token& t, bool is_title) {
    if (!is_anchor(t)) return false;
    return !is_title || !title_case || t.has_digit || text_names.count(t.text) > 0;
  };
  auto add_part = [&](const std::string& text, bool is_title) {
    auto weight_at = [&](size_t position) { return position_weight(o, is_title, position); };
    // Anchors are read from syllables, before joining: "Lê Minh Trí" must meet "Le Minh Tri".
    const auto& raw = is_title ? title_raw : text_raw;
    size_t previous_name_end = 0;  // byte after the last name word, to find names of several words
    bool previous_confirmed = false;
    for (size_t k = 0; k < raw.size(); ++k) {
      const size_t start = k;
      bool lead = is_title || k < o.participant_tokens;
      bool follows_name = !out.empty() && out.back().anchor && raw[k].offset == previous_name_end + 1;
      const bool confirmed = is_confirmed_name(raw[k], is_title);
      if (is_place_pair(text, raw, k)) {
        std::string first = strip_accents(raw[k].text), second = strip_accents(raw[k + 1].text);
        out.push_back({raw[k].text + "_" + raw[k + 1].text, weight_at(k), true, lead, first + second});
        name_forms.push_back(std::move(first));
        name_forms.push_back(std::move(second));
        ++k;
      } else if (opens_sentence_with_name(raw, k)) {
        name_forms.push_back(strip_accents(raw[k].text));
        continue;
      } else if (is_anchor(raw[k])) {
        out.push_back({raw[k].text, weight_at(k), true, lead, strip_accents(raw[k].text)});
        if (raw[k].has_digit) continue;  // figures are anchors but never part of a name
      } else {
        continue;
      }
      previous_name_end = raw[k].offset + raw[k].text.size();
      // A capitalised word right after another starts or extends a multi-word name (a run).
      const bool principal = is_title || k < o.conflict_tokens;  // where the story's principals are named
      const bool joins = confirmed && previous_confirmed;
      previous_confirmed = confirmed;
      if (joins && lead && principal && follows_name && start > 0 && out.size() >= 2) {
        Weighted& before = out[out.size() - 2];
        if (before.run < 0) before.run = next_run++;
        out.back().run = before.run;
      }
    }
    auto words = model_tokens(text, a.lang, model);
    for (size_t k = 0; k < words.size(); ++k)
      out.push_back({std::move(words[k].text), weight_at(k), false, is_title || k < o.participant_tokens, {}});
  };
  add_part(a.title, true);
  add_part(a.text, false);
  return out;
}

void document_vector(const std::vector<Weighted>& tokens, const LanguageSpace* space, float sif, float* out, int dim,
                     bool& has_vector) {
  std::fill(out, out + dim, 0.f);
  has_vector = false;
  if (!space) return;
  std::vector<float> word(static_cast<size_t>(dim));
  const WordVectors& table = *space->vectors;
  double total = 0;
  const double documents = static_cast<double>(space->documents);
  for (const auto& t : tokens) {
    if (t.anchor) continue;
    int64_t i = table.find(t.text);
    float weight = t.weight;
    if (sif > 0 && i >= 0 && documents > 0)
      weight *= static_cast<float>(sif / (sif + table.document_frequency(i) / documents));
    if (i >= 0) table.unit_vector(i, word.data());
    else if (!table.unit_vector_for_unknown(t.text, word.data())) continue;
    for (int k = 0; k < dim; ++k) out[k] += weight * word[k];
    total += weight;
  }
  if (total == 0) return;
  has_vector = true;
  for (int k = 0; k < dim; ++k) out[k] /= static_cast<float>(total);
}

// IDF of an anchor from the model's training documents, so that weights do not depend on the
// batch. Words the model does not know are rare names or figures: they get the full weight.
float anchor_idf(const std::string& folded, const LanguageSpace* space) {
  return space ? training_idf(*space, space->vectors->find(folded)) : 1.f;
}

}  // namespace

float position_weight(const FeatureSettings& o, bool in_title, size_t position) {
  return in_title                   ? static_cast<float>(o.title_weight)
         : position < o.lead_tokens ? static_cast<float>(o.lead_weight)
                                    : 1.f;
}

float training_idf(const LanguageSpace& space, int64_t word) {
  if (space.documents == 0) return 1.f;
  double n = static_cast<double>(space.documents);
  double df = word >= 0 ? space.vectors->document_frequency(word) : 0.0;
  return static_cast<float>(std::log((n + 1.0) / (df + 1.0)) / std::log(n + 1.0));
}

std::vector<Token> model_tokens(const std::string& text, const std::string& lang, const Model& model) {
  auto tokens = tokenise(text);
  const LanguageSpace* space = model.language(lang);
  if (space && space->joiner) space->joiner->join(tokens);
  return tokens;
}

void assign_languages(std::vector<Article>& articles, const LanguageIdentifier& identifier) {
#pragma omp parallel for schedule(dynamic, 16)
  for (size_t i = 0; i < articles.size(); ++i) {
    Article& a = articles[i];
    if (!a.lang.empty()) continue;
    auto guess = identifier.identify(a.title + "\n" + a.text);
    a.lang = guess.code;
    a.lang_detected = true;
  }
}

namespace {

// The IDF-weighted share of `lead`'s names that `other` mentions anywhere.
float coverage(const AnchorVector& lead, const AnchorVector& other) {
  float total = 0, found = 0;
  size_t j = 0;
  for (const auto& [id, idf] : lead.entries) {
    total += idf;
    while (j < other.entries.size() && other.entries[j].first < id) ++j;
    if (j < other.entries.size() && other.entries[j].first == id) found += idf;
  }
  return total > 0 ? found / total : 0.f;
}

// Whether anchor `id` is among `v`'s (sorted by id).
bool holds(const AnchorVector& v, uint32_t id) {
  auto it = std::lower_bound(v.entries.begin(), v.entries.end(), std::make_pair(id, -1e30f));
  return it != v.entries.end() && it->first == id;
}

// How strongly `a`'s lead names someone `b` never mentions: for each name of several words,
// the rarity of its rarest word that `b` lacks; the largest over the names.
float unmatched_participant(const LeadNames& names, const AnchorVector& b) {
  float strongest = 0;
  for (const auto& run : names.runs)
    for (const auto& [id, idf] : run)
      if (!holds(b, id)) strongest = std::max(strongest, idf);
  return strongest;
}

}  // namespace

float participant_overlap(const AnchorView& a, const AnchorView& b) {
  return std::min(coverage(a.lead, b.all), coverage(b.lead, a.all));
}

float participant_conflict(const AnchorView& a, const AnchorView& b) {
  return std::min(unmatched_participant(a.names, b.all), unmatched_participant(b.names, a.all));
}

bool counterparts_differ(const AnchorView& a, const AnchorView& b) {
  if (a.names.counterparts.empty() || b.names.counterparts.empty()) return false;
  return counterpart_missing(a, b) || counterpart_missing(b, a);
}

bool counterpart_missing(const AnchorView& a, const AnchorView& b) {
  auto mentioned = [&b](uint32_t id) {
    return holds(b.all, id) || std::binary_search(b.names.name_forms.begin(), b.names.name_forms.end(), id);
  };
  for (const auto& counterpart : a.names.counterparts)
    if (std::none_of(counterpart.begin(), counterpart.end(), mentioned)) return true;
  return false;
}

std::vector<std::string> heaviest_shared_anchors(const AnchorVector& self, const AnchorVector& other,
                                                 const std::vector<std::string>& anchor_text, size_t limit) {
  std::vector<uint32_t> shared;
  anchor_similarity(self, other, &shared);
  std::vector<std::pair<float, uint32_t>> weighted;
  for (auto& [id, w] : self.entries)
    if (std::binary_search(shared.begin(), shared.end(), id)) weighted.emplace_back(-w, id);
  std::sort(weighted.begin(), weighted.end());
  std::vector<std::string> out;
  for (size_t k = 0; k < weighted.size() && k < limit; ++k) out.push_back(anchor_text[weighted[k].second]);
  return out;
}

float anchor_similarity(const AnchorVector& a, const AnchorVector& b, std::vector<uint32_t>* shared) {
  float dot = 0;
  size_t i = 0, j = 0;
  while (i < a.entries.size() && j < b.entries.size()) {
    if (a.entries[i].first < b.entries[j].first) ++i;
    else if (a.entries[i].first > b.entries[j].first) ++j;
    else {
      dot += a.entries[i].second * b.entries[j].second;
      if (shared) shared->push_back(a.entries[i].first);
      ++i, ++j;
    }
  }
  return dot;
}

ArticleFeatures extract_features(const Article& article, const Model& model, const FeatureSettings& o) {
  // Figures in another script's digits ("১৪৯ কিলোমিটার") are read as ASCII digits, so that they
  // meet the same figures in other reports; the article itself is left as it was written.
  Article with_ascii_digits;
  const bool other_digits = has_non_ascii_digits(article.title) || has_non_ascii_digits(article.text);
  if (other_digits) {
    with_ascii_digits = article;
    with_ascii_digits.title = ascii_digits(article.title);
    with_ascii_digits.text = ascii_digits(article.text);
  }
  const Article& a = other_digits ? with_ascii_digits : article;
  ArticleFeatures out;
  const int dim = model.dim();
  const LanguageSpace* space = model.language(a.lang);
  auto tokens = weighted_tokens(a, model, o, out.name_forms);
  std::sort(out.name_forms.begin(), out.name_forms.end());
  out.name_forms.erase(std::unique(out.name_forms.begin(), out.name_forms.end()), out.name_forms.end());
  out.vector.setZero(dim);
  document_vector(tokens, space, static_cast<float>(o.word_sif), out.vector.data(), dim, out.has_vector);
  if (out.has_vector) out.vector.normalize();
  struct Seen {
    float weight = 0;
    const std::string* spelling = nullptr;
    bool in_lead = false;
    float idf = 0;
  };
  std::map<std::string, Seen> tf;
  for (const auto& t : tokens) {
    if (!t.anchor) continue;
    auto& e = tf[t.anchor_key];
    e.weight += t.weight;
    e.in_lead |= t.in_lead;
    if (!e.spelling) e.spelling = &t.text;
  }
  for (auto& [key, e] : tf) {
    e.idf = anchor_idf(*e.spelling, space);
    out.anchors.push_back({key, (1.f + std::log(e.weight)) * e.idf, e.idf, e.in_lead});
  }
  for (const auto& t : tokens) {
    if (t.run < 0) continue;
    if (out.lead_runs.size() <= static_cast<size_t>(t.run)) out.lead_runs.resize(static_cast<size_t>(t.run) + 1);
    out.lead_runs[static_cast<size_t>(t.run)].emplace_back(t.anchor_key, tf.at(t.anchor_key).idf);
  }
  out.lang = a.lang;
  out.date = a.date;
  out.year = main_year(a.title, a.text, a.date);
  out.calendar_days = a.date ? calendar_days_of(*a.date) : std::nullopt;
  if (!out.calendar_days) out.calendar_days = find_stated_day(a.title, a.text);
  out.results = find_stated_results(a.title, a.text, o.result_tokens);
  out.happening = read_happening(a.title, a.text, happening_window_tokens(a.lang, o.happening_tokens));
  return out;
}

Eigen::RowVectorXf centring_mean(const Eigen::RowVectorXf& sum, size_t count, const LanguageSpace* space,
                                 const FeatureSettings& o) {
  const Eigen::Index dim = sum.size();
  const double k = o.centering_prior;
  if (space && space->mean.size() == static_cast<size_t>(dim) && k > 0) {
    Eigen::RowVectorXf prior = Eigen::Map<const Eigen::RowVectorXf>(space->mean.data(), dim);
    return (sum + static_cast<float>(k) * prior) / static_cast<float>(static_cast<double>(count) + k);
  }
  if (count == 0) return Eigen::RowVectorXf::Zero(dim);
  return sum / static_cast<float>(count);
}

void centre(Eigen::Ref<Eigen::RowVectorXf> unit_vector, const Eigen::RowVectorXf& mean) {
  unit_vector -= mean;
  float norm = unit_vector.norm();
  if (norm > 0) unit_vector /= norm;
}

uint32_t AnchorDictionary::id_of(const std::string& key) {
  auto [it, fresh] = ids_.emplace(key, static_cast<uint32_t>(texts_.size()));
  if (fresh) texts_.push_back(key);
  return it->second;
}

std::optional<uint32_t> AnchorDictionary::find(const std::string& key) const {
  auto it = ids_.find(key);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

void AnchorDictionary::encode(const ArticleFeatures& a, const FeatureSettings& o, AnchorVector& anchors,
                              AnchorVector& lead, LeadNames& names) {
  encode_with(
      a, o, [this](const std::string& key) { return id_of(key); }, anchors, lead, names);
}

void AnchorDictionary::encode_with(const ArticleFeatures& a, const FeatureSettings& o,
                                   const std::function<uint32_t(const std::string&)>& id_of, AnchorVector& anchors,
                                   AnchorVector& lead, LeadNames& names) {
  auto& av = anchors.entries;
  double norm = 0;
  for (const auto& x : a.anchors) {
    uint32_t id = id_of(x.key);
    av.emplace_back(id, x.weight);
    if (x.in_lead) lead.entries.emplace_back(id, std::pow(x.idf, static_cast<float>(o.participant_idf_power)));
    norm += static_cast<double>(x.weight) * x.weight;
  }
  std::sort(av.begin(), av.end());
  std::sort(lead.entries.begin(), lead.entries.end());
  for (const auto& run : a.lead_runs) {
    if (run.empty()) continue;
    names.runs.emplace_back();
    for (const auto& [key, idf] : run) names.runs.back().emplace_back(id_of(key), idf);
  }
  for (const auto& counterpart : a.happening.counterparts) {
    names.counterparts.emplace_back();
    for (const auto& key : counterpart.keys) names.counterparts.back().push_back(id_of(key));
  }
  for (const auto& key : a.name_forms) names.name_forms.push_back(id_of(key));
  std::sort(names.name_forms.begin(), names.name_forms.end());
  if (norm > 0)
    for (auto& e : av) e.second = static_cast<float>(e.second / std::sqrt(norm));
}

namespace {

// Anchor ids as one pass over the batch would give them, built chunk by chunk: the anchors'
// keys in order of their first appearance as an anchor, then the keys only other forms of
// names and counterparts hold, in order of first appearance (so that the anchors' ids, which
// break ties in reports, do not depend on those). Keys get a provisional id as they come;
// final_ids() maps them once the batch is read.
class BatchAnchorIds {
 public:
  void add_anchors(const ArticleFeatures& a) {
    for (const auto& x : a.anchors) {
      const uint32_t id = provisional(x.key);
      if (anchor_rank_[id] == kNone) anchor_rank_[id] = anchors_++;
    }
  }
  uint32_t id_of_other(const std::string& key) {
    const uint32_t id = provisional(key);
    if (other_rank_[id] == kNone) other_rank_[id] = others_++;
    return id;
  }
  // Provisional id -> final id, and the keys in final order.
  std::vector<uint32_t> final_ids(std::vector<std::string>& texts) {
    const auto n = static_cast<uint32_t>(texts_.size());
    std::vector<uint32_t> final_id(n);
    std::vector<uint32_t> only_other;
    for (uint32_t id = 0; id < n; ++id) {
      if (anchor_rank_[id] != kNone) final_id[id] = anchor_rank_[id];
      else only_other.push_back(id);
    }
    std::sort(only_other.begin(), only_other.end(),
              [&](uint32_t x, uint32_t y) { return other_rank_[x] < other_rank_[y]; });
    for (uint32_t k = 0; k < only_other.size(); ++k) final_id[only_other[k]] = anchors_ + k;
    texts.assign(n, {});
    for (uint32_t id = 0; id < n; ++id) texts[final_id[id]] = std::move(texts_[id]);
    return final_id;
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t provisional(const std::string& key) {
    auto [it, fresh] = ids_.emplace(key, static_cast<uint32_t>(texts_.size()));
    if (fresh) {
      texts_.push_back(key);
      anchor_rank_.push_back(kNone);
      other_rank_.push_back(kNone);
    }
    return it->second;
  }
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> texts_;
  std::vector<uint32_t> anchor_rank_, other_rank_;
  uint32_t anchors_ = 0, others_ = 0;
};

// An article's encoded anchors and names with their provisional ids replaced, sorted again
// where encode sorts them.
void renumber(const std::vector<uint32_t>& final_id, AnchorVector& anchors, AnchorVector& lead, LeadNames& names) {
  for (auto* v : {&anchors, &lead}) {
    for (auto& e : v->entries) e.first = final_id[e.first];
    std::sort(v->entries.begin(), v->entries.end());
  }
  for (auto& run : names.runs)
    for (auto& e : run) e.first = final_id[e.first];
  for (auto& counterpart : names.counterparts)
    for (auto& id : counterpart) id = final_id[id];
  for (auto& id : names.name_forms) id = final_id[id];
  std::sort(names.name_forms.begin(), names.name_forms.end());
}

}  // namespace

// The batch's ids as they come (BatchAnchorIds): a class of its own only so that features.h
// need not show it.
struct BatchFeatureBuilder::Ids : BatchAnchorIds {};

BatchFeatureBuilder::BatchFeatureBuilder(const Model& model, const FeatureSettings& options)
    : model_(model), options_(options), ids_(std::make_unique<Ids>()) {}

BatchFeatureBuilder::~BatchFeatureBuilder() = default;

void BatchFeatureBuilder::add(const std::vector<Article>& articles, size_t begin, size_t end) {
  const size_t first = f_.langs.size();  // this chunk's first row in the batch
  const size_t count = end - begin;
  const int dim = model_.dim();
  std::vector<ArticleFeatures> each(count);
#pragma omp parallel for schedule(dynamic, 8)
  for (size_t k = 0; k < count; ++k) each[k] = extract_features(articles[begin + k], model_, options_);
  for (const auto& a : each) ids_->add_anchors(a);

  const size_t n = first + count;
  f_.has_vector.resize(n, 0);
  f_.anchors.resize(n);
  f_.lead_anchors.resize(n);
  f_.lead_names.resize(n);
  f_.langs.resize(n);
  f_.dates.resize(n);
  f_.years.resize(n);
  f_.calendar_days.resize(n);
  f_.results.resize(n);
  f_.happenings.resize(n);
  chunk_vectors_.emplace_back();
  auto& vectors = chunk_vectors_.back();
  vectors.setZero(static_cast<Eigen::Index>(count), dim);
  for (size_t k = 0; k < count; ++k) {
    auto& a = each[k];
    const size_t i = first + k;
    f_.has_vector[i] = a.has_vector;
    if (a.has_vector) {
      auto& [sum, counted] = sums_[a.lang];
      if (sum.size() == 0) sum = Eigen::RowVectorXf::Zero(dim);
      sum += a.vector;
      ++counted;
      vectors.row(static_cast<Eigen::Index>(k)) = a.vector;
    }
    AnchorDictionary::encode_with(
        a, options_, [this](const std::string& key) { return ids_->id_of_other(key); }, f_.anchors[i],
        f_.lead_anchors[i], f_.lead_names[i]);
    f_.langs[i] = std::move(a.lang);
    f_.dates[i] = a.date;
    f_.years[i] = a.year;
    f_.calendar_days[i] = a.calendar_days;
    f_.results[i] = std::move(a.results);
    f_.happenings[i] = std::move(a.happening);
    a = ArticleFeatures{};  // released as we go: the batch's peak memory stays lower
  }
}

BatchFeatures BatchFeatureBuilder::finish() {
  const size_t n = f_.langs.size();
  // Each chunk's vectors moved into one matrix, each chunk freed once copied.
  f_.vectors.resize(static_cast<Eigen::Index>(n), model_.dim());
  Eigen::Index row = 0;
  for (auto& chunk : chunk_vectors_) {
    f_.vectors.middleRows(row, chunk.rows()) = chunk;
    row += chunk.rows();
    chunk = {};
  }
  chunk_vectors_.clear();
  std::map<std::string, Eigen::RowVectorXf> means;
  for (auto& [lang, s] : sums_) means[lang] = centring_mean(s.first, s.second, model_.language(lang), options_);
  const std::vector<uint32_t> final_id = ids_->final_ids(f_.anchor_text);
#pragma omp parallel for schedule(dynamic, 256)
  for (size_t i = 0; i < n; ++i) {
    if (f_.has_vector[i]) centre(f_.vectors.row(static_cast<Eigen::Index>(i)), means.at(f_.langs[i]));
    renumber(final_id, f_.anchors[i], f_.lead_anchors[i], f_.lead_names[i]);
  }
  return std::move(f_);
}

BatchFeatures compute_features(const std::vector<Article>& articles, const Model& model, const FeatureSettings& o,
                               const std::function<void(size_t, size_t)>& done_with) {
  BatchFeatureBuilder builder(model, o);
  for (size_t begin = 0; begin < articles.size(); begin += kFeatureChunk) {
    const size_t end = std::min(articles.size(), begin + kFeatureChunk);
    builder.add(articles, begin, end);
    if (done_with) done_with(begin, end);
  }
  return builder.finish();
}

}  // namespace crossdup
