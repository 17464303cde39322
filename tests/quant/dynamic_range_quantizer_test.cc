// The dynamic-range quantizer: TensorFlow Lite's rules (1024-element threshold, symmetric per-channel INT8
// along the right dimension, hybrid op versions and options), everything else untouched, metadata, and
// quantize -> write -> read -> run on tiny graphs and on every float32 fixture.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "quant/conversion_metadata.h"
#include "quant/dynamic_range_quantizer.h"
#include "quant/fidelity.h"
#include "quant_test_util.h"
#include "test_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace qb {
namespace {

using testing::ConvGraph;
using testing::FullyConnectedGraph;

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::shared_ptr<const Graph> Reread(const Graph& graph) {
  auto bytes = SerializeTflite(graph);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  auto owner = std::make_shared<std::vector<uint8_t>>(std::move(*bytes));
  auto read = ReadTfliteBuffer(*owner, owner, "quantized");
  EXPECT_TRUE(read.ok()) << read.status().message();
  return *read;
}

// Checks |w - q * scale| <= scale / 2 for every element, and that the largest |q| of a channel is 127.
void ExpectRoundTripWithinHalfScale(const std::vector<float>& w, const Shape& shape, int32_t dim) {
  PerChannelInt8 q = QuantizeSymmetricPerChannel(w, shape, dim);
  ASSERT_EQ(q.values.size(), w.size());
  ASSERT_EQ(q.scales.size(), static_cast<size_t>(shape[static_cast<size_t>(dim)]));
  int64_t inner = 1;
  for (size_t d = static_cast<size_t>(dim) + 1; d < shape.size(); ++d) inner *= shape[d];
  std::vector<int> max_q(q.scales.size(), 0);
  for (size_t i = 0; i < w.size(); ++i) {
    const size_t c = static_cast<size_t>((static_cast<int64_t>(i) / inner) % shape[static_cast<size_t>(dim)]);
    const float scale = q.scales[c];
    const double error = std::fabs(static_cast<double>(w[i]) - static_cast<double>(q.values[i]) * scale);
    ASSERT_LE(error, scale / 2.0 * (1 + 1e-6) + 1e-12) << "element " << i << " channel " << c;
    ASSERT_GE(q.values[i], -127);
    max_q[c] = std::max(max_q[c], std::abs(static_cast<int>(q.values[i])));
  }
  for (size_t c = 0; c < q.scales.size(); ++c) EXPECT_EQ(max_q[c], q.scales[c] > 0 ? 127 : 0) << "channel " << c;
}

TEST(QuantizerTest, PerChannelRoundTripErrorAtMostHalfAScale) {
  SeededInput gen(3);
  // Channels of very different ranges, so a per-tensor scale would not meet the bound.
  Shape conv = {16, 3, 3, 8};
  std::vector<float> w = gen.Fill(static_cast<size_t>(ElementCount(conv)));
  for (size_t i = 0; i < w.size(); ++i) w[i] *= std::pow(10.0f, static_cast<float>(i / 72 % 5) - 2.0f);
  ExpectRoundTripWithinHalfScale(w, conv, 0);
  Shape depthwise = {1, 3, 3, 64};
  ExpectRoundTripWithinHalfScale(gen.Fill(static_cast<size_t>(ElementCount(depthwise)), -3, 3), depthwise, 3);
  Shape fc = {10, 300};
  ExpectRoundTripWithinHalfScale(gen.Fill(3000, -0.01, 0.02), fc, 0);
}

TEST(QuantizerTest, ScaleIsMaxAbsOver127AndZeroChannelIsDefined) {
  std::vector<float> w = {0.5f, -1.27f, 0.0f, 0.0f, 2.54f, 1.0f};
  PerChannelInt8 q = QuantizeSymmetricPerChannel(w, {3, 2}, 0);
  EXPECT_FLOAT_EQ(q.scales[0], 0.01f);
  EXPECT_EQ(q.values[1], -127);
  EXPECT_EQ(q.values[0], 50);
  // A channel of zeros: scale 0 and q 0, as TensorFlow Lite's converter writes it (no division by zero).
  EXPECT_EQ(q.scales[1], 0.0f);
  EXPECT_EQ(q.values[2], 0);
  EXPECT_EQ(q.values[3], 0);
  EXPECT_FLOAT_EQ(q.scales[2], 0.02f);
  EXPECT_EQ(q.values[4], 127);
  EXPECT_EQ(q.values[5], 50);
}

TEST(QuantizerTest, ThresholdIs1024Elements) {
  // 1023 elements stay float: nothing to quantize.
  auto small = QuantizeDynamicRange(*FullyConnectedGraph(341, 3));
  ASSERT_FALSE(small.ok());
  EXPECT_TRUE(StartsWith(small.status().message(), "nothing to quantize")) << small.status().message();
  EXPECT_NE(small.status().message().find("1023"), std::string::npos) << small.status().message();
  // 1024 elements are quantized.
  auto exact = QuantizeDynamicRange(*FullyConnectedGraph(256, 4));
  ASSERT_TRUE(exact.ok()) << exact.status().message();
  EXPECT_EQ(exact->summary.weights.size(), 1u);
  EXPECT_EQ(exact->graph->tensors[1].type, DType::kInt8);
  // A lower threshold is an option.
  DynamicRangeOptions options;
  options.min_elements = 1000;
  EXPECT_TRUE(QuantizeDynamicRange(*FullyConnectedGraph(341, 3), options).ok());
}

TEST(QuantizerTest, MixedSizesQuantizeOnlyLargeWeights) {
  auto g = FullyConnectedGraph(64, 32);  // 2048 elements
  int32_t w2 = testing::AddConstant(*g, "fc2/weights", {8, 32}, 9);  // 256 elements
  int32_t y2 = testing::AddTensor(*g, "output2", {1, 8});
  Op op;
  op.type = OpType::kFullyConnected;
  op.inputs = {g->outputs[0], w2, -1};
  op.outputs = {y2};
  op.options = FullyConnectedOptions{};
  g->ops.push_back(op);
  g->outputs = {y2};
  auto result = QuantizeDynamicRange(*g);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->summary.weights.size(), 1u);
  EXPECT_EQ(result->summary.kept_float_weights, 1);
  EXPECT_EQ(result->graph->tensors[static_cast<size_t>(w2)].type, DType::kFloat32);
  EXPECT_EQ(result->graph->ops[1].version, 1);
}

