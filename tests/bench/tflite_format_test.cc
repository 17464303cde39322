// The TensorFlow Lite benchmark_model lines, character for character, on known results; the regexes
// scripts use to parse benchmark_model's output; and the whole printed output of a scripted run.
#include "bench/tflite_format.h"

// GCC 12's <regex> trips -Wmaybe-uninitialized inside std::function when optimized (a libstdc++ false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <sstream>

#include <gtest/gtest.h>

#include "bench/tflite_format_listener.h"
#include "bench_fakes.h"

namespace qb::bench {
namespace {

RunStats Of(std::initializer_list<int64_t> samples) {
  RunStats stats;
  for (int64_t s : samples) stats.Add(s);
  return stats;
}

BenchmarkResult SampleResult() {
  BenchmarkResult result;
  result.params.graph = "mobilenet.tflite";
  result.init = {"mobilenet.tflite", 16.893448, 3080};
  result.warmup_us = Of({21547, 20870, 20712, 21000});
  result.inference_us = Of({20800, 20900, 20700, 20961});
  result.init_mem_kb = 12800;
  result.overall_mem_kb = 41165;
  return result;
}

TEST(TfliteFormatTest, NumbersPrintLikeADefaultOstream) {
  EXPECT_EQ(StreamNumber(3.08), "3.08");
  EXPECT_EQ(StreamNumber(20925.4), "20925.4");
  EXPECT_EQ(StreamNumber(20840.333333), "20840.3");
  EXPECT_EQ(StreamNumber(1.0), "1");
  EXPECT_EQ(StreamNumber(0.5), "0.5");
  EXPECT_EQ(StreamNumber(4980000.5), "4.98e+06");
  EXPECT_EQ(StreamNumber(12.5), "12.5");
}

TEST(TfliteFormatTest, StatLine) {
  EXPECT_EQ(FormatStat(Of({21547, 20870, 20712, 21000})),
            "count=4 first=21547 curr=21000 min=20712 max=21547 avg=21032.2 std=314");
  EXPECT_EQ(FormatStat(RunStats{}), "count=0");
  EXPECT_EQ(FormatStat(Of({21547})), "count=1 curr=21547");
  EXPECT_EQ(FormatStat(Of({5, 5, 5})), "count=3 curr=5(all same)");
  EXPECT_EQ(FormatStat(Of({4980000, 4980001})),
            "count=2 first=4980000 curr=4980001 min=4980000 max=4980001 avg=4.98e+06 std=0");
}

TEST(TfliteFormatTest, InitLines) {
  const std::vector<std::string> expected = {"Loaded model mobilenet.tflite",
                                             "The input model file size (MB): 16.8934",
                                             "Initialized session in 3.08ms."};
  EXPECT_EQ(FormatInitLines(SampleResult().init), expected);
  InitSummary no_size{"m.tflite", 0, 33215};
  EXPECT_EQ(FormatInitLines(no_size).back(), "Initialized session in 33.215ms.");
  EXPECT_EQ(FormatInitLines(no_size).size(), 2u);
}

TEST(TfliteFormatTest, KernelLines) {
  InitSummary init{"m.tflite", 0, 33215};
  init.kernels = KernelSummary{.description = "onednn (isa avx2)",
                               .implementations = {{"onednn jit:avx2", 3}, {"reference", 1}}};
  std::vector<std::string> lines = FormatInitLines(init);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[2], "Float backend: onednn (isa avx2)");
  EXPECT_EQ(lines[3], "Kernels (ops per implementation): 3 onednn jit:avx2, 1 reference");
  init.kernels->shared_quantized_inputs = 2;
  init.kernels->ops_sharing_them = 5;
  lines = FormatInitLines(init);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[4], "Quantized inputs shared: 2 tensors, each quantized once for the 5 hybrid ops reading them");
}

TEST(TfliteFormatTest, LoopStartLine) {
  EXPECT_EQ(FormatLoopStart({1, 0.5, 150}),
            "Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 "
            "seconds.");
}

TEST(TfliteFormatTest, InferenceTimingsLine) {
  EXPECT_EQ(FormatInferenceTimings(SampleResult()),
            "Inference timings in us: Init: 3080, First inference: 21547, Warmup (avg): 21032.2, Inference (avg): "
            "20840.2");
  BenchmarkResult no_warmup = SampleResult();
  no_warmup.warmup_us = RunStats{};
  EXPECT_EQ(FormatInferenceTimings(no_warmup),
            "Inference timings in us: Init: 3080, First inference: 0, Warmup (avg): 0, Inference (avg): 20840.2");
}

TEST(TfliteFormatTest, MemoryLine) {
  EXPECT_EQ(FormatMemoryFootprint(SampleResult()),
            "Memory footprint delta from the start of the tool (MB): init=12.5 overall=40.2002");
}

TEST(TfliteFormatTest, ParamLinesEchoGraphThreadsAndNonDefaults) {
  BenchParams params;
  params.graph = "m.tflite";
  std::vector<std::string> expected = {"Log parameter values verbosely: [0]", "Graph: [m.tflite]",
                                       "#threads used for CPU inference: [1]"};
  EXPECT_EQ(FormatParamLines(params), expected);
  params.num_runs = 10;
  params.min_secs = 0.25;
  params.num_threads = 4;
  params.enable_op_profiling = true;
  expected = {"Log parameter values verbosely: [0]",
              "Min num runs: [10]",
              "Min runs duration (seconds): [0.25]",
              "Num threads: [4]",
              "Graph: [m.tflite]",
              "Enable op profiling: [1]",
              "#threads used for CPU inference: [4]"};
  EXPECT_EQ(FormatParamLines(params), expected);
}

