// Every optimized float backend against the reference kernels, op by op: CONV_2D (odd shapes, strides 1
// and 2, SAME and VALID, dilation, groups, fused activations, with and without bias), DEPTHWISE_CONV_2D
// (depth multipliers) and FULLY_CONNECTED. Each test also checks that the backend's kernel ran, not the
// reference fallback. oneDNN and XNNPACK also take MAX_POOL_2D, AVERAGE_POOL_2D and same-shape ADD; oneDNN
// CONCATENATION, spatial MEAN, PAD and SOFTMAX.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "backend_test_util.h"
#include "kernels/reference/sliding_window.h"
#include "op_harness.h"

namespace qb {
namespace {

using testing::Bytes;
using testing::OpHarness;

std::vector<float> RandomFloats(size_t count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> values(count);
  for (float& v : values) v = dist(rng);
  return values;
}

// The op under test and the backend's configuration, for OpHarness's plain-function factory.
KernelConfig g_config;
Result<std::unique_ptr<OpKernel>> ConfiguredFactory(const Op& op, const KernelIo& io) {
  return CreateKernel(op, io, g_config);
}

// Runs the harness on the reference kernels and on `config`'s backend; compares outputs.
// `implementation` (when given) receives the name of the backend's kernel.
void ExpectBackendMatchesReference(const std::function<void(OpHarness&)>& build, OpType type, OpOptions options,
                                   const KernelConfig& config, std::string* implementation_out = nullptr) {
  OpHarness reference(type, options);
  build(reference);
  const Status ref_status = reference.Run();
  ASSERT_TRUE(ref_status.ok()) << ref_status.message();

  OpHarness backend(type, options);
  build(backend);
  g_config = config;
  backend.set_factory(ConfiguredFactory);
  const Status status = backend.Run();
  ASSERT_TRUE(status.ok()) << status.message();
  const std::string implementation = backend.kernel().Implementation();
  EXPECT_NE(implementation, "reference") << "the reference fallback ran";
  if (implementation_out != nullptr) *implementation_out = implementation;
  testing::ExpectCloseToReference(backend.OutputAs<float>(0), reference.OutputAs<float>(0));
}

struct ConvCase {
  std::string name;
  int32_t batch, height, width, in_c, out_c, kernel_h, kernel_w;
  int32_t stride = 1, dilation = 1;
  Padding padding = Padding::kSame;
  Activation activation = Activation::kNone;
  int32_t groups = 1;       // CONV_2D only
  bool bias = true;
  int32_t multiplier = 0;   // > 0: DEPTHWISE_CONV_2D with this depth multiplier (out_c = in_c * multiplier)
  bool blocked_on_avx2 = false;  // oneDNN under the avx2 cap runs it on nChw8c activations (onednn_backend.cc)
};

std::ostream& operator<<(std::ostream& os, const ConvCase& c) { return os << c.name; }

int32_t OutputSize(const ConvCase& c, int32_t in, int32_t kernel) {
  auto axis = ComputeWindowAxis("axis", c.padding, in, kernel, c.stride, c.dilation);
  EXPECT_TRUE(axis.ok()) << axis.status().message();
  return axis.ok() ? axis->output : 1;
}

const std::vector<ConvCase>& ConvCases() {
  static const std::vector<ConvCase> cases = {
      {"3x3_same_s1", 1, 7, 9, 5, 11, 3, 3},
      {"3x3_same_s2_odd", 2, 13, 11, 6, 7, 3, 3, 2},
      {"3x3_valid_s2", 1, 12, 10, 3, 16, 3, 3, 2, 1, Padding::kValid},
      {"5x3_valid_relu", 1, 9, 8, 4, 5, 5, 3, 1, 1, Padding::kValid, Activation::kRelu},
      {"1x1_relu6", 1, 6, 5, 33, 17, 1, 1, 1, 1, Padding::kSame, Activation::kRelu6},
      {"1x1_s2_no_bias", 1, 9, 9, 8, 24, 1, 1, 2, 1, Padding::kValid, Activation::kNone, 1, false},
      {"3x3_dilation2_same", 1, 11, 10, 4, 6, 3, 3, 1, 2},
      {"3x3_dilation3_valid", 1, 14, 13, 3, 5, 3, 3, 1, 3, Padding::kValid, Activation::kReluN1To1},
      {"7x7_s2_same_stem", 1, 23, 23, 3, 8, 7, 7, 2, 1, Padding::kSame, Activation::kRelu},
      {"grouped_3x3", 1, 8, 8, 8, 12, 3, 3, 1, 1, Padding::kSame, Activation::kNone, 4},
      {"dw_3x3_s1", 1, 9, 7, 13, 13, 3, 3, 1, 1, Padding::kSame, Activation::kRelu6, 1, true, 1},
      {"dw_3x3_s2_valid", 2, 10, 11, 8, 8, 3, 3, 2, 1, Padding::kValid, Activation::kNone, 1, true, 1},
      {"dw_mult2_same", 1, 8, 9, 5, 10, 3, 3, 1, 1, Padding::kSame, Activation::kRelu, 1, true, 2},
      {"dw_mult3_s2_no_bias", 1, 12, 12, 3, 9, 5, 5, 2, 1, Padding::kSame, Activation::kNone, 1, false, 3},
      {"dw_dilation2", 1, 12, 11, 6, 6, 3, 3, 1, 2, Padding::kSame, Activation::kNone, 1, true, 1},
      // Wide enough for oneDNN's blocked layout under avx2 (square filter, >= 64 channels, multiples of 8)...
      {"3x3_same_64to72_blocked", 1, 9, 7, 64, 72, 3, 3, 1, 1, Padding::kSame, Activation::kNone, 1, true, 0, true},
      {"3x3_valid_s2_relu6_blocked", 2, 12, 11, 72, 64, 3, 3, 2, 1, Padding::kValid, Activation::kRelu6, 1, true, 0,
       true},
      {"5x5_no_bias_blocked", 1, 13, 12, 80, 64, 5, 5, 1, 1, Padding::kSame, Activation::kRelu, 1, false, 0, true},
      // ... and as wide, but not taken: a 1x7 filter, channels not a multiple of 8, a grouped convolution, a
      // dilated filter (oneDNN has only its reference kernel for it on nChw8c: the kernel keeps nhwc).
      {"5x5_dilation2_wide_nhwc", 1, 13, 12, 80, 64, 5, 5, 1, 2, Padding::kSame, Activation::kRelu, 1, false},
      {"1x7_wide_nhwc", 1, 9, 9, 64, 64, 1, 7},
      {"3x3_wide_odd_channels_nhwc", 1, 7, 7, 65, 66, 3, 3},
      {"grouped_3x3_wide_nhwc", 1, 6, 6, 128, 128, 3, 3, 1, 1, Padding::kSame, Activation::kNone, 2},
  };
  return cases;
}

class ConvConformanceTest : public ::testing::TestWithParam<std::tuple<FloatBackend, ConvCase>> {};

TEST_P(ConvConformanceTest, MatchesReference) {
  const auto& [backend_kind, c] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, backend_kind);
  const bool depthwise = c.multiplier > 0;
  const int32_t out_c = depthwise ? c.in_c * c.multiplier : c.out_c;
  const Shape filter_shape = depthwise ? Shape{1, c.kernel_h, c.kernel_w, out_c}
                                       : Shape{out_c, c.kernel_h, c.kernel_w, c.in_c / c.groups};
  const Shape input_shape{c.batch, c.height, c.width, c.in_c};
  const Shape output_shape{c.batch, OutputSize(c, c.height, c.kernel_h), OutputSize(c, c.width, c.kernel_w), out_c};
  const auto input = RandomFloats(static_cast<size_t>(ElementCount(input_shape)), 1);
  const auto filter = RandomFloats(static_cast<size_t>(ElementCount(filter_shape)), 2);
  const auto bias = RandomFloats(static_cast<size_t>(out_c), 3);
  auto build = [&](OpHarness& h) {
    h.AddInput(DType::kFloat32, input_shape, Bytes(input));
    h.AddConstant(DType::kFloat32, filter_shape, Bytes(filter));
    if (c.bias) h.AddConstant(DType::kFloat32, {out_c}, Bytes(bias));
    h.AddOutput(DType::kFloat32, output_shape);
  };
  if (depthwise) {
    DepthwiseConv2DOptions options{.padding = c.padding, .stride_w = c.stride, .stride_h = c.stride,
                                   .depth_multiplier = c.multiplier, .activation = c.activation,
                                   .dilation_w = c.dilation, .dilation_h = c.dilation};
    ExpectBackendMatchesReference(build, OpType::kDepthwiseConv2D, options, config);
  } else {
    Conv2DOptions options{.padding = c.padding, .stride_w = c.stride, .stride_h = c.stride,
                          .activation = c.activation, .dilation_w = c.dilation, .dilation_h = c.dilation};
    std::string implementation;
    ExpectBackendMatchesReference(build, OpType::kConv2D, options, config, &implementation);
    if (backend_kind == FloatBackend::kOneDnn) {
      const bool blocked = implementation.find(" nChw8c") != std::string::npos;
      EXPECT_EQ(blocked, c.blocked_on_avx2 && config.isa == IsaLevel::kAvx2) << implementation;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ConvConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(testing::OptimizedBackends()),
                                            ::testing::ValuesIn(ConvCases())),
                         [](const auto& info) {
                           return std::string(FloatBackendName(std::get<0>(info.param))) + "_" +
                                  std::get<1>(info.param).name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConvConformanceTest);

struct FullyConnectedCase {
  std::string name;
  Shape input;
  int32_t channels;
  Activation activation = Activation::kNone;
  bool bias = true;
  bool keep_num_dims = false;
};

std::ostream& operator<<(std::ostream& os, const FullyConnectedCase& c) { return os << c.name; }

class FullyConnectedConformanceTest
    : public ::testing::TestWithParam<std::tuple<FloatBackend, FullyConnectedCase>> {};

TEST_P(FullyConnectedConformanceTest, MatchesReference) {
  const auto& [backend_kind, c] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, backend_kind);
  const int32_t depth = c.input.back();
  const int32_t rows = static_cast<int32_t>(ElementCount(c.input) / depth);
  Shape output_shape{rows, c.channels};
  if (c.keep_num_dims) {
    output_shape = c.input;
    output_shape.back() = c.channels;
  }
  const auto input = RandomFloats(static_cast<size_t>(ElementCount(c.input)), 4);
  const auto weights = RandomFloats(static_cast<size_t>(c.channels) * depth, 5);
  const auto bias = RandomFloats(static_cast<size_t>(c.channels), 6);
  auto build = [&](OpHarness& h) {
    h.AddInput(DType::kFloat32, c.input, Bytes(input));
    h.AddConstant(DType::kFloat32, {c.channels, depth}, Bytes(weights));
    if (c.bias) h.AddConstant(DType::kFloat32, {c.channels}, Bytes(bias));
    h.AddOutput(DType::kFloat32, output_shape);
  };
  FullyConnectedOptions options{.activation = c.activation, .keep_num_dims = c.keep_num_dims};
  ExpectBackendMatchesReference(build, OpType::kFullyConnected, options, config);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, FullyConnectedConformanceTest,
    ::testing::Combine(::testing::ValuesIn(testing::OptimizedBackends()),
                       ::testing::ValuesIn(std::vector<FullyConnectedCase>{
                           {"vector", {1, 37}, 13},
                           {"rows_relu", {5, 64}, 10, Activation::kRelu},
                           {"flattened_relu6_no_bias", {2, 3, 3, 7}, 9, Activation::kRelu6, false},
                           {"keep_num_dims", {2, 3, 19}, 6, Activation::kReluN1To1, true, true},
                           {"classifier", {1, 1024}, 1000},
                       })),
    [](const auto& info) {
      return std::string(FloatBackendName(std::get<0>(info.param))) + "_" + std::get<1>(info.param).name;
    });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FullyConnectedConformanceTest);


// The float ops beyond the weighted ones that a backend takes over: pooling and same-shape ADD (oneDNN,
// XNNPACK); CONCATENATION, spatial MEAN, PAD and SOFTMAX (oneDNN).
std::vector<FloatBackend> BackendsWithPoolingAndAdd() { return testing::OptimizedBackends(); }
std::vector<FloatBackend> BackendsWithShapeOps() {
  std::vector<FloatBackend> backends;
  for (FloatBackend b : testing::OptimizedBackends()) {
    if (b == FloatBackend::kOneDnn) backends.push_back(b);
  }
  return backends;
}

struct PoolCase {
  std::string name;
  OpType type;
  int32_t height, width, channels, window, stride;
  Padding padding;
  Activation activation = Activation::kNone;
};
std::ostream& operator<<(std::ostream& os, const PoolCase& c) { return os << c.name; }

class PoolConformanceTest : public ::testing::TestWithParam<std::tuple<FloatBackend, PoolCase>> {};

TEST_P(PoolConformanceTest, MatchesReference) {
  const auto& [backend_kind, c] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, backend_kind);
  Pool2DOptions options;
  options.padding = c.padding;
  options.stride_h = options.stride_w = c.stride;
  options.filter_h = options.filter_w = c.window;
  options.activation = c.activation;
  const Shape in{1, c.height, c.width, c.channels};
  Tensor probe;
  probe.shape = in;
  RuntimeTensor input{.desc = &probe, .shape = in};
  auto window = PoolWindow(options, input);
  ASSERT_TRUE(window.ok()) << window.status().message();
  const auto values = RandomFloats(static_cast<size_t>(ElementCount(in)), 7);
  auto build = [&](OpHarness& h) {
    h.AddInput(DType::kFloat32, in, Bytes(values));
    h.AddOutput(DType::kFloat32, window->OutputShape(c.channels));
  };
  ExpectBackendMatchesReference(build, c.type, options, config);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, PoolConformanceTest,
    ::testing::Combine(::testing::ValuesIn(BackendsWithPoolingAndAdd()),
                       ::testing::ValuesIn(std::vector<PoolCase>{
                           {"max_3x3_s2_valid", OpType::kMaxPool2D, 15, 13, 19, 3, 2, Padding::kValid},
                           {"max_3x3_s2_same_relu", OpType::kMaxPool2D, 16, 15, 8, 3, 2, Padding::kSame, Activation::kRelu},
                           {"avg_3x3_s1_same", OpType::kAveragePool2D, 9, 11, 21, 3, 1, Padding::kSame},
                           {"avg_2x2_s2_valid_relu6", OpType::kAveragePool2D, 10, 7, 5, 2, 2, Padding::kValid,
                            Activation::kRelu6},
                           {"avg_3x3_s2_same", OpType::kAveragePool2D, 8, 9, 33, 3, 2, Padding::kSame},
                           {"max_2x2_s2_same_odd", OpType::kMaxPool2D, 7, 9, 6, 2, 2, Padding::kSame},
                       })),
    [](const auto& info) {
      return std::string(FloatBackendName(std::get<0>(info.param))) + "_" + std::get<1>(info.param).name;
    });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PoolConformanceTest);

