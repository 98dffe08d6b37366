// Read stage: JSONL files, text files, folders of them, standard input -> Articles and Rejects.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/options.h"

namespace crossdup {

// A JSONL record whose arrays or objects nest deeper than this is rejected with that reason
// (JSON libraries parse and write nesting recursively; 100,000 levels overflow the stack).
constexpr size_t kMaxJsonNesting = 256;

// Cleans an article's text and title in place (valid UTF-8 checked, HTML removed, NFC, text
// cut at ReadSettings::max_article_bytes and marked truncated); the reason it cannot be used
// (invalid UTF-8, nothing left), or empty when it can.
std::string clean_article(Article& article, const ReadSettings& options);
// "EN", "en-US", "fr_FR" -> "en", "fr"; empty when it is not a language code.
std::string normalise_language_code(std::string code);

// Reads every input as one batch. An input is a .jsonl file, a .txt file, a folder (its .txt
// and .jsonl files, subfolders included, in sorted order; a text file's id is its path below
// the folder), or "-" (JSONL on standard input). Record problems become Rejects, and so do a
// subfolder or file below a folder that cannot be read and a broken symbolic link there; a
// UTF-16 file is one Reject that says so. An input given by name that cannot be opened at all
// throws InputError.
ReadResult read_inputs(const std::vector<std::string>& inputs, const ReadSettings& options);

// One JSONL record's fields as an article, not yet cleaned (clean_article, or Index::add,
// does that). When the line cannot be an article, `reject_reason` says why and the article
// holds what could be read (its origin, and its id when it has one).
Article parse_jsonl_line(const std::string& line, const RecordOrigin& origin, std::string& reject_reason);

// Reads JSONL from a stream; `name` is used in rejects. Appends to `result`.
void read_jsonl(std::istream& in, const std::string& name, const ReadSettings& options, ReadResult& result);

// Reads one text file's content as an article (id = the file name).
void read_text_file(const std::string& path, const ReadSettings& options, ReadResult& result);

// The same for a text document already in memory; `name` is its id.
void read_text_document(const std::string& content, const std::string& name, const ReadSettings& options,
                        ReadResult& result);

}  // namespace crossdup
