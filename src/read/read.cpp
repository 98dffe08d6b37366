// Read stage. Each record ends either as an Article or as a Reject with its reason: nothing is
// dropped silently (read = articles + rejects).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "crossdup/error.h"
#include "crossdup/read.h"

namespace crossdup {
namespace fs = std::filesystem;
namespace {

std::string clean_text(const std::string& raw) { return nfc(strip_html(raw)); }

bool has_words(const std::string& text) { return has_word_characters(text); }

// Normalises "EN", "en-US", "fr_FR" to "en", "fr".
std::string normalise_lang(std::string lang) {
  std::transform(lang.begin(), lang.end(), lang.begin(), [](unsigned char c) { return std::tolower(c); });
  auto cut = lang.find_first_of("-_");
  if (cut != std::string::npos) lang.resize(cut);
  if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), ::isalpha)) return {};
  return lang;
}

class Batch {
 public:
  Batch(ReadResult& result, const Options& options) : result_(result), options_(options) {}

  void reject(const RecordOrigin& origin, const std::string& id, const std::string& reason) {
    ++result_.records_read;
    result_.rejects.push_back({origin, id, reason});
    spdlog::debug("rejected {}:{} {}: {}", origin.input, origin.line, id, reason);
  }

  // Cleans, checks and accepts an article, or rejects it with the reason.
  void accept(Article a) {
    if (!is_valid_utf8(a.text) || !is_valid_utf8(a.title))
      return reject(a.origin, a.id, "invalid UTF-8 in text or title");
    a.text = clean_text(a.text);
    a.title = clean_text(a.title);
    if (a.text.size() > options_.max_article_bytes) {
      a.text.resize(utf8_prefix(a.text, options_.max_article_bytes).size());
      a.truncated = true;
      spdlog::warn("{}:{} id {}: text longer than {} bytes, truncated", a.origin.input, a.origin.line,
                   a.id, options_.max_article_bytes);
    }
    if (!has_words(a.text) && !has_words(a.title))
      return reject(a.origin, a.id, "empty text after cleaning");
    auto [it, fresh] = first_seen_.emplace(a.id, a.origin);
    if (!fresh)
      return reject(a.origin, a.id,
                    "duplicate id (first seen at " + it->second.input + ":" + std::to_string(it->second.line) + ")");
    ++result_.records_read;
    result_.articles.push_back(std::move(a));
  }

 private:
  ReadResult& result_;
  const Options& options_;
  std::unordered_map<std::string, RecordOrigin> first_seen_;
};

std::string id_from_json(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  return {};
}

void read_json_record(const std::string& line, const RecordOrigin& origin, Batch& batch) {
  if (!is_valid_utf8(line)) return batch.reject(origin, "", "invalid UTF-8");
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 8e993
    std::string what = e.what();
    auto colon = what.find("parse error");
    return batch.reject(origin, "", "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon)));
  }
  if (!obj.is_object()) return batch.reject(origin, "", "not a JSON object");
  std::string id = obj.contains("id") ? id_from_json(obj["id"]) : "";
  if (id.empty())
    return batch.reject(origin, "", obj.contains("id") ? "id is not a string or integer" : "missing id");
  if (!obj.contains("text") || !obj["text"].is_string())
    return batch.reject(origin, id, obj.contains("text") ? "text is not a string" : "missing text");

  Article a;
  a.id = id;
  a.origin = origin;
  a.text = obj["text"].get<std::string>();
  auto string_field = [&](const char* name) -> std::string {
    auto it = obj.find(name);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  a.title = string_field("title");
  a.source = string_field("source");
  a.lang = normalise_lang(string_field("lang"));
  std::string date = string_field("date");
  if (!date.empty()) {
    a.date = parse_iso_date(date);
    if (a.date) a.date_source = "field";
    else spdlog::warn("{}:{} id {}: unreadable date '{}', treated as unknown", origin.input, origin.line, id, date);
  }
  for (auto& [key, value] : obj.items())
    if (key != "id" && key != "text" && key != "title" && key != "source" && key != "lang" && key != "date")
      a.extra[key] = value;
  batch.accept(std::move(a));
}

void read_jsonl_stream(std::istream& in, const std::string& name, Batch& batch) {
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are not records
    read_json_record(line, RecordOrigin{name, line_no}, batch);
  }
}

