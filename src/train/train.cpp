// The default model's training recipe: prepare code-switched text from the corpora, train a
// fastText skipgram space with libfasttext, export the compact model with its statistics.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <Eigen/Dense>
#include <fasttext/fasttext.h>
#include <spdlog/spdlog.h>

#include "crossdup/train.h"

namespace crossdup {
namespace fs = std::filesystem;
namespace {

const char* const kLanguages[] = {"en", "fr", "vi"};

struct MonoCorpus {
  const char* file;
  const char* lang;
  int repeat;  // English and French news text is short: seen more often
  bool news;   // news text: what the mean document vector is taken from
};

// Which monolingual files feed the model and how often. News first: that is what we embed.
const MonoCorpus kMonoCorpora[] = {
    {"mono/en_reuters.txt.xz", "en", 2, true},
    {"mono/en_bbc.txt.xz", "en", 2, true},
    {"mono/en_gj.txt.xz", "en", 2, true},
    {"mono/en_wikipedia_wikitasks_sample.txt.xz", "en", 1, false},
    {"mono/en_sotu_addresses.txt.xz", "en", 1, false},
    {"mono/en_brown_corpus.txt.xz", "en", 1, false},
    {"mono/fr_gj.txt.xz", "fr", 4, true},
    {"mono/fr_eltec_novels.txt.xz", "fr", 1, false},
    {"mono/vi_news_baomoi.txt.xz", "vi", 1, true},
    {"mono/vi_wiki.txt.xz", "vi", 1, false},
};

// Word statistics of one language's monolingual text.
struct WordStats {
  uint64_t count = 0;
  uint32_t documents = 0;
};

struct LanguageText {
  std::unordered_map<std::string, WordStats> words;
  uint64_t documents = 0;
  std::vector<std::vector<std::string>> sample;  // leads of some documents, for the mean vector
};

constexpr size_t kSampleEvery = 2, kSampleMax = 20000, kSampleLeadTokens = 200;

std::vector<std::string> prepare_tokens(const std::string& text, const std::string& lang,
                                        const VietnameseJoiner& joiner) {
  auto tokens = tokenise(text);
  if (lang == "vi") joiner.join(tokens);
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (auto& t : tokens) words.push_back(std::move(t.text));
  return words;
}

// Replaces some words by a dictionary translation in one of the other languages, so that
// the skipgram objective sees the translation in the original word's contexts.
class CodeSwitcher {
 public:
  CodeSwitcher(const BilingualLexicon& lex, double p, uint64_t seed) : lex_(lex), p_(p), rng_(seed) {}
  void write(std::ostream& out, const std::vector<std::string>& words, const std::string& lang) {
    std::uniform_real_distribution<double> coin(0, 1);
    bool first = true;
    for (const auto& w : words) {
      const std::string* chosen = &w;
      if (coin(rng_) < p_) {
        std::string targets[2];
        int n = 0;
        for (const char* l : kLanguages)
          if (lang != l) targets[n++] = l;
        const std::string& to = targets[std::uniform_int_distribution<int>(0, 1)(rng_)];
        const auto& options = lex_.translations(lang, w, to);
        if (!options.empty()) chosen = &options[std::uniform_int_distribution<size_t>(0, options.size() - 1)(rng_)];
      }
      if (!first) out << ' ';
      out << *chosen;
      first = false;
    }
    out << '\n';
  }
  std::mt19937_64& rng() { return rng_; }

