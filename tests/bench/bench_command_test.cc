// `quantbench bench` as a process: flag parsing (TensorFlow Lite's --flag=value form), one-line errors
// with a non-zero exit, and, when the fixtures are present, a real model whose every benchmark_model
// line parses. Only formats are checked, never times.
#include <cstdio>
#include <fstream>
// GCC 12's <regex> trips -Wmaybe-uninitialized inside std::function when optimized (a libstdc++ false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "test_support.h"

namespace qb::bench {
namespace {

struct ToolRun {
  int exit_code = -1;
  std::string out, err;
};

ToolRun RunBench(const std::string& args) {
  const std::string err_path = qb::testing::TempDir() + "/stderr.txt";
  const std::string command = std::string(QB_TOOL_COMMAND) + " bench " + args + " 2>" + err_path;
  ToolRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream text;
  text << err.rdbuf();
  run.err = text.str();
  return run;
}

TEST(BenchCommandTest, MissingGraphSaysWhatToDo) {
  ToolRun run = RunBench("");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "quantbench: error: --graph is missing: pass the .tflite model to benchmark, e.g. --graph=model.tflite\n");
  EXPECT_EQ(run.out, "");
}

TEST(BenchCommandTest, InvalidValueIsOneErrorLine) {
  ToolRun run = RunBench("--graph=m.tflite --num_runs=-1");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "quantbench: error: --num_runs must be >= 0, got -1\n");
}

TEST(BenchCommandTest, UnreadableModelFailsAfterEchoingParameters) {
  const std::string missing = qb::testing::TempDir() + "/missing.tflite";
  ToolRun run = RunBench("--graph=" + missing + " --num_threads=2");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("INFO: Graph: [" + missing + "]\n"), std::string::npos);
  EXPECT_NE(run.out.find("INFO: #threads used for CPU inference: [2]\n"), std::string::npos);
  EXPECT_EQ(run.err.rfind("quantbench: error: ", 0), 0u);
  EXPECT_NE(run.err.find(missing), std::string::npos);
}

TEST(BenchCommandTest, OpProfilingFlagTakesTensorFlowLiteForms) {
  const std::string graph = "--graph=" + qb::testing::TempDir() + "/missing.tflite ";
  EXPECT_NE(RunBench(graph + "--enable_op_profiling=true").out.find("Enable op profiling: [1]"), std::string::npos);
  EXPECT_NE(RunBench(graph + "--enable_op_profiling").out.find("Enable op profiling: [1]"), std::string::npos);
  EXPECT_EQ(RunBench(graph + "--enable_op_profiling=false").out.find("Enable op profiling"), std::string::npos);
}

TEST(BenchCommandTest, RealModelPrintsEveryBenchmarkModelLine) {
  QB_SKIP_WITHOUT_FIXTURES();
  const std::string model = qb::testing::FixturePath("hosted_mobilenet_v1_0.25_128_float");
  const std::string json_path = qb::testing::TempDir() + "/result.json";
  ToolRun run = RunBench("--graph=" + model +
                         " --num_runs=2 --min_secs=0 --warmup_runs=1 --warmup_min_secs=0 --enable_op_profiling=true"
                         " --json_output=" + json_path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string number = R"([0-9.e+]+)";
  for (const std::string& pattern :
       {std::string(R"(INFO: Loaded model .*\n)"), "INFO: The input model file size \\(MB\\): " + number + "\n",
        "INFO: Initialized session in " + number + "ms\\.\n",
        std::string(R"(INFO: count=1 curr=\d+\n\n)"),
        "INFO: count=2 (first=\\d+ curr=\\d+ min=\\d+ max=\\d+ avg=" + number + " std=\\d+|curr=\\d+\\(all same\\))\n\n",
        "INFO: Inference timings in us: Init: \\d+, First inference: \\d+, Warmup \\(avg\\): " + number +
            ", Inference \\(avg\\): " + number + "\n",
        "INFO: Memory footprint delta from the start of the tool \\(MB\\): init=" + number + " overall=" + number +
            "\n",
        std::string(R"(INFO: Operator-wise Profiling Info for Regular Benchmark Runs:\n)")}) {
    EXPECT_TRUE(std::regex_search(run.out, std::regex(pattern))) << pattern << "\n" << run.out;
  }
  std::ifstream json_file(json_path);
  ASSERT_TRUE(json_file.good());
  nlohmann::json j = nlohmann::json::parse(json_file);
  EXPECT_EQ(j["inference"]["count"], 2);
  EXPECT_EQ(j["op_profile"]["runs"], 2);
}

}  // namespace
}  // namespace qb::bench