// Windows XNNPACK's pooling does not take (one tap; a stride beyond the window; a SAME window larger than
// the image) stay on the reference.
TEST(XnnpackPoolTest, WindowsItDoesNotTakeStayOnTheReference) {
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kXnnpack);
  for (const auto& [window, stride] : {std::pair{1, 1}, std::pair{2, 3}, std::pair{9, 1}}) {
    Pool2DOptions options;
    options.padding = window > 7 ? Padding::kSame : Padding::kValid;
    options.stride_h = options.stride_w = stride;
    options.filter_h = options.filter_w = window;
    const Shape in{1, 7, 7, 3};
    const int32_t out = window > 7 ? 7 : (7 - window) / stride + 1;
    const auto values = RandomFloats(static_cast<size_t>(ElementCount(in)), 9);
    OpHarness backend(OpType::kMaxPool2D, options);
    backend.AddInput(DType::kFloat32, in, Bytes(values));
    backend.AddOutput(DType::kFloat32, {1, out, out, 3});
    g_config = config;
    backend.set_factory(ConfiguredFactory);
    const Status status = backend.Run();
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(backend.kernel().Implementation(), "reference") << window << "x" << window << " stride " << stride;
  }
}

class AddConformanceTest : public ::testing::TestWithParam<std::tuple<FloatBackend, Activation>> {};

