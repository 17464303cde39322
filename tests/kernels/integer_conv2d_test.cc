// CONV_2D on UINT8 (per-tensor) and INT8 (per-channel) activations against hand-computed values and a
// float convolution of the dequantized tensors.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

struct ConvSetup {
  Shape input;  // NHWC
  int32_t out_channels = 1, kernel_h = 1, kernel_w = 1;
  Conv2DOptions options;
  bool per_channel = true;
};

template <typename T>
void CheckAgainstFloat(const ConvSetup& s, uint32_t seed) {
  const DType type = TypeOf<T>();
  const int32_t n = s.input[0], h = s.input[1], w = s.input[2], c = s.input[3];
  const int32_t oc = s.out_channels, kh = s.kernel_h, kw = s.kernel_w;
  const Conv2DOptions& o = s.options;
  const int32_t oh = WindowOut(o.padding, h, kh, o.stride_h, o.dilation_h);
  const int32_t ow = WindowOut(o.padding, w, kw, o.stride_w, o.dilation_w);
  const int32_t ph = WindowPad(oh, h, kh, o.stride_h, o.dilation_h);
  const int32_t pw = WindowPad(ow, w, kw, o.stride_w, o.dilation_w);

  const float in_scale = 0.05f;
  const int64_t in_zp = type == DType::kInt8 ? 3 : 120;
  auto input = RandomQuantized<T>(static_cast<size_t>(n * h * w * c), seed);
  std::vector<float> w_scales;
  std::vector<int64_t> w_zps;
  int64_t w_zp = 0;
  std::vector<T> filter;
  if (s.per_channel) {
    for (int32_t i = 0; i < oc; ++i) w_scales.push_back(0.01f * static_cast<float>(i + 1));
    w_zps.assign(static_cast<size_t>(oc), 0);
    filter = RandomQuantized<T>(static_cast<size_t>(oc * kh * kw * c), seed + 1, -127, 127);
  } else {
    w_scales = {0.02f};
    w_zp = type == DType::kInt8 ? -5 : 130;
    w_zps = {w_zp};
    filter = RandomQuantized<T>(static_cast<size_t>(oc * kh * kw * c), seed + 1);
  }
  auto bias = RandomQuantized<int16_t>(static_cast<size_t>(oc), seed + 2, -2000, 2000);
  std::vector<int32_t> bias32(bias.begin(), bias.end());

  std::vector<double> pre(static_cast<size_t>(n * oh * ow * oc));
  size_t idx = 0;
  for (int32_t b = 0; b < n; ++b)
    for (int32_t y = 0; y < oh; ++y)
      for (int32_t x = 0; x < ow; ++x)
        for (int32_t k = 0; k < oc; ++k) {
          const double ws = w_scales[s.per_channel ? static_cast<size_t>(k) : 0];
          double acc = bias32[static_cast<size_t>(k)] * static_cast<double>(in_scale) * ws;
          for (int32_t dy = 0; dy < kh; ++dy)
            for (int32_t dx = 0; dx < kw; ++dx) {
              const int32_t iy = y * o.stride_h - ph + dy * o.dilation_h, ix = x * o.stride_w - pw + dx * o.dilation_w;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              for (int32_t i = 0; i < c; ++i) {
                const double xv = in_scale * (input[static_cast<size_t>(((b * h + iy) * w + ix) * c + i)] - in_zp);
                const double wv = ws * (filter[static_cast<size_t>(((k * kh + dy) * kw + dx) * c + i)] - w_zp);
                acc += xv * wv;
              }
            }
          pre[idx++] = acc;
        }
  const Quantization out_q = SpanningQuant<T>(pre);
  std::vector<double> expected(pre.size());
  for (size_t i = 0; i < pre.size(); ++i) expected[i] = ApplyActivation(o.activation, pre[i]);

  OpHarness harness(OpType::kConv2D, o);
  harness.AddInput(type, s.input, Bytes(input), Quant({in_scale}, {in_zp}));
  harness.AddConstant(type, {oc, kh, kw, c}, Bytes(filter), Quant(w_scales, w_zps, 0));
  std::vector<float> bias_scales;
  for (float ws : w_scales) bias_scales.push_back(in_scale * ws);
  harness.AddConstant(DType::kInt32, {oc}, Bytes(bias32), Quant(bias_scales, std::vector<int64_t>(bias_scales.size(), 0)));
  harness.AddOutput(type, {n, oh, ow, oc}, out_q);
  ASSERT_TRUE(harness.Run().ok()) << harness.Prepare().message();
  ExpectWithinOneLsb(harness.OutputAs<T>(0), expected, out_q);
}

TEST(IntegerConv2DTest, HandComputedUint8) {
  // input real (q - 128) * 0.5 = [1, 2, -1, 0]; filter (q - 128) * 0.25 = [1, -1, 0, 2]
  // dot = 1 - 2 + 0 + 0 = -1; bias 24 * 0.125 = 3; total 2 -> 2 / 0.5 + 10 = 14.
  // In integers: acc = 2*4 + 4*(-4) + (-2)*0 + 0*8 + 24 = 16; 16 * 0.25 = 4; + 10 = 14.
  OpHarness h(OpType::kConv2D, Conv2DOptions{.padding = Padding::kValid});
  h.AddInput(DType::kUInt8, {1, 2, 2, 1}, Bytes(std::vector<uint8_t>{130, 132, 126, 128}), Quant({0.5f}, {128}));
  h.AddConstant(DType::kUInt8, {1, 2, 2, 1}, Bytes(std::vector<uint8_t>{132, 124, 128, 136}), Quant({0.25f}, {128}));
  h.AddConstant(DType::kInt32, {1}, Bytes(std::vector<int32_t>{24}), Quant({0.125f}, {0}));
  h.AddOutput(DType::kUInt8, {1, 1, 1, 1}, Quant({0.5f}, {10}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), std::vector<uint8_t>{14});
}

