#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <spdlog/spdlog.h>

#include "commands.h"
#include "run_settings.h"
#include "crossdup/error.h"
#include "crossdup/eval.h"
#include "crossdup/evaluation.h"
#include "crossdup/fit.h"
#include "crossdup/index.h"
#include "crossdup/pipeline.h"
#include "crossdup/read.h"
#include "crossdup/train.h"
#include "crossdup/write.h"

namespace crossdup::cli {
namespace {

// ---------------------------------------------------------------- cluster
void run_cluster(RunSettings& s, const std::string& out_dir, const std::string& gold_path) {
  apply_logging(s);
  Model model = load_model(s.model_path, s.vectors);
  Options o = options_for(s, model);
  o.keep_text = false;  // no output of cluster holds the text past the summary's first words
  LanguageIdentifier lid(lid_path(s), &model);
  spdlog::info("language identification: {}", lid.description());
  ReadResult batch = read_batch(s, o);
  Progress progress(o.progress);
  Pipeline pipeline(model, lid, o);
  BatchResult result =
      pipeline.run(std::move(batch), [&](const std::string& st, size_t d, size_t t) { progress(st, d, t); });
  progress.finish();
  write_outputs(out_dir, result);
  spdlog::info("wrote {}/assignments.jsonl, clusters.jsonl, rejects.jsonl", out_dir);
  write_summary(std::cout, result);
  if (!gold_path.empty()) print_report(std::cout, evaluate(assignments_of(result), read_gold(gold_path)));
}

// ---------------------------------------------------------------- eval
struct EvalSettings {
  std::string gold, assignments, plot, json_path;
  bool sweep = false;
  bool incremental = false;
  size_t recluster_every = 0;  // with incremental: Index::recluster() after every N additions (and at the end)
  size_t errors = 0;
  std::string pairs_csv;
};

void print_errors(const BatchResult& result, const ClusteringErrors& errors, const Gold& gold, size_t n) {
  const auto& arts = result.articles;
  auto show = [&](const char* heading, const std::vector<ErrorPair>& rows) {
    std::cout << heading << " (" << rows.size() << " pairs in all)\n";
    for (size_t k = 0; k < rows.size() && k < n; ++k) {
      const ErrorPair& r = rows[k];
      std::cout << "  score " << (r.pair ? fixed3(r.pair->score) : std::string("  -  "))
                << (r.pair ? "  cosine " + fixed3(r.pair->cosine) + "  names " + fixed3(r.pair->names) +
                                 "  participants " + fixed3(r.pair->participants) + "  conflict " +
                                 fixed3(r.pair->conflict)
                           : std::string("  (never a candidate)"))
                << (r.pair && !r.pair->date_compatible ? "  dates too far apart" : "")
                << (r.pair && !r.pair->participants_compatible ? "  different participants" : "") << '\n';
      for (uint32_t i : {r.a, r.b}) {
        const Article& art = arts[i];
        std::cout << "    [" << art.lang << "] " << (art.date ? format_date(*art.date) : std::string("----------"))
                  << "  " << art.id << " (" << gold.at(art.id) << ")  " << utf8_prefix(art.title, 90) << '\n';
      }
    }
  };
  show("worst false merges", errors.false_merges);
  show("worst misses", errors.misses);
}

void print_incremental(const IncrementalOutcome& r, const Options& o, const EvalSettings& e) {
  if (e.recluster_every > 0)
    spdlog::info("incremental: reclustered every {} additions and at the end; {} article moves in all",
                 e.recluster_every, r.moved);
  spdlog::info("incremental: {} articles added in {:.2f}s ({:.2f} ms each), {} refused", r.added, r.seconds,
               r.added ? 1000 * r.seconds / static_cast<double>(r.added) : 0.0, r.refused);
  if (!e.json_path.empty()) write_file_atomically(e.json_path, report_json(r.report).dump(2) + "\n");
  std::cout << "incremental, threshold " << fixed3(o.threshold) << "\n";
  print_report(std::cout, r.report);
}

void run_eval(RunSettings& s, const EvalSettings& e) {
  apply_logging(s);
  auto gold = read_gold(e.gold);
  if (!e.assignments.empty()) {
    auto report = evaluate(read_assignments(e.assignments), gold);
    print_report(std::cout, report);
    if (!e.json_path.empty()) write_file_atomically(e.json_path, report_json(report).dump(2) + "\n");
    return;
  }
  if (s.inputs.empty()) throw UsageError("eval: give INPUT files to cluster, or --assignments FILE to score");
  Model model = load_model(s.model_path, s.vectors);
  Options o = options_for(s, model);
  LanguageIdentifier lid(lid_path(s), &model);
  if (e.incremental)
    return print_incremental(evaluate_incremental(read_batch(s, o), model, lid, o, gold, e.recluster_every), o, e);
  Pipeline pipeline(model, lid, o);
  PreparedBatch prepared = pipeline.prepare(read_batch(s, o));
  if (e.sweep) {
    auto points = sweep_thresholds(prepared, o, gold);
    std::cout << "threshold  precision  recall  F1     cross-F1  B3-F1\n";
    for (const auto& [t, r] : points)
      std::cout << fixed3(t) << "      " << fixed3(r.pairwise.precision) << "      " << fixed3(r.pairwise.recall)
                << "   " << fixed3(r.pairwise.f1) << "  " << fixed3(r.cross_language.f1) << "     "
                << fixed3(r.bcubed.f1) << '\n';
    if (!e.plot.empty()) {
      write_file_atomically(e.plot, precision_recall_svg(points));
      spdlog::info("wrote {}", e.plot);
    }
  }
  // Kept only for the reports that read it: clustering a copy held the articles and pairs twice.
  const bool reports_read_pairs = e.errors || !e.pairs_csv.empty();
  BatchResult result = reports_read_pairs ? pipeline.cluster(prepared, o) : pipeline.cluster(std::move(prepared), o);
  if (e.errors) print_errors(result, clustering_errors(prepared, result, gold), gold, e.errors);
  if (!e.pairs_csv.empty()) write_file_atomically(e.pairs_csv, pairs_csv(prepared, gold));
  EvalReport report = evaluate(assignments_of(result), gold);
  if (!e.json_path.empty()) write_file_atomically(e.json_path, report_json(report).dump(2) + "\n");
  std::cout << "threshold " << fixed3(o.threshold) << ", " << result.clusters.size() << " clusters\n";
  print_report(std::cout, report);
}

// ---------------------------------------------------------------- compare
struct CompareConfig {
  std::string label, model_path;
  std::vector<std::string> vectors;
  std::map<std::string, std::string> settings;  // over the model's fitted settings and the command line's
};

// "label:key=value,key=value"; keys are tunable settings, `model` and `vectors` (LANG=FILE;...)
CompareConfig parse_config(const std::string& spec, size_t index) {
  CompareConfig c;
  Options check;  // settings are checked here, before any work
  std::string body = spec;
  auto colon = spec.find(':');
  auto first_eq = spec.find('=');
  if (colon != std::string::npos && (first_eq == std::string::npos || colon < first_eq)) {
    c.label = spec.substr(0, colon);
    body = spec.substr(colon + 1);
  }
  if (c.label.empty()) c.label = "config" + std::to_string(index + 1);
  std::stringstream ss(body);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    auto eq = item.find('=');
    if (eq == std::string::npos) throw UsageError("--config '" + spec + "': '" + item + "' is not key=value");
    std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "model") c.model_path = value;
    else if (key == "vectors") {
      std::stringstream vs(value);
      std::string v;
      while (std::getline(vs, v, ';')) c.vectors.push_back(v);
    } else {
      set_option(check, key, value);
      c.settings[key] = value;
    }
  }
  return c;
}

