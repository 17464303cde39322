// DEPTHWISE_CONV_2D reference kernel: a hand-computed depth-multiplier case, padding/stride/dilation
// against CONV_2D with one group per channel, hybrid per-channel filters (dimension 3), and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

// SquareConvOptions<DepthwiseConv2DOptions>, with its defaults.
constexpr auto Options = [](auto... args) { return SquareConvOptions<DepthwiseConv2DOptions>(args...); };

TEST(DepthwiseConv2DTest, MultiplierTwoHandComputed) {
  // Input channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40]; 2x2 VALID, multiplier 2 so output channel
  // oc = 2 ic + m. Filter taps (ky, kx) hold 4 channels: oc0 ones -> 10, oc1 [1 0 0 -1] -> 1 - 4 = -3,
  // oc2 ones -> 100, oc3 [0 1 0 0] -> 20, plus bias [0 0 0 1]. The depth_multiplier option (1) is ignored.
  auto options = Options(Padding::kValid);
  options.depth_multiplier = 1;
  OpHarness h(OpType::kDepthwiseConv2D, options);
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32({1, 10, 2, 20, 3, 30, 4, 40}));
  h.AddConstant(DType::kFloat32, {1, 2, 2, 4}, F32({1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, -1, 1, 0}));
  h.AddConstant(DType::kFloat32, {4}, F32({0, 0, 0, 1}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 4});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{10, -3, 100, 21}));
}

// A depthwise convolution with multiplier 1 is a CONV_2D with one group per channel: filter
// [1, KH, KW, C] becomes [C, KH, KW, 1].
void CheckAgainstGroupedConv(Padding padding, int32_t stride, int32_t dilation, Activation activation) {
  const int32_t c = 3, k = 3, size = 6;
  const auto input = SeededInput(11).Fill(2 * size * size * c);
  const auto filter = SeededInput(12).Fill(k * k * c);
  std::vector<float> conv_filter(filter.size());
  for (int32_t t = 0; t < k * k; ++t)
    for (int32_t ch = 0; ch < c; ++ch) conv_filter[static_cast<size_t>(ch * k * k + t)] = filter[static_cast<size_t>(t * c + ch)];
  const int32_t eff = (k - 1) * dilation + 1;
  const int32_t out = padding == Padding::kSame ? (size + stride - 1) / stride : (size - eff + stride) / stride;

  OpHarness dw(OpType::kDepthwiseConv2D, Options(padding, stride, dilation, activation));
  dw.AddInput(DType::kFloat32, {2, size, size, c}, F32(input));
  dw.AddConstant(DType::kFloat32, {1, k, k, c}, F32(filter));
  dw.AddOmittedInput();
  dw.AddOutput(DType::kFloat32, {2, out, out, c});

  OpHarness conv(OpType::kConv2D, SquareConvOptions<Conv2DOptions>(padding, stride, dilation, activation));
  conv.AddInput(DType::kFloat32, {2, size, size, c}, F32(input));
  conv.AddConstant(DType::kFloat32, {c, k, k, 1}, F32(conv_filter));
  conv.AddOutput(DType::kFloat32, {2, out, out, c});
  EXPECT_EQ(RunFloat(dw), RunFloat(conv));
}

TEST(DepthwiseConv2DTest, SameStride2MatchesGroupedConv) {
  CheckAgainstGroupedConv(Padding::kSame, 2, 1, Activation::kNone);
}
TEST(DepthwiseConv2DTest, ValidDilation2MatchesGroupedConv) {
  CheckAgainstGroupedConv(Padding::kValid, 1, 2, Activation::kRelu6);
}
TEST(DepthwiseConv2DTest, SameDilation2MatchesGroupedConv) {
  CheckAgainstGroupedConv(Padding::kSame, 1, 2, Activation::kReluN1To1);
}

