// The oneDNN hybrid kernels (float32 activations x INT8 weights) against the reference hybrid kernels,
// op by op, under this process's ISA cap: CONV_2D (odd shapes, strides 1 and 2, SAME and VALID,
// dilation, groups), DEPTHWISE_CONV_2D (depth multipliers, dilation) and FULLY_CONNECTED, with per-tensor
// and per-channel scales, fused activations, with and without bias, on inputs that are mixed, all
// positive, all negative, all zero and tiny (an input scale below the normal floats, whose epilogue the
// kernels leave to the reference), and with channels of scale 0 (all-zero weights as converters write
// them, or weights left in them). Every case runs twice: as is, and with the input marked non-negative
// (RuntimeTensor::non_negative: the kernels then build their primitives without a source zero point, and
// an image that is not non-negative after all — the mixed and negative cases — falls back to the
// reference). Under the 7-bit caps FULLY_CONNECTED and 1x1 convolutions over a 1x1 image run on
// quantbench's own GEMM instead (kernels/qgemm, 7-bit inputs), and depthwise convolutions of depth
// multiplier 1 on the own AVX2 kernel (kernels/x86/hybrid_depthwise_conv2d.h). The oracle is the
// reference quantizing to the width the kernel uses under the cap (8 bits with VNNI or AMX, 7 below), and
// outputs must be bit for bit identical: the kernels reproduce the reference's int32 accumulators and its
// float rescale expression exactly.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <random>

#include "backend_test_util.h"
#include "kernels/cpu_features.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/reference/sliding_window.h"
#include "op_harness.h"

namespace qb {
namespace {

using testing::Bytes;
using testing::OpHarness;
using testing::Quant;

enum class InputRange { kMixed, kPositive, kNegative, kZero, kTiny };
// Per-channel scales: all positive, or every third channel 0 with its weights 0 (as converters write an
// all-zero channel), or every third 0 with its weights kept.
enum class ZeroScales { kNone, kEmptyChannels, kChannelsWithWeights };

std::vector<float> RandomInput(size_t count, InputRange range, uint32_t seed) {
  std::mt19937 rng(seed);
  const float lo = range == InputRange::kPositive ? 0.25f : -2.0f;
  const float hi = range == InputRange::kNegative ? -0.1f : 3.0f;
  std::uniform_real_distribution<float> dist(lo, hi);
  const float unit = range == InputRange::kTiny ? 1e-38f : 1.0f;
  std::vector<float> values(count, 0.0f);
  if (range != InputRange::kZero) {
    for (float& v : values) v = dist(rng) * unit;
  }
  return values;
}

std::vector<int8_t> RandomWeights(size_t count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(-128, 127);  // full range: -128 included
  std::vector<int8_t> values(count);
  for (int8_t& v : values) v = static_cast<int8_t>(dist(rng));
  return values;
}

std::vector<float> Scales(int32_t count, uint32_t seed, ZeroScales zeros = ZeroScales::kNone) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(0.001f, 0.02f);
  std::vector<float> values(static_cast<size_t>(count));
  for (float& v : values) v = dist(rng);
  if (zeros != ZeroScales::kNone) {
    for (size_t c = 0; c < values.size(); c += 3) values[c] = 0.0f;
  }
  return values;
}

// Zeroes the weights of the channels with scale 0 when `zeros` says so; `channel_of(i)` maps a weight index
// to its output channel.
void ApplyZeroScales(ZeroScales zeros, const std::vector<float>& scales, std::vector<int8_t>& weights,
                     const std::function<size_t(size_t)>& channel_of) {
  if (zeros != ZeroScales::kEmptyChannels) return;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (scales[channel_of(i)] == 0.0f) weights[i] = 0;
  }
}

