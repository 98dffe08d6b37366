// Write stage: assignments.jsonl, clusters.jsonl, rejects.jsonl (each written to a temporary
// file and renamed, so a killed run never leaves a partial file that looks complete), and the
// human summary.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "crossdup/file.h"  // write_file_atomically, for callers of this header
#include "crossdup/result.h"

namespace crossdup {

void write_outputs(const std::string& out_dir, const BatchResult& result);

// The three files' contents, for callers that store them elsewhere (and the writer's fuzz
// target): one JSON object per line, as README "Output" describes.
std::string assignments_jsonl(const BatchResult& result);
std::string clusters_jsonl(const BatchResult& result);
std::string rejects_jsonl(const BatchResult& result);

// Clusters with two or more members, languages side by side; then the accounting line.
void write_summary(std::ostream& out, const BatchResult& result, size_t max_clusters = 50);

// A score with three decimals for JSON output, rounded in double: a float rounded in float
// prints as 0.46299999952316284.
double rounded3(float x);

// A pair score's terms that added or took something, rounded (zero terms left out): the "terms"
// of clusters.jsonl's best_match and of stream's duplicates. They sum to the score.
nlohmann::json terms_json(const ScoreTerms& terms);

}  // namespace crossdup
