// Read stage. Each record ends either as an Article or as a Reject with its reason: nothing is
// dropped silently (read = articles + rejects).
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "crossdup/error.h"
#include "crossdup/read.h"

namespace crossdup {
namespace fs = std::filesystem;
namespace {

std::string clean_text(const std::string& raw) { return nfc(strip_html(raw)); }

}  // namespace

namespace {

// The two-letter codes of ISO 639-1, so that "xx" or "en"'s typo "eb" is not taken for a
// language (three-letter ISO 639-3 codes are taken as given).
bool is_iso_639_1(const std::string& code) {
  static const std::unordered_set<std::string> codes = [] {
    std::unordered_set<std::string> out;
    std::istringstream in(
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv "
        "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig "
        "ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh "
        "mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru "
        "rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug "
        "uk ur uz ve vi vo wa wo xh yi yo za zh zu");
    for (std::string c; in >> c;) out.insert(c);
    return out;
  }();
  return codes.count(code) > 0;
}

}  // namespace

std::string normalise_language_code(std::string lang) {
  std::transform(lang.begin(), lang.end(), lang.begin(), [](unsigned char c) { return std::tolower(c); });
  auto cut = lang.find_first_of("-_");
  if (cut != std::string::npos) lang.resize(cut);
  if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), ::isalpha)) return {};
  if (lang.size() == 2 && !is_iso_639_1(lang)) return {};
  return lang;
}

namespace {

// One record after parsing and cleaning, before the batch-level checks: an article, or the
// reason it cannot be one. Built independently per record, so records are parsed in parallel.
struct Record {
  Article article;            // id and origin are set even when rejected
  std::string reject_reason;  // empty: accepted so far
};

Record rejected(const RecordOrigin& origin, const std::string& id, const std::string& reason) {
  Record r;
  r.article.origin = origin;
  r.article.id = id;
  r.reject_reason = reason;
  return r;
}

}  // namespace

std::string clean_article(Article& a, const ReadSettings& options) {
  if (!is_valid_utf8(a.text) || !is_valid_utf8(a.title)) return "invalid UTF-8 in text or title";
  a.text = clean_text(a.text);
  a.title = clean_text(a.title);
  if (a.text.size() > options.max_article_bytes) {
    a.text.resize(utf8_prefix(a.text, options.max_article_bytes).size());
    a.truncated = true;
    spdlog::warn("{}:{} id {}: text longer than {} bytes, truncated", a.origin.input, a.origin.line, a.id,
                 options.max_article_bytes);
  }
  if (!has_word_characters(a.text) && !has_word_characters(a.title)) return "empty text after cleaning";
  return {};
}

namespace {

// The batch-level checks and the accounting, in input order: every record ends as an article
// or a reject.
class Batch {
 public:
  Batch(ReadResult& result, size_t max_articles) : result_(result), max_articles_(max_articles) {}

  void reject(const RecordOrigin& origin, const std::string& id, const std::string& reason) {
    ++result_.records_read;
    result_.rejects.push_back({origin, id, reason});
    spdlog::debug("rejected {}:{} {}: {}", origin.input, origin.line, id, reason);
  }

  void admit(Record r) {
    Article& a = r.article;
    if (!r.reject_reason.empty()) return reject(a.origin, a.id, r.reject_reason);
    auto [it, fresh] = first_seen_.emplace(a.id, a.origin);
    if (!fresh)
      return reject(a.origin, a.id,
                    "duplicate id (first seen at " + it->second.input + ":" + std::to_string(it->second.line) + ")");
    // Past the limit a record is still accounted for: the reject says how to run it.
    if (result_.articles.size() >= max_articles_)
      return reject(a.origin, a.id,
                    "batch limit of " + std::to_string(max_articles_) +
                        " articles reached (--max-batch-articles): run the rest as another batch");
    ++result_.records_read;
    result_.articles.push_back(std::move(a));
  }