TEST(QuantizerTest, HybridOpVersionsAndOptionsFollowTensorFlowLite) {
  auto conv = QuantizeDynamicRange(*ConvGraph());
  ASSERT_TRUE(conv.ok()) << conv.status().message();
  const Graph& g = *conv->graph;
  EXPECT_EQ(g.ops[0].version, 5);  // CONV_2D hybrid per channel
  EXPECT_EQ(g.ops[1].version, 6);  // DEPTHWISE_CONV_2D hybrid per channel
  const Tensor& conv_filter = g.tensors[static_cast<size_t>(g.ops[0].inputs[1])];
  EXPECT_EQ(conv_filter.type, DType::kInt8);
  EXPECT_EQ(conv_filter.quantization.quantized_dimension, 0);
  EXPECT_EQ(conv_filter.quantization.scale.size(), 128u);
  EXPECT_EQ(conv_filter.quantization.zero_point, std::vector<int64_t>(128, 0));
  const Tensor& dw_filter = g.tensors[static_cast<size_t>(g.ops[1].inputs[1])];
  EXPECT_EQ(dw_filter.quantization.quantized_dimension, 3);
  EXPECT_EQ(dw_filter.quantization.scale.size(), 128u);
  EXPECT_EQ(std::get<Conv2DOptions>(g.ops[0].options), std::get<Conv2DOptions>(ConvGraph()->ops[0].options));

  auto fc = QuantizeDynamicRange(*FullyConnectedGraph(128, 16));
  ASSERT_TRUE(fc.ok());
  EXPECT_EQ(fc->graph->ops[0].version, 12);  // FULLY_CONNECTED hybrid per channel
  EXPECT_TRUE(std::get<FullyConnectedOptions>(fc->graph->ops[0].options).asymmetric_quantize_inputs);
  EXPECT_EQ(fc->graph->tensors[1].quantization.quantized_dimension, 0);

  // One output channel: one scale, which TensorFlow Lite's rules count as per tensor -> version 9.
  auto single = QuantizeDynamicRange(*FullyConnectedGraph(1024, 1));
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->graph->ops[0].version, 9);
  // ... and without a bias (two inputs), version 6.
  auto no_bias_graph = FullyConnectedGraph(1024, 1, 1, false);
  no_bias_graph->ops[0].inputs.pop_back();
  auto no_bias = QuantizeDynamicRange(*no_bias_graph);
  ASSERT_TRUE(no_bias.ok());
  EXPECT_EQ(no_bias->graph->ops[0].version, 6);
}

