// OpProfiler records only regular runs; the per-type summary and the profile report follow TensorFlow
// Lite's StatsCalculator layout, with the implementation appended.
#include "bench/op_profiler.h"

#include <sstream>

#include <gtest/gtest.h>

#include "bench/op_profile_summary.h"
#include "bench/tflite_format.h"

namespace qb::bench {
namespace {

std::vector<OpTiming> ThreeOps() {
  std::vector<OpTiming> ops(3);
  ops[0] = {0, "CONV_2D", "[conv1]:0", "reference", {}};
  ops[1] = {1, "DEPTHWISE_CONV_2D", "[dw1]:1", "reference", {}};
  ops[2] = {2, "CONV_2D", "[conv2]:2", "onednn brgconv:avx512_core", {}};
  return ops;
}

// Two regular runs: conv1 1000/1200 us, dw1 500/500 us, conv2 3000/2800 us; one warmup run ignored.
OpProfile ProfileOfTwoRuns() {
  OpProfiler profiler(ThreeOps());
  profiler.OnSingleRunStart(RunType::kWarmup);
  profiler.OnOpEnd(0, 0, 99999);
  profiler.OnSingleRunEnd(RunType::kWarmup, 99999);
  const int64_t times[2][3] = {{1000, 500, 3000}, {1200, 500, 2800}};
  for (const auto& run : times) {
    profiler.OnSingleRunStart(RunType::kRegular);
    int64_t t = 0;
    for (size_t op = 0; op < 3; ++op) {
      profiler.OnOpEnd(op, t, t + run[op]);
      t += run[op];
    }
    profiler.OnSingleRunEnd(RunType::kRegular, t);
  }
  return profiler.profile();
}

TEST(OpProfilerTest, NodeNameIsOutputsAndIndex) {
  EXPECT_EQ(NodeName({"a"}, 0), "[a]:0");
  EXPECT_EQ(NodeName({"a", "b"}, 12), "[a, b]:12");
  EXPECT_EQ(NodeName({}, 3), "[]:3");
}

TEST(OpProfilerTest, RecordsOnlyRegularRuns) {
  OpProfile profile = ProfileOfTwoRuns();
  ASSERT_EQ(profile.ops.size(), 3u);
  EXPECT_EQ(profile.ops[0].time_us.count(), 2);
  EXPECT_EQ(profile.ops[0].time_us.first(), 1000);
  EXPECT_DOUBLE_EQ(profile.ops[0].time_us.avg(), 1100.0);
  EXPECT_EQ(profile.run_total_us.count(), 2);
  EXPECT_EQ(profile.run_total_us.first(), 4500);
  EXPECT_EQ(profile.run_total_us.newest(), 4500);
}

TEST(OpProfilerTest, SummaryByTypeOrdersByTimeAndListsImplementations) {
  std::vector<OpTypeSummary> rows = SummarizeByType(ProfileOfTwoRuns());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].type, "CONV_2D");
  EXPECT_EQ(rows[0].count, 2);
  EXPECT_EQ(rows[0].total_us, 4000);
  EXPECT_FLOAT_EQ(rows[0].avg_ms, 4.0f);
  EXPECT_NEAR(rows[0].percent, 88.888f, 1e-3);
  EXPECT_EQ(rows[0].times_called, 2);
  EXPECT_EQ(rows[0].implementations, (std::vector<std::string>{"reference", "onednn brgconv:avx512_core"}));
  EXPECT_EQ(rows[1].type, "DEPTHWISE_CONV_2D");
  EXPECT_NEAR(rows[1].cdf_percent, 100.0f, 1e-3);
}

TEST(OpProfilerTest, EmptyProfileHasNoRows) { EXPECT_TRUE(SummarizeByType(OpProfile{}).empty()); }

TEST(OpProfilerTest, ReportLayout) {
  const std::string report = FormatOpProfile(ProfileOfTwoRuns());
  std::vector<std::string> lines;
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_GE(lines.size(), 20u);
  EXPECT_EQ(lines[0], "Operator-wise Profiling Info for Regular Benchmark Runs:");
  EXPECT_EQ(lines[1], "============================== Run Order ==============================");
  EXPECT_EQ(lines[2],
            "\t                             [node type]\t  [first]\t [avg ms]\t     [%]\t  [cdf%]\t  [mem KB]\t"
            "[times called]\t[Name]\t[impl]");
  EXPECT_EQ(lines[3],
            "\t                                 CONV_2D\t    1.000\t    1.100\t 24.444%\t 24.444%\t     0.000\t"
            "        1\t[conv1]:0\treference");
  EXPECT_EQ(lines[5],
            "\t                                 CONV_2D\t    3.000\t    2.900\t 64.444%\t100.000%\t     0.000\t"
            "        1\t[conv2]:2\tonednn brgconv:avx512_core");
  EXPECT_EQ(lines[6], "");
  EXPECT_EQ(lines[7], "============================== Top by Computation Time ==============================");
  EXPECT_NE(lines[9].find("[conv2]:2"), std::string::npos);
  EXPECT_NE(lines[10].find("[conv1]:0"), std::string::npos);
  EXPECT_NE(lines[11].find("[dw1]:1"), std::string::npos);
  EXPECT_EQ(lines[13], "Number of nodes executed: 3");
  EXPECT_EQ(lines[14], "============================== Summary by node type ==============================");
  EXPECT_EQ(lines[15],
            "\t                             [Node type]\t  [count]\t  [avg ms]\t    [avg %]\t    [cdf %]\t  [mem KB]\t"
            "[times called]\t[impl]");
  EXPECT_EQ(lines[16],
            "\t                                 CONV_2D\t        2\t     4.000\t    88.889%\t    88.889%\t     0.000\t"
            "        2\treference, onednn brgconv:avx512_core");
  EXPECT_EQ(lines[17],
            "\t                       DEPTHWISE_CONV_2D\t        1\t     0.500\t    11.111%\t   100.000%\t     0.000\t"
            "        1\treference");
  EXPECT_EQ(lines[19], "Timings (microseconds): count=2 curr=4500(all same)");
  EXPECT_EQ(lines[20], "Memory (bytes): count=0");
  EXPECT_EQ(lines[21], "3 nodes observed");
}

}  // namespace
}  // namespace qb::bench