long peak_rss_mb() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void run_compare(RunSettings& s, const std::string& gold_path, const std::vector<std::string>& specs,
                 const std::string& json_path, const std::string& csv_path) {
  apply_logging(s);
  if (specs.empty()) throw UsageError("compare: give at least one --config");
  auto gold = read_gold(gold_path);
  std::vector<CompareConfig> configs;
  for (size_t i = 0; i < specs.size(); ++i) configs.push_back(parse_config(specs[i], i));
  Options read_options;
  for (const auto& [name, value] : s.settings) set_option(read_options, name, value);
  ReadResult batch = read_batch(s, read_options);  // parsed once, shared by every configuration

  nlohmann::json all = nlohmann::json::array();
  std::ostringstream csv;
  csv << "config,pairwise_precision,pairwise_recall,pairwise_f1,cross_language_f1,bcubed_f1,clusters,seconds,peak_rss_"
         "mb\n";
  std::cout << "config              pair-P  pair-R  pair-F1  cross-F1  B3-F1  clusters  seconds  peak-MB\n";
  for (const auto& c : configs) {
    auto t = std::chrono::steady_clock::now();
    Model model =
        load_model(c.model_path.empty() ? s.model_path : c.model_path, c.vectors.empty() ? s.vectors : c.vectors);
    LanguageIdentifier lid(lid_path(s), &model);
    Options options = options_for(s, model);
    for (const auto& [name, value] : c.settings) set_option(options, name, value);
    Pipeline pipeline(model, lid, options);
    BatchResult result = pipeline.run(batch);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    EvalReport r = evaluate(assignments_of(result), gold);
    long rss = peak_rss_mb();
    std::cout << std::left << std::setw(20) << c.label.substr(0, 19) << std::right << fixed3(r.pairwise.precision)
              << "   " << fixed3(r.pairwise.recall) << "   " << fixed3(r.pairwise.f1) << "    "
              << fixed3(r.cross_language.f1) << "     " << fixed3(r.bcubed.f1) << std::setw(9) << result.clusters.size()
              << std::setw(9) << std::setprecision(2) << std::fixed << seconds << std::setw(9) << rss << '\n';
    csv << c.label << ',' << r.pairwise.precision << ',' << r.pairwise.recall << ',' << r.pairwise.f1 << ','
        << r.cross_language.f1 << ',' << r.bcubed.f1 << ',' << result.clusters.size() << ',' << seconds << ',' << rss
        << '\n';
    nlohmann::json j = report_json(r);
    j["config"] = c.label;
    j["clusters"] = result.clusters.size();
    j["seconds"] = seconds;
    j["peak_rss_mb"] = rss;  // the process's peak so far: configurations run in order
    all.push_back(j);
  }
  if (!json_path.empty()) write_file_atomically(json_path, all.dump(2) + "\n");
  if (!csv_path.empty()) write_file_atomically(csv_path, csv.str());
}

}  // namespace

