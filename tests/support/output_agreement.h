// How close two runs' outputs are (quantbench vs a golden output or another runtime), and quantbench's own
// run of a model on the seeded inputs of ../shared/fixtures/README.md.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"

namespace qb::testing {

struct Agreement {
  double max_abs_error = 0, range = 0, cosine = 1;  // range: max - min of the reference
  size_t argmax_ours = 0, argmax_reference = 0;
};
Agreement Compare(const std::vector<float>& ours, const std::vector<float>& reference);

// Output 0 of `graph` on the seeded inputs (seed 1), with the default kernels (hybrid ops on 8-bit inputs:
// the reference where the default would quantize them to 7 bits); *input0 receives input 0.
Result<std::vector<float>> RunSeeded(std::shared_ptr<const Graph> graph, std::vector<float>* input0 = nullptr);

}  // namespace qb::testing