// The oracle: the reference kernel of the op, quantizing to g_bits.
HybridInputBits g_bits = HybridInputBits::k8;
KernelConfig g_config;
Result<std::unique_ptr<OpKernel>> OracleFactory(const Op& op, const KernelIo&) {
  switch (op.type) {
    case OpType::kConv2D: return MakeFloatConv2DKernel(g_bits);
    case OpType::kDepthwiseConv2D: return MakeFloatDepthwiseConv2DKernel(g_bits);
    default: return MakeFloatFullyConnectedKernel(g_bits);
  }
}
Result<std::unique_ptr<OpKernel>> BackendFactory(const Op& op, const KernelIo& io) {
  return CreateKernel(op, io, g_config);
}

void ExpectIdentical(const std::vector<float>& actual, const std::vector<float>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  size_t differ = 0, first = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (std::memcmp(&actual[i], &expected[i], sizeof(float)) != 0 && differ++ == 0) first = i;
  }
  EXPECT_EQ(differ, 0u) << differ << " of " << actual.size() << " outputs differ; first at " << first << ": "
                        << actual[first] << " vs reference " << expected[first];
}

// What runs the op: oneDNN's hybrid kernel; the (8-bit) reference kernel; for a product of rows with the
// weights (FULLY_CONNECTED, 1x1 over a 1x1 image), quantbench's own GEMM under the 7-bit caps
// (OneDnnHybridLeavesToOwnGemm), on the same 7-bit inputs; the own AVX2 depthwise kernel under those caps.
enum class Expected { kOneDnn, kReference, kRowProduct, kOwnDepthwise };

// `slow_kernel_allowed`: oneDNN may pick its own reference kernel (grouped convolutions, depth multipliers
// above 1: rare forms it has no fast int8 kernel for under some caps); everything else must be fast.
// `implementation`, when given, receives the name of the kernel that ran the op.
void ExpectHybridMatchesOracle(const std::function<void(OpHarness&)>& build, OpType type, OpOptions options,
                               const KernelConfig& config, Expected expected = Expected::kOneDnn,
                               bool slow_kernel_allowed = false, std::string* implementation_out = nullptr) {
  g_bits = config.HybridInputsAreSevenBit() ? HybridInputBits::k7 : HybridInputBits::k8;
  g_config = config;
  OpHarness oracle(type, options);
  build(oracle);
  oracle.set_factory(OracleFactory);
  const Status oracle_status = oracle.Run();
  ASSERT_TRUE(oracle_status.ok()) << oracle_status.message();
  auto reference_8_bits = [&] {
    OpHarness reference(type, options);
    build(reference);
    EXPECT_TRUE(reference.Run().ok());
    return reference.OutputAs<float>(0);
  };

  OpHarness backend(type, options);
  build(backend);
  backend.set_factory(BackendFactory);
  const Status status = backend.Run();
  ASSERT_TRUE(status.ok()) << status.message();
  const std::string implementation = backend.kernel().Implementation();
  if (implementation_out != nullptr) *implementation_out = implementation;
  if (expected == Expected::kReference) {
    EXPECT_EQ(implementation, "reference");
    ExpectIdentical(backend.OutputAs<float>(0), reference_8_bits());
    return;
  }
  if (expected == Expected::kRowProduct && g_bits == HybridInputBits::k7) {
    EXPECT_TRUE(implementation.starts_with("qgemm ") && implementation.ends_with(" 7-bit inputs")) << implementation;
    ExpectIdentical(backend.OutputAs<float>(0), oracle.OutputAs<float>(0));
    return;
  }
  if (expected == Expected::kOwnDepthwise) {
    EXPECT_EQ(implementation, "x86 hybrid_dwconv_row_u8_avx2 hybrid u7");
    ExpectIdentical(backend.OutputAs<float>(0), oracle.OutputAs<float>(0));
    return;
  }
  if (!slow_kernel_allowed) {
    EXPECT_EQ(implementation.find("ref"), std::string::npos) << "oneDNN's slow reference kernel: " << implementation;
  }
  EXPECT_EQ(implementation.ends_with(" input>=0"), backend.input(0).non_negative) << implementation;
  EXPECT_NE(implementation.find(g_bits == HybridInputBits::k8 ? "hybrid u8" : "hybrid u7"), std::string::npos)
      << "not the oneDNN hybrid kernel: " << implementation;
  ExpectIdentical(backend.OutputAs<float>(0), oracle.OutputAs<float>(0));
}