void add_options_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "options", "every setting that shapes the result, with its default, as Markdown (docs/options.md)");
  cmd->callback([] {
    std::cout << "# crossdup options\n\n"
                 "Generated by `crossdup options` (a test checks that this page is its output). Every setting\n"
                 "is an option of `cluster`, `eval`, `compare` and `stream` (`--threshold`, with `-` for `_`),\n"
                 "a `key=value` of a `compare --config`, and a field of `crossdup::Options`. The bundled\n"
                 "model's fitted settings (`models/default/crossdup-default.score`) are these defaults.\n\n"
                 "| option | default | what it does |\n|---|---|---|\n";
    const Options defaults;
    for (const auto& s : tunable_settings()) {
      std::string flag = "--" + s.name;
      std::replace(flag.begin() + 2, flag.end(), '_', '-');
      std::string help = s.help;
      for (size_t at = help.find('|'); at != std::string::npos; at = help.find('|', at + 2)) help.replace(at, 1, "\\|");
      std::cout << "| `" << flag << "` | " << get_option(defaults, s.name) << " | " << help << " |\n";
    }
  });
}

void add_cluster_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("cluster", "group a batch of articles into events (the main job)");
  auto s = std::make_shared<RunSettings>();
  auto out = std::make_shared<std::string>("crossdup-out");
  auto gold = std::make_shared<std::string>();
  cmd->add_option("--out,-o", *out, "output folder for assignments.jsonl, clusters.jsonl, rejects.jsonl")
      ->capture_default_str();
  cmd->add_option("--gold", *gold, "also score the clusters against gold events (id<TAB>event)");
  add_run_options(cmd, *s, true);
  cmd->callback([s, out, gold] { run_cluster(*s, *out, *gold); });
}

