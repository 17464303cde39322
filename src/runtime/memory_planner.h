// Assigns every activation tensor an offset in one arena so that tensors alive at the same time never
// overlap: greedy by size (largest first, lowest free offset), as TensorFlow Lite's arena planner does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qb {

struct TensorLifetime {
  size_t bytes = 0;
  int32_t first_op = 0;  // the op that writes it (-1: before the first op, e.g. a graph input)
  int32_t last_op = 0;   // the last op that reads it (a graph output lives to the end)
};

struct MemoryPlan {
  std::vector<size_t> offsets;  // one per lifetime, 64-byte aligned
  size_t arena_bytes = 0;
};

MemoryPlan PlanArena(const std::vector<TensorLifetime>& lifetimes, size_t alignment = 64);

}  // namespace qb