struct HybridConvCase {
  std::string name;
  int32_t batch, height, width, in_c, out_c, kernel_h, kernel_w;
  int32_t stride = 1, dilation = 1;
  Padding padding = Padding::kSame;
  Activation activation = Activation::kNone;
  int32_t groups = 1;      // CONV_2D only
  bool bias = true;
  int32_t multiplier = 0;  // > 0: DEPTHWISE_CONV_2D with this depth multiplier
  bool per_channel = true;
  InputRange range = InputRange::kMixed;
  ZeroScales zeros = ZeroScales::kNone;  // per-channel only
};

std::ostream& operator<<(std::ostream& os, const HybridConvCase& c) { return os << c.name; }

int32_t OutputSize(const HybridConvCase& c, int32_t in, int32_t kernel) {
  auto axis = ComputeWindowAxis("axis", c.padding, in, kernel, c.stride, c.dilation);
  EXPECT_TRUE(axis.ok()) << axis.status().message();
  return axis.ok() ? axis->output : 1;
}

const std::vector<HybridConvCase>& HybridConvCases() {
  using P = Padding;
  using A = Activation;
  using R = InputRange;
  static const std::vector<HybridConvCase> cases = {
      {"3x3_same_s1", 1, 7, 9, 5, 11, 3, 3},
      {"3x3_same_s2_odd_batch2", 2, 13, 11, 6, 7, 3, 3, 2},
      {"3x3_valid_s2_per_tensor", 1, 12, 10, 3, 16, 3, 3, 2, 1, P::kValid, A::kNone, 1, true, 0, false},
      {"5x3_valid_relu", 1, 9, 8, 4, 5, 5, 3, 1, 1, P::kValid, A::kRelu},
      {"1x1_relu6_positive", 1, 6, 5, 33, 17, 1, 1, 1, 1, P::kSame, A::kRelu6, 1, true, 0, true, R::kPositive},
      {"1x1_s2_no_bias_negative", 1, 9, 9, 8, 24, 1, 1, 2, 1, P::kValid, A::kNone, 1, false, 0, true, R::kNegative},
      {"1x1_s2_same_even_positive_batch2", 2, 10, 8, 40, 24, 1, 1, 2, 1, P::kSame, A::kRelu, 1, true, 0, true,
       R::kPositive},
      {"1x1_s3_valid_odd_mixed", 1, 10, 11, 19, 9, 1, 1, 3, 1, P::kValid, A::kRelu6},
      {"3x3_dilation2_same", 1, 11, 10, 4, 6, 3, 3, 1, 2},
      {"3x3_dilation3_valid", 1, 14, 13, 3, 5, 3, 3, 1, 3, P::kValid, A::kReluN1To1},
      {"7x7_s2_same_stem", 1, 23, 23, 3, 8, 7, 7, 2, 1, P::kSame, A::kRelu},
      {"3x3_deep_same_positive", 1, 6, 7, 300, 20, 3, 3, 1, 1, P::kSame, A::kNone, 1, true, 0, true, R::kPositive},
      {"3x3_c32_s2_same_relu", 1, 11, 12, 32, 24, 3, 3, 2, 1, P::kSame, A::kRelu},
      {"1x7_c24_same_per_tensor", 1, 9, 10, 24, 19, 1, 7, 1, 1, P::kSame, A::kNone, 1, true, 0, false},
      {"7x1_c16_valid_dilation2_negative", 1, 17, 6, 16, 8, 7, 1, 1, 2, P::kValid, A::kRelu6, 1, false, 0, true,
       R::kNegative},
      {"1x1_over_1x1_image_batch2", 2, 1, 1, 64, 40, 1, 1, 1, 1, P::kValid},
      {"1x1_over_1x1_image_relu_per_tensor", 1, 1, 1, 48, 21, 1, 1, 1, 1, P::kSame, A::kRelu, 1, true, 0, false},
      {"3x3_zero_input", 1, 5, 5, 4, 6, 3, 3, 1, 1, P::kSame, A::kNone, 1, true, 0, true, R::kZero},
      {"grouped_3x3", 1, 8, 8, 8, 12, 3, 3, 1, 1, P::kSame, A::kNone, 4},
      {"dw_3x3_s1_relu6", 1, 9, 7, 13, 13, 3, 3, 1, 1, P::kSame, A::kRelu6, 1, true, 1},
      {"dw_3x3_s2_valid_batch2", 2, 10, 11, 8, 8, 3, 3, 2, 1, P::kValid, A::kNone, 1, true, 1},
      {"dw_3x3_s2_same_positive", 1, 12, 12, 32, 32, 3, 3, 2, 1, P::kSame, A::kRelu, 1, true, 1, true, R::kPositive},
      {"dw_mult2_same_per_tensor", 1, 8, 9, 5, 10, 3, 3, 1, 1, P::kSame, A::kRelu, 1, true, 2, false},
      {"dw_mult3_s2_no_bias", 1, 12, 12, 3, 9, 5, 5, 2, 1, P::kSame, A::kNone, 1, false, 3},
      {"dw_3x3_s1_same_c16", 1, 9, 7, 16, 16, 3, 3, 1, 1, P::kSame, A::kRelu6, 1, true, 1},
      {"dw_dilation2_c24", 1, 12, 11, 24, 24, 3, 3, 1, 2, P::kSame, A::kNone, 1, true, 1},
      {"dw_3x3_valid_c13", 1, 9, 7, 13, 13, 3, 3, 1, 1, P::kValid, A::kNone, 1, true, 1},
      {"dw_dilation2_negative", 1, 12, 11, 6, 6, 3, 3, 1, 2, P::kSame, A::kNone, 1, true, 1, true, R::kNegative},
      {"dw_5x5_s2_c40", 1, 13, 12, 40, 40, 5, 5, 2, 1, P::kSame, A::kRelu, 1, true, 1},
      {"dw_2x2_valid_c48_per_tensor", 1, 7, 8, 48, 48, 2, 2, 1, 1, P::kValid, A::kNone, 1, true, 1, false},
      {"dw_1x1_c17_tiny", 1, 5, 5, 17, 17, 1, 1, 1, 1, P::kSame, A::kNone, 1, true, 1, true, R::kTiny},
      {"dw_3x3_s2_c64_mixed_batch2", 2, 15, 14, 64, 64, 3, 3, 2, 1, P::kSame, A::kRelu6, 1, true, 1},
      {"3x3_tiny_input_batch2", 2, 6, 5, 4, 7, 3, 3, 1, 1, P::kSame, A::kRelu, 1, true, 0, true, R::kTiny},
      {"3x3_zero_scale_empty_channels", 1, 7, 6, 5, 9, 3, 3, 1, 1, P::kSame, A::kRelu, 1, true, 0, true, R::kMixed,
       ZeroScales::kEmptyChannels},
      {"1x1_zero_scale_channels_with_weights", 1, 5, 5, 8, 10, 1, 1, 1, 1, P::kSame, A::kNone, 1, true, 0, true,
       R::kMixed, ZeroScales::kChannelsWithWeights},
      {"dw_zero_scale_empty_channels", 1, 8, 8, 16, 16, 3, 3, 1, 1, P::kSame, A::kRelu6, 1, true, 1, true,
       R::kMixed, ZeroScales::kEmptyChannels},
  };
  return cases;
}

