// Read stage: JSONL files, folders of .txt files, standard input -> Articles and Rejects.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "crossdup/article.h"
#include "crossdup/options.h"

namespace crossdup {

// Reads every input as one batch. An input is a .jsonl file, a folder of .txt files, or "-"
// (JSONL on standard input). Record problems become Rejects; an input that cannot be opened
// at all throws InputError.
ReadResult read_inputs(const std::vector<std::string>& inputs, const Options& options);

// Reads JSONL from a stream; `name` is used in rejects. Appends to `result`.
void read_jsonl(std::istream& in, const std::string& name, const Options& options, ReadResult& result);

// Reads one text file's content as an article (id = the file name).
void read_text_file(const std::string& path, const Options& options, ReadResult& result);

// The same for a text document already in memory; `name` is its id.
void read_text_document(const std::string& content, const std::string& name, const Options& options,
                        ReadResult& result);

}  // namespace crossdup
