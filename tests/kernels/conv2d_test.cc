// CONV_2D reference kernel: hand-computed float cases (padding, stride, dilation, groups, activations),
// hybrid INT8-filter cases against the float kernel on dequantized weights, and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

// SquareConvOptions<Conv2DOptions>, with its defaults.
constexpr auto Options = [](auto... args) { return SquareConvOptions<Conv2DOptions>(args...); };

TEST(Conv2DTest, ValidHandComputed) {
  // in = [[1 2 3] [4 5 6] [7 8 9]], filter [[1 2] [3 4]], bias 1:
  // (0,0) 1+4+12+20 = 37, (0,1) 2+6+15+24 = 47, (1,0) 4+10+21+32 = 67, (1,1) 5+12+24+36 = 77.
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 3, 3, 1}, F32(Iota(9, 1)));
  h.AddConstant(DType::kFloat32, {1, 2, 2, 1}, F32({1, 2, 3, 4}));
  h.AddConstant(DType::kFloat32, {1}, F32({1}));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{38, 48, 68, 78}));
}

TEST(Conv2DTest, SameStride2) {
  // out = ceil(3 / 2) = 2, total padding (2 - 1) * 2 + 3 - 3 = 2, one row/column before. A 3x3 box sum:
  // (0,0) 1+2+4+5 = 12, (0,1) 2+3+5+6 = 16, (1,0) 4+5+7+8 = 24, (1,1) 5+6+8+9 = 28.
  OpHarness h(OpType::kConv2D, Options(Padding::kSame, 2));
  h.AddInput(DType::kFloat32, {1, 3, 3, 1}, F32(Iota(9, 1)));
  h.AddConstant(DType::kFloat32, {1, 3, 3, 1}, F32(std::vector<float>(9, 1.0f)));
  h.AddOmittedInput();
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{12, 16, 24, 28}));
}

TEST(Conv2DTest, SamePadsAfterWhenOdd) {
  // Width 4, kernel 2, stride 1: total padding 1, all of it after: out[i] = in[i] + 10 * in[i + 1].
  OpHarness h(OpType::kConv2D, Options(Padding::kSame));
  h.AddInput(DType::kFloat32, {1, 1, 4, 1}, F32({1, 2, 3, 4}));
  h.AddConstant(DType::kFloat32, {1, 1, 2, 1}, F32({1, 10}));
  h.AddOutput(DType::kFloat32, {1, 1, 4, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{21, 32, 43, 4}));
}

TEST(Conv2DTest, Dilation2) {
  // in[y][x] = 5y + x; a 2x2 filter of ones dilated by 2 spans 3x3, so VALID gives 3x3 outputs
  // in[y][x] + in[y][x+2] + in[y+2][x] + in[y+2][x+2] = 20y + 4x + 24.
  OpHarness h(OpType::kConv2D, Options(Padding::kValid, 1, 2));
  h.AddInput(DType::kFloat32, {1, 5, 5, 1}, F32(Iota(25)));
  h.AddConstant(DType::kFloat32, {1, 2, 2, 1}, F32({1, 1, 1, 1}));
  h.AddOutput(DType::kFloat32, {1, 3, 3, 1});
  std::vector<float> expected;
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3; ++x) expected.push_back(static_cast<float>(20 * y + 4 * x + 24));
  EXPECT_EQ(RunFloat(h), expected);
}

TEST(Conv2DTest, ChannelsAndBatch) {
  // 1x1 conv, 2 in -> 2 out channels: out0 = x0 + 2 x1 + 0.5, out1 = -x0 + x1 - 1, two images.
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {2, 1, 1, 2}, F32({1, 2, 3, 5}));
  h.AddConstant(DType::kFloat32, {2, 1, 1, 2}, F32({1, 2, -1, 1}));
  h.AddConstant(DType::kFloat32, {2}, F32({0.5f, -1}));
  h.AddOutput(DType::kFloat32, {2, 1, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{5.5f, 0, 13.5f, 1}));
}

TEST(Conv2DTest, Grouped) {
  // 4 input channels, filter Cin 2 -> 2 groups; out0 = x0 + x1, out1 = x2 - x3.
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 4}, F32({1, 2, 3, 4}));
  h.AddConstant(DType::kFloat32, {2, 1, 1, 2}, F32({1, 1, 1, -1}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{3, -1}));
}