TEST(DepthwiseConv2DTest, HybridPerChannelMatchesFloat) {
  // Multiplier 2, per-channel scales along dimension 3, SAME stride 2. Error bound as for CONV_2D:
  // 9 taps * |w| <= 0.5 * (1/255) ~ 0.018.
  const std::vector<float> scales{0.5f / 127, 0.3f / 127, 0.2f / 127, 0.4f / 127};
  const auto input = SeededInput(21).Fill(1 * 5 * 5 * 2);
  const HybridWeights w = RandomHybridWeights(3 * 3 * 4, scales, true, 22);
  auto run = [&](bool hybrid) {
    OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kSame, 2));
    h.AddInput(DType::kFloat32, {1, 5, 5, 2}, F32(input));
    if (hybrid) {
      h.AddConstant(DType::kInt8, {1, 3, 3, 4}, Bytes(w.q), Quant(scales, {0, 0, 0, 0}, 3));
    } else {
      h.AddConstant(DType::kFloat32, {1, 3, 3, 4}, F32(w.real));
    }
    h.AddConstant(DType::kFloat32, {4}, F32({0.1f, 0.2f, -0.3f, 0}));
    h.AddOutput(DType::kFloat32, {1, 3, 3, 4});
    return RunFloat(h);
  };
  ExpectAllNear(run(true), run(false), 0.02f);
}

TEST(DepthwiseConv2DTest, HybridExactIntegerSemantics) {
  // x = [-0.51, 0, 0.123, 2.04] as 1x1x2x2 (two pixels, two channels): q - zp = [-51, 0, 12, 204]
  // (see HybridQuantizeTest.HandComputed). A 1x2 VALID filter, multiplier 1: acc0 = -51*2 + 12*3 = -66,
  // acc1 = 0*4 + 204*-1 = -204; per-tensor scale 0.25, no bias.
  const float scale = (2.04f - -0.51f) / 255.0f;
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 2, 2}, F32({-0.51f, 0.0f, 0.123f, 2.04f}));
  h.AddConstant(DType::kInt8, {1, 1, 2, 2}, Bytes(std::vector<int8_t>{2, 4, 3, -1}), Quant({0.25f}, {0}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{-66.0f * (scale * 0.25f), -204.0f * (scale * 0.25f)}));
}

TEST(DepthwiseConv2DTest, HybridAllZeroInput) {
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kSame, 1, 1, Activation::kRelu));
  h.AddInput(DType::kFloat32, {1, 2, 2, 1}, F32({0, 0, 0, 0}));
  h.AddConstant(DType::kInt8, {1, 2, 2, 1}, Bytes(std::vector<int8_t>{1, -2, 3, 4}), Quant({0.5f}, {0}, 3));
  h.AddConstant(DType::kFloat32, {1}, F32({-1.0f}));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 0, 0, 0}));
}

TEST(DepthwiseConv2DTest, HybridRejectsPerChannelAlongDimension0) {
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 2}, F32({1, 2}));
  h.AddConstant(DType::kInt8, {1, 1, 1, 2}, Bytes(std::vector<int8_t>{1, 2}), Quant({0.5f, 0.5f}, {0, 0}, 0));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(PrepareError(h), "per-channel INT8 filter must be quantized along dimension 3, got 0");
}

TEST(DepthwiseConv2DTest, HybridRejectsNonzeroWeightZeroPoint) {
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 2}, F32({1, 2}));
  h.AddConstant(DType::kInt8, {1, 1, 1, 2}, Bytes(std::vector<int8_t>{1, 2}), Quant({0.5f, 0.5f}, {0, 1}, 3));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(PrepareError(h), "INT8 filter must be symmetric (zero point 0), got zero point 1");
}

TEST(DepthwiseConv2DTest, RejectsChannelMismatch) {
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 2}, F32({1, 2}));
  h.AddConstant(DType::kFloat32, {1, 1, 1, 3}, F32({1, 2, 3}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 3});
  EXPECT_EQ(PrepareError(h), "filter's 3 output channels are not a multiple of the input's 2 channels");
}

TEST(DepthwiseConv2DTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kSame, 2));
  h.AddInput(DType::kFloat32, {1, 5, 5, 1}, F32(Iota(25)));
  h.AddConstant(DType::kFloat32, {1, 3, 3, 1}, F32(Iota(9)));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  EXPECT_EQ(PrepareError(h), "output shape [1, 2, 2, 1] does not match the computed [1, 3, 3, 1]");
}

TEST(DepthwiseConv2DTest, RejectsWrongFilterRank) {
  OpHarness h(OpType::kDepthwiseConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 2}, F32({1, 2}));
  h.AddConstant(DType::kFloat32, {1, 1, 2}, F32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(PrepareError(h), "filter must be rank 4, got [1, 1, 2]");
}

}  // namespace
}  // namespace qb::testing
