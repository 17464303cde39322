// Bad input to the command-line tool: one clear error line naming the file and the problem, a
// non-zero exit, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "core/file_io.h"
#include "test_support.h"
#include "tiny_model.h"

namespace qb {
namespace {

using testing::ExpectOneLineError;
using testing::RunTool;

std::string WriteBytes(const std::string& name, const std::vector<uint8_t>& bytes) {
  std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return path;
}

TEST(CliErrorsTest, MissingFile) {
  ExpectOneLineError(RunTool("run --graph=/nonexistent.tflite"), "/nonexistent.tflite: cannot open");
}

TEST(CliErrorsTest, EmptyFile) {
  std::string path = WriteBytes("empty.tflite", {});
  ExpectOneLineError(RunTool("run --graph=" + path), path + ": the file is empty");
}

TEST(CliErrorsTest, TruncatedFile) {
  auto bytes = testing::BuildTinyModel({});
  bytes.resize(bytes.size() / 2);
  std::string path = WriteBytes("cut.tflite", bytes);
  ExpectOneLineError(RunTool("run --graph=" + path), "truncated or corrupt");
}

TEST(CliErrorsTest, RandomBytes) {
  std::mt19937 rng(11);
  std::vector<uint8_t> bytes(4096);
  for (auto& b : bytes) b = static_cast<uint8_t>(rng());
  std::string path = WriteBytes("random.tflite", bytes);
  ExpectOneLineError(RunTool("run --graph=" + path), path);
}

TEST(CliErrorsTest, WrongIdentifier) {
  auto bytes = testing::BuildTinyModel({});
  std::memcpy(bytes.data() + 4, "ABCD", 4);
  std::string path = WriteBytes("wrong_id.tflite", bytes);
  ExpectOneLineError(RunTool("run --graph=" + path), "not 'TFL3'");
}

TEST(CliErrorsTest, UnsupportedOpAndVersion) {
  testing::TinyModelSpec spec;
  spec.builtin_code = 28;
  ExpectOneLineError(RunTool("run --graph=" + WriteBytes("tanh.tflite", testing::BuildTinyModel(spec))),
                     "TANH (builtin code 28) is not supported");
  spec = {};
  spec.version = 42;
  ExpectOneLineError(RunTool("run --graph=" + WriteBytes("v42.tflite", testing::BuildTinyModel(spec))),
                     "version 42 is not supported");
}

TEST(CliErrorsTest, IndexOutOfRangeAndShapeMismatch) {
  testing::TinyModelSpec spec;
  spec.input_index = 1000;
  ExpectOneLineError(RunTool("run --graph=" + WriteBytes("index.tflite", testing::BuildTinyModel(spec))),
                     "tensor index 1000 is out of range");
  spec = {};
  spec.with_constant = true;
  spec.constant_bytes = 3;
  ExpectOneLineError(RunTool("run --graph=" + WriteBytes("shape.tflite", testing::BuildTinyModel(spec))),
                     "holds 3");
}

TEST(CliErrorsTest, InputFileOfWrongSize) {
  std::string model = WriteBytes("tiny.tflite", testing::BuildTinyModel({}));
  std::string input = WriteBytes("in.f32", std::vector<uint8_t>(12, 0));  // 3 floats, the model takes 4
  auto run = RunTool("run --graph=" + model + " --input=" + input);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find(input), std::string::npos) << run.err;
}

TEST(CliErrorsTest, UnwritableOutputLeavesNothing) {
  std::string dir = testing::TempDir();
  std::string model = WriteBytes("tiny_out.tflite", testing::BuildTinyModel({}));
  auto run = RunTool("run --graph=" + model + " --output=" + dir + "/no/such/dir/out.f32");
  EXPECT_NE(run.exit_code, 0);
}

}  // namespace
}  // namespace qb
