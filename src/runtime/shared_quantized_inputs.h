// Quantizing an input once for all the hybrid ops that read it the same way (kernels/
// shared_quantized_input.h): which ops share which quantized form. The interpreter gives each group one
// block of memory alive from its first op to its last, planned by lifetime like the activations.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "graph/graph.h"
#include "kernels/kernel.h"

namespace qb {

struct SharedQuantizedInput {
  int32_t tensor = -1;      // the float tensor the ops read as input 0
  std::vector<size_t> ops;  // two or more, in execution order: ops[0] quantizes, the others read
  size_t bytes = 0;
};

// Groups the prepared kernels that offer the same form of the same input 0 (ShareableQuantizedInput).
// Constant and variable tensors are left alone (a variable may change between two readers).
std::vector<SharedQuantizedInput> FindSharedQuantizedInputs(const Graph& graph, const std::vector<Op>& ops,
                                                            const std::vector<std::unique_ptr<OpKernel>>& kernels);

}  // namespace qb