TEST(IntegerConv2DTest, SamePaddingContributesZero) {
  // All inputs equal the zero point (real 0): every output is the bias alone, also where the 3x3 window
  // hangs over the border. Bias 40 * (0.1 * 0.5) = 2 -> 2 / 0.25 - 3 = 5 (int8 per-channel).
  OpHarness h(OpType::kConv2D, Conv2DOptions{.padding = Padding::kSame});
  h.AddInput(DType::kInt8, {1, 3, 3, 2}, Bytes(std::vector<int8_t>(18, -7)), Quant({0.1f}, {-7}));
  h.AddConstant(DType::kInt8, {1, 3, 3, 2}, Bytes(std::vector<int8_t>(18, 100)), Quant({0.5f}, {0}, 0));
  h.AddConstant(DType::kInt32, {1}, Bytes(std::vector<int32_t>{40}));
  h.AddOutput(DType::kInt8, {1, 3, 3, 1}, Quant({0.25f}, {-3}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), std::vector<int8_t>(9, 5));
}

TEST(IntegerConv2DTest, Int8PerChannelMatchesFloat) {
  CheckAgainstFloat<int8_t>({{1, 7, 6, 3}, 4, 3, 3, Conv2DOptions{.padding = Padding::kSame}}, 11);
}

TEST(IntegerConv2DTest, Int8StrideDilationRelu6) {
  Conv2DOptions o{.padding = Padding::kSame, .stride_w = 2, .stride_h = 2, .activation = Activation::kRelu6,
                  .dilation_w = 2, .dilation_h = 2};
  CheckAgainstFloat<int8_t>({{2, 9, 8, 3}, 5, 3, 2, o}, 12);
}

TEST(IntegerConv2DTest, Uint8PerTensorValidStrideRelu) {
  Conv2DOptions o{.padding = Padding::kValid, .stride_w = 2, .stride_h = 1, .activation = Activation::kRelu};
  CheckAgainstFloat<uint8_t>({{1, 6, 7, 4}, 3, 2, 3, o, false}, 13);
}

TEST(IntegerConv2DTest, Int8PerTensorReluN1To1) {
  Conv2DOptions o{.padding = Padding::kValid, .activation = Activation::kReluN1To1};
  CheckAgainstFloat<int8_t>({{1, 5, 5, 2}, 2, 2, 2, o, false}, 14);
}

class IntegerConv2DPrepareTest : public ::testing::Test {
 protected:
  OpHarness Make(bool quantize_input, bool constant_filter, Shape output, size_t filter_scales = 2) {
    OpHarness h(OpType::kConv2D, Conv2DOptions{.padding = Padding::kValid});
    h.AddInput(DType::kInt8, {1, 4, 4, 3}, {}, quantize_input ? Quant({0.1f}, {0}) : Quantization{});
    std::vector<int8_t> filter(2 * 3 * 3 * 3, 1);
    Quantization fq = Quant(std::vector<float>(filter_scales, 0.5f), std::vector<int64_t>(filter_scales, 0), 0);
    if (constant_filter) {
      h.AddConstant(DType::kInt8, {2, 3, 3, 3}, Bytes(filter), fq);
    } else {
      h.AddInput(DType::kInt8, {2, 3, 3, 3}, Bytes(filter), fq);
    }
    h.AddOutput(DType::kInt8, std::move(output), Quant({0.2f}, {0}));
    return h;
  }
};

TEST_F(IntegerConv2DPrepareTest, AcceptsValidOp) { EXPECT_TRUE(Make(true, true, {1, 2, 2, 2}).Prepare().ok()); }

TEST_F(IntegerConv2DPrepareTest, RejectsMissingQuantization) {
  const Status s = Make(false, true, {1, 2, 2, 2}).Prepare();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("input 0"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("quantization"), std::string::npos) << s.message();
}

TEST_F(IntegerConv2DPrepareTest, RejectsNonConstantFilter) {
  const Status s = Make(true, false, {1, 2, 2, 2}).Prepare();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("constant"), std::string::npos) << s.message();
}

TEST_F(IntegerConv2DPrepareTest, RejectsWrongOutputShape) {
  const Status s = Make(true, true, {1, 3, 3, 2}).Prepare();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "output shape [1, 3, 3, 2] does not match the computed [1, 2, 2, 2]");
}

TEST_F(IntegerConv2DPrepareTest, RejectsWrongChannelScaleCount) {
  const Status s = Make(true, true, {1, 2, 2, 2}, 3).Prepare();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("3 scales"), std::string::npos) << s.message();
}

TEST(IntegerConv2DRegistryTest, Int16IsNotSupported) {
  OpHarness h(OpType::kConv2D, Conv2DOptions{});
  h.AddInput(DType::kInt16, {1, 2, 2, 1}, {}, Quant({0.1f}, {0}));
  h.AddConstant(DType::kInt8, {1, 1, 1, 1}, Bytes(std::vector<int8_t>{1}), Quant({0.1f}, {0}));
  h.AddOutput(DType::kInt16, {1, 2, 2, 1}, Quant({0.1f}, {0}));
  const Status s = h.Prepare();
  EXPECT_EQ(s.message(), "CONV_2D with INT16 input is not supported");
}

}  // namespace
}  // namespace qb::testing