TEST(QuantizerTest, BiasesAndEverythingElseUntouched) {
  auto input = ConvGraph();
  auto result = QuantizeDynamicRange(*input);
  ASSERT_TRUE(result.ok());
  const Graph& out = *result->graph;
  ASSERT_EQ(out.tensors.size(), input->tensors.size());
  EXPECT_EQ(out.inputs, input->inputs);
  EXPECT_EQ(out.outputs, input->outputs);
  ASSERT_EQ(out.ops.size(), input->ops.size());
  for (size_t i = 0; i < out.ops.size(); ++i) {
    EXPECT_EQ(out.ops[i].type, input->ops[i].type);
    EXPECT_EQ(out.ops[i].inputs, input->ops[i].inputs);
    EXPECT_EQ(out.ops[i].outputs, input->ops[i].outputs);
    EXPECT_EQ(out.ops[i].options, input->ops[i].options);
  }
  for (size_t t = 0; t < out.tensors.size(); ++t) {
    const Tensor& a = input->tensors[t];
    const Tensor& b = out.tensors[t];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.shape, b.shape);
    if (a.name == "conv/filter" || a.name == "dw/filter") continue;
    EXPECT_EQ(a.type, b.type) << a.name;
    EXPECT_EQ(a.quantization, b.quantization) << a.name;
    EXPECT_EQ(a.buffer, b.buffer) << a.name;
    const ConstBuffer& da = input->TensorData(static_cast<int32_t>(t));
    const ConstBuffer& db = out.TensorData(static_cast<int32_t>(t));
    ASSERT_EQ(da.size(), db.size()) << a.name;
    if (da.size() > 0) {
      EXPECT_EQ(std::memcmp(da.data(), db.data(), da.size()), 0) << a.name << ": data changed";
    }
  }
  // The biases in particular stay FLOAT32 with the same values.
  EXPECT_EQ(out.tensors[2].name, "conv/bias");
  EXPECT_EQ(out.tensors[2].type, DType::kFloat32);
}

