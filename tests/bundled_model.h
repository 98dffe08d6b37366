// The model the project ships, loaded once for the tests that check what it does.
#pragma once
#include <string>

#include "crossdup/model.h"

namespace crossdup::testing {

inline const Model& bundled_model() {
  static const Model m = Model::load(std::string(CROSSDUP_SOURCE_DIR) + "/models/default/crossdup-default.cdm");
  return m;
}

}  // namespace crossdup::testing
