// PlanQGemm (kernels/qgemm/qgemm.h): how the GEMM's row blocks and channel blocks are shared among
// threads. Every (row, channel) pair must be computed by exactly one work item, whatever the shape and
// thread count; with more threads than rows the channels are split; one thread keeps the cache blocking.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/qgemm/qgemm.h"

namespace qb::testing {
namespace {

// Packed weights of `channels` x `depth` zeros in a 16-channel layout (the AVX2 one; packing is generic).
PackedQGemmWeights Weights(int32_t channels, int32_t depth) {
  const std::vector<int8_t> zeros(static_cast<size_t>(channels) * depth, 0);
  return PackQGemmWeights(zeros.data(), channels, depth, std::vector<float>(static_cast<size_t>(channels), 1.0f),
                          QGemmLayout{16, 2, true});
}

// How many times the plan's items cover each (row, channel), by walking them as RunQGemmRows does.
std::vector<int> Coverage(const QGemmPlan& plan, int32_t channels, int32_t nr) {
  std::vector<int> count(static_cast<size_t>(plan.row_count) * channels, 0);
  const int32_t channel_blocks = (channels + nr - 1) / nr;
  for (int32_t worker = 0; worker < plan.workers; ++worker) {
    const auto items = EvenShare(plan.blocks * plan.channel_parts, worker, plan.workers);
    for (int32_t item = items.begin; item < items.end; ++item) {
      const int32_t block0 = item / plan.channel_parts * kQGemmRows * plan.block_tiles;
      const int32_t block_end = std::min(plan.row_count, block0 + kQGemmRows * plan.block_tiles);
      const auto part = EvenShare(channel_blocks, item % plan.channel_parts, plan.channel_parts);
      for (int32_t r = block0; r < block_end; ++r) {
        for (int32_t n = part.begin * nr; n < std::min(part.end * nr, channels); ++n) {
          ++count[static_cast<size_t>(r) * channels + n];
        }
      }
    }
  }
  return count;
}

TEST(QGemmPlanTest, EveryOutputIsComputedExactlyOnce) {
  for (int32_t rows : {1, 3, 4, 5, 49, 64, 196, 1000, 12544}) {
    for (int32_t channels : {1, 16, 40, 70, 512}) {
      const PackedQGemmWeights weights = Weights(channels, 72);
      for (int threads : {1, 2, 3, 4, 8}) {
        SCOPED_TRACE(::testing::Message() << rows << " rows, " << channels << " channels, " << threads << " threads");
        const QGemmPlan plan = PlanQGemm(weights, rows, threads);
        ASSERT_GE(plan.block_tiles, 1);
        ASSERT_LE(plan.block_tiles, kQGemmMaxBlockTiles);
        ASSERT_LE(plan.workers, threads);
        const std::vector<int> count = Coverage(plan, channels, 16);
        for (size_t i = 0; i < count.size(); ++i) ASSERT_EQ(count[i], 1) << "output " << i;
      }
    }
  }
}

TEST(QGemmPlanTest, ThreadsShareRowsFirstThenChannels) {
  const PackedQGemmWeights weights = Weights(512, 576);
  const QGemmPlan serial = PlanQGemm(weights, 12544, 1);
  EXPECT_EQ(serial.workers, 1);
  EXPECT_EQ(serial.channel_parts, 1);

  const QGemmPlan rows = PlanQGemm(weights, 12544, 2);  // plenty of rows: an even number of blocks
  EXPECT_EQ(rows.workers, 2);
  EXPECT_EQ(rows.channel_parts, 1);
  EXPECT_EQ(rows.blocks % 2, 0);
  EXPECT_LE(rows.block_tiles, serial.block_tiles);

  const QGemmPlan one_row = PlanQGemm(weights, 1, 4);  // a fully connected layer's single row
  EXPECT_EQ(one_row.blocks, 1);
  EXPECT_EQ(one_row.channel_parts, 4);
  EXPECT_EQ(one_row.workers, 4);

  const QGemmPlan few_channels = PlanQGemm(Weights(16, 64), 1, 4);  // one channel block: nothing to split
  EXPECT_EQ(few_channels.workers, 1);
}

}  // namespace
}  // namespace qb::testing
