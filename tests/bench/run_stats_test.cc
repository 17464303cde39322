// RunStats: TensorFlow Lite Stat<int64_t> arithmetic on known samples, and the percentiles.
#include "bench/run_stats.h"

#include <gtest/gtest.h>

namespace qb::bench {
namespace {

RunStats Of(std::initializer_list<int64_t> samples) {
  RunStats stats;
  for (int64_t s : samples) stats.Add(s);
  return stats;
}

TEST(RunStatsTest, EmptyHasZeroCountAndZeroAverage) {
  RunStats stats;
  EXPECT_TRUE(stats.empty());
  EXPECT_EQ(stats.count(), 0);
  EXPECT_EQ(stats.first(), 0);
  EXPECT_EQ(stats.avg(), 0.0);
  EXPECT_EQ(stats.std_deviation(), 0);
  EXPECT_EQ(stats.Percentile(50), 0.0);
  EXPECT_TRUE(stats.all_same());
}

TEST(RunStatsTest, KnownSamples) {
  RunStats stats = Of({3, 1, 5, 2, 4});
  EXPECT_EQ(stats.count(), 5);
  EXPECT_EQ(stats.first(), 3);
  EXPECT_EQ(stats.newest(), 4);
  EXPECT_EQ(stats.min(), 1);
  EXPECT_EQ(stats.max(), 5);
  EXPECT_EQ(stats.sum(), 15);
  EXPECT_DOUBLE_EQ(stats.avg(), 3.0);
  EXPECT_EQ(stats.variance(), 2);       // population: 11 - 9
  EXPECT_EQ(stats.std_deviation(), 1);  // sqrt(2) truncated
  EXPECT_FALSE(stats.all_same());
}

TEST(RunStatsTest, StdIsPopulationNotSample) {
  RunStats stats = Of({10, 20});
  EXPECT_EQ(stats.variance(), 25);  // the sample variance would be 50
  EXPECT_EQ(stats.std_deviation(), 5);
}

TEST(RunStatsTest, VarianceAndStdAreTruncated) {
  RunStats stats = Of({0, 3, 3, 3});  // mean 2.25, variance 6.75 - 5.0625 = 1.6875
  EXPECT_DOUBLE_EQ(stats.avg(), 2.25);
  EXPECT_EQ(stats.variance(), 1);
  EXPECT_EQ(stats.std_deviation(), 1);
  RunStats wide = Of({20712, 21547, 20870, 20800});
  EXPECT_EQ(wide.std_deviation(), 330);  // variance 109448.1875 -> 109448, sqrt = 330.83
}

TEST(RunStatsTest, AllSameHasZeroStd) {
  RunStats stats = Of({7, 7, 7});
  EXPECT_TRUE(stats.all_same());
  EXPECT_EQ(stats.std_deviation(), 0);
}

TEST(RunStatsTest, PercentilesInterpolateBetweenRanks) {
  RunStats stats = Of({5, 1, 4, 2, 3});
  EXPECT_DOUBLE_EQ(stats.Percentile(0), 1.0);
  EXPECT_DOUBLE_EQ(stats.Percentile(5), 1.2);
  EXPECT_DOUBLE_EQ(stats.Percentile(50), 3.0);
  EXPECT_DOUBLE_EQ(stats.Percentile(95), 4.8);
  EXPECT_DOUBLE_EQ(stats.Percentile(100), 5.0);
  EXPECT_DOUBLE_EQ(Of({1, 2, 3, 4}).Percentile(50), 2.5);
  EXPECT_DOUBLE_EQ(Of({42}).Percentile(95), 42.0);
}

TEST(RunStatsTest, KeepsSamplesInOrder) {
  RunStats stats = Of({9, 8, 7});
  ASSERT_EQ(stats.samples().size(), 3u);
  EXPECT_EQ(stats.samples()[0], 9);
  EXPECT_EQ(stats.samples()[2], 7);
}

}  // namespace
}  // namespace qb::bench
