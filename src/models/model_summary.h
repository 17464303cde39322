// What a model is made of: parameters (float32 constants), multiply-accumulates per inference (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED), the op histogram and the input and output shapes — computed from
// the Graph, so it describes a generated model and a file read from disk alike.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace qb::models {

struct TensorInfo {
  std::string name;
  Shape shape;
  DType type = DType::kFloat32;
};

struct ModelSummary {
  int64_t parameters = 0;
  int64_t macs = 0;
  std::vector<std::pair<std::string, int>> op_histogram;  // by op name, in order of first use
  std::vector<TensorInfo> inputs, outputs;
  int count(const std::string& op_name) const;
};

ModelSummary Summarize(const Graph& graph);

// "1,234,567"
std::string WithThousands(int64_t value);

}  // namespace qb::models