TEST(Conv2DTest, FusedActivations) {
  const std::vector<float> input{-3.5f, 0.5f, 0.9f, 7};
  const struct {
    Activation activation;
    std::vector<float> expected;
  } cases[] = {
      {Activation::kNone, {-3.5f, 0.5f, 0.9f, 7}},
      {Activation::kRelu, {0, 0.5f, 0.9f, 7}},
      {Activation::kReluN1To1, {-1, 0.5f, 0.9f, 1}},
      {Activation::kRelu6, {0, 0.5f, 0.9f, 6}},
  };
  for (const auto& c : cases) {
    OpHarness h(OpType::kConv2D, Options(Padding::kValid, 1, 1, c.activation));
    h.AddInput(DType::kFloat32, {1, 1, 4, 1}, F32(input));
    h.AddConstant(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
    h.AddOutput(DType::kFloat32, {1, 1, 4, 1});
    EXPECT_EQ(RunFloat(h), c.expected) << static_cast<int>(c.activation);
  }
}

TEST(Conv2DTest, RejectsWrongInputRank) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {3, 3, 1}, F32(Iota(9)));
  h.AddConstant(DType::kFloat32, {1, 2, 2, 1}, F32({1, 2, 3, 4}));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  EXPECT_EQ(PrepareError(h), "input must be rank 4, got [3, 3, 1]");
}

TEST(Conv2DTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 5, 5, 3}, F32(Iota(75)));
  h.AddConstant(DType::kFloat32, {3, 2, 2, 3}, F32(Iota(36)));
  h.AddOutput(DType::kFloat32, {1, 5, 5, 3});
  EXPECT_EQ(PrepareError(h), "output shape [1, 5, 5, 3] does not match the computed [1, 4, 4, 3]");
}

TEST(Conv2DTest, RejectsUnsupportedActivation) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid, 1, 1, Activation::kTanh));
  h.AddInput(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddConstant(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "fused activation TANH is not supported");
}

