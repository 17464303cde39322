// The parser reads TensorFlow Lite benchmark_model's output unchanged, and quantbench bench's own.
#include <gtest/gtest.h>

#include <string>

#include "experiment/bench_output_parser.h"
#include "experiment/metrics.h"
#include "tflite_output_samples.h"

namespace qb::experiment {
namespace {

TEST(BenchOutputParserTest, ReadsBenchmarkModelOutputUnchanged) {
  auto out = ParseBenchOutput(samples::kBenchmarkModel);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_DOUBLE_EQ(out->init_session_ms, 14.122);
  EXPECT_DOUBLE_EQ(out->init_us, 14122);
  EXPECT_DOUBLE_EQ(out->first_inference_us, 9521);
  EXPECT_DOUBLE_EQ(out->warmup_avg_us, 8114.35);
  EXPECT_DOUBLE_EQ(out->inference_avg_us, 8092.17);
  EXPECT_DOUBLE_EQ(out->memory_init_mb, 30.5);
  EXPECT_DOUBLE_EQ(out->memory_overall_mb, 39.2);
  ASSERT_TRUE(out->warmup_loop && out->regular_loop);
  EXPECT_EQ(out->warmup_loop->count, 62);
  EXPECT_DOUBLE_EQ(out->warmup_loop->avg, 8114.35);
  EXPECT_EQ(out->regular_loop->count, 124);
  EXPECT_DOUBLE_EQ(out->regular_loop->min, 7986);
  EXPECT_DOUBLE_EQ(out->regular_loop->std, 58);
}

TEST(BenchOutputParserTest, ReadsOldOutputWithoutPrefixAndShortStats) {
  auto out = ParseBenchOutput(samples::kOldBenchmarkModel);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_DOUBLE_EQ(out->init_session_ms, 103.5);
  EXPECT_DOUBLE_EQ(out->memory_overall_mb, 209.6);
  ASSERT_TRUE(out->warmup_loop);
  EXPECT_EQ(out->warmup_loop->count, 1);
  EXPECT_DOUBLE_EQ(out->warmup_loop->first, 130211);
  EXPECT_DOUBLE_EQ(out->warmup_loop->avg, 130211);
}

TEST(BenchOutputParserTest, AllSameStatsLine) {
  auto out = ParseBenchOutput(std::string(samples::kBenchmarkModel) + "");
  ASSERT_TRUE(out.ok());
  auto same = ParseBenchOutput(
      "INFO: Initialized session in 1ms.\nINFO: count=3 curr=5(all same)\nINFO: count=4 curr=6(all same)\n"
      "INFO: Inference timings in us: Init: 1000, First inference: 5, Warmup (avg): 5, Inference (avg): 6\n"
      "INFO: Memory footprint delta from the start of the tool (MB): init=0 overall=0.5\n");
  ASSERT_TRUE(same.ok()) << same.status().message();
  EXPECT_EQ(same->warmup_loop->count, 3);
  EXPECT_DOUBLE_EQ(same->warmup_loop->max, 5);
  EXPECT_DOUBLE_EQ(same->regular_loop->avg, 6);
}

TEST(BenchOutputParserTest, MissingLinesAreNamed) {
  auto none = ParseBenchOutput("quantbench: error: model.tflite: cannot open\n");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("Initialized session in"), std::string::npos);
  auto no_memory = ParseBenchOutput(
      "INFO: Initialized session in 1ms.\n"
      "INFO: Inference timings in us: Init: 1000, First inference: 5, Warmup (avg): 5, Inference (avg): 6\n");
  ASSERT_FALSE(no_memory.ok());
  EXPECT_NE(no_memory.status().message().find("Memory footprint"), std::string::npos);
}

TEST(MetricsTest, MapsTheBenchLinesToTheNotebooksSevenMetrics) {
  auto out = ParseBenchOutput(samples::kBenchmarkModel);
  ASSERT_TRUE(out.ok());
  const MetricValues m = MetricsFromBenchOutput(*out);
  EXPECT_DOUBLE_EQ(m[0], 14.122);   // Init Time (ms)
  EXPECT_DOUBLE_EQ(m[1], 14.122);   // Init Inference (ms): the timings line's Init, us -> ms
  EXPECT_DOUBLE_EQ(m[2], 9.521);    // First Inference (ms)
  EXPECT_DOUBLE_EQ(m[3], 8.11435);  // Warmup Inference (ms)
  EXPECT_DOUBLE_EQ(m[4], 8.09217);  // Avg Inference (ms)
  EXPECT_DOUBLE_EQ(m[5], 30.5);     // Memory Init (MB)
  EXPECT_DOUBLE_EQ(m[6], 39.2);     // Memory Overall (MB)
  EXPECT_EQ(MetricName(kAvgInferenceMetric), "Avg Inference (ms)");
  EXPECT_EQ(MetricName(kMemoryOverallMetric), "Memory Overall (MB)");
}

TEST(BenchOutputParserTest, ReadsQuantbenchKernelLines) {
  std::string text = samples::kBenchmarkModel;
  text += "INFO: Float backend: onednn (isa avx2 — emulation: capped below this CPU's avx512_core_vnni)\n"
          "INFO: Kernels (ops per implementation): 14 onednn brgconv:avx2, 7 reference\n";
  auto out = ParseBenchOutput(text);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->float_backend, "onednn (isa avx2 — emulation: capped below this CPU's avx512_core_vnni)");
  EXPECT_EQ(out->kernels, "14 onednn brgconv:avx2, 7 reference");
  auto tflite = ParseBenchOutput(samples::kBenchmarkModel);
  ASSERT_TRUE(tflite.ok());
  EXPECT_TRUE(tflite->kernels.empty());
  auto back = BenchOutputFromJson(BenchOutputToJson(*out));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->kernels, out->kernels);
}

TEST(BenchOutputParserTest, JsonRoundTrip) {
  auto out = ParseBenchOutput(samples::kBenchmarkModel);
  ASSERT_TRUE(out.ok());
  auto back = BenchOutputFromJson(BenchOutputToJson(*out));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(BenchOutputToJson(*back), BenchOutputToJson(*out));
}

}  // namespace
}  // namespace qb::experiment
