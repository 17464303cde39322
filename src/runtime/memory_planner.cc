#include "runtime/memory_planner.h"

#include <algorithm>
#include <numeric>

namespace qb {

MemoryPlan PlanArena(const std::vector<TensorLifetime>& lifetimes, size_t alignment) {
  auto align = [alignment](size_t n) { return (n + alignment - 1) / alignment * alignment; };
  std::vector<size_t> order(lifetimes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return lifetimes[a].bytes > lifetimes[b].bytes; });

  MemoryPlan plan;
  plan.offsets.assign(lifetimes.size(), 0);
  struct Placed {
    size_t offset, end;
    int32_t first, last;
  };
  std::vector<Placed> placed;
  placed.reserve(lifetimes.size());
  for (size_t index : order) {
    const TensorLifetime& t = lifetimes[index];
    size_t size = align(std::max<size_t>(t.bytes, 1));
    // Blocks alive at the same time as t, by offset; t goes into the first gap large enough.
    std::vector<const Placed*> overlapping;
    for (const Placed& p : placed) {
      if (p.first <= t.last_op && t.first_op <= p.last) overlapping.push_back(&p);
    }
    std::sort(overlapping.begin(), overlapping.end(), [](const Placed* a, const Placed* b) { return a->offset < b->offset; });
    size_t offset = 0;
    for (const Placed* p : overlapping) {
      if (offset + size <= p->offset) break;
      offset = std::max(offset, p->end);
    }
    placed.push_back({offset, offset + size, t.first_op, t.last_op});
    plan.offsets[index] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + size);
  }
  return plan;
}

}  // namespace qb