TEST_P(AddConformanceTest, MatchesReference) {
  const auto& [backend_kind, activation] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, backend_kind);
  const Shape shape{1, 7, 9, 33};
  const auto a = RandomFloats(static_cast<size_t>(ElementCount(shape)), 8);
  const auto b = RandomFloats(static_cast<size_t>(ElementCount(shape)), 9);
  auto build = [&](OpHarness& h) {
    h.AddInput(DType::kFloat32, shape, Bytes(a));
    h.AddInput(DType::kFloat32, shape, Bytes(b));
    h.AddOutput(DType::kFloat32, shape);
  };
  AddOptions options;
  options.activation = activation;
  ExpectBackendMatchesReference(build, OpType::kAdd, options, config);
}

INSTANTIATE_TEST_SUITE_P(Backends, AddConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(BackendsWithPoolingAndAdd()),
                                            ::testing::Values(Activation::kNone, Activation::kRelu, Activation::kRelu6)),
                         [](const auto& info) {
                           return std::string(FloatBackendName(std::get<0>(info.param))) + "_activation" +
                                  std::to_string(static_cast<int>(std::get<1>(info.param)));
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AddConformanceTest);

// CONCATENATION, MEAN, PAD and SOFTMAX: one case each per line, `build` adding the op's tensors.
struct ShapeOpCase {
  std::string name;
  OpType type;
  OpOptions options;
  std::function<void(OpHarness&)> build;
  bool backend_takes_it = true;  // false: a form the backend leaves to the reference (checked to still run)
};
std::ostream& operator<<(std::ostream& os, const ShapeOpCase& c) { return os << c.name; }