 private:
  const BilingualLexicon& lex_;
  double p_;
  std::mt19937_64 rng_;
};

// Word statistics from every document; the mean vector only from news (`sample_it`): it is
// news that gets centred at run time, and novels or encyclopaedia text sit elsewhere.
void count_words(LanguageText& text, const std::vector<std::string>& words, bool sample_it) {
  ++text.documents;
  std::unordered_map<std::string_view, int> seen;
  for (const auto& w : words) {
    auto& s = text.words[w];
    ++s.count;
    if (seen.emplace(w, 1).second) ++s.documents;
  }
  if (sample_it && text.documents % kSampleEvery == 0 && text.sample.size() < kSampleMax) {
    text.sample.emplace_back(words.begin(), words.begin() + std::min(words.size(), kSampleLeadTokens));
  }
}

void add_parallel(const std::vector<std::pair<std::string, std::string>>& sides, const VietnameseJoiner& joiner,
                  CodeSwitcher& switcher, std::ostream& out, TrainReport& report) {
  // All sides merged and shuffled: each word's window then holds its translations.
  std::vector<std::string> merged;
  for (auto& [lang, text] : sides) {
    auto words = prepare_tokens(text, lang, joiner);
    merged.insert(merged.end(), words.begin(), words.end());
  }
  if (merged.size() < 2) return;
  for (int copy = 0; copy < 2; ++copy) {
    std::shuffle(merged.begin(), merged.end(), switcher.rng());
    for (size_t i = 0; i < merged.size(); ++i) out << (i ? " " : "") << merged[i];
    out << '\n';
    report.training_lines++;
    report.training_tokens += static_cast<int64_t>(merged.size());
  }
}

void prepare(const TrainOptions& o, const BilingualLexicon& lex, std::map<std::string, LanguageText>& texts,
             TrainReport& report) {
  fs::path root(o.corpora_dir);
  std::ofstream out(fs::path(o.work_dir) / "train.txt", std::ios::trunc);
  if (!out) throw Error("cannot write " + (fs::path(o.work_dir) / "train.txt").string());
  const VietnameseJoiner& joiner = lex.vietnamese_words();
  CodeSwitcher switcher(lex, o.switch_probability, static_cast<uint64_t>(o.seed));
  for (const auto& corpus : kMonoCorpora) {
    fs::path path = root / corpus.file;
    if (!fs::exists(path)) {
      spdlog::warn("training: {} is missing, skipped", path.string());
      continue;
    }
    auto& text = texts[corpus.lang];
    int64_t lines = 0;
    for_each_line(path.string(), [&](std::string& line) {
      auto words = prepare_tokens(line, corpus.lang, joiner);
      if (words.size() < 3) return;
      count_words(text, words, corpus.news);
      for (int r = 0; r < corpus.repeat; ++r) switcher.write(out, words, corpus.lang);
      report.training_lines += corpus.repeat;
      report.training_tokens += static_cast<int64_t>(words.size()) * corpus.repeat;
      ++lines;
    });
    spdlog::info("training: {} ({}): {} documents x{}", corpus.file, corpus.lang, lines, corpus.repeat);
  }
  struct Parallel {
    const char* file;
    std::vector<std::string> langs;
  };
  const Parallel parallel[] = {{"parallel/par_lo_en_fr_vi.tsv.xz", {"en", "fr", "vi"}},
                               {"parallel/udhr_en_fr_vi.tsv.xz", {"en", "fr", "vi"}},
                               {"parallel/par_ddtp_en_fr.tsv.xz", {"en", "fr"}},
                               {"parallel/par_tatoeba_vie.txt.xz", {"en", "vi"}},
                               {"parallel/cldr_names_en_fr_vi.tsv.xz", {"en", "fr", "vi"}},
                               {"parallel/isocodes_names_en_fr_vi.tsv.xz", {"en", "fr", "vi"}}};
  for (const auto& p : parallel) {
    fs::path path = root / p.file;
    if (!o.parallel_text || !fs::exists(path)) continue;
    int64_t lines = 0;
    for_each_line(path.string(), [&](std::string& line) {
      auto cols = split_tabs(line);
      std::vector<std::pair<std::string, std::string>> sides;
      for (size_t i = 0; i < p.langs.size() && i < cols.size(); ++i)
        if (!cols[i].empty()) sides.emplace_back(p.langs[i], cols[i]);
      if (sides.size() >= 2) {
        add_parallel(sides, joiner, switcher, out, report);
        ++lines;
      }
    });
    spdlog::info("training: {}: {} aligned units", p.file, lines);
  }
  if (!out.flush()) throw Error("writing the training text failed (disk full?)");
}

void save_stats(const fs::path& path, const std::map<std::string, LanguageText>& texts) {
  std::ofstream out(path, std::ios::trunc);
  for (auto& [lang, text] : texts) {
    out << "#lang\t" << lang << '\t' << text.documents << '\n';
    for (auto& [w, s] : text.words)
      if (s.count >= 2) out << w << '\t' << s.count << '\t' << s.documents << '\n';
    for (auto& doc : text.sample) {
      out << "#sample";
      for (auto& w : doc) out << '\t' << w;
      out << '\n';
    }
  }
}

void load_stats(const fs::path& path, std::map<std::string, LanguageText>& texts) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read " + path.string() + ": run without --reuse-prepared");
  std::string line;
  LanguageText* cur = nullptr;
  while (std::getline(in, line)) {
    auto cols = split_tabs(line);
    if (cols.empty()) continue;
    if (cols[0] == "#lang" && cols.size() == 3) {
      cur = &texts[cols[1]];
      cur->documents = std::stoull(cols[2]);
    } else if (cols[0] == "#sample" && cur) {
      cur->sample.emplace_back(cols.begin() + 1, cols.end());
    } else if (cur && cols.size() == 3) {
      cur->words[cols[0]] = WordStats{std::stoull(cols[1]), static_cast<uint32_t>(std::stoul(cols[2]))};
    }
  }
}

void train_fasttext(const TrainOptions& o) {
  fasttext::Args args;
  args.input = (fs::path(o.work_dir) / "train.txt").string();
  args.output = (fs::path(o.work_dir) / "model").string();
  args.model = fasttext::model_name::sg;
  args.dim = o.dim;
  args.ws = o.window;
  args.epoch = o.epoch;
  args.minCount = o.min_count;
  args.minn = 0;  // no subwords: the joint space is word-level, and export keeps whole words
  args.maxn = 0;
  args.thread = o.threads;
  args.seed = o.seed;
  args.verbose = 2;
  fasttext::FastText ft;
  ft.train(args);
  ft.saveModel(args.output + ".bin");
}

std::vector<float> mean_document_vector(const WordVectors& table, const std::vector<std::vector<std::string>>& sample,
                                        uint64_t documents, double sif) {
  const int dim = table.dim();
  std::vector<double> sum(static_cast<size_t>(dim), 0.0);
  std::vector<float> word(static_cast<size_t>(dim)), doc(static_cast<size_t>(dim));
  size_t docs = 0;
  for (const auto& words : sample) {
    std::fill(doc.begin(), doc.end(), 0.f);
    int found = 0;
    for (const auto& w : words) {
      int64_t i = table.find(w);
      if (i < 0) continue;
      table.unit_vector(i, word.data());
      const float weight =
          sif > 0 && documents > 0
              ? static_cast<float>(sif / (sif + table.document_frequency(i) / static_cast<double>(documents)))
              : 1.f;
      for (int k = 0; k < dim; ++k) doc[k] += weight * word[k];
      ++found;
    }
    if (!found) continue;
    double norm = 0;
    for (float v : doc) norm += v * v;
    norm = std::sqrt(norm);
    for (int k = 0; k < dim; ++k) sum[k] += doc[k] / norm;
    ++docs;
  }
  std::vector<float> mean(static_cast<size_t>(dim));
  for (int k = 0; k < dim; ++k) mean[k] = docs ? static_cast<float>(sum[k] / docs) : 0.f;
  return mean;
}

using Ranked = std::vector<std::pair<std::string, WordStats>>;

// A language's exported vocabulary: words the fastText model knows, seen at least min_count
// times, most frequent first, cut at the language's limit.
Ranked ranked_vocabulary(const TrainOptions& o, const fasttext::FastText& ft, const std::string& lang,
                         const LanguageText& text) {
  Ranked ranked(text.words.begin(), text.words.end());
  ranked.erase(std::remove_if(ranked.begin(), ranked.end(),
                              [&](auto& e) {
                                return e.second.count < static_cast<uint64_t>(o.min_count) || ft.getWordId(e.first) < 0;
                              }),
               ranked.end());
  std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) {
    return a.second.count != b.second.count ? a.second.count > b.second.count : a.first < b.first;
  });
  int64_t limit = lang == "en" ? o.max_words_en : lang == "fr" ? o.max_words_fr : o.max_words_vi;
  if (static_cast<int64_t>(ranked.size()) > limit) ranked.resize(static_cast<size_t>(limit));
  return ranked;
}