TEST(QuantizerTest, FloatWeightBuffersAreDropped) {
  auto input = ConvGraph();
  auto result = QuantizeDynamicRange(*input);
  ASSERT_TRUE(result.ok());
  // Each INT8 weight takes its float buffer's slot; only CONVERSION_METADATA is added.
  EXPECT_EQ(result->graph->buffers.size(), input->buffers.size() + 1);
  EXPECT_EQ(result->summary.float_bytes_dropped, (128u * 9 * 16 + 9 * 128) * 4);
  EXPECT_EQ(result->summary.int8_bytes_added, 128u * 9 * 16 + 9 * 128);
  for (const ConstBuffer& b : result->graph->buffers) {
    EXPECT_NE(b.size(), 128u * 9 * 16 * 4) << "the float conv filter is still stored";
  }
  auto before = SerializeTflite(*input);
  auto after = SerializeTflite(*result->graph);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_LT(after->size() * 3, before->size());

  // A float buffer shared by two tensors is dropped once both no longer use it.
  auto shared = FullyConnectedGraph(64, 32);
  int32_t alias = testing::AddTensor(*shared, "fc/weights_alias", {32, 64}, shared->tensors[1].buffer);
  int32_t y2 = testing::AddTensor(*shared, "output2", {1, 32});
  Op op = shared->ops[0];
  op.inputs = {0, alias, 2};
  op.outputs = {y2};
  shared->ops.push_back(op);
  shared->outputs.push_back(y2);
  auto r = QuantizeDynamicRange(*shared);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->summary.buffers_dropped, 1u);
  EXPECT_TRUE(ValidateGraph(*r->graph).ok());
}

TEST(QuantizerTest, WeightSharedWithAnotherOpStaysFloatForIt) {
  // The FC weights [32, 64] are also added to a float tensor by an ADD: that ADD keeps reading floats.
  auto g = FullyConnectedGraph(64, 32);
  int32_t other = testing::AddTensor(*g, "other", {32, 64});
  int32_t sum = testing::AddTensor(*g, "sum", {32, 64});
  Op add;
  add.type = OpType::kAdd;
  add.inputs = {other, 1};
  add.outputs = {sum};
  add.options = AddOptions{};
  g->ops.push_back(add);
  g->inputs.push_back(other);
  g->outputs.push_back(sum);
  auto r = QuantizeDynamicRange(*g);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Graph& out = *r->graph;
  EXPECT_EQ(out.tensors[1].type, DType::kFloat32);
  EXPECT_EQ(out.ops[1].inputs[1], 1);
  const int32_t q = out.ops[0].inputs[1];
  EXPECT_NE(q, 1);
  EXPECT_EQ(out.tensors[static_cast<size_t>(q)].type, DType::kInt8);
}

TEST(QuantizerTest, AlreadyQuantizedSaysSo) {
  auto once = QuantizeDynamicRange(*ConvGraph());
  ASSERT_TRUE(once.ok());
  auto twice = QuantizeDynamicRange(*once->graph);
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(StartsWith(twice.status().message(), "already quantized")) << twice.status().message();
}

TEST(QuantizerTest, NothingToQuantizeSaysSo) {
  auto g = std::make_shared<Graph>(testing::EmptyGraph());
  int32_t x = testing::AddTensor(*g, "x", {1, 4});
  int32_t y = testing::AddTensor(*g, "y", {1, 4});
  Op relu;
  relu.type = OpType::kRelu;
  relu.inputs = {x};
  relu.outputs = {y};
  g->ops.push_back(relu);
  g->inputs = {x};
  g->outputs = {y};
  auto r = QuantizeDynamicRange(*g);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(StartsWith(r.status().message(), "nothing to quantize")) << r.status().message();
}