// A case, and whether its input is marked non-negative.
class HybridConvConformanceTest : public ::testing::TestWithParam<std::tuple<HybridConvCase, bool>> {};

TEST_P(HybridConvConformanceTest, MatchesReferenceBitForBit) {
  const auto& [c, marked] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kOneDnn);
  const bool depthwise = c.multiplier > 0;
  const int32_t out_c = depthwise ? c.in_c * c.multiplier : c.out_c;
  const Shape filter_shape = depthwise ? Shape{1, c.kernel_h, c.kernel_w, out_c}
                                       : Shape{out_c, c.kernel_h, c.kernel_w, c.in_c / c.groups};
  const Shape input_shape{c.batch, c.height, c.width, c.in_c};
  const Shape output_shape{c.batch, OutputSize(c, c.height, c.kernel_h), OutputSize(c, c.width, c.kernel_w), out_c};
  const auto input = RandomInput(static_cast<size_t>(ElementCount(input_shape)), c.range, 1);
  auto filter = RandomWeights(static_cast<size_t>(ElementCount(filter_shape)), 2);
  const auto bias = RandomInput(static_cast<size_t>(out_c), InputRange::kMixed, 3);
  const std::vector<float> scales = Scales(out_c, 4, c.zeros);
  const size_t per_channel = filter.size() / static_cast<size_t>(out_c);
  ApplyZeroScales(c.zeros, scales, filter, [&](size_t i) {
    return depthwise ? i % static_cast<size_t>(out_c) : i / per_channel;
  });
  const Quantization quant = c.per_channel ? Quant(scales, {}, depthwise ? 3 : 0) : Quant({0.01f}, {0});
  auto build = [&](OpHarness& h) {
    h.input(h.AddInput(DType::kFloat32, input_shape, Bytes(input))).non_negative = marked;
    h.AddConstant(DType::kInt8, filter_shape, Bytes(filter), quant);
    if (c.bias) h.AddConstant(DType::kFloat32, {out_c}, Bytes(bias));
    h.AddOutput(DType::kFloat32, output_shape);
  };
  if (depthwise) {
    DepthwiseConv2DOptions options{.padding = c.padding, .stride_w = c.stride, .stride_h = c.stride,
                                   .depth_multiplier = c.multiplier, .activation = c.activation,
                                   .dilation_w = c.dilation, .dilation_h = c.dilation};
    Expected expected = Expected::kOneDnn;  // onednn_backend.h
    if (config.HybridInputsAreSevenBit() && c.multiplier == 1) {
      expected = Expected::kOwnDepthwise;
    } else if (config.isa == IsaLevel::kAvx2 && out_c % 8 != 0) {
      expected = Expected::kReference;
    }
    ExpectHybridMatchesOracle(build, OpType::kDepthwiseConv2D, options, config, expected, c.multiplier > 1);
  } else {
    Conv2DOptions options{.padding = c.padding, .stride_w = c.stride, .stride_h = c.stride,
                          .activation = c.activation, .dilation_w = c.dilation, .dilation_h = c.dilation};
    const bool row_product = c.height == 1 && c.width == 1 && c.kernel_h == 1 && c.kernel_w == 1 &&
                             c.stride == 1 && c.groups == 1;
    std::string implementation;
    ExpectHybridMatchesOracle(build, OpType::kConv2D, options, config,
                              row_product ? Expected::kRowProduct : Expected::kOneDnn, c.groups > 1, &implementation);
    // The backend's preference (onednn_backend.cc): oneDNN's jit_int8 for filters wider than 1x1 over >= 16
    // input channels, on AMD cores at avx512_core_vnni.
    const bool prefers_jit_int8 = config.isa == IsaLevel::kAvx512CoreVnni && DetectCpuFeatures().amd &&
                                  c.kernel_h * c.kernel_w > 1 && c.in_c / c.groups >= 16;
    if (prefers_jit_int8) {
      EXPECT_TRUE(implementation.starts_with("onednn jit_int8:")) << implementation;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(OneDnn, HybridConvConformanceTest,
                         ::testing::Combine(::testing::ValuesIn(HybridConvCases()), ::testing::Bool()),
                         [](const auto& info) {
                           return std::get<0>(info.param).name + (std::get<1>(info.param) ? "_marked_non_negative" : "");
                         });

struct HybridFullyConnectedCase {
  std::string name;
  Shape input;
  int32_t channels;
  Activation activation = Activation::kNone;
  bool bias = true;
  bool per_channel = true;
  InputRange range = InputRange::kMixed;
  ZeroScales zeros = ZeroScales::kNone;  // per-channel only
};

std::ostream& operator<<(std::ostream& os, const HybridFullyConnectedCase& c) { return os << c.name; }

class HybridFullyConnectedConformanceTest
    : public ::testing::TestWithParam<std::tuple<HybridFullyConnectedCase, bool>> {};

TEST_P(HybridFullyConnectedConformanceTest, MatchesReferenceBitForBit) {
  const auto& [c, marked] = GetParam();
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kOneDnn);
  const int32_t depth = c.input.back();
  const int32_t rows = static_cast<int32_t>(ElementCount(c.input) / depth);
  const auto input = RandomInput(static_cast<size_t>(ElementCount(c.input)), c.range, 4);
  auto weights = RandomWeights(static_cast<size_t>(c.channels) * depth, 5);
  const auto bias = RandomInput(static_cast<size_t>(c.channels), InputRange::kMixed, 6);
  const std::vector<float> scales = Scales(c.channels, 7, c.zeros);
  ApplyZeroScales(c.zeros, scales, weights, [&](size_t i) { return i / static_cast<size_t>(depth); });
  const Quantization quant = c.per_channel ? Quant(scales, {}, 0) : Quant({0.004f}, {0});
  auto build = [&](OpHarness& h) {
    h.input(h.AddInput(DType::kFloat32, c.input, Bytes(input))).non_negative = marked;
    h.AddConstant(DType::kInt8, {c.channels, depth}, Bytes(weights), quant);
    if (c.bias) h.AddConstant(DType::kFloat32, {c.channels}, Bytes(bias));
    h.AddOutput(DType::kFloat32, {rows, c.channels});
  };
  ExpectHybridMatchesOracle(build, OpType::kFullyConnected, FullyConnectedOptions{.activation = c.activation},
                            config, Expected::kRowProduct);
}

INSTANTIATE_TEST_SUITE_P(
    OneDnn, HybridFullyConnectedConformanceTest,
    ::testing::Combine(::testing::ValuesIn(std::vector<HybridFullyConnectedCase>{
        {"vector", {1, 37}, 13},
        {"rows_relu_per_tensor", {5, 64}, 10, Activation::kRelu, true, false},
        {"flattened_relu6_no_bias_positive", {2, 3, 3, 7}, 9, Activation::kRelu6, false, true, InputRange::kPositive},
        {"negative", {3, 40}, 11, Activation::kNone, true, true, InputRange::kNegative},
        {"zero", {1, 33}, 5, Activation::kNone, true, true, InputRange::kZero},
        {"classifier", {1, 1024}, 1000},
        {"tiny_rows", {2, 40}, 6, Activation::kNone, true, true, InputRange::kTiny},
        {"zero_scale_empty_channels", {2, 48}, 12, Activation::kRelu, true, true, InputRange::kMixed,
         ZeroScales::kEmptyChannels},
        {"zero_scale_channels_with_weights", {1, 32}, 7, Activation::kNone, true, true, InputRange::kMixed,
         ZeroScales::kChannelsWithWeights},
    }), ::testing::Bool()),
    [](const auto& info) {
      return std::get<0>(info.param).name + (std::get<1>(info.param) ? "_marked_non_negative" : "");
    });

}  // namespace
}  // namespace qb
