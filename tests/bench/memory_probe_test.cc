// The peak-RSS probe sees memory this process touches (VmHWM), the figure behind the memory lines.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "bench/memory_probe.h"

namespace qb::bench {
namespace {

TEST(PeakRssMemoryProbeTest, GrowsWithTouchedMemory) {
  PeakRssMemoryProbe probe;
  auto before = probe.PeakRssKb();
  ASSERT_TRUE(before.has_value());
  constexpr size_t kBytes = size_t{96} << 20;
  auto block = std::make_unique<char[]>(kBytes);
  std::memset(block.get(), 1, kBytes);
  auto after = probe.PeakRssKb();
  ASSERT_TRUE(after.has_value());
  EXPECT_GE(*after - *before, int64_t{64} << 10) << "peak RSS KiB before " << *before << ", after " << *after;
  EXPECT_EQ(block[kBytes - 1], 1);
}

}  // namespace
}  // namespace qb::bench