 private:
  ReadResult& result_;
  size_t max_articles_;
  std::unordered_map<std::string, RecordOrigin> first_seen_;
};

std::string id_from_json(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  return {};
}

// Whether arrays and objects nest deeper than `limit` (brackets inside strings do not count).
// The JSON library parses, copies and writes nested values recursively: 100,000 levels
// overflow the stack, so such a record is rejected before it is parsed.
bool nests_deeper_than(const std::string& line, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

// The record's fields, before cleaning.
Record parse_json_record(const std::string& line, const RecordOrigin& origin) {
  if (!is_valid_utf8(line)) return rejected(origin, "", "invalid UTF-8");
  if (nests_deeper_than(line, kMaxJsonNesting))
    return rejected(origin, "", "arrays or objects nested deeper than " + std::to_string(kMaxJsonNesting) + " levels");
  nlohmann::json obj;
  // A key given twice in the record's object would silently keep the last value ("id",
  // "text", "lang" ...): the record is rejected instead, naming the key.
  std::string duplicate_key;
  std::unordered_set<std::string> keys;
  auto watch_keys = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (depth == 1 && event == nlohmann::json::parse_event_t::key && duplicate_key.empty() &&
        !keys.insert(parsed.get<std::string>()).second)
      duplicate_key = parsed.get<std::string>();
    return true;
  };
  try {
    obj = nlohmann::json::parse(line, watch_keys);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 8e993
    std::string what = e.what();
    auto colon = what.find("parse error");
    return rejected(origin, "", "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon)));
  }
  if (!obj.is_object()) return rejected(origin, "", "not a JSON object");
  if (!duplicate_key.empty()) {
    std::string id = obj.contains("id") ? id_from_json(obj["id"]) : "";
    return rejected(origin, id, "key '" + duplicate_key + "' appears twice in the object");
  }
  std::string id = obj.contains("id") ? id_from_json(obj["id"]) : "";
  if (id.empty()) {
    if (!obj.contains("id")) return rejected(origin, "", "missing id");
    if (obj["id"].is_null()) return rejected(origin, "", "id is null");
    if (obj["id"].is_string()) return rejected(origin, "", "id is empty");
    return rejected(origin, "", std::string("id is not a string or integer (") + obj["id"].type_name() + ")");
  }
  if (!obj.contains("text") || !obj["text"].is_string())
    return rejected(origin, id, obj.contains("text") ? "text is not a string" : "missing text");

  Record record;
  Article& a = record.article;
  a.id = id;
  a.origin = origin;
  a.text = obj["text"].get<std::string>();
  // An optional field of another type is ignored, and said so: a feed that sends "date":
  // 20250324 should learn why its dates are unknown. null is simply absent.
  auto string_field = [&](const char* name) -> std::string {
    auto it = obj.find(name);
    if (it == obj.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    spdlog::warn("{}:{} id {}: {} is not a string ({}), ignored", origin.input, origin.line, id, name, it->type_name());
    return {};
  };
  a.title = string_field("title");
  a.source = string_field("source");
  const std::string lang = string_field("lang");
  a.lang = normalise_language_code(lang);
  if (a.lang.empty() && !lang.empty())
    spdlog::warn("{}:{} id {}: lang '{}' is not an ISO 639 code, the language will be identified from the text",
                 origin.input, origin.line, id, lang);
  std::string date = string_field("date");
  if (!date.empty()) {
    a.date = parse_iso_date(date);
    if (a.date) a.date_source = "field";
    else
      spdlog::warn(
          "{}:{} id {}: unreadable date '{}' (expected YYYY-MM-DD, YYYY-MM or YYYY, years 1800-2200, "
          "or ISO 8601 with a time), treated as unknown",
          origin.input, origin.line, id, date);
  }
  for (auto& [key, value] : obj.items())
    if (key != "id" && key != "text" && key != "title" && key != "source" && key != "lang" && key != "date")
      a.extra[key] = value;
  return record;
}

Record read_json_record(const std::string& line, const RecordOrigin& origin, const ReadSettings& options) {
  Record record = parse_json_record(line, origin);
  if (record.reject_reason.empty()) record.reject_reason = clean_article(record.article, options);
  return record;
}

constexpr const char* kConvertHint = ", not UTF-8: convert it (iconv -f UTF-16 -t UTF-8 FILE)";

// "UTF-16LE" or "UTF-16BE" when the text starts with that byte-order mark, or when its first
// bytes hold NULs next to ASCII letters as UTF-16 without one does; else null.
const char* utf16_encoding(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\xFF' && head[1] == '\xFE') return "UTF-16LE";
  if (head.size() >= 2 && head[0] == '\xFE' && head[1] == '\xFF') return "UTF-16BE";
  if (head.size() >= 4 && head[1] == '\0' && head[3] == '\0' && head[0] != '\0') return "UTF-16LE";
  if (head.size() >= 4 && head[0] == '\0' && head[2] == '\0' && head[1] != '\0') return "UTF-16BE";
  return nullptr;
}

// Lines are parsed and cleaned in parallel, a chunk at a time (memory stays bounded), then
// admitted in input order, so the result never depends on the thread count.
void read_jsonl_stream(std::istream& in, const std::string& name, const ReadSettings& options, Batch& batch) {
  constexpr size_t kChunk = 4096;
  std::vector<std::pair<size_t, std::string>> lines;
  std::vector<Record> records;
  std::string line;
  size_t line_no = 0;
  bool more = true;
  while (more) {
    lines.clear();
    while (lines.size() < kChunk && (more = static_cast<bool>(std::getline(in, line)))) {
      ++line_no;
      if (line_no == 1) {
        if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte-order mark
        // A UTF-16 file: every line would be "invalid UTF-8"; one reject says what it is.
        if (const char* encoding = utf16_encoding(line))
          return batch.reject(RecordOrigin{name, 1}, "", std::string("the file is ") + encoding + kConvertHint);
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are not records
      lines.emplace_back(line_no, std::move(line));
    }
    records.assign(lines.size(), Record{});
#pragma omp parallel for schedule(dynamic, 16)
    for (size_t i = 0; i < lines.size(); ++i)
      records[i] = read_json_record(lines[i].second, RecordOrigin{name, lines[i].first}, options);
    for (auto& r : records) batch.admit(std::move(r));
  }
}

void read_text_content(std::string content, const std::string& id, const RecordOrigin& origin,
                       const ReadSettings& options, Batch& batch) {
  if (const char* encoding = utf16_encoding(content))
    return batch.reject(origin, id, std::string("the file is ") + encoding + kConvertHint);
  if (!is_valid_utf8(content)) return batch.reject(origin, id, "invalid UTF-8");
  Record record;
  Article& a = record.article;
  a.id = id;
  a.origin = origin;
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
  record.reject_reason = clean_article(a, options);
  batch.admit(std::move(record));
}

void read_text(const fs::path& path, const std::string& id, const ReadSettings& options, Batch& batch) {
  RecordOrigin origin{path.string(), 0};
  std::ifstream in(path, std::ios::binary);
  if (!in) return batch.reject(origin, id, std::string("cannot read file: ") + std::strerror(errno));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  read_text_content(std::move(content), id, origin, options, batch);
}

void read_jsonl_file(const fs::path& path, const ReadSettings& options, Batch& batch) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open");
  read_jsonl_stream(in, path.string(), options, batch);
}

std::string lowercase_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// A file's id: its path, with each byte that is not UTF-8 written as "\xFF", so the id still
// names the file (JSON output would otherwise turn such bytes into U+FFFD).
std::string file_id(const fs::path& path) {
  const std::string raw = path.generic_string();
  if (is_valid_utf8(raw)) return raw;
  std::string out;
  for (size_t i = 0; i < raw.size();) {
    const auto lead = static_cast<unsigned char>(raw[i]);
    const size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length > 0 && i + length <= raw.size() && is_valid_utf8(std::string_view(raw).substr(i, length))) {
      out.append(raw, i, length);
      i += length;
      continue;
    }
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\x%02X", lead);
    out += escaped;
    ++i;
  }
  spdlog::warn("{}: the file name is not UTF-8; its id is {}", raw, out);
  return out;
}

// The files below `dir` that crossdup reads, and what it cannot read there. A folder walker of
// its own (not recursive_directory_iterator): a subfolder that cannot be opened is reported,
// not skipped, and the walk goes on. Symbolic links to folders are not followed (no loops).
struct FolderListing {
  std::vector<fs::path> files, skipped;
  std::vector<std::pair<fs::path, std::string>> unreadable;  // path, reason
};

bool wanted(const fs::path& p) {
  const std::string ext = lowercase_extension(p);
  return ext == ".txt" || ext == ".jsonl";
}

void list_folder(const fs::path& dir, FolderListing& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    out.unreadable.emplace_back(dir, "cannot read folder: " + ec.message());
    return;
  }
  std::vector<fs::path> subfolders;
  for (; it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_symlink(type_ec) && !fs::exists(entry.path(), type_ec)) {
      if (wanted(entry.path())) out.unreadable.emplace_back(entry.path(), "broken symbolic link");
      else out.skipped.push_back(entry.path());
      continue;
    }
    if (entry.is_directory(type_ec)) {
      if (!entry.is_symlink(type_ec)) subfolders.push_back(entry.path());
      continue;
    }
    if (entry.is_regular_file(type_ec) && wanted(entry.path())) out.files.push_back(entry.path());
    else out.skipped.push_back(entry.path());
  }
  if (ec) out.unreadable.emplace_back(dir, "cannot list folder: " + ec.message());
  std::sort(subfolders.begin(), subfolders.end());
  for (const auto& sub : subfolders) list_folder(sub, out);
}