void add_eval_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("eval", "cluster a labelled batch (or read assignments) and score it against gold events");
  auto s = std::make_shared<RunSettings>();
  auto e = std::make_shared<EvalSettings>();
  cmd->add_option("--gold", e->gold, "gold events: id<TAB>event per line")->required();
  cmd->add_option("--assignments", e->assignments, "score this assignments.jsonl instead of clustering");
  cmd->add_flag("--sweep", e->sweep, "print precision/recall/F1 across thresholds 0.2 to 0.8");
  cmd->add_flag("--incremental", e->incremental,
                "add the articles one by one to the incremental index (the library's Index), in input order, and score "
                "its events");
  cmd->add_option("--recluster-every", e->recluster_every,
                  "with --incremental: recluster the index (Index::recluster) after every N additions and at the end");
  cmd->add_option("--plot", e->plot, "with --sweep: write the precision-recall curve as an SVG file");
  cmd->add_option("--errors", e->errors, "show the N worst false merges and misses with their scores");
  cmd->add_option("--pairs-csv", e->pairs_csv,
                  "write every scored candidate pair of gold articles with its signals and gold answer (CSV)");
  cmd->add_option("--json", e->json_path, "also write the report as JSON to this file");
  add_run_options(cmd, *s, false);
  cmd->callback([s, e] { run_eval(*s, *e); });
}

void add_compare_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("compare", "score several models or settings side by side on one labelled batch");
  auto s = std::make_shared<RunSettings>();
  auto gold = std::make_shared<std::string>();
  auto specs = std::make_shared<std::vector<std::string>>();
  auto json_path = std::make_shared<std::string>();
  auto csv_path = std::make_shared<std::string>();
  cmd->add_option("--gold", *gold, "gold events: id<TAB>event per line")->required();
  cmd->add_option(
         "--config", *specs,
         "LABEL:key=value,... (keys: model, vectors=LANG=FILE;LANG=FILE, and the tunable settings); repeatable")
      ->required()
      ->allow_extra_args(false);  // one configuration per --config, so the inputs may come last
  cmd->add_option("--json", *json_path, "write the results as JSON to this file");
  cmd->add_option("--csv", *csv_path, "write the results as CSV to this file");
  add_run_options(cmd, *s, true);
  cmd->callback([=] { run_compare(*s, *gold, *specs, *json_path, *csv_path); });
}

// What `model names` and `model concepts` share: a model to read, the corpora to build from,
// a file written beside the model, a cosine bar and --quiet.
struct SidecarSettings {
  std::string model_path;
  std::string corpora = "../shared/corpora";
  std::string out;  // empty: beside the model
  float min_cosine = 0.3f;
  bool quiet = false;
  Model load() const { return Model::load(model_path.empty() ? default_model_path() : model_path); }
  std::string target(const std::string& beside_the_model) const { return out.empty() ? beside_the_model : out; }
};

std::shared_ptr<SidecarSettings> add_sidecar_options(CLI::App* cmd, const std::string& model_help,
                                                     const std::string& corpora_help, const std::string& out_help,
                                                     const std::string& min_cosine_help) {
  auto s = std::make_shared<SidecarSettings>();
  cmd->add_option("--model", s->model_path, model_help);
  cmd->add_option("--corpora", s->corpora, corpora_help)->capture_default_str();
  cmd->add_option("--out", s->out, out_help);
  cmd->add_option("--min-cosine", s->min_cosine, min_cosine_help)->capture_default_str();
  cmd->add_flag("--quiet,-q", s->quiet, "no logs");
  return s;
}

