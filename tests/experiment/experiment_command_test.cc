// `quantbench experiment` end to end: on a tiny model with the real `quantbench bench` children, and with a fake
// benchmark tool (TensorFlow Lite's output format, a kill switch) for resume after kill -9 and the ISA sweep.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment/final_result_csv.h"
#include "experiment/results_json.h"
#include "hw/hardware_fingerprint.h"
#include "kernels/kernel_factory.h"
#include "test_support.h"
#include "tflite_output_samples.h"

namespace qb::experiment {
namespace {

namespace fs = std::filesystem;
using testing::ExpectOneLineError;
using testing::RunTool;

constexpr const char* kTinyBench = " --num_runs 2 --min_secs 0 --warmup_runs 1 --warmup_min_secs 0";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

void ExpectChartsRendered(const std::string& dir) {
  if (!fs::exists("/usr/bin/gnuplot") && !fs::exists("/usr/local/bin/gnuplot")) return;
  for (const char* stem : {"init_time_ms", "init_inference_ms", "first_inference_ms", "warmup_inference_ms",
                           "avg_inference_ms", "memory_init_mb", "memory_overall_mb", "avg_inference_change_pct",
                           "speedup"}) {
    for (const char* ext : {".png", ".svg", ".dat", ".gp"}) {
      const std::string path = dir + "/charts/" + stem + ext;
      ASSERT_TRUE(fs::exists(path)) << path;
      EXPECT_GT(fs::file_size(path), 0u) << path;
    }
  }
}

TEST(ExperimentCommandTest, EndToEndOnATinyModelThenResumeThenRefuse) {
  const std::string out = testing::TempDir() + "/results";
  const std::string command = "experiment --out " + out + " --models TinyMobileNet --trials 2 --fidelity-samples 1" + kTinyBench;
  const auto run = RunTool(command);
  ASSERT_EQ(run.exit_code, 0) << run.err;

  const std::vector<std::string> csv = Lines(Slurp(out + "/finalResult.csv"));
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0], FinalResultHeader());
  EXPECT_EQ(SplitCsv(csv[1])[0], "TinyMobileNet");
  EXPECT_EQ(SplitCsv(csv[2])[0], "TinyMobileNet_quant");
  for (size_t r = 1; r < csv.size(); ++r) {
    const auto fields = SplitCsv(csv[r]);
    ASSERT_EQ(fields.size(), 15u) << csv[r];
    for (size_t i = 1; i < fields.size(); ++i) EXPECT_NO_THROW((void)std::stod(fields[i])) << fields[i];
    EXPECT_GT(std::stod(fields[5]), 0) << "Avg Inference (ms)";
  }

  auto summary = LoadSummary(out);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->rows.size(), 2u);
  EXPECT_EQ(summary->trials, 2);
  ASSERT_EQ(summary->facts.size(), 1u);
  // As the benchmarks reported them: the hybrid ops run on the reference kernels (at least).
  EXPECT_NE(summary->facts[0].quant_kernels.find("reference"), std::string::npos) << summary->facts[0].quant_kernels;
  EXPECT_FALSE(summary->facts[0].float_kernels.empty());
  EXPECT_TRUE(summary->facts[0].top1.has_value());
  // The fidelity describes the quantized runs: 7-bit hybrid inputs where the default kernels use them.
  const bool seven_bit = KernelConfig{}.HybridInputsAreSevenBit();
  EXPECT_EQ(summary->facts[0].hybrid_input_bits, seven_bit ? 7 : 8);
  EXPECT_EQ(Slurp(out + "/report.md").find("(7-bit inputs)") != std::string::npos, seven_bit);
  const auto json = nlohmann::json::parse(Slurp(out + "/results.json"));
  EXPECT_EQ(json.at("trials").size(), 4u);
  EXPECT_FALSE(json.at("tool").at("git_commit").get<std::string>().empty());
  EXPECT_NE(Slurp(out + "/report.md").find("## Reading"), std::string::npos);
  ExpectChartsRendered(out);
  const std::vector<std::string> journal = Lines(Slurp(out + "/journal.jsonl"));
  ASSERT_EQ(journal.size(), 5u);
  // Float32 and quantized trials alternate (line 0 is the header).
  std::vector<std::string> order;
  for (size_t i = 1; i < journal.size(); ++i) {
    const auto line = nlohmann::json::parse(journal[i]);
    order.push_back(line.at("variant").get<std::string>() + " " + std::to_string(line.at("trial").get<int>()));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"float 0", "quant 0", "float 1", "quant 1"}));

  const auto again = RunTool(command);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("resuming: 4 of 4 trials already done"), std::string::npos) << again.err;
  EXPECT_EQ(Lines(Slurp(out + "/journal.jsonl")).size(), 5u);

  ExpectOneLineError(RunTool("experiment --out " + out + " --models TinyMobileNet --trials 3" + kTinyBench),
                     "different configuration or quantbench version (trials: 2 in the journal, 3 now)");
}

