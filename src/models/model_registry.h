// The models quantbench generates, by name: the seven Keras ImageNet CNNs of the published experiment and
// tiny architectures with the same op mix (small inputs, few channels, 10 classes) for fast tests.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::models {

struct ModelInfo {
  std::string_view name;         // "MobileNet"; the file is <name>.tflite
  bool tiny = false;             // a test architecture, not one of the seven
  int64_t keras_params = 0;      // the Keras model's parameter count (before BatchNorm folding)
  int64_t folded_params = 0;     // after folding: the constants of the .tflite file
  std::string_view description;  // one line
};

// Every model, the seven first in the published order, then the tiny ones.
std::span<const ModelInfo> AllModels();
// The names of the seven (the default selection).
std::vector<std::string> StandardModelNames();
const ModelInfo* FindModel(std::string_view name);
// Parses "MobileNet,ResNet50": every name must be known (case-sensitive); the error lists the valid names.
// Duplicates are dropped, order is kept.
Result<std::vector<const ModelInfo*>> SelectModels(const std::string& comma_separated);

struct BuiltModel {
  Graph graph;
  int64_t keras_params = 0;  // counted while building
};
// Builds the model's graph with weights from `seed` (same seed, same weights).
// Without weights every weight is zero and costs no memory: for counting and shapes.
Result<BuiltModel> BuildModel(std::string_view name, uint32_t seed, bool with_weights = true);

}  // namespace qb::models