std::function<void(OpHarness&)> Concatenation(const std::vector<Shape>& inputs, const Shape& output) {
  return [=](OpHarness& h) {
    uint32_t seed = 20;
    for (const Shape& shape : inputs) {
      h.AddInput(DType::kFloat32, shape, Bytes(RandomFloats(static_cast<size_t>(ElementCount(shape)), seed++)));
    }
    h.AddOutput(DType::kFloat32, output);
  };
}

// `params`: MEAN's axes or PAD's paddings, as a constant INT32 tensor of `params_shape`.
std::function<void(OpHarness&)> WithParameters(const Shape& input, const Shape& params_shape,
                                               const std::vector<int32_t>& params, const Shape& output) {
  return [=](OpHarness& h) {
    h.AddInput(DType::kFloat32, input, Bytes(RandomFloats(static_cast<size_t>(ElementCount(input)), 30)));
    h.AddConstant(DType::kInt32, params_shape, Bytes(params));
    h.AddOutput(DType::kFloat32, output);
  };
}

std::function<void(OpHarness&)> Unary(const Shape& shape) {
  return [=](OpHarness& h) {
    std::vector<float> values = RandomFloats(static_cast<size_t>(ElementCount(shape)), 40);
    for (float& v : values) v *= 8.0f;  // logits with a real spread
    h.AddInput(DType::kFloat32, shape, Bytes(values));
    h.AddOutput(DType::kFloat32, shape);
  };
}

