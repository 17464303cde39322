// BenchParams: TensorFlow Lite's defaults and the validation messages.
#include "bench/bench_params.h"

#include <cmath>

#include <gtest/gtest.h>

namespace qb::bench {
namespace {

BenchParams Valid() {
  BenchParams params;
  params.graph = "m.tflite";
  return params;
}

TEST(BenchParamsTest, DefaultsAreBenchmarkModels) {
  BenchParams params;
  EXPECT_EQ(params.num_threads, 1);
  EXPECT_EQ(params.num_runs, 50);
  EXPECT_EQ(params.min_secs, 1.0);
  EXPECT_EQ(params.max_secs, 150.0);
  EXPECT_EQ(params.warmup_runs, 1);
  EXPECT_EQ(params.warmup_min_secs, 0.5);
  EXPECT_EQ(params.run_delay, -1.0);
  EXPECT_FALSE(params.enable_op_profiling);
  EXPECT_TRUE(ValidateBenchParams(Valid()).ok());
}

TEST(BenchParamsTest, MissingGraphSaysWhatToPass) {
  Status status = ValidateBenchParams(BenchParams{});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "--graph is missing: pass the .tflite model to benchmark, e.g. --graph=model.tflite");
}

TEST(BenchParamsTest, CountsMustNotBeNegative) {
  BenchParams params = Valid();
  params.num_runs = -1;
  EXPECT_EQ(ValidateBenchParams(params).message(), "--num_runs must be >= 0, got -1");
  params = Valid();
  params.warmup_runs = -5;
  EXPECT_EQ(ValidateBenchParams(params).message(), "--warmup_runs must be >= 0, got -5");
  params = Valid();
  params.num_threads = 0;
  EXPECT_EQ(ValidateBenchParams(params).message(), "--num_threads must be >= 1, got 0");
  params = Valid();
  params.num_runs = 0;
  params.warmup_runs = 0;
  EXPECT_TRUE(ValidateBenchParams(params).ok());
}

TEST(BenchParamsTest, SecondsMustBeFiniteAndNotNegative) {
  BenchParams params = Valid();
  params.min_secs = -0.5;
  EXPECT_EQ(ValidateBenchParams(params).message(), "--min_secs must be >= 0 seconds, got -0.5");
  params = Valid();
  params.warmup_min_secs = -1;
  EXPECT_EQ(ValidateBenchParams(params).message(), "--warmup_min_secs must be >= 0 seconds, got -1");
  params = Valid();
  params.max_secs = 0;
  EXPECT_EQ(ValidateBenchParams(params).message(),
            "--max_secs must be > 0 seconds (the time after which no new run starts), got 0");
  params = Valid();
  params.run_delay = std::nan("");
  EXPECT_EQ(ValidateBenchParams(params).message(), "--run_delay must be a finite number of seconds, got nan");
}

TEST(BenchParamsTest, NegativeRunDelayMeansNoDelay) {
  BenchParams params = Valid();
  params.run_delay = -3;
  EXPECT_TRUE(ValidateBenchParams(params).ok());
}

}  // namespace
}  // namespace qb::bench