TEST(Conv2DTest, RejectsIndivisibleChannels) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 3}, F32({1, 2, 3}));
  h.AddConstant(DType::kFloat32, {1, 1, 1, 2}, F32({1, 1}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_NE(PrepareError(h).find("does not divide"), std::string::npos);
}

TEST(Conv2DTest, RejectsWrongBiasShape) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddConstant(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddConstant(DType::kFloat32, {2}, F32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "bias must have shape [1], got [2]");
}

// Hybrid: a seeded 2-image input and INT8 filter against the float kernel on the dequantized filter. The
// input quantization error is at most scale / 2 = 1/255 per element; with |w| <= 0.5 and 3*3*4 taps the
// output error stays below 36 * 0.5 / 255 ~ 0.071.
void CheckHybridConv(const std::vector<float>& scales, const Conv2DOptions& options, uint32_t seed) {
  const Shape in_shape{2, 5, 6, 4};
  const int32_t cout = 3;
  const auto input = SeededInput(seed).Fill(2 * 5 * 6 * 4);
  const HybridWeights w = RandomHybridWeights(cout * 3 * 3 * 4, scales, false, seed + 1);
  const std::vector<float> bias{0.25f, -0.5f, 0.0f};
  auto run = [&](bool hybrid) {
    OpHarness h(OpType::kConv2D, options);
    h.AddInput(DType::kFloat32, in_shape, F32(input));
    if (hybrid) {
      h.AddConstant(DType::kInt8, {cout, 3, 3, 4}, Bytes(w.q),
                    Quant(scales, std::vector<int64_t>(scales.size(), 0), 0));
    } else {
      h.AddConstant(DType::kFloat32, {cout, 3, 3, 4}, F32(w.real));
    }
    h.AddConstant(DType::kFloat32, {cout}, F32(bias));
    const int32_t oh = options.padding == Padding::kSame ? (5 + options.stride_h - 1) / options.stride_h
                                                          : (5 - 3) / options.stride_h + 1;
    const int32_t ow = options.padding == Padding::kSame ? (6 + options.stride_w - 1) / options.stride_w
                                                          : (6 - 3) / options.stride_w + 1;
    h.AddOutput(DType::kFloat32, {2, oh, ow, cout});
    auto out = RunFloat(h);
    if (hybrid) {
      EXPECT_EQ(h.kernel().ScratchBytes(), 5u * 6 * 4);
    }
    return out;
  };
  ExpectAllNear(run(true), run(false), 0.075f);
}

TEST(Conv2DTest, HybridPerTensorMatchesFloat) {
  CheckHybridConv({0.5f / 127}, Options(Padding::kSame), 7);
  CheckHybridConv({0.5f / 127}, Options(Padding::kValid, 2), 8);
}

TEST(Conv2DTest, HybridPerChannelMatchesFloat) {
  CheckHybridConv({0.5f / 127, 0.25f / 127, 0.1f / 127}, Options(Padding::kSame, 2), 9);
  CheckHybridConv({0.5f / 127, 0.25f / 127, 0.1f / 127}, Options(Padding::kValid, 1, 1, Activation::kRelu), 10);
}

TEST(Conv2DTest, HybridExactIntegerSemantics) {
  // One image x = [-0.51, 0, 0.123, 2.04] as a 1x2x2x1 input, SAME 2x2 filter [1 2; 3 4] with scale 0.5.
  // Quantization (hybrid_quantize.h): scale = 2.55/255 ~ 0.01, zero_point = round(-128 + 51) = -77,
  // q = [-128, -77, -65, 127], q - zp = [-51, 0, 12, 204]. SAME pads one row and column after, zeros
  // that contribute nothing: acc = [-51 + 0 + 36 + 816, 0 + 3 * 204, 12 + 2 * 204, 204] = [801, 612, 420, 204].
  const std::vector<float> x{-0.51f, 0.0f, 0.123f, 2.04f};
  const float scale = (2.04f - -0.51f) / 255.0f;
  OpHarness h(OpType::kConv2D, Options(Padding::kSame));
  h.AddInput(DType::kFloat32, {1, 2, 2, 1}, F32(x));
  h.AddConstant(DType::kInt8, {1, 2, 2, 1}, Bytes(std::vector<int8_t>{1, 2, 3, 4}), Quant({0.5f}, {0}));
  h.AddConstant(DType::kFloat32, {1}, F32({0.1f}));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  std::vector<float> expected;
  const float s = scale * 0.5f;  // the bias is folded: (acc + bias / s) * s
  for (int32_t acc : {801, 612, 420, 204}) expected.push_back((static_cast<float>(acc) + 0.1f / s) * s);
  EXPECT_EQ(RunFloat(h), expected);
}

TEST(Conv2DTest, HybridAllZeroInputGivesBias) {
  OpHarness h(OpType::kConv2D, Options(Padding::kSame));
  h.AddInput(DType::kFloat32, {1, 2, 2, 1}, F32({0, 0, 0, 0}));
  h.AddConstant(DType::kInt8, {2, 2, 2, 1}, Bytes(std::vector<int8_t>{1, 2, 3, 4, -5, 6, 7, 127}),
                Quant({0.5f, 0.25f}, {0, 0}));
  h.AddConstant(DType::kFloat32, {2}, F32({1.5f, -2}));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{1.5f, -2, 1.5f, -2, 1.5f, -2, 1.5f, -2}));
}

TEST(Conv2DTest, HybridRejectsNonzeroWeightZeroPoint) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddConstant(DType::kInt8, {1, 1, 1, 1}, Bytes(std::vector<int8_t>{1}), Quant({0.5f}, {3}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "INT8 filter must be symmetric (zero point 0), got zero point 3");
}

TEST(Conv2DTest, HybridRejectsNonConstantFilter) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddInput(DType::kInt8, {1, 1, 1, 1}, Bytes(std::vector<int8_t>{1}), Quant({0.5f}, {0}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "INT8 filter of a hybrid op must be a constant tensor");
}

TEST(Conv2DTest, HybridRejectsWrongQuantizedDimension) {
  OpHarness h(OpType::kConv2D, Options(Padding::kValid));
  h.AddInput(DType::kFloat32, {1, 1, 1, 2}, F32({1, 2}));
  h.AddConstant(DType::kInt8, {2, 1, 1, 2}, Bytes(std::vector<int8_t>{1, 2, 3, 4}), Quant({0.5f, 0.5f}, {0, 0}, 3));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(PrepareError(h), "per-channel INT8 filter must be quantized along dimension 0, got 3");
}

}  // namespace
}  // namespace qb::testing