Eigen::RowVectorXf unit_fasttext_vector(const fasttext::FastText& ft, const std::string& word, int dim) {
  fasttext::Vector v(dim);
  ft.getWordVector(v, word);
  Eigen::RowVectorXf r = Eigen::Map<const Eigen::RowVectorXf>(v.data(), dim);
  float n = r.norm();
  return n > 0 ? Eigen::RowVectorXf(r / n) : r;
}

// Orthogonal Procrustes (Schönemann): the rotation W minimising |X W - Y| over the dictionary
// pairs among the most frequent words of `lang` and English, W = U V^T from the SVD of X^T Y.
// Rotating keeps every distance within a language; only the languages' relative placement moves.
constexpr size_t kProcrustesWords = 20000;
Eigen::MatrixXf procrustes_rotation(const fasttext::FastText& ft, const BilingualLexicon& lex, const std::string& lang,
                                    const Ranked& source, const Ranked& english, int dim) {
  std::unordered_map<std::string, size_t> english_rank;
  for (size_t i = 0; i < english.size() && i < kProcrustesWords; ++i) english_rank.emplace(english[i].first, i);
  Eigen::MatrixXf xty = Eigen::MatrixXf::Zero(dim, dim);
  size_t pairs = 0;
  for (size_t i = 0; i < source.size() && i < kProcrustesWords; ++i) {
    const std::string& word = source[i].first;
    for (const auto& t : lex.translations(lang, word, "en")) {
      if (!english_rank.count(t)) continue;
      xty += unit_fasttext_vector(ft, word, dim).transpose() * unit_fasttext_vector(ft, t, dim);
      ++pairs;
    }
  }
  spdlog::info("export: Procrustes {} -> en over {} dictionary pairs", lang, pairs);
  if (pairs < static_cast<size_t>(dim)) return Eigen::MatrixXf::Identity(dim, dim);
  return orthogonal_procrustes(xty);
}