// Every .txt (one article each, its id the path below `dir`: "a.txt", "2025-05-12/b.txt") and
// .jsonl file in the folder and its subfolders, in sorted order so that the output does not
// depend on the file system. Other files are skipped, and the log says how many and which;
// what cannot be read is a reject with its reason.
void read_folder(const fs::path& dir, const ReadSettings& options, Batch& batch) {
  FolderListing listing;
  list_folder(dir, listing);
  if (listing.unreadable.size() == 1 && listing.unreadable.front().first == dir)
    throw InputError(dir.string() + ": " + listing.unreadable.front().second);
  std::sort(listing.files.begin(), listing.files.end());
  std::sort(listing.skipped.begin(), listing.skipped.end());
  if (!listing.skipped.empty())
    spdlog::warn("{}: skipped {} file(s) that are neither .txt nor .jsonl, e.g. {}", dir.string(),
                 listing.skipped.size(), listing.skipped.front().lexically_relative(dir).string());
  for (const auto& [path, reason] : listing.unreadable) {
    spdlog::warn("{}: {}", path.string(), reason);
    batch.reject(RecordOrigin{path.string(), 0}, file_id(path.lexically_relative(dir)), reason);
  }
  if (listing.files.empty()) spdlog::warn("{}: no .txt or .jsonl files in this folder or below", dir.string());
  for (auto& f : listing.files) {
    if (lowercase_extension(f) == ".txt") {
      read_text(f, file_id(f.lexically_relative(dir)), options, batch);
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) batch.reject(RecordOrigin{f.string(), 0}, "", std::string("cannot read file: ") + std::strerror(errno));
    else read_jsonl_stream(in, f.string(), options, batch);
  }
}

}  // namespace