// A benchmark_model stand-in: prints TensorFlow Lite's output, logs its arguments, and on its 3rd call kills its
// parent (the experiment) with SIGKILL while a file named `kill` exists; on its 2nd call it kills itself while a
// file named `kill_child` exists.
std::string WriteFakeBench(const std::string& dir) {
  const std::string path = dir + "/fake_benchmark_model";
  std::ofstream script(path);
  script << "#!/bin/sh\n"
         << "cd " << dir << "\n"
         << "n=$(cat calls 2>/dev/null || echo 0); n=$((n+1)); echo $n > calls\n"
         << "echo \"$@\" >> args\n"
         << "if [ $n -eq 3 ] && [ -f kill ]; then kill -9 $PPID; sleep 1; exit 1; fi\n"
         << "if [ $n -eq 2 ] && [ -f kill_child ]; then kill -9 $$; fi\n"
         << "cat <<'EOF'\n" << samples::kBenchmarkModel << "EOF\n";
  script.close();
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(ExperimentCommandTest, ResumesAfterTheParentIsKilledMidTrialAndMidWrite) {
  const std::string dir = testing::TempDir();
  const std::string fake = WriteFakeBench(dir);
  std::ofstream(dir + "/kill") << "";
  const std::string out = dir + "/results";
  const std::string command =
      "experiment --out " + out + " --models TinyVGG --trials 2 --fidelity-samples 0 --bench-tool " + fake;
  const auto killed = RunTool(command);
  EXPECT_NE(killed.exit_code, 0);
  EXPECT_EQ(Lines(Slurp(out + "/journal.jsonl")).size(), 3u);  // header + the 2 trials finished before the kill
  EXPECT_FALSE(fs::exists(out + "/results.json"));
  std::ofstream(out + "/journal.jsonl", std::ios::app) << R"({"model":"TinyVGG","varia)";  // killed mid-write
  fs::remove(dir + "/kill");

  const auto resumed = RunTool(command);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("unfinished last line"), std::string::npos) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming: 2 of 4 trials already done"), std::string::npos) << resumed.err;
  EXPECT_EQ(Slurp(dir + "/calls"), "5\n");  // 2 + the killed one + the 2 left
  auto summary = LoadSummary(out);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_DOUBLE_EQ(summary->rows[1].stats[kAvgInferenceMetric].mean, 8.09217);
  EXPECT_EQ(summary->rows[1].stats[kAvgInferenceMetric].n, 2);
}

TEST(ExperimentCommandTest, AChildKilledMidTrialStopsTheRunAndTheRerunContinues) {
  const std::string dir = testing::TempDir();
  const std::string fake = WriteFakeBench(dir);
  std::ofstream(dir + "/kill_child") << "";
  const std::string out = dir + "/results";
  const std::string command =
      "experiment --out " + out + " --models TinyVGG --trials 1 --fidelity-samples 0 --bench-tool " + fake;
  const auto stopped = RunTool(command);
  EXPECT_EQ(stopped.exit_code, 1);
  EXPECT_NE(stopped.err.find("quantbench: error: TinyVGG_quant trial 1: the benchmark failed (killed by signal 9)"),
            std::string::npos)
      << stopped.err;
  fs::remove(dir + "/kill_child");
  const auto resumed = RunTool(command);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming: 1 of 2 trials already done"), std::string::npos) << resumed.err;
  EXPECT_TRUE(fs::exists(out + "/finalResult.csv"));
}

