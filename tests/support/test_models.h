// The generated models tests run end to end: the tiny architectures always, and MobileNet (the smallest of
// the seven, about a second in the reference runtime) unless QB_SLOW_TESTS=0. Header-only: for test
// binaries that link qb_models.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include "models/model_registry.h"

namespace qb::testing {

inline std::vector<std::string> TestModelNames() {
  std::vector<std::string> names;
  for (const auto& m : models::AllModels()) {
    if (m.tiny) names.emplace_back(m.name);
  }
  const char* slow = std::getenv("QB_SLOW_TESTS");
  if (!slow || std::string(slow) != "0") names.emplace_back("MobileNet");
  return names;
}

}  // namespace qb::testing