Model export_model(const TrainOptions& o, const std::map<std::string, LanguageText>& texts,
                   const BilingualLexicon* lex) {
  fasttext::FastText ft;
  ft.loadModel((fs::path(o.work_dir) / "model.bin").string());
  const int dim = ft.getDimension();
  std::map<std::string, Ranked> vocabularies;
  for (const char* lang : kLanguages)
    if (texts.count(lang)) vocabularies[lang] = ranked_vocabulary(o, ft, lang, texts.at(lang));
  Model model;
  for (const char* lang : kLanguages) {
    auto it = texts.find(lang);
    if (it == texts.end()) continue;
    const LanguageText& text = it->second;
    const Ranked& ranked = vocabularies[lang];
    Eigen::MatrixXf rotation = Eigen::MatrixXf::Identity(dim, dim);
    if (o.procrustes && lex && std::string(lang) != "en" && vocabularies.count("en"))
      rotation = procrustes_rotation(ft, *lex, lang, ranked, vocabularies["en"], dim);
    Eigen::MatrixXf vectors(static_cast<Eigen::Index>(ranked.size()), dim);
    fasttext::Vector v(dim);
    for (size_t i = 0; i < ranked.size(); ++i) {
      ft.getWordVector(v, ranked[i].first);
      vectors.row(static_cast<Eigen::Index>(i)) = Eigen::Map<const Eigen::RowVectorXf>(v.data(), dim) * rotation;
    }
    if (o.remove_directions > 0) remove_common_directions(vectors, o.remove_directions);
    auto table = std::make_shared<DenseWordVectors>(dim);
    Eigen::RowVectorXf row(dim);  // a row of the column-major matrix, contiguous
    for (size_t i = 0; i < ranked.size(); ++i) {
      row = vectors.row(static_cast<Eigen::Index>(i));
      table->add(ranked[i].first, row.data(), ranked[i].second.documents);
    }
    LanguageSpace space;
    space.code = lang;
    space.documents = text.documents;
    // Documents as crossdup embeds them by default: words weighted by smooth inverse frequency.
    space.mean = mean_document_vector(*table, text.sample, text.documents, Options{}.word_sif);
    space.vectors = table;
    spdlog::info("export: {}: {} words, {} training documents", lang, table->size(), text.documents);
    model.add_language(std::move(space));
  }
  return model;
}

