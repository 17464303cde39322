// --float_backend, --hybrid_backend and --isa on the commands that run models: bad values are one error
// line and exit 1 (the flag wins over $QB_ISA), and bench reports the backends, the cap and the
// implementations.
#include <gtest/gtest.h>

#include <fstream>

#include "core/file_io.h"
#include "kernels/float_backend.h"
#include "kernels/hybrid_backend.h"
#include "kernels/isa.h"
#include "test_support.h"
#include "tiny_model.h"

namespace qb {
namespace {

using testing::ExpectOneLineError;
using testing::RunTool;

std::string TinyModelPath() {
  const std::string path = testing::TempDir() + "/relu.tflite";
  const auto bytes = testing::BuildTinyModel({});
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return path;
}

TEST(KernelFlagsTest, UnknownBackendOnEveryCommand) {
  const std::string model = TinyModelPath();
  ExpectOneLineError(RunTool("run --graph=" + model + " --float_backend=tpu"), "--float_backend=tpu: not a backend");
  ExpectOneLineError(RunTool("bench --graph=" + model + " --float_backend=tpu"), "--float_backend=tpu: not a backend");
  ExpectOneLineError(RunTool("compare " + model + " " + model + " --float_backend=tpu"),
                     "--float_backend=tpu: not a backend");
}

TEST(KernelFlagsTest, UnknownHybridBackendOnEveryCommand) {
  const std::string model = TinyModelPath();
  const std::string expected = "--hybrid_backend=npu: not a hybrid backend of this build; it has reference";
  ExpectOneLineError(RunTool("run --graph=" + model + " --hybrid_backend=npu"), expected);
  ExpectOneLineError(RunTool("bench --graph=" + model + " --hybrid_backend=npu"), expected);
  ExpectOneLineError(RunTool("compare " + model + " " + model + " --hybrid_backend=npu"), expected);
}

// A quantized model's hybrid ops run where --hybrid_backend says, whatever the float backend.
TEST(KernelFlagsTest, HybridBackendChoosesTheHybridKernels) {
  const std::string dir = testing::TempDir() + "/hybrid_flag";
  auto made = RunTool("models --only TinyMobileNet --out " + dir);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string quantized = dir + "/TinyMobileNet_quant.tflite";
  auto quantize = RunTool("quantize " + dir + "/TinyMobileNet.tflite " + quantized);
  ASSERT_EQ(quantize.exit_code, 0) << quantize.err;
  for (HybridBackend backend : BuiltHybridBackends()) {
    const std::string name(HybridBackendName(backend));
    SCOPED_TRACE(name);
    auto run = RunTool("bench --graph=" + quantized + " --hybrid_backend=" + name +
                       " --num_runs=1 --min_secs=0 --warmup_runs=0 --warmup_min_secs=0");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("; hybrid ops on " + name + ")"), std::string::npos) << run.out;
    const std::string kernels = run.out.substr(run.out.find("INFO: Kernels (ops per implementation):"));
    EXPECT_NE(kernels.find(" " + name), std::string::npos) << kernels;
  }
}

TEST(KernelFlagsTest, UnknownIsa) {
  const std::string model = TinyModelPath();
  ExpectOneLineError(RunTool("run --graph=" + model + " --isa=sse4"), "--isa=sse4: unknown ISA 'sse4'");
  ExpectOneLineError(RunTool("bench --graph=" + model + " --isa=sse4"), "--isa=sse4: unknown ISA 'sse4'");
}

TEST(KernelFlagsTest, EnvironmentVariableAndFlagPrecedence) {
  const std::string model = TinyModelPath();
  const std::string tool = QB_TOOL_COMMAND;  // the tool, behind the emulator when cross-compiled
  const int code = std::system(("QB_ISA=sse4 " + tool + " run --graph=" + model + " >/dev/null 2>&1").c_str());
  EXPECT_NE(code, 0) << "QB_ISA=sse4 must be refused";
  auto best = BestIsa();
  ASSERT_TRUE(best.ok());
  const int flag_wins = std::system(("QB_ISA=sse4 " + tool + " run --graph=" + model + " --isa=" +
                                     std::string(IsaName(*best)) + " >/dev/null 2>&1")
                                        .c_str());
  EXPECT_EQ(flag_wins, 0) << "--isa must win over QB_ISA";
}

TEST(KernelFlagsTest, RefusesAnIsaTheCpuLacks) {
  for (IsaLevel level : IsaLevelsOfThisArch()) {
    if (CpuHasIsa(level)) continue;
    const std::string name(IsaName(level));
    ExpectOneLineError(RunTool("run --graph=" + TinyModelPath() + " --isa=" + name),
                       "--isa=" + name + ": this CPU lacks it");
    return;
  }
  GTEST_SKIP() << "this CPU has every ISA level of its architecture";
}

TEST(KernelFlagsTest, BenchReportsBackendIsaAndImplementations) {
  const std::string json = testing::TempDir() + "/bench.json";
  auto run = RunTool("bench --graph=" + TinyModelPath() +
                     " --float_backend=reference --num_runs=1 --min_secs=0 --warmup_runs=1 --warmup_min_secs=0"
                     " --json_output=" + json);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("INFO: Float backend: reference (isa "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("INFO: Kernels (ops per implementation): 1 reference"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("INFO: Initialized session in "), std::string::npos) << run.out;
  auto text = ReadFileBytes(json);
  ASSERT_TRUE(text.ok()) << text.status().message();
  const std::string content(text->begin(), text->end());
  EXPECT_NE(content.find("\"float_backend\": \"reference\""), std::string::npos) << content;
  EXPECT_NE(content.find("\"implementations\""), std::string::npos) << content;
  EXPECT_NE(content.find("\"best_isa\""), std::string::npos) << content;
}

}  // namespace
}  // namespace qb