TEST(ExperimentCommandTest, IsaSweepRunsEveryLevelIntoSubfoldersAndMergesThem) {
  const auto levels = hw::AvailableIsaLevels(hw::DetectIsaFeatures());
  if (levels.empty()) GTEST_SKIP() << "this CPU has no --isa level";
  const std::string dir = testing::TempDir();
  const std::string fake = WriteFakeBench(dir);
  const std::string out = dir + "/sweep";
  const auto run = RunTool("experiment --isa-sweep --out " + out +
                           " --models TinyResNet --trials 1 --fidelity-samples 0 --bench-tool " + fake);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string args = Slurp(dir + "/args");
  const std::string report = Slurp(out + "/report.md");
  for (const std::string& level : levels) {
    EXPECT_TRUE(fs::exists(out + "/" + level + "/finalResult.csv")) << level;
    EXPECT_NE(args.find("--isa=" + level), std::string::npos) << args;
    // The CPU's best level is itself, the others emulations of older CPUs.
    const std::string label = level == levels.front() ? level + " (" : level + " (emulated on ";
    EXPECT_NE(report.find(label), std::string::npos) << level;
  }
  EXPECT_TRUE(fs::exists(out + "/models/TinyResNet_quant.tflite"));  // shared by the levels
}

TEST(ExperimentCommandTest, HybridBackendReachesEveryBenchmarkAndTheResults) {
  const std::string dir = testing::TempDir() + "/hybrid";
  fs::create_directories(dir);
  const std::string fake = WriteFakeBench(dir);
  const std::string out = dir + "/run";
  const auto run = RunTool("experiment --hybrid_backend reference --out " + out +
                           " --models TinyResNet --trials 1 --fidelity-samples 0 --bench-tool " + fake);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(Slurp(dir + "/args").find("--hybrid_backend=reference"), std::string::npos);
  const auto json = nlohmann::json::parse(Slurp(out + "/results.json"));
  EXPECT_EQ(json.at("settings").at("hybrid_backend"), "reference");
}

TEST(ExperimentCommandTest, BadInputsAreOneClearLine) {
  const std::string out = testing::TempDir() + "/r";
  ExpectOneLineError(RunTool("experiment --out " + out + " --models NoSuchNet"), "--models: unknown model 'NoSuchNet'");
  ExpectOneLineError(RunTool("experiment --out " + out + " --models TinyVGG --trials 0"), "--trials must be between 1");
  ExpectOneLineError(RunTool("experiment --out " + out + " --models TinyVGG --num_runs -1"), "--num_runs");
  const std::string file = testing::TempDir() + "/plain_file";
  std::ofstream(file) << "x";
  ExpectOneLineError(RunTool("experiment --out " + file + "/sub --models TinyVGG"), "cannot create the output folder");
  ExpectOneLineError(RunTool("experiment --out " + out + " --isa avx2 --isa-sweep --models TinyVGG"), "--isa-sweep");
  ExpectOneLineError(RunTool("experiment --out " + out + " --hybrid_backend npu --models TinyVGG"),
                     "--hybrid_backend=npu: not a hybrid backend");
}

TEST(ExperimentCommandTest, AFailingBenchmarkNamesTheTrial) {
  const std::string out = testing::TempDir() + "/r";
  const auto run = RunTool("experiment --out " + out + " --models TinyVGG --trials 1 --fidelity-samples 0 --bench-tool /bin/false");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("quantbench: error: TinyVGG trial 1: the benchmark failed (exit code 1)"), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace qb::experiment
