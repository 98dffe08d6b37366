// Inside the score stage: each article's candidate partners, before any pair is scored.
#pragma once

#include <vector>

#include "crossdup/score.h"

namespace crossdup {

// For each article, the partners worth scoring (cosine, other; -1 for a partner proposed by
// names only), each pair in the list of its earlier article; a pair may appear twice.
std::vector<std::vector<Neighbour>> candidate_lists(const BatchFeatures& features, const ScoreSettings& options,
                                                    CosineSearch search);

}  // namespace crossdup
