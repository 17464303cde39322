// JsonListener: the document's fields on a scripted run, and the file written atomically.
#include "bench/json_listener.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "bench_fakes.h"
#include "core/file_io.h"
#include "test_support.h"

namespace qb::bench {
namespace {

BenchmarkResult ScriptedResult() {
  testing::FakeClock clock;
  testing::FakeMemoryProbe memory({1000, 13800, 42165});
  BenchParams params = testing::TestParams();
  params.num_runs = 3;
  params.min_secs = 0;
  params.warmup_min_secs = 0;
  testing::FakeBenchmark bench(params, &clock, &memory, {21547, 20800, 20900, 20700});
  auto result = bench.Run();
  EXPECT_TRUE(result.ok());
  return *result;
}

TEST(JsonListenerTest, DocumentHoldsParamsStatsSamplesAndMemory) {
  nlohmann::json j = ResultToJson(ScriptedResult());
  EXPECT_EQ(j["graph"], "model.tflite");
  EXPECT_EQ(j["params"]["num_runs"], 3);
  EXPECT_EQ(j["params"]["num_threads"], 1);
  EXPECT_EQ(j["params"]["enable_op_profiling"], false);
  EXPECT_EQ(j["init_us"], 3080);
  EXPECT_DOUBLE_EQ(j["model_size_mb"].get<double>(), 16.893448);
  EXPECT_EQ(j["warmup"]["count"], 1);
  EXPECT_EQ(j["warmup"]["first_us"], 21547);
  const nlohmann::json& inference = j["inference"];
  EXPECT_EQ(inference["count"], 3);
  EXPECT_EQ(inference["first_us"], 20800);
  EXPECT_EQ(inference["curr_us"], 20700);
  EXPECT_EQ(inference["min_us"], 20700);
  EXPECT_EQ(inference["max_us"], 20900);
  EXPECT_DOUBLE_EQ(inference["avg_us"].get<double>(), 20800.0);
  EXPECT_EQ(inference["std_us"], 81);
  EXPECT_DOUBLE_EQ(inference["median_us"].get<double>(), 20800.0);
  EXPECT_DOUBLE_EQ(inference["p95_us"].get<double>(), 20890.0);
  EXPECT_EQ(inference["samples_us"], (std::vector<int64_t>{20800, 20900, 20700}));
  EXPECT_DOUBLE_EQ(j["memory_mb"]["init"].get<double>(), 12.5);
  EXPECT_DOUBLE_EQ(j["memory_mb"]["overall"].get<double>(), 41165.0 / 1024.0);
  EXPECT_FALSE(j.contains("op_profile"));
}

TEST(JsonListenerTest, EmptyLoopHasNullStatsAndUnsupportedMemoryIsNull) {
  BenchmarkResult result;
  result.mem_supported = false;
  nlohmann::json j = ResultToJson(result);
  EXPECT_EQ(j["warmup"]["count"], 0);
  EXPECT_TRUE(j["warmup"]["avg_us"].is_null());
  EXPECT_TRUE(j["warmup"]["samples_us"].empty());
  EXPECT_TRUE(j["memory_mb"].is_null());
}

TEST(JsonListenerTest, OpProfileIsIncludedWhenPresent) {
  BenchmarkResult result = ScriptedResult();
  OpProfile profile;
  profile.ops.push_back({0, "CONV_2D", "[out]:0", "reference", {}});
  profile.ops[0].time_us.Add(900);
  profile.run_total_us.Add(900);
  result.op_profile = profile;
  nlohmann::json j = ResultToJson(result);
  ASSERT_TRUE(j.contains("op_profile"));
  EXPECT_EQ(j["op_profile"]["runs"], 1);
  EXPECT_EQ(j["op_profile"]["ops"][0]["name"], "[out]:0");
  EXPECT_EQ(j["op_profile"]["ops"][0]["implementation"], "reference");
  EXPECT_EQ(j["op_profile"]["by_type"][0]["type"], "CONV_2D");
  EXPECT_EQ(j["op_profile"]["by_type"][0]["implementations"][0], "reference");
}

TEST(JsonListenerTest, WritesTheFileAndReportsFailures) {
  const std::string path = qb::testing::TempDir() + "/bench.json";
  JsonListener listener(path);
  listener.OnBenchmarkEnd(ScriptedResult());
  ASSERT_TRUE(listener.status().ok()) << listener.status().message();
  auto bytes = ReadFileBytes(path);
  ASSERT_TRUE(bytes.ok());
  nlohmann::json j = nlohmann::json::parse(bytes->begin(), bytes->end());
  EXPECT_EQ(j["inference"]["count"], 3);

  JsonListener broken(qb::testing::TempDir() + "/no/such/dir/bench.json");
  broken.OnBenchmarkEnd(ScriptedResult());
  ASSERT_FALSE(broken.status().ok());
  EXPECT_EQ(broken.status().message().rfind("--json_output: ", 0), 0u) << broken.status().message();
}

}  // namespace
}  // namespace qb::bench
