// The reader: every fixture loads; every kind of bad input gives one clear error naming the problem.
#include "tflite/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/file_io.h"
#include "test_support.h"
#include "tiny_model.h"

namespace qb {
namespace {

using ::qb::testing::BuildTinyModel;
using ::qb::testing::TinyModelSpec;

Status ReadBytes(const std::vector<uint8_t>& bytes) {
  auto owner = std::make_shared<std::vector<uint8_t>>(bytes);
  return ReadTfliteBuffer(*owner, owner, "test.tflite").status();
}

void ExpectError(const Status& status, const std::string& fragment) {
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(fragment), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find('\n'), std::string::npos) << "one line: " << status.message();
}

TEST(ReaderTest, EveryFixtureLoads) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto fixtures = testing::ListFixtures();
  ASSERT_FALSE(fixtures.empty());
  for (const auto& f : fixtures) {
    auto graph = ReadTfliteFile(testing::FixturePath(f.name));
    ASSERT_TRUE(graph.ok()) << f.name << ": " << graph.status().message();
    EXPECT_FALSE((*graph)->ops.empty()) << f.name;
    EXPECT_FALSE((*graph)->inputs.empty()) << f.name;
  }
}

TEST(ReaderTest, ReadsTensorsOpsAndQuantization) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto graph = ReadTfliteFile(testing::FixturePath("keras_mobilenetv2_notop_dynrange"));
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  const Graph& g = **graph;
  ASSERT_EQ(g.inputs.size(), 1u);
  EXPECT_EQ(g.tensors[static_cast<size_t>(g.inputs[0])].shape, (Shape{1, 224, 224, 3}));
  int hybrid_convs = 0;
  for (const Op& op : g.ops) {
    if (op.type != OpType::kConv2D) continue;
    const Tensor& filter = g.tensors[static_cast<size_t>(op.inputs[1])];
    if (filter.type == DType::kInt8) {
      ++hybrid_convs;
      EXPECT_EQ(filter.quantization.scale.size(), static_cast<size_t>(filter.shape[0]));
      EXPECT_EQ(filter.quantization.quantized_dimension, 0);
      EXPECT_TRUE(g.IsConstant(op.inputs[1]));
    }
  }
  EXPECT_EQ(hybrid_convs, 33);
}

TEST(ReaderTest, WeightsAreMappedNotCopied) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto file = MappedFile::Open(testing::FixturePath("op_conv_float"));
  ASSERT_TRUE(file.ok());
  auto graph = ReadTfliteFile(testing::FixturePath("op_conv_float"));
  ASSERT_TRUE(graph.ok());
  // Constant data lies inside a mapping of the file: same bytes, and not in an owned heap copy.
  for (size_t i = 0; i < (*graph)->tensors.size(); ++i) {
    if (!(*graph)->IsConstant(static_cast<int32_t>(i))) continue;
    const ConstBuffer& b = (*graph)->TensorData(static_cast<int32_t>(i));
    auto found = std::search((*file)->data(), (*file)->data() + (*file)->size(), b.data(), b.data() + b.size());
    EXPECT_NE(found, (*file)->data() + (*file)->size());
  }
}

TEST(ReaderTest, TinyModelIsValid) { EXPECT_TRUE(ReadBytes(BuildTinyModel({})).ok()); }

TEST(ReaderTest, MissingFile) {
  ExpectError(ReadTfliteFile("/nonexistent/model.tflite").status(), "/nonexistent/model.tflite: cannot open");
}

TEST(ReaderTest, EmptyFile) {
  std::string path = testing::TempDir() + "/empty.tflite";
  std::ofstream(path).close();
  auto status = ReadTfliteFile(path).status();
  ExpectError(status, "empty");
  EXPECT_NE(status.message().find(path), std::string::npos);
}

TEST(ReaderTest, TooShort) { ExpectError(ReadBytes({1, 2, 3}), "too short"); }

TEST(ReaderTest, WrongIdentifier) {
  auto bytes = BuildTinyModel({});
  bytes[4] = 'X';
  ExpectError(ReadBytes(bytes), "not 'TFL3'");
}

TEST(ReaderTest, TruncatedFile) {
  auto bytes = BuildTinyModel({});
  for (size_t keep : {bytes.size() / 2, bytes.size() - 1, size_t{12}}) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(keep));
    ExpectError(ReadBytes(cut), "verifier rejected");
  }
}

TEST(ReaderTest, TruncatedFixture) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto bytes = ReadFileBytes(testing::FixturePath("mnist_mlp_float"));
  ASSERT_TRUE(bytes.ok());
  bytes->resize(bytes->size() / 3);
  EXPECT_FALSE(ReadBytes(*bytes).ok());
}

TEST(ReaderTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint8_t> bytes(static_cast<size_t>(8 + trial * 7));
    for (auto& b : bytes) b = static_cast<uint8_t>(rng());
    if (trial % 2) std::memcpy(bytes.data() + 4, "TFL3", 4);
    EXPECT_FALSE(ReadBytes(bytes).ok());
  }
}

TEST(ReaderTest, UnsupportedOp) {
  TinyModelSpec spec;
  spec.builtin_code = 28;  // TANH
  ExpectError(ReadBytes(BuildTinyModel(spec)), "TANH (builtin code 28) is not supported");
}

TEST(ReaderTest, UnknownBuiltinCode) {
  TinyModelSpec spec;
  spec.builtin_code = 300;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "builtin code 300");
}

TEST(ReaderTest, UnsupportedVersion) {
  TinyModelSpec spec;
  spec.version = 99;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "version 99 is not supported");
}

TEST(ReaderTest, TensorIndexOutOfRange) {
  TinyModelSpec spec;
  spec.input_index = 57;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "tensor index 57 is out of range");
  spec.input_index = 0;
  spec.output_index = -5;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "tensor index -5 is out of range");
}

TEST(ReaderTest, OperatorCodeIndexOutOfRange) {
  TinyModelSpec spec;
  spec.opcode_index = 3;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "operator code index 3 is out of range");
}

TEST(ReaderTest, BufferIndexOutOfRange) {
  TinyModelSpec spec;
  spec.with_constant = true;
  spec.constant_buffer = 9;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "buffer index 9 is out of range");
}

TEST(ReaderTest, ShapeDoesNotMatchBuffer) {
  TinyModelSpec spec;
  spec.with_constant = true;
  spec.constant_bytes = 12;  // shape [4] of FLOAT32 needs 16
  ExpectError(ReadBytes(BuildTinyModel(spec)), "needs 16 bytes but its buffer 1 holds 12");
}

TEST(ReaderTest, WrongSchemaVersion) {
  TinyModelSpec spec;
  spec.schema_version = 2;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "schema version 2");
}

TEST(ReaderTest, SeveralSubgraphs) {
  TinyModelSpec spec;
  spec.subgraphs = 2;
  ExpectError(ReadBytes(BuildTinyModel(spec)), "2 subgraphs");
}

}  // namespace
}  // namespace qb