void write_held_out(const TrainOptions& o, const std::vector<TranslationPair>& pairs) {
  fs::path path = fs::path(o.work_dir) / "heldout_dictionary.tsv";
  std::ofstream out(path, std::ios::trunc);
  for (const auto& p : pairs) out << p.from_lang << '\t' << p.from << '\t' << p.to_lang << '\t' << p.to << '\n';
  if (!out.flush()) throw Error("cannot write " + path.string());
  spdlog::info("training: {} dictionary pairs held out, written to {}", pairs.size(), path.string());
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

void remove_common_directions(Eigen::MatrixXf& vectors, int directions) {
  if (vectors.rows() == 0) return;
  vectors.rowwise().normalize();
  const Eigen::RowVectorXf mean = vectors.colwise().mean();
  vectors.rowwise() -= mean;
  const Eigen::MatrixXf covariance = vectors.transpose() * vectors / static_cast<float>(vectors.rows());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXf> eigen(covariance);  // eigenvalues ascending
  const int dim = static_cast<int>(vectors.cols());
  for (int k = 0; k < directions && k < dim; ++k) {
    const Eigen::VectorXf direction = eigen.eigenvectors().col(dim - 1 - k);
    vectors -= (vectors * direction) * direction.transpose();
  }
  spdlog::info("export: mean word vector of norm {:.3f} and {} strongest directions removed", mean.norm(), directions);
}

Eigen::MatrixXf orthogonal_procrustes(const Eigen::MatrixXf& xty) {
  Eigen::JacobiSVD<Eigen::MatrixXf> svd(xty, Eigen::ComputeFullU | Eigen::ComputeFullV);
  return svd.matrixU() * svd.matrixV().transpose();
}

TrainReport train_default_model(const TrainOptions& o) {
  TrainReport report;
  fs::create_directories(o.work_dir);
  fs::path stats_path = fs::path(o.work_dir) / "stats.tsv";
  std::map<std::string, LanguageText> texts;
  auto t0 = std::chrono::steady_clock::now();
  const bool reuse = o.reuse_prepared && fs::exists(fs::path(o.work_dir) / "train.txt") && fs::exists(stats_path);
  // The lexicon is needed to prepare the text and for Procrustes; the same held-out split
  // both times (it is a hash of the words).
  // The concept table (below) takes every pair: read the dictionaries once, keep them whole.
  const BilingualLexicon full_lexicon = load_lexicon(o.corpora_dir);
  std::unique_ptr<BilingualLexicon> lex;
  if (!reuse || o.procrustes) {
    lex = std::make_unique<BilingualLexicon>(full_lexicon);
    if (o.dictionary_holdout > 0) write_held_out(o, lex->hold_out(o.dictionary_holdout));
  }
  if (reuse) {
    spdlog::info("training: reusing prepared text in {}", o.work_dir);
    load_stats(stats_path, texts);
  } else {
    prepare(o, *lex, texts, report);
    save_stats(stats_path, texts);
  }
  for (auto& [lang, t] : texts) report.documents[lang] = static_cast<int64_t>(t.documents);
  report.prepare_seconds = seconds_since(t0);

  auto t1 = std::chrono::steady_clock::now();
  if (!(o.reuse_bin && fs::exists(fs::path(o.work_dir) / "model.bin"))) train_fasttext(o);
  report.train_seconds = seconds_since(t1);

  auto t2 = std::chrono::steady_clock::now();
  Model model = export_model(o, texts, lex.get());
  if (fs::path(o.out_path).has_parent_path()) fs::create_directories(fs::path(o.out_path).parent_path());
  model.save(o.out_path);
  // The concept table takes every dictionary pair: the held-out share measures the space's own
  // word translation, which the table does not change; the table is measured on the held-out
  // text (model eval) like the vectors. It is built from the model as saved (8-bit vectors), not
  // the float vectors in memory, so that `crossdup model concepts` rebuilds the same table.
  Model saved = Model::load(o.out_path);
  build_concept_tables(saved, full_lexicon);
  saved.save_concepts(Model::concepts_path(o.out_path));
  build_name_aliases(o.corpora_dir, saved).save(Model::names_path(o.out_path));
  report.export_seconds = seconds_since(t2);
  return report;
}

}  // namespace crossdup
