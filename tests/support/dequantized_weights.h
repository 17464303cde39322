// Test helper: a copy of a graph whose constant INT8 weights of CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED are dequantized to FLOAT32 (w = q * scale[channel]) — the same model computed in full
// precision, against which hybrid execution's quantization error is measured.
#pragma once

#include <memory>

#include "graph/graph.h"

namespace qb::testing {

std::shared_ptr<const Graph> WithDequantizedWeights(const Graph& graph);

}  // namespace qb::testing