TEST(TfliteFormatTest, LinesMatchTheRegexesParsersUse) {
  const std::string stat = "INFO: " + FormatStat(SampleResult().inference_us);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      stat, m,
      std::regex(R"(count=(\d+) first=(\d+) curr=(\d+) min=(\d+) max=(\d+) avg=([\d.e+]+) std=(\d+))")));
  EXPECT_EQ(m[1], "4");
  EXPECT_EQ(m[6], "20840.2");
  EXPECT_EQ(m[7], "99");

  const std::string timings = "INFO: " + FormatInferenceTimings(SampleResult());
  ASSERT_TRUE(std::regex_search(
      timings, m,
      std::regex(
          R"(Init: (\d+), First inference: (\d+), Warmup \(avg\): ([\d.e+]+), Inference \(avg\): ([\d.e+]+))")));
  EXPECT_EQ(m[1], "3080");
  EXPECT_EQ(m[4], "20840.2");

  const std::string memory = "INFO: " + FormatMemoryFootprint(SampleResult());
  ASSERT_TRUE(std::regex_search(memory, m, std::regex(R"(\(MB\): init=([\d.e+]+) overall=([\d.e+]+))")));
  EXPECT_EQ(m[2], "40.2002");
  const std::string init = "INFO: " + FormatInitLines(SampleResult().init).back();
  ASSERT_TRUE(std::regex_search(init, m, std::regex(R"(Initialized session in ([\d.e+]+)ms)")));
  EXPECT_EQ(m[1], "3.08");
}

TEST(TfliteFormatTest, PercentileLinesDoNotLookLikeBenchmarkModelLines) {
  const std::string line = FormatPercentiles("Inference", Of({1, 2, 3, 4, 5}));
  EXPECT_EQ(line, "Inference percentiles in us: p5=1.2 median=3 p95=4.8");
  for (const char* key : {"count=", "avg=", "std=", "Inference timings", "Inference (avg)", "Warmup (avg)",
                          "Memory footprint", "Initialized session"}) {
    EXPECT_EQ(line.find(key), std::string::npos) << key;
  }
}

TEST(TfliteFormatTest, WholeOutputOfAScriptedRun) {
  testing::FakeClock clock;
  testing::FakeMemoryProbe memory({1000, 13800, 42165});
  BenchParams params = testing::TestParams();
  params.num_runs = 3;
  params.min_secs = 0;
  params.warmup_runs = 2;
  params.warmup_min_secs = 0;
  testing::FakeBenchmark bench(params, &clock, &memory, {21547, 20870, 20800, 20900, 20700});
  std::ostringstream out;
  TfliteFormatListener printer(out);
  bench.AddListener(&printer);
  ASSERT_TRUE(bench.Run().ok());
  EXPECT_EQ(out.str(),
            "INFO: Log parameter values verbosely: [0]\n"
            "INFO: Min num runs: [3]\n"
            "INFO: Min runs duration (seconds): [0]\n"
            "INFO: Min warmup runs: [2]\n"
            "INFO: Min warmup runs duration (seconds): [0]\n"
            "INFO: Graph: [model.tflite]\n"
            "INFO: #threads used for CPU inference: [1]\n"
            "INFO: Loaded model model.tflite\n"
            "INFO: The input model file size (MB): 16.8934\n"
            "INFO: Initialized session in 3.08ms.\n"
            "INFO: Running benchmark for at least 2 iterations and at least 0 seconds but terminate if exceeding "
            "150 seconds.\n"
            "INFO: count=2 first=21547 curr=20870 min=20870 max=21547 avg=21208.5 std=338\n"
            "\n"
            "INFO: Running benchmark for at least 3 iterations and at least 0 seconds but terminate if exceeding "
            "150 seconds.\n"
            "INFO: count=3 first=20800 curr=20700 min=20700 max=20900 avg=20800 std=81\n"
            "\n"
            "INFO: Inference timings in us: Init: 3080, First inference: 21547, Warmup (avg): 21208.5, Inference "
            "(avg): 20800\n"
            "INFO: Note: as the benchmark tool itself affects memory footprint, the following is only APPROXIMATE "
            "to the actual memory footprint of the model at runtime. Take the information at your discretion.\n"
            "INFO: Memory footprint delta from the start of the tool (MB): init=12.5 overall=40.2002\n"
            "INFO: Warmup percentiles in us: p5=20903.8 median=21208.5 p95=21513.2\n"
            "INFO: Inference percentiles in us: p5=20710 median=20800 p95=20890\n");
}

TEST(TfliteFormatTest, NoMemoryLinesWhenUnsupported) {
  BenchmarkResult result = SampleResult();
  result.mem_supported = false;
  std::ostringstream out;
  TfliteFormatListener printer(out);
  printer.OnBenchmarkEnd(result);
  EXPECT_EQ(out.str().find("Memory footprint"), std::string::npos);
  EXPECT_NE(out.str().find("Inference timings in us"), std::string::npos);
}

}  // namespace
}  // namespace qb::bench
