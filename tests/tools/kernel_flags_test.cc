// --float_backend and --isa on the commands that run models: bad values are one error line and exit 1
// (the flag wins over $QB_ISA), and bench reports the backend, the cap and the implementations.
#include <gtest/gtest.h>

#include <fstream>

#include "core/file_io.h"
#include "kernels/float_backend.h"
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