// `model names`: name aliases for a model, from the corpora's name lists.
void add_names_command(CLI::App& model) {
  auto* cmd =
      model.add_subcommand("names",
                           "link names of places and languages across languages (Allemagne, Đức -> germany) from the "
                           "corpora's name lists, and write them beside the model (model train does this too)");
  auto s = add_sidecar_options(cmd, "compact model file or folder the aliases go beside (default: the bundled model)",
                               "training material holding parallel/*_names_en_fr_vi.tsv.xz",
                               "file to write (default: beside the model, extension .names)",
                               "a link is kept when the model knows both names and their cosine reaches this");
  cmd->callback([=] {
    if (s->quiet) spdlog::set_level(spdlog::level::err);
    const std::string lists = s->corpora + "/parallel/cldr_names_en_fr_vi.tsv.xz";
    if (!std::filesystem::exists(lists))
      throw InputError(lists + ": not found (the name lists live in ../shared/corpora/parallel)");
    Model m = s->load();
    NameAliases names = build_name_aliases(s->corpora, m, s->min_cosine);
    const std::string target = s->target(Model::names_path(m.source()));
    names.save(target);
    std::cout << names.size() << " name aliases; wrote " << target << '\n';
  });
}

// `model concepts`: the concept table of an existing model, from the training dictionaries.
int64_t words_with_concepts(const std::vector<WordConcept>& table) {
  return std::count_if(table.begin(), table.end(), [](const WordConcept& c) { return c.english >= 0; });
}

void add_concepts_command(CLI::App& model) {
  auto* cmd =
      model.add_subcommand("concepts",
                           "choose each French and Vietnamese word's English concept from the dictionaries and the "
                           "space, and write the table beside the model (model train does this too)");
  auto s = add_sidecar_options(cmd, "compact model file or folder (default: the bundled model)",
                               "training material holding dicts/ and parallel/",
                               "table to write (default: beside the model, extension .concepts)",
                               "words without a dictionary translation need this cosine to their nearest English word");
  auto holdout = std::make_shared<double>(0.0);
  cmd->add_option("--dictionary-holdout", *holdout,
                  "share of dictionary source words left out (the split of model train --dictionary-holdout); "
                  "0, as model train does: the table uses every pair")
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  cmd->callback([=] {
    if (s->quiet) spdlog::set_level(spdlog::level::err);
    Model m = s->load();
    if (!std::filesystem::exists(s->corpora + "/dicts"))
      throw InputError(s->corpora + "/dicts: not found (the dictionaries live in ../shared/corpora)");
    BilingualLexicon lexicon = load_lexicon(s->corpora);
    if (*holdout > 0) lexicon.hold_out(*holdout);
    auto counts = build_concept_tables(m, lexicon, 40000, s->min_cosine);
    const std::string target = s->target(Model::concepts_path(m.source()));
    m.save_concepts(target);
    for (const auto& [lang, n] : counts)
      std::cout << lang << ": " << n.words << " words, " << n.from_dictionary << " concepts from the dictionaries, "
                << n.from_vectors << " from the vectors\n";
    std::cout << "wrote " << target << '\n';
  });
}