TEST(QuantizerTest, MetadataRecordsTheQuantization) {
  auto input = ConvGraph();
  // As TensorFlow Lite's converter writes them for a float model of these ops.
  std::vector<uint8_t> version(16, 0);
  std::memcpy(version.data(), "1.14.0", 6);
  input->metadata.push_back({kMinRuntimeVersionName, input->AddBuffer(ConstBuffer::Owned(version))});
  ConversionMetadata original;
  original.environment = ConversionMetadata::Environment{std::string("2.17.0"), 1, 1, 42};
  input->metadata.push_back(
      {kConversionMetadataName, input->AddBuffer(ConstBuffer::Owned(SerializeConversionMetadata(original)))});

  auto r = QuantizeDynamicRange(*input);
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto reread = Reread(*r->graph);
  const Graph& g = *reread;
  const Metadata* conversion = FindMetadata(g, kConversionMetadataName);
  ASSERT_NE(conversion, nullptr);
  auto parsed = ParseConversionMetadata(g.buffers[conversion->buffer].bytes());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->optimization_modes, std::vector<int32_t>{kPtqDynamicRange});
  ASSERT_TRUE(parsed->environment.has_value());
  EXPECT_EQ(parsed->environment->tensorflow_version, "2.17.0");
  EXPECT_EQ(parsed->environment->model_hash, 42u);

  const Metadata* runtime = FindMetadata(g, kMinRuntimeVersionName);
  ASSERT_NE(runtime, nullptr);
  const ConstBuffer& v = g.buffers[runtime->buffer];
  EXPECT_EQ(v.size(), 16u);
  EXPECT_STREQ(reinterpret_cast<const char*>(v.data()), "2.4.0");  // CONV_2D v5 needs 2.4.0

  // Without any metadata, a CONVERSION_METADATA entry is added.
  auto bare = QuantizeDynamicRange(*FullyConnectedGraph(128, 16));
  ASSERT_TRUE(bare.ok());
  const Metadata* added = FindMetadata(*bare->graph, kConversionMetadataName);
  ASSERT_NE(added, nullptr);
  auto added_parsed = ParseConversionMetadata(bare->graph->buffers[added->buffer].bytes());
  ASSERT_TRUE(added_parsed.ok());
  EXPECT_EQ(added_parsed->optimization_modes, std::vector<int32_t>{kPtqDynamicRange});
  EXPECT_FALSE(added_parsed->environment.has_value());
}

TEST(QuantizerTest, ConversionMetadataOfRealFilesParses) {
  QB_SKIP_WITHOUT_FIXTURES();
  auto g = ReadTfliteFile(testing::FixturePath("keras_mobilenetv2_notop_dynrange"));
  ASSERT_TRUE(g.ok()) << g.status().message();
  const Metadata* m = FindMetadata(**g, kConversionMetadataName);
  ASSERT_NE(m, nullptr);
  auto parsed = ParseConversionMetadata((*g)->buffers[m->buffer].bytes());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->optimization_modes, std::vector<int32_t>{kPtqDynamicRange});
  EXPECT_FALSE(ParseConversionMetadata(std::vector<uint8_t>{1, 2, 3}).ok());
  EXPECT_FALSE(ParseConversionMetadata(std::vector<uint8_t>{200, 0, 0, 0, 0, 0, 0, 0}).ok());
}

TEST(QuantizerTest, QuantizedTinyGraphsRunCloseToFloat) {
  for (auto graph : {std::shared_ptr<const Graph>(ConvGraph()), std::shared_ptr<const Graph>(FullyConnectedGraph(256, 64, 3))}) {
    auto r = QuantizeDynamicRange(*graph);
    ASSERT_TRUE(r.ok()) << r.status().message();
    auto report = CompareModels(graph, Reread(*r->graph), {.samples = 3});
    ASSERT_TRUE(report.ok()) << report.status().message();
    EXPECT_GE(report->outputs[0].min_cosine, 0.995);
    EXPECT_GT(report->outputs[0].sqnr_db, 20.0);
  }
}

// The fixtures TensorFlow Lite's converter wrote with per-tensor INT8 weights (older files) still read and run,
// and the quantizer says they are already quantized.
TEST(QuantizerTest, PerTensorAndOtherQuantizedFixturesAreAlreadyQuantized) {
  QB_SKIP_WITHOUT_FIXTURES();
  for (const char* name : {"keras_mobilenetv2_5class_dynrange_toco", "keras_mobilenetv2_cars196_dynrange_legacy_tf1",
                           "ultralytics_yolov8n_cls_insects_dynrange_tf2.17", "mnist_mlp_dynrange",
                           "hosted_mobilenet_v1_0.25_128_uint8", "ultralytics_yolov8n_cls_insects_float16_tf2.17",
                           "mlperftiny_kws_dscnn_int8"}) {
    auto g = ReadTfliteFile(testing::FixturePath(name));
    ASSERT_TRUE(g.ok()) << name << ": " << g.status().message();
    auto r = QuantizeDynamicRange(**g);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_TRUE(StartsWith(r.status().message(), "already quantized")) << name << ": " << r.status().message();
  }
  auto per_tensor = ReadTfliteFile(testing::FixturePath("keras_mobilenetv2_5class_dynrange_toco"));
  ASSERT_TRUE(per_tensor.ok());
  size_t per_tensor_filters = 0;
  for (const Tensor& t : (*per_tensor)->tensors) per_tensor_filters += t.type == DType::kInt8 && t.quantization.scale.size() == 1;
  EXPECT_GT(per_tensor_filters, 0u);
}