std::vector<ShapeOpCase> ShapeOpCases() {
  const auto concat = [](int32_t axis) { return ConcatenationOptions{.axis = axis}; };
  const auto mean = [](bool keep) { return ReducerOptions{.keep_dims = keep}; };
  return {
      {"concat_channels", OpType::kConcatenation, concat(3),
       Concatenation({{1, 5, 6, 8}, {1, 5, 6, 3}, {1, 5, 6, 13}, {1, 5, 6, 1}}, {1, 5, 6, 25})},
      {"concat_negative_axis_rows", OpType::kConcatenation, concat(-3),
       Concatenation({{2, 3, 4, 5}, {2, 1, 4, 5}}, {2, 4, 4, 5})},
      {"concat_rank2", OpType::kConcatenation, concat(1), Concatenation({{3, 7}, {3, 2}}, {3, 9})},
      {"concat_relu_stays", OpType::kConcatenation, ConcatenationOptions{.axis = 1, .activation = Activation::kRelu},
       Concatenation({{3, 7}, {3, 2}}, {3, 9}), false},
      {"mean_spatial", OpType::kMean, mean(false), WithParameters({2, 7, 5, 19}, {2}, {1, 2}, {2, 19})},
      {"mean_spatial_keep_dims_negative", OpType::kMean, mean(true),
       WithParameters({1, 4, 9, 33}, {2}, {-2, -3}, {1, 1, 1, 33})},
      {"mean_channels_stays", OpType::kMean, mean(false), WithParameters({1, 4, 3, 6}, {1}, {3}, {1, 4, 3}), false},
      {"pad_spatial", OpType::kPad, PadOptions{},
       WithParameters({1, 7, 6, 5}, {4, 2}, {0, 0, 1, 2, 0, 1, 0, 0}, {1, 10, 7, 5})},
      {"pad_every_axis", OpType::kPad, PadOptions{},
       WithParameters({2, 3, 4, 3}, {4, 2}, {1, 0, 0, 2, 3, 1, 2, 2}, {3, 5, 8, 7})},
      {"pad_rank2", OpType::kPad, PadOptions{}, WithParameters({3, 4}, {2, 2}, {1, 1, 0, 3}, {5, 7})},
      {"softmax_classifier", OpType::kSoftmax, SoftmaxOptions{}, Unary({1, 1000})},
      {"softmax_rows", OpType::kSoftmax, SoftmaxOptions{}, Unary({3, 7})},
      {"softmax_rank4", OpType::kSoftmax, SoftmaxOptions{}, Unary({1, 2, 3, 10})},
      {"softmax_beta_stays", OpType::kSoftmax, SoftmaxOptions{.beta = 0.5f}, Unary({2, 9}), false},
  };
}

class ShapeOpConformanceTest : public ::testing::TestWithParam<std::tuple<FloatBackend, ShapeOpCase>> {};

TEST_P(ShapeOpConformanceTest, MatchesReference) {
  const auto& [backend_kind, c] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, backend_kind);
  if (c.backend_takes_it) {
    ExpectBackendMatchesReference(c.build, c.type, c.options, config);
    return;
  }
  OpHarness reference(c.type, c.options);
  c.build(reference);
  ASSERT_TRUE(reference.Run().ok());
  OpHarness backend(c.type, c.options);
  c.build(backend);
  g_config = config;
  backend.set_factory(ConfiguredFactory);
  const Status status = backend.Run();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(backend.kernel().Implementation(), "reference");
  EXPECT_EQ(backend.OutputAs<float>(0), reference.OutputAs<float>(0));
}

INSTANTIATE_TEST_SUITE_P(Backends, ShapeOpConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(BackendsWithShapeOps()),
                                            ::testing::ValuesIn(ShapeOpCases())),
                         [](const auto& info) {
                           return std::string(FloatBackendName(std::get<0>(info.param))) + "_" +
                                  std::get<1>(info.param).name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ShapeOpConformanceTest);

}  // namespace
}  // namespace qb