void read_text_content(std::string content, const std::string& id, const RecordOrigin& origin, Batch& batch) {
  Article a;
  a.id = id;
  a.origin = origin;
  if (!is_valid_utf8(content)) return batch.reject(origin, a.id, "invalid UTF-8");
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);  // byte-order mark

  // The reference documents' convention: a first line " date YYYY-MM-DD" (or YYYY-MM);
  // whatever follows the date on that line is the start of the text.
  std::string_view rest(content);
  bool body_follows_date = false;
  auto first_nl = rest.find('\n');
  std::string first_line(rest.substr(0, first_nl));
  auto date_at = first_line.find("date ");
  if (date_at != std::string::npos && first_line.find_first_not_of(' ') == date_at) {
    std::string value = first_line.substr(date_at + 5);
    auto space = value.find(' ');
    a.date = parse_iso_date(value.substr(0, space));
    if (a.date) {
      a.date_source = "first line";
      body_follows_date = space != std::string::npos;
      rest = body_follows_date ? rest.substr(date_at + 5 + space + 1)
                               : rest.substr(first_nl == std::string::npos ? rest.size() : first_nl + 1);
    }
  }
  // A short first line that is not a sentence is the title.
  auto start = rest.find_first_not_of(" \t\r\n");
  rest = start == std::string_view::npos ? std::string_view() : rest.substr(start);
  auto nl = rest.find('\n');
  std::string_view head = rest.substr(0, nl);
  while (!head.empty() && (head.back() == '\r' || head.back() == ' ')) head.remove_suffix(1);
  if (!body_follows_date && nl != std::string_view::npos && !head.empty() && head.size() <= 250 && head.back() != '.') {
    a.title = std::string(head);
    rest = rest.substr(nl + 1);
  }
  a.text = std::string(rest);
  if (!a.date) {
    a.date = find_date_in_text(a.title + "\n" + a.text);
    if (a.date) a.date_source = "text";
  }
  batch.accept(std::move(a));
}

void read_text(const fs::path& path, Batch& batch) {
  RecordOrigin origin{path.string(), 0};
  std::ifstream in(path, std::ios::binary);
  if (!in) return batch.reject(origin, path.filename().string(), "cannot read file");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  read_text_content(std::move(content), path.filename().string(), origin, batch);
}

void read_folder(const fs::path& dir, Batch& batch) {
  std::vector<fs::path> files;
  for (auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // a stable order: output does not depend on the file system
  if (files.empty()) spdlog::warn("{}: no .txt files in this folder", dir.string());
  for (auto& f : files) read_text(f, batch);
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& name, const Options& options, ReadResult& result) {
  Batch batch(result, options);
  read_jsonl_stream(in, name, batch);
}

void read_text_file(const std::string& path, const Options& options, ReadResult& result) {
  Batch batch(result, options);
  read_text(path, batch);
}

void read_text_document(const std::string& content, const std::string& name, const Options& options,
                        ReadResult& result) {
  Batch batch(result, options);
  read_text_content(content, name, RecordOrigin{name, 0}, batch);
}

ReadResult read_inputs(const std::vector<std::string>& inputs, const Options& options) {
  ReadResult result;
  Batch batch(result, options);  // one batch: duplicate ids are caught across inputs
  for (const auto& input : inputs) {
    if (input == "-") {
      read_jsonl_stream(std::cin, "-", batch);
      continue;
    }
    std::error_code ec;
    fs::path p(input);
    if (fs::is_directory(p, ec)) {
      read_folder(p, batch);
    } else if (fs::is_regular_file(p, ec)) {
      if (p.extension() == ".txt") {
        read_text(p, batch);
      } else {
        std::ifstream in(p, std::ios::binary);
        if (!in) throw InputError(input + ": cannot open");
        read_jsonl_stream(in, input, batch);
      }
    } else {
      throw InputError(input + ": no such file or folder");
    }
  }
  return result;
}

}  // namespace crossdup
