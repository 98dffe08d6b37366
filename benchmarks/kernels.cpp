// Google Benchmark kernels. Run: build/benchmarks/crossdup_benchmarks
// Compare rows of one run with each other (ratios); these machines are shared and noisy.
#include <benchmark/benchmark.h>

#include <random>

#include "crossdup/cluster.h"
#include "crossdup/features.h"
#include "crossdup/index.h"
#include "crossdup/score.h"

using namespace crossdup;

namespace {

const char* kParagraph =
    "HANOI - Vietnamese Minister of Construction Tran Hong Minh and French Minister of Transport Philippe Tabarot "
    "signed an agreement on railway cooperation in Hanoi on Monday, 12 May 2025. Under the agreement, France will "
    "help Vietnam train engineers for the planned North-South high-speed railway. Ngày 12/5, tại Hà Nội, Bộ trưởng "
    "Bộ Xây dựng Trần Hồng Minh đã ký thỏa thuận hợp tác trong lĩnh vực đường sắt. ";

const Model& bundled() {
  static Model m = Model::load(std::string(CROSSDUP_SOURCE_DIR) + "/models/default/crossdup-default.cdm");
  return m;
}

BatchFeatures random_features(size_t n, int dim, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> g;
  BatchFeatures f;
  f.vectors.resize(static_cast<Eigen::Index>(n), dim);
  for (Eigen::Index i = 0; i < f.vectors.rows(); ++i) {
    for (int k = 0; k < dim; ++k) f.vectors(i, k) = g(rng);
    f.vectors.row(i).normalize();
  }
  f.has_vector.assign(n, true);
  f.anchors.resize(n);
  f.lead_anchors.resize(n);
  f.lead_names.resize(n);
  f.langs.assign(n, "en");
  // Every per-article field score_pair reads (unset ones crashed BM_ScorePairsBlocked).
  f.dates.resize(n);
  f.years.resize(n);
  f.calendar_days.resize(n);
  f.results.resize(n);
  f.happenings.resize(n);
  return f;
}

}  // namespace

// The paragraph `times` times over.
static std::string paragraphs(int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += kParagraph;
  return text;
}

