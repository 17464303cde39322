#include "runtime/memory_planner.h"

#include <gtest/gtest.h>

#include <random>

namespace qb {
namespace {

TEST(MemoryPlannerTest, ReusesMemoryOfDeadTensors) {
  // A chain a -> b -> c: a and c never live together, so they can share memory.
  std::vector<TensorLifetime> chain{{1000, -1, 0}, {1000, 0, 1}, {1000, 1, 2}};
  MemoryPlan plan = PlanArena(chain);
  EXPECT_EQ(plan.arena_bytes, 2048u);  // two 64-byte aligned 1000-byte blocks
}

TEST(MemoryPlannerTest, LiveTensorsNeverOverlap) {
  std::mt19937 rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<TensorLifetime> lifetimes;
    for (int i = 0; i < 40; ++i) {
      int32_t first = static_cast<int32_t>(rng() % 30) - 1;
      lifetimes.push_back({rng() % 5000 + 1, first, first + static_cast<int32_t>(rng() % 6)});
    }
    MemoryPlan plan = PlanArena(lifetimes);
    for (size_t i = 0; i < lifetimes.size(); ++i) {
      EXPECT_EQ(plan.offsets[i] % 64, 0u);
      EXPECT_LE(plan.offsets[i] + lifetimes[i].bytes, plan.arena_bytes);
      for (size_t j = i + 1; j < lifetimes.size(); ++j) {
        bool live_together = lifetimes[i].first_op <= lifetimes[j].last_op && lifetimes[j].first_op <= lifetimes[i].last_op;
        bool overlap = plan.offsets[i] < plan.offsets[j] + lifetimes[j].bytes && plan.offsets[j] < plan.offsets[i] + lifetimes[i].bytes;
        EXPECT_FALSE(live_together && overlap) << "tensors " << i << " and " << j;
      }
    }
  }
}

}  // namespace
}  // namespace qb