Article parse_jsonl_line(const std::string& line, const RecordOrigin& origin, std::string& reject_reason) {
  Record record = parse_json_record(line, origin);
  reject_reason = std::move(record.reject_reason);
  return std::move(record.article);
}

void read_jsonl(std::istream& in, const std::string& name, const ReadSettings& options, ReadResult& result) {
  Batch batch(result, options.max_batch_articles);
  read_jsonl_stream(in, name, options, batch);
}

void read_text_file(const std::string& path, const ReadSettings& options, ReadResult& result) {
  Batch batch(result, options.max_batch_articles);
  read_text(path, fs::path(path).filename().string(), options, batch);
}

void read_text_document(const std::string& content, const std::string& name, const ReadSettings& options,
                        ReadResult& result) {
  Batch batch(result, options.max_batch_articles);
  read_text_content(content, name, RecordOrigin{name, 0}, options, batch);
}

ReadResult read_inputs(const std::vector<std::string>& inputs, const ReadSettings& options) {
  ReadResult result;
  Batch batch(result, options.max_batch_articles);  // one batch: duplicate ids are caught across inputs
  for (const auto& input : inputs) {
    if (input == "-") {
      read_jsonl_stream(std::cin, "-", options, batch);
      continue;
    }
    std::error_code ec;
    fs::path p(input);
    if (fs::is_directory(p, ec)) {
      read_folder(p, options, batch);
    } else if (fs::is_regular_file(p, ec)) {
      if (lowercase_extension(p) == ".txt") read_text(p, file_id(p.filename()), options, batch);
      else read_jsonl_file(p, options, batch);
    } else {
      throw InputError(input + ": no such file or folder");
    }
  }
  return result;
}

}  // namespace crossdup
