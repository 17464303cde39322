// Which float32 tensors of a graph can hold no negative value (every value >= 0, -0 included, or NaN),
// known from the ops alone: the output of a RELU or RELU6 (an op of its own, or an op's fused activation),
// and what MAX_POOL_2D, AVERAGE_POOL_2D, MEAN, CONCATENATION, ADD, PAD (with zeros), RESHAPE and SQUEEZE
// make of such tensors alone. Graph inputs and everything else may be negative.
// Used by the hybrid kernels: the per-image input quantization of a non-negative image always has the
// zero point at its lowest value (lo = 0), which oneDNN's int8 primitives then need not be told about
// (RuntimeTensor::non_negative), and by PAD folding before a max pool (pad_folding.h).
#pragma once

#include <vector>

#include "graph/graph.h"

namespace qb {

// One flag per tensor of `graph`, for `ops` (the graph's ops, possibly rewritten) in execution order.
std::vector<bool> NonNegativeTensors(const Graph& graph, const std::vector<Op>& ops);

}  // namespace qb
