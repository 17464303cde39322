// read -> write -> read keeps every tensor, op, option, version, buffer and name.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/file_io.h"
#include "test_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb {
namespace {

void ExpectSameGraph(const Graph& a, const Graph& b, const std::string& name) {
  ASSERT_EQ(a.tensors.size(), b.tensors.size()) << name;
  for (size_t i = 0; i < a.tensors.size(); ++i) {
    const Tensor &x = a.tensors[i], &y = b.tensors[i];
    EXPECT_EQ(x.name, y.name) << name << " tensor " << i;
    EXPECT_EQ(x.type, y.type) << name << " tensor " << i;
    EXPECT_EQ(x.shape, y.shape) << name << " tensor " << i;
    EXPECT_EQ(x.shape_signature, y.shape_signature) << name << " tensor " << i;
    EXPECT_EQ(x.quantization, y.quantization) << name << " tensor " << i;
    EXPECT_EQ(x.is_variable, y.is_variable) << name << " tensor " << i;
    const ConstBuffer &bx = a.TensorData(static_cast<int32_t>(i)), &by = b.TensorData(static_cast<int32_t>(i));
    ASSERT_EQ(bx.size(), by.size()) << name << " tensor " << i;
    EXPECT_TRUE(std::equal(bx.data(), bx.data() + bx.size(), by.data())) << name << " tensor " << i;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(by.data()) % 16, 0u) << name << " tensor " << i << " alignment";
  }
  ASSERT_EQ(a.ops.size(), b.ops.size()) << name;
  for (size_t i = 0; i < a.ops.size(); ++i) {
    EXPECT_EQ(a.ops[i].type, b.ops[i].type) << name << " op " << i;
    EXPECT_EQ(a.ops[i].version, b.ops[i].version) << name << " op " << i;
    EXPECT_EQ(a.ops[i].inputs, b.ops[i].inputs) << name << " op " << i;
    EXPECT_EQ(a.ops[i].outputs, b.ops[i].outputs) << name << " op " << i;
    EXPECT_EQ(a.ops[i].intermediates, b.ops[i].intermediates) << name << " op " << i;
    EXPECT_TRUE(a.ops[i].options == b.ops[i].options) << name << " op " << i;
  }
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.outputs, b.outputs);
  EXPECT_EQ(a.subgraph_name, b.subgraph_name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.buffers.size(), b.buffers.size());
  ASSERT_EQ(a.metadata.size(), b.metadata.size());
  for (size_t i = 0; i < a.metadata.size(); ++i) {
    EXPECT_EQ(a.metadata[i].name, b.metadata[i].name);
    const ConstBuffer &mx = a.buffers[a.metadata[i].buffer], &my = b.buffers[b.metadata[i].buffer];
    EXPECT_TRUE(mx.size() == my.size() && std::equal(mx.data(), mx.data() + mx.size(), my.data()));
  }
  ASSERT_EQ(a.signatures.size(), b.signatures.size());
  for (size_t i = 0; i < a.signatures.size(); ++i) {
    EXPECT_EQ(a.signatures[i].key, b.signatures[i].key);
    ASSERT_EQ(a.signatures[i].inputs.size(), b.signatures[i].inputs.size());
    for (size_t k = 0; k < a.signatures[i].inputs.size(); ++k) {
      EXPECT_EQ(a.signatures[i].inputs[k].name, b.signatures[i].inputs[k].name);
      EXPECT_EQ(a.signatures[i].inputs[k].tensor_index, b.signatures[i].inputs[k].tensor_index);
    }
  }
}

Result<std::shared_ptr<const Graph>> RoundTrip(const Graph& graph, const TfliteWriteOptions& options) {
  QB_ASSIGN_OR_RETURN(auto bytes, SerializeTflite(graph, options));
  auto owner = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
  return ReadTfliteBuffer(*owner, owner, "round trip");
}

TEST(RoundTripTest, EveryFixture) {
  QB_SKIP_WITHOUT_FIXTURES();
  for (const auto& f : testing::ListFixtures()) {
    auto graph = ReadTfliteFile(testing::FixturePath(f.name));
    ASSERT_TRUE(graph.ok()) << graph.status().message();
    auto again = RoundTrip(**graph, {});
    ASSERT_TRUE(again.ok()) << f.name << ": " << again.status().message();
    ExpectSameGraph(**graph, **again, f.name);
  }
}

TEST(RoundTripTest, ExternalBuffersLayout) {
  QB_SKIP_WITHOUT_FIXTURES();
  for (const char* name : {"mnist_mlp_dynrange", "op_conv_float", "keras_mobilenetv2_notop_dynrange"}) {
    auto graph = ReadTfliteFile(testing::FixturePath(name));
    ASSERT_TRUE(graph.ok());
    TfliteWriteOptions options;
    options.external_buffers = true;
    auto again = RoundTrip(**graph, options);
    ASSERT_TRUE(again.ok()) << name << ": " << again.status().message();
    ExpectSameGraph(**graph, **again, name);
  }
}

TEST(RoundTripTest, ExternalBufferBeyondEndOfFileIsAnError) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto graph = ReadTfliteFile(testing::FixturePath("op_conv_float"));
  ASSERT_TRUE(graph.ok());
  TfliteWriteOptions options;
  options.external_buffers = true;
  auto bytes = SerializeTflite(**graph, options);
  ASSERT_TRUE(bytes.ok());
  bytes->resize(bytes->size() - 8);
  auto owner = std::make_shared<std::vector<uint8_t>>(std::move(*bytes));
  auto status = ReadTfliteBuffer(*owner, owner, "cut").status();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("beyond the end"), std::string::npos) << status.message();
}

TEST(RoundTripTest, WriteIsAtomic) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto graph = ReadTfliteFile(testing::FixturePath("op_relu_float"));
  ASSERT_TRUE(graph.ok());
  std::string dir = testing::TempDir();
  ASSERT_TRUE(WriteTfliteFile(**graph, dir + "/out.tflite").ok());
  EXPECT_TRUE(std::filesystem::exists(dir + "/out.tflite"));
  auto status = WriteTfliteFile(**graph, dir + "/missing/out.tflite");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("missing/out.tflite"), std::string::npos);
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary file left behind";
}

}  // namespace
}  // namespace qb
