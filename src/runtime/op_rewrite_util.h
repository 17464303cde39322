// What the runtime's op rewrites (pad_folding.h, residual_fusion.h) share: who reads each tensor, and the
// op list without the ops a rewrite folded away.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/graph.h"

namespace qb {

// For every tensor, the indices of the ops in `ops` that read it, and -1 when it is a graph output.
inline std::vector<std::vector<int32_t>> TensorReaders(const Graph& graph, const std::vector<Op>& ops) {
  std::vector<std::vector<int32_t>> readers(graph.tensors.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    for (int32_t t : ops[i].inputs) {
      if (t >= 0) readers[static_cast<size_t>(t)].push_back(static_cast<int32_t>(i));
    }
  }
  for (int32_t t : graph.outputs) readers[static_cast<size_t>(t)].push_back(-1);
  return readers;
}

// `ops` without those marked in `dropped`, in order.
inline std::vector<Op> WithoutDropped(std::vector<Op> ops, const std::vector<bool>& dropped) {
  std::vector<Op> kept;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (!dropped[i]) kept.push_back(std::move(ops[i]));
  }
  return kept;
}

}  // namespace qb
