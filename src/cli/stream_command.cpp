// `crossdup stream`: the incremental Index behind standard input and output, for ingestion
// services in any language. One JSONL record in, one JSON line out (flushed), in order.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "commands.h"
#include "crossdup/error.h"
#include "crossdup/index.h"
#include "crossdup/read.h"
#include "crossdup/write.h"
#include "run_settings.h"

namespace crossdup::cli {
namespace {

struct StreamCommand {
  RunSettings run;
  std::vector<std::string> replay;  // earlier articles, added first without answers (a restart)
  std::string assignments_path;     // the final events of every article, written at the end
  size_t recluster_every = 0;       // Index::recluster() after every N additions and at the end; 0: never
};

// An earlier article whose event changed, as a recluster line and inside an addition.
nlohmann::ordered_json move_json(const Move& m) {
  return {{"id", m.id}, {"event", m.to_event}, {"moved_from", m.from_event}};
}

nlohmann::ordered_json addition_json(const RecordOrigin& origin, const std::string& id, const Addition& a) {
  nlohmann::ordered_json duplicates = nlohmann::ordered_json::array();
  for (const auto& d : a.duplicates)
    duplicates.push_back({{"id", d.id},
                          {"event", d.event_id},
                          {"score", rounded3(d.score)},
                          {"cosine", rounded3(d.cosine)},
                          {"names", rounded3(d.names)},
                          {"shared", d.shared_anchors},
                          {"terms", terms_json(d.terms)}});
  nlohmann::ordered_json moved = nlohmann::ordered_json::array();
  for (const auto& m : a.moved) moved.push_back(move_json(m));
  return {{"id", id},
          {"event", a.event_id},
          {"new_event", a.new_event},
          {"merged_events", a.merged_events},
          {"moved", std::move(moved)},
          {"duplicates", std::move(duplicates)},
          {"names_only", a.names_only},
          {"input", origin.input},
          {"line", origin.line}};
}

nlohmann::ordered_json rejection_json(const RecordOrigin& origin, const std::string& id, const std::string& reason) {
  // No id: null, as rejects.jsonl writes it.
  return {{"id", id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(id)},
          {"rejected", reason},
          {"input", origin.input},
          {"line", origin.line}};
}

std::string without_prefix(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

struct Counts {
  size_t added = 0, rejected = 0, new_events = 0, merges = 0, moves = 0;
};

// Standard output went away (the reading process ended): the stream stops, and what the
// index holds is still written (--assignments) before the run ends with exit code 2.
struct OutputClosed : Error {
  using Error::Error;
};

void write_line(const nlohmann::ordered_json& out, const std::string& where) {
  std::cout << out.dump() << '\n' << std::flush;
  if (!std::cout) throw OutputClosed("standard output closed: stopped at " + where);
}

// Reclusters the index and, when `answer`, writes one line per article that changed event.
void recluster(Index& index, Counts& counts, bool answer) {
  auto moves = index.recluster();
  counts.moves += moves.size();
  if (!answer) return;
  for (const auto& m : moves) write_line(move_json(m), "a recluster");
}

// Each non-blank line becomes exactly one output line (when `answer`): the addition, or why it
// was refused.
void stream_input(std::istream& in, const std::string& name, Index& index, Counts& counts, bool answer,
                  size_t recluster_every) {
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are not records
    const RecordOrigin origin{name, line_no};
    std::string reason;
    Article article = parse_jsonl_line(line, origin, reason);
    const std::string id = article.id;
    nlohmann::ordered_json out;
    if (reason.empty()) {
      try {
        Addition added = index.add(std::move(article));
        ++counts.added;
        counts.new_events += added.new_event;
        counts.merges += added.merged_events.size();
        counts.moves += added.moved.size();
        out = addition_json(origin, id, added);
      } catch (const InputError& e) {  // a used id, nothing left after cleaning, invalid UTF-8
        reason = without_prefix(e.what(), "article " + id + ": ");
      }
    }
    if (!reason.empty()) {
      ++counts.rejected;
      spdlog::warn("{}:{} {}: {}", name, line_no, id.empty() ? "(no id)" : id, reason);
      out = rejection_json(origin, id, reason);
    }
    if (answer) write_line(out, name + ":" + std::to_string(line_no));
    if (recluster_every > 0 && out.contains("event") && counts.added % recluster_every == 0)
      recluster(index, counts, answer);
  }
}

std::string assignments_jsonl(const Index& index) {
  std::string out;
  for (const auto& a : index.assignments())
    out += nlohmann::ordered_json{{"id", a.id}, {"cluster", a.cluster}, {"lang", a.lang}}.dump() + "\n";
  return out;
}

void run_stream(StreamCommand& c) {
  apply_logging(c.run);
  if (c.run.inputs.empty()) c.run.inputs = {"-"};
  for (const auto& input : c.run.inputs)
    if (input != "-" && std::filesystem::is_directory(input))
      throw UsageError("stream reads JSONL (files or - for standard input), not folders: " + input);
  Model model = load_model(c.run.model_path, c.run.vectors);
  Options o = options_for(c.run, model);
  LanguageIdentifier lid(lid_path(c.run), &model);
  Index index(model, lid, o);
  Counts replayed, counts;
  auto read = [&](const std::string& input, Counts& into, bool answer) {
    const size_t every = answer ? c.recluster_every : 0;
    if (input == "-") return stream_input(std::cin, "-", index, into, answer, every);
    std::ifstream in(input);
    if (!in) throw InputError("cannot open " + input);
    stream_input(in, input, index, into, answer, every);
  };
  for (const auto& input : c.replay) read(input, replayed, false);
  if (!c.replay.empty()) {
    if (c.recluster_every > 0) recluster(index, replayed, false);  // the restored events as a batch finds them
    spdlog::info("stream: {} earlier articles replayed ({} rejected)", replayed.added, replayed.rejected);
  }
  try {
    for (const auto& input : c.run.inputs) read(input, counts, true);
    if (c.recluster_every > 0) recluster(index, counts, true);
  } catch (const OutputClosed& e) {
    if (c.assignments_path.empty()) throw;
    write_file_atomically(c.assignments_path, assignments_jsonl(index));
    throw OutputClosed(std::string(e.what()) + "; the " + std::to_string(index.size()) +
                       " articles added so far are in " + c.assignments_path);
  }
  if (!c.assignments_path.empty()) write_file_atomically(c.assignments_path, assignments_jsonl(index));
  spdlog::info(
      "stream: {} articles added ({} events started, {} merged into others), {} records rejected, {} earlier "
      "articles moved to another event",
      counts.added, counts.new_events, counts.merges, counts.rejected, counts.moves);
}

}  // namespace

void add_stream_command(CLI::App& app) {
  auto c = std::make_shared<StreamCommand>();
  auto* cmd = app.add_subcommand(
      "stream",
      "add JSONL articles one at a time to the incremental index; one JSON line per record on standard output: "
      "its event, merged events and duplicates, or why it was rejected");
  cmd->add_option("--replay", c->replay,
                  "JSONL files of earlier articles to add first, without answers (after a restart); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--assignments", c->assignments_path,
                  "at the end, write every article's final event (merges applied) to this JSONL file");
  cmd->add_option("--recluster-every", c->recluster_every,
                  "recluster the index as a batch would after every N additions and at the end of the input, writing "
                  "a line for each article that changed event (and once after --replay, silently); 0: never")
      ->capture_default_str();
  add_run_options(cmd, c->run, false);
  cmd->callback([c] { run_stream(*c); });
}

}  // namespace crossdup::cli
