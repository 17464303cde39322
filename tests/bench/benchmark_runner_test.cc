// BenchmarkRunner: the template method's order, the loop termination rules (driven by a fake clock, in
// no real time), Init time, memory deltas and error propagation.
#include "bench/benchmark_runner.h"

#include <gtest/gtest.h>

#include "bench_fakes.h"

namespace qb::bench {
namespace {

using testing::FakeBenchmark;
using testing::FakeClock;
using testing::FakeMemoryProbe;
using testing::RecordingListener;
using testing::TestParams;

struct Outcome {
  BenchmarkResult result;
  int64_t slept_us = 0;
};

Outcome RunWith(const BenchParams& params, std::vector<int64_t> run_us) {
  FakeClock clock;
  FakeMemoryProbe memory({1000});
  FakeBenchmark bench(params, &clock, &memory, std::move(run_us));
  auto result = bench.Run();
  EXPECT_TRUE(result.ok()) << result.status().message();
  return {result.ok() ? *result : BenchmarkResult{}, clock.slept_us()};
}

TEST(BenchmarkRunnerTest, NumRunsWinsWhenRunsAreSlow) {
  BenchParams params = TestParams();
  params.warmup_runs = 1;
  params.warmup_min_secs = 0;
  Outcome out = RunWith(params, {100'000});  // 50 runs = 5 s > min_secs 1 s
  EXPECT_EQ(out.result.warmup_us.count(), 1);
  EXPECT_EQ(out.result.inference_us.count(), 50);
}

TEST(BenchmarkRunnerTest, MinSecsWinsWhenRunsAreFast) {
  Outcome out = RunWith(TestParams(), {1'000});  // 1 ms runs: 1 s needs 1000 of them
  EXPECT_EQ(out.result.inference_us.count(), 1000);
  EXPECT_EQ(out.result.warmup_us.count(), 500);  // warmup_min_secs 0.5
}

TEST(BenchmarkRunnerTest, MaxSecsStopsStartingRuns) {
  BenchParams params = TestParams();
  params.max_secs = 10;
  params.warmup_min_secs = 0;
  Outcome out = RunWith(params, {1'000'000});
  // A run may start while elapsed <= max_secs: after 0 s, 1 s, ..., 10 s.
  EXPECT_EQ(out.result.inference_us.count(), 11);
  EXPECT_EQ(out.result.warmup_us.count(), 1);
}

TEST(BenchmarkRunnerTest, MaxSecsAlsoCapsWarmup) {
  BenchParams params = TestParams();
  params.warmup_runs = 100;
  params.max_secs = 2;
  Outcome out = RunWith(params, {1'000'000});
  EXPECT_EQ(out.result.warmup_us.count(), 3);
  EXPECT_EQ(out.result.inference_us.count(), 3);
}

TEST(BenchmarkRunnerTest, NoRunsWhenNoMinimum) {
  BenchParams params = TestParams();
  params.num_runs = 0;
  params.min_secs = 0;
  params.warmup_runs = 0;
  params.warmup_min_secs = 0;
  Outcome out = RunWith(params, {5});
  EXPECT_EQ(out.result.warmup_us.count(), 0);
  EXPECT_EQ(out.result.inference_us.count(), 0);
}

TEST(BenchmarkRunnerTest, RunDelaySleepsBetweenRunsAndIsNotTimed) {
  BenchParams params = TestParams();
  params.num_runs = 1;
  params.min_secs = 1;
  params.warmup_runs = 1;
  params.warmup_min_secs = 0;
  params.run_delay = 0.4;
  Outcome out = RunWith(params, {100'000});  // each run + delay = 0.5 s
  EXPECT_EQ(out.result.inference_us.count(), 2);
  EXPECT_EQ(out.result.inference_us.max(), 100'000);
  EXPECT_EQ(out.slept_us, 3 * 400'000);
}

TEST(BenchmarkRunnerTest, NonPositiveRunDelayNeverSleeps) {
  BenchParams params = TestParams();
  params.run_delay = 0;
  Outcome out = RunWith(params, {100'000});
  EXPECT_EQ(out.slept_us, 0);
}

TEST(BenchmarkRunnerTest, StatsHoldTheScriptedDurations) {
  BenchParams params = TestParams();
  params.num_runs = 4;
  params.min_secs = 0;
  params.warmup_runs = 2;
  params.warmup_min_secs = 0;
  Outcome out = RunWith(params, {21547, 20870, 20712, 21547, 20800, 20900});
  EXPECT_EQ(out.result.warmup_us.first(), 21547);
  EXPECT_EQ(out.result.warmup_us.newest(), 20870);
  EXPECT_EQ(out.result.inference_us.count(), 4);
  EXPECT_EQ(out.result.inference_us.first(), 20712);
  EXPECT_EQ(out.result.inference_us.newest(), 20900);
  EXPECT_EQ(out.result.init.init_us, 3080);
  EXPECT_DOUBLE_EQ(out.result.init.model_size_mb, 16.893448);
}

TEST(BenchmarkRunnerTest, ListenersSeeEveryStageInOrder) {
  BenchParams params = TestParams();
  params.num_runs = 2;
  params.min_secs = 0;
  params.warmup_runs = 1;
  params.warmup_min_secs = 0;
  FakeClock clock;
  FakeMemoryProbe memory({1000});
  FakeBenchmark bench(params, &clock, &memory, {7});
  RecordingListener listener;
  bench.AddListener(&listener);
  ASSERT_TRUE(bench.Run().ok());
  const std::vector<std::string> expected = {
      "start",       "init 3080",   "loop warmup",         "run warmup",    "end warmup 7",
      "loop end warmup 1", "loop regular", "run regular", "end regular 7", "run regular",
      "end regular 7",     "loop end regular 2", "finish"};
  EXPECT_EQ(listener.events, expected);
  EXPECT_EQ(bench.resets, 3);
}

TEST(BenchmarkRunnerTest, MemoryIsPeakRssDeltaFromTheStart) {
  FakeClock clock;
  FakeMemoryProbe memory({1000, 13800, 42165});
  BenchParams params = TestParams();
  FakeBenchmark bench(params, &clock, &memory, {100'000});
  auto result = bench.Run();
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->mem_supported);
  EXPECT_EQ(result->init_mem_kb, 12800);
  EXPECT_EQ(result->overall_mem_kb, 41165);
}

TEST(BenchmarkRunnerTest, MemoryUnsupportedWhenProbeCannotSay) {
  FakeClock clock;
  FakeMemoryProbe memory({std::nullopt});
  FakeBenchmark bench(TestParams(), &clock, &memory, {100'000});
  auto result = bench.Run();
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->mem_supported);
}

TEST(BenchmarkRunnerTest, InvalidParamsFailBeforeInit) {
  FakeClock clock;
  FakeMemoryProbe memory({0});
  BenchParams params = TestParams();
  params.num_runs = -3;
  FakeBenchmark bench(params, &clock, &memory, {1});
  RecordingListener listener;
  bench.AddListener(&listener);
  auto result = bench.Run();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "--num_runs must be >= 0, got -3");
  EXPECT_FALSE(bench.init_called);
  EXPECT_TRUE(listener.events.empty());
}

TEST(BenchmarkRunnerTest, InitFailureIsReturned) {
  FakeClock clock;
  FakeMemoryProbe memory({0});
  FakeBenchmark bench(TestParams(), &clock, &memory, {1});
  bench.init_status = Errorf("model.tflite: not a .tflite file");
  auto result = bench.Run();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "model.tflite: not a .tflite file");
  EXPECT_EQ(bench.runs, 0);
}

TEST(BenchmarkRunnerTest, RunFailureStopsAndNamesTheRun) {
  FakeClock clock;
  FakeMemoryProbe memory({0});
  BenchParams params = TestParams();
  params.warmup_runs = 2;
  params.warmup_min_secs = 0;
  FakeBenchmark bench(params, &clock, &memory, {1000});
  bench.fail_at_run = 3;  // the second regular run
  RecordingListener listener;
  bench.AddListener(&listener);
  auto result = bench.Run();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "inference run 1: kernel exploded");
  EXPECT_EQ(listener.events.back(), "end regular 0");
}

}  // namespace
}  // namespace qb::bench
