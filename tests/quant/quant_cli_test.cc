// `quantbench quantize` and `quantbench compare` as a user runs them: success output, and every error as one
// line with a non-zero exit and no output file left behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "quant_test_util.h"
#include "test_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb {
namespace {

using testing::ExpectOneLineError;
using testing::RunTool;

std::string WriteGraph(const Graph& g, const std::string& name) {
  std::string path = testing::TempDir() + "/" + name;
  EXPECT_TRUE(WriteTfliteFile(g, path).ok());
  return path;
}

TEST(QuantizerTest, CliQuantizeThenCompare) {
  std::string in = WriteGraph(*testing::ConvGraph(), "conv.tflite");
  std::string out = testing::TempDir() + "/conv_quant.tflite";
  auto run = RunTool("quantize " + in + " " + out + " --mode dynamic-range");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("quantized 2 weight tensors"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("CONV_2D v5 x1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("DEPTHWISE_CONV_2D v6 x1"), std::string::npos) << run.out;
  auto graph = ReadTfliteFile(out);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  EXPECT_EQ((*graph)->ops[0].version, 5);

  auto compare = RunTool("compare " + in + " " + out + " --samples 2 --seed 3");
  ASSERT_EQ(compare.exit_code, 0) << compare.err;
  EXPECT_NE(compare.out.find("2 samples, seeds 3..4"), std::string::npos) << compare.out;
  EXPECT_NE(compare.out.find("cosine=0.99"), std::string::npos) << compare.out;

  auto json = RunTool("compare " + in + " " + out + " --samples 2 --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["samples"], 2);
  EXPECT_GE(j["outputs"][0]["cosine"].get<double>(), 0.99);
}

TEST(QuantizerTest, CliAlreadyQuantizedWritesNothing) {
  std::string in = WriteGraph(*testing::FullyConnectedGraph(128, 16), "fc.tflite");
  std::string once = testing::TempDir() + "/fc_quant.tflite";
  ASSERT_EQ(RunTool("quantize " + in + " " + once).exit_code, 0);
  std::string twice = testing::TempDir() + "/fc_quant_quant.tflite";
  ExpectOneLineError(RunTool("quantize " + once + " " + twice), once + ": already quantized");
  EXPECT_FALSE(std::filesystem::exists(twice));
}

TEST(QuantizerTest, CliNothingToQuantizeWritesNothing) {
  std::string in = WriteGraph(*testing::FullyConnectedGraph(100, 10), "small_fc.tflite");
  std::string out = testing::TempDir() + "/small_fc_quant.tflite";
  ExpectOneLineError(RunTool("quantize " + in + " " + out), in + ": nothing to quantize");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(QuantizerTest, CliErrors) {
  std::string out = testing::TempDir() + "/never.tflite";
  ExpectOneLineError(RunTool("quantize /nonexistent.tflite " + out), "/nonexistent.tflite: cannot open");
  std::string in = WriteGraph(*testing::FullyConnectedGraph(128, 16), "fc_mode.tflite");
  ExpectOneLineError(RunTool("quantize " + in + " " + out + " --mode int8"), "--mode int8: unknown mode");
  ExpectOneLineError(RunTool("quantize " + in + " /nonexistent-dir/out.tflite"), "/nonexistent-dir/out.tflite");
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_NE(RunTool("quantize " + in).exit_code, 0);  // OUT is required
}

TEST(FidelityTest, CliErrors) {
  std::string a = WriteGraph(*testing::FullyConnectedGraph(32, 10), "a.tflite");
  std::string b = WriteGraph(*testing::FullyConnectedGraph(32, 11), "b.tflite");
  ExpectOneLineError(RunTool("compare " + a + " " + b), "output 0 has shape [1, 10] in one model and [1, 11]");
  ExpectOneLineError(RunTool("compare " + a + " /nonexistent.tflite"), "/nonexistent.tflite: cannot open");
  EXPECT_NE(RunTool("compare " + a + " " + a + " --samples 0").exit_code, 0);
  EXPECT_NE(RunTool("compare " + a).exit_code, 0);
}

TEST(FidelityTest, CliFloatFixtureAgainstItsQuantizedVersion) {
  QB_SKIP_WITHOUT_FIXTURES();
  std::string in = testing::FixturePath("mnist_mlp_float");
  std::string out = testing::TempDir() + "/mnist_mlp_quant.tflite";
  auto q = RunTool("quantize " + in + " " + out);
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("FULLY_CONNECTED v12"), std::string::npos) << q.out;
  auto c = RunTool("compare " + in + " " + out + " --samples 4 --json");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  auto j = nlohmann::json::parse(c.out);
  EXPECT_GE(j["outputs"][0]["cosine"].get<double>(), 0.99);
  EXPECT_EQ(j["outputs"][0]["rows"], 4);
}

}  // namespace
}  // namespace qb
