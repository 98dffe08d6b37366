// What the read stage hands on: articles that can be used, and rejects with their reasons.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crossdup/text.h"

namespace crossdup {

// Where a record came from, for messages a person can act on.
struct RecordOrigin {
  std::string input;  // file path, or "-" for standard input
  size_t line = 0;    // 1-based line in a JSONL input; 0 for a whole text file
};

struct Article {
  std::string id;
  std::string lang;            // ISO 639-1 from the record, or detected; "und" when unknown
  bool lang_detected = false;  // true when the language came from identification
  std::optional<DateRange> date;
  std::string date_source;  // "field", "first line", "text", or empty
  std::string title;
  std::string text;  // cleaned: valid UTF-8, NFC, HTML removed
  std::string source;
  bool truncated = false;                           // longer than Options::max_article_bytes
  nlohmann::json extra = nlohmann::json::object();  // unknown fields, passed through
  RecordOrigin origin;
};

struct Reject {
  RecordOrigin origin;
  std::string id;  // empty when the record had none we could read
  std::string reason;
};

struct ReadResult {
  std::vector<Article> articles;
  std::vector<Reject> rejects;
  size_t records_read = 0;  // articles + rejects: the accounting identity
};

}  // namespace crossdup