void add_model_commands(CLI::App& app) {
  auto* model = app.add_subcommand("model", "train, describe or measure word-vector models");
  model->require_subcommand(1);
  add_fit_command(*model);

  auto* train = model->add_subcommand("train", "train the default English/French/Vietnamese model from the corpora");
  auto o = std::make_shared<TrainOptions>();
  train->add_option("--corpora", o->corpora_dir, "training material (see ../shared/corpora/README.md)")
      ->capture_default_str();
  train->add_option("--work", o->work_dir, "folder for prepared text and the fastText model")->capture_default_str();
  train->add_option("--out", o->out_path, "the compact model to write")->capture_default_str();
  train->add_option("--dim", o->dim, "vector dimension")->capture_default_str();
  train->add_option("--epoch", o->epoch, "training epochs")->capture_default_str();
  train->add_option("--window", o->window, "context window")->capture_default_str();
  train->add_option("--min-count", o->min_count, "minimum word count")->capture_default_str();
  train->add_option("--threads", o->threads, "training threads (1 for bit-exact reproduction)")->capture_default_str();
  train->add_option("--seed", o->seed, "random seed")->capture_default_str();
  train->add_option("--switch-probability", o->switch_probability, "chance a word is replaced by a translation")
      ->capture_default_str();
  train->add_option("--max-words-en", o->max_words_en, "English words exported")->capture_default_str();
  train->add_option("--max-words-fr", o->max_words_fr, "French words exported")->capture_default_str();
  train->add_option("--max-words-vi", o->max_words_vi, "Vietnamese words exported")->capture_default_str();
  auto train_quiet = std::make_shared<bool>(false);
  train->add_flag("--quiet,-q", *train_quiet, "only errors and the result line");
  train
      ->add_option("--dictionary-holdout", o->dictionary_holdout,
                   "share of dictionary source words kept out of training (written to WORK/heldout_dictionary.tsv)")
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  train->add_flag("--parallel,!--no-parallel", o->parallel_text,
                  "train on the aligned units of corpora/parallel too (default: on; off with --switch-probability 0 "
                  "leaves languages to meet only through identical strings before Procrustes)");
  train->add_flag("--procrustes,!--no-procrustes", o->procrustes,
                  "rotate fr and vi onto en with the (training) dictionary after joint training (default: on)");
  train
      ->add_option("--remove-directions", o->remove_directions,
                   "after the rotation, remove each language's mean word vector and this many strongest directions "
                   "(0: raw vectors, as model v3)")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  train->add_flag("--reuse-prepared", o->reuse_prepared, "reuse the prepared text in --work");
  train->add_flag("--reuse-bin", o->reuse_bin, "reuse the trained fastText model in --work (export only)");
  train->callback([o, train_quiet] {
    if (*train_quiet) spdlog::set_level(spdlog::level::err);
    TrainReport r = train_default_model(*o);
    std::cout << "wrote " << o->out_path << ": " << r.training_lines << " training lines, " << r.training_tokens
              << " tokens; prepare " << fixed3(r.prepare_seconds) << "s, train " << fixed3(r.train_seconds)
              << "s, export " << fixed3(r.export_seconds) << "s (export includes the concept table, "
              << Model::concepts_path(o->out_path) << ", and the name aliases, " << Model::names_path(o->out_path)
              << ")\n";
  });

  add_concepts_command(*model);
  add_names_command(*model);

  auto* info = model->add_subcommand("info", "languages, dimension and vocabulary sizes of a model");
  auto info_path = std::make_shared<std::string>();
  auto info_vectors = std::make_shared<std::vector<std::string>>();
  info->add_option("--model", *info_path, "compact model file or folder (default: the bundled model)");
  info->add_option("--vectors", *info_vectors, "LANG=FILE fastText vectors instead")->allow_extra_args(false);
  auto info_quiet = std::make_shared<bool>(false);
  info->add_flag("--quiet,-q", *info_quiet, "no logs");
  info->callback([info_path, info_vectors, info_quiet] {
    if (*info_quiet) spdlog::set_level(spdlog::level::err);
    Model m = load_model(*info_path, *info_vectors);
    std::cout << "file: " << m.source() << '\n' << "dimension: " << m.dim() << '\n';
    std::error_code ec;
    auto size = std::filesystem::file_size(m.source(), ec);
    if (!ec) std::cout << "size: " << size << " bytes\n";
    for (const auto& code : m.languages()) {
      const auto* space = m.language(code);
      std::cout << "language " << code << ": " << space->vectors->size() << " words";
      if (space->documents) std::cout << ", statistics from " << space->documents << " training documents";
      if (space->concepts) std::cout << ", " << words_with_concepts(*space->concepts) << " with an English concept";
      std::cout << '\n';
    }
    if (m.name_aliases())
      std::cout << "name aliases: " << m.name_aliases()->size() << " (" << Model::names_path(m.source()) << ")\n";
    Options fitted;
    std::string settings = apply_model_settings(m, fitted);
    if (settings.empty()) {
      std::cout << "score settings: none fitted for this model (the built-in defaults apply)\n";
      return;
    }
    std::cout << "score settings: " << settings << '\n';
    for (const auto& s : fitted_settings()) std::cout << "  " << s.name << "=" << get_option(fitted, s.name) << '\n';
  });

  auto* meval = model->add_subcommand("eval", "cross-language retrieval precision@1 on held-out aligned text");
  auto eval_path = std::make_shared<std::string>();
  auto eval_vectors = std::make_shared<std::vector<std::string>>();
  auto corpora = std::make_shared<std::string>("../shared/corpora");
  meval->add_option("--model", *eval_path, "compact model file or folder (default: the bundled model)");
  meval->add_option("--vectors", *eval_vectors, "LANG=FILE fastText vectors instead")->allow_extra_args(false);
  meval->add_option("--corpora", *corpora, "folder holding heldout/")->capture_default_str();
  auto word_pairs = std::make_shared<std::string>();
  meval->add_option(
      "--word-pairs", *word_pairs,
      "also measure word translation (p@1, p@10) on these pairs: from_lang, word, to_lang, word per line, "
      "e.g. WORK/heldout_dictionary.tsv from model train --dictionary-holdout");
  auto eval_quiet = std::make_shared<bool>(false);
  meval->add_flag("--quiet,-q", *eval_quiet, "no logs");
  auto eval_centering_prior = std::make_shared<double>(Options{}.centering_prior);
  meval
      ->add_option("--centering-prior", *eval_centering_prior,
                   "weight, in items, of the model's mean when centring a language (as cluster --centering-prior)")
      ->capture_default_str();
  auto eval_word_sif = std::make_shared<double>(Options{}.word_sif);
  meval
      ->add_option("--word-sif", *eval_word_sif,
                   "weigh each word a / (a + its training-document share) in the vectors (as cluster --word-sif)")
      ->check(CLI::Range(0.0, 1000.0))
      ->capture_default_str();
  meval->callback([=] {
    if (*eval_quiet) spdlog::set_level(spdlog::level::err);
    Model m = load_model(*eval_path, *eval_vectors);
    if (!std::filesystem::exists(*corpora + "/heldout"))
      throw InputError(*corpora + "/heldout: not found (the held-out sets live in ../shared/corpora)");
    if (!word_pairs->empty()) {
      std::cout << "word translation  from  to   words  precision@1  precision@10  CSLS@1  CSLS@10  (pairs not in the "
                   "model: skipped)\n";
      for (const auto& r : evaluate_word_translation(m, read_translation_pairs(*word_pairs)))
        std::cout << "                  " << r.from << "    " << r.to << "   " << std::setw(5) << r.words << "  "
                  << fixed3(r.precision_at_1) << "        " << fixed3(r.precision_at_10) << "         "
                  << fixed3(r.csls_at_1) << "   " << fixed3(r.csls_at_10) << "    (" << r.pairs_unknown
                  << " skipped)\n";
    }
    std::cout << "set                             from  to   items  precision@1\n";
    Options embedding;
    embedding.centering_prior = *eval_centering_prior;
    embedding.word_sif = *eval_word_sif;
    for (const auto& r : evaluate_retrieval(m, *corpora, embedding))
      std::cout << std::left << std::setw(32) << r.set << r.from << "    " << r.to << "   " << std::right
                << std::setw(5) << r.items << "  " << fixed3(r.precision_at_1) << '\n';
  });
}

}  // namespace crossdup::cli