static void BM_Tokenise(benchmark::State& state) {
  const std::string text = paragraphs(20);
  for (auto _ : state) benchmark::DoNotOptimize(tokenise(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Tokenise);

// Every article's text is brought to NFC as it is read (one thread).
static void BM_Nfc(benchmark::State& state) {
  const std::string text = paragraphs(20);
  for (auto _ : state) benchmark::DoNotOptimize(nfc(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Nfc);

// Vietnamese syllables joined into the model's words (bộ_trưởng), as every Vietnamese article's
// tokens are: the joiner tries the phrases of up to four syllables from each syllable on.
static void BM_VietnameseJoin(benchmark::State& state) {
  const char* paragraph =
      "Sáng nay tại Hà Nội, Thủ tướng Chính phủ đã tiếp đoàn đại biểu của tỉnh bạn sang thăm và làm việc. Hai bên "
      "trao đổi về hợp tác kinh tế, giáo dục và phát triển cơ sở hạ tầng giao thông trong thời gian tới. Bộ trưởng "
      "Bộ Ngoại giao cho biết chuyến thăm góp phần tăng cường quan hệ hữu nghị giữa hai nước. ";
  std::string text;
  for (int i = 0; i < 20; ++i) text += paragraph;
  const auto tokens = tokenise(text);
  const VietnameseJoiner& joiner = *bundled().language("vi")->joiner;
  for (auto _ : state) {
    auto joined = tokens;
    joiner.join(joined);
    benchmark::DoNotOptimize(joined);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.size()));
}
BENCHMARK(BM_VietnameseJoin)->Unit(benchmark::kMicrosecond);

// The day an undated report states (features, per article): title + the text's opening, side by
// side with tokenising the same opening, which every article pays anyway.
static void BM_FindStatedDay(benchmark::State& state) {
  std::string text;
  while (text.size() < kOpeningBytes) text += kParagraph;
  const bool tokenise_instead = state.range(0) == 1;
  for (auto _ : state) {
    if (tokenise_instead) benchmark::DoNotOptimize(tokenise(text.substr(0, kOpeningBytes)));
    else benchmark::DoNotOptimize(find_stated_day("Storm reaches the coast", text));
  }
}
BENCHMARK(BM_FindStatedDay)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The results an article's opening states ("2-1"): the title and the first 16 words, read
// for every article.
static void BM_FindStatedResults(benchmark::State& state) {
  std::string text;
  while (text.size() < kOpeningBytes) text += kParagraph;
  for (auto _ : state) benchmark::DoNotOptimize(find_stated_results("Vietnam beat Thailand 2-1", text, 16));
}
BENCHMARK(BM_FindStatedResults)->Unit(benchmark::kMicrosecond);

static void BM_ModelLoad(benchmark::State& state) {
  for (auto _ : state) {
    Model m = Model::load(std::string(CROSSDUP_SOURCE_DIR) + "/models/default/crossdup-default.cdm");
    benchmark::DoNotOptimize(m.dim());
  }
}
BENCHMARK(BM_ModelLoad)->Unit(benchmark::kMillisecond);

// The concept table's share of BM_ModelLoad: parsing its 90,000 lines into the loaded model.
static void BM_ConceptTableLoad(benchmark::State& state) {
  const std::string path = std::string(CROSSDUP_SOURCE_DIR) + "/models/default/crossdup-default.cdm";
  Model m = Model::load(path);
  for (auto _ : state) m.load_concepts(Model::concepts_path(path));
}
BENCHMARK(BM_ConceptTableLoad)->Unit(benchmark::kMillisecond);

static void BM_ComputeFeatures(benchmark::State& state) {
  std::vector<Article> articles(static_cast<size_t>(state.range(0)));
  const char* langs[] = {"en", "fr", "vi"};
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = std::to_string(i);
    articles[i].lang = langs[i % 3];
    articles[i].text = paragraphs(5);
  }
  const Model& m = bundled();
  for (auto _ : state) benchmark::DoNotOptimize(compute_features(articles, m, Options{}));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ComputeFeatures)->Arg(300)->Unit(benchmark::kMillisecond);

// Candidate pairs by blocked products against one full N x N similarity matrix.
static void BM_ScorePairsBlocked(benchmark::State& state) {
  auto f = random_features(static_cast<size_t>(state.range(0)), 100, 1);
  Options o;
  o.candidate_floor = 0.25;
  for (auto _ : state) benchmark::DoNotOptimize(score_pairs(f, o));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ScorePairsBlocked)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);

// A dated batch (one day each, spread over the 366 days of 2024): every article against every
// other (Arg 0) against each against its window of days (Arg 1); the pairs are the same.
static void BM_ScorePairsDated(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  auto f = random_features(n, 100, 1);
  const Day first = parse_iso_date("2024-01-01")->first;
  for (size_t i = 0; i < n; ++i)
    f.dates[i] = DateRange{first + static_cast<Day>(i % 366), first + static_cast<Day>(i % 366)};
  Options o;
  o.candidate_floor = 0.25;
  const auto search = state.range(1) == 1 ? CosineSearch::kDateWindows : CosineSearch::kAllColumns;
  for (auto _ : state) benchmark::DoNotOptimize(score_pairs(f, o, search));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ScorePairsDated)
    ->Args({8000, 0})
    ->Args({8000, 1})
    ->Args({32000, 0})
    ->Args({32000, 1})
    ->Unit(benchmark::kMillisecond);

static void BM_FullSimilarityMatrix(benchmark::State& state) {
  auto f = random_features(static_cast<size_t>(state.range(0)), 100, 1);
  for (auto _ : state) {
    Eigen::MatrixXf all = f.vectors * f.vectors.transpose();
    benchmark::DoNotOptimize(all.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_FullSimilarityMatrix)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);

static void BM_ClusterEvents(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::mt19937 rng(3);
  std::vector<ScoredPair> pairs;
  for (uint32_t a = 0; a < n; ++a)
    for (int k = 0; k < 20; ++k) {
      uint32_t b = static_cast<uint32_t>(rng() % n);
      if (b <= a) continue;
      ScoredPair p;
      p.a = a;
      p.b = b;
      p.score = static_cast<float>(rng() % 1000) / 1000.f;
      pairs.push_back(p);
    }
  std::sort(pairs.begin(), pairs.end(), [](auto& x, auto& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
  pairs.erase(std::unique(pairs.begin(), pairs.end(), [](auto& x, auto& y) { return x.a == y.a && x.b == y.b; }),
              pairs.end());
  std::vector<Article> articles(n);
  for (size_t i = 0; i < n; ++i) articles[i].id = std::to_string(i);
  std::vector<std::optional<DateRange>> dates(n);
  for (auto _ : state) benchmark::DoNotOptimize(cluster_events(n, pairs, dates, Options{}, articles));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ClusterEvents)->Arg(10000)->Unit(benchmark::kMillisecond);

// One addition to an incremental index already holding N articles (each addition scans every
// stored vector: the cost should grow linearly with N).
static void BM_IndexAdd(benchmark::State& state) {
  const Model& m = bundled();
  static LanguageIdentifier lid("", &m);
  Index index(m, lid);
  const char* langs[] = {"en", "fr", "vi"};
  auto make = [&](size_t i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.lang = langs[i % 3];
    a.text =
        std::string(kParagraph) + " Report " + std::to_string(i) + " from Province " + std::to_string(i % 97) + ".";
    return a;
  };
  size_t next = 0;
  for (; next < static_cast<size_t>(state.range(0)); ++next) index.add(make(next));
  for (auto _ : state) benchmark::DoNotOptimize(index.add(make(next++)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_IndexAdd)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond);

// Index::recluster() over N stored articles: the batch's average linkage over every pair scored
// so far (no rescoring), as a service would run it nightly.
static void BM_IndexRecluster(benchmark::State& state) {
  const Model& m = bundled();
  static LanguageIdentifier lid("", &m);
  Index index(m, lid);
  const char* langs[] = {"en", "fr", "vi"};
  for (size_t i = 0; i < static_cast<size_t>(state.range(0)); ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.lang = langs[i % 3];
    a.text =
        std::string(kParagraph) + " Report " + std::to_string(i) + " from Province " + std::to_string(i % 97) + ".";
    index.add(std::move(a));
  }
  for (auto _ : state) benchmark::DoNotOptimize(index.recluster());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_IndexRecluster)->Arg(4000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