// quantize -> write -> read -> run against the float32 original, for every float32 fixture: cosine >= 0.99
// and the same top-1 where the output is a classification; a fixture without a weight of 1024 elements or
// more has nothing to quantize.
// Two exceptions, measured: MobileNet v1 0.25 (224 and 128) loses more to dynamic-range quantization on
// these random inputs (its softmax is nearly flat: top probability ~0.04). TensorFlow Lite's own runtime
// (LiteRT 2.5.3, tests/compat/litert) running the same quantized files reaches cosine 0.967 and 0.968
// against the float32 goldens, and agrees with quantbench's hybrid output to cosine 0.999 and 0.997; so the
// bound there is 0.95 and only top-5 agreement is required.
struct FixtureBound {
  const char* name;
  double min_cosine;
};
constexpr FixtureBound kLowFidelityFixtures[] = {{"hosted_mobilenet_v1_0.25_224_float", 0.95},
                                                 {"hosted_mobilenet_v1_0.25_128_float", 0.95}};

TEST(QuantizerTest, FloatFixturesQuantizeRunAndMatchFloat) {
  QB_SKIP_WITHOUT_FIXTURES();
  size_t quantized_fixtures = 0;
  for (const auto& fixture : testing::ListFixtures()) {
    if (fixture.kind != "float32") continue;
    SCOPED_TRACE(fixture.name);
    auto graph = ReadTfliteFile(testing::FixturePath(fixture.name));
    ASSERT_TRUE(graph.ok()) << graph.status().message();
    bool has_large_weight = false;
    for (const Op& op : (*graph)->ops) {
      if ((op.type == OpType::kConv2D || op.type == OpType::kDepthwiseConv2D || op.type == OpType::kFullyConnected) &&
          (*graph)->IsConstant(op.inputs[1]) &&
          ElementCount((*graph)->tensors[static_cast<size_t>(op.inputs[1])].shape) >= kDynamicRangeMinElements) {
        has_large_weight = true;
      }
    }
    auto r = QuantizeDynamicRange(**graph);
    if (!has_large_weight) {
      ASSERT_FALSE(r.ok());
      EXPECT_TRUE(StartsWith(r.status().message(), "nothing to quantize")) << r.status().message();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().message();
    ++quantized_fixtures;
    auto quantized = Reread(*r->graph);
    ASSERT_NE(quantized, nullptr);
    auto report = CompareModels(*graph, quantized, {.samples = 2});
    ASSERT_TRUE(report.ok()) << report.status().message();
    const OutputFidelity& f = report->outputs[0];
    double min_cosine = 0.99;
    bool exact_top1 = true;
    for (const FixtureBound& b : kLowFidelityFixtures) {
      if (fixture.name == b.name) {
        min_cosine = b.min_cosine;
        exact_top1 = false;
      }
    }
    EXPECT_GE(f.min_cosine, min_cosine);
    const bool classification = f.shape.size() == 2 && f.shape.back() > 1;
    if (classification && exact_top1) {
      EXPECT_EQ(*f.top1_agreement, 1.0);
    }
    if (classification && f.top5_agreement) {
      EXPECT_EQ(*f.top5_agreement, 1.0);
    }
  }
  EXPECT_GE(quantized_fixtures, 5u);
}

}  // namespace
}  // namespace qb
