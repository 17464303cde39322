// DEPTHWISE_CONV_2D on UINT8 (per-tensor) and INT8 (per-channel) activations against hand-computed values
// and a float depthwise convolution of the dequantized tensors.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

template <typename T>
void CheckAgainstFloat(Shape in_shape, int32_t multiplier, int32_t kh, int32_t kw, DepthwiseConv2DOptions o,
                       bool per_channel, uint32_t seed) {
  const DType type = TypeOf<T>();
  const int32_t n = in_shape[0], h = in_shape[1], w = in_shape[2], c = in_shape[3], oc = c * multiplier;
  const int32_t oh = WindowOut(o.padding, h, kh, o.stride_h, o.dilation_h);
  const int32_t ow = WindowOut(o.padding, w, kw, o.stride_w, o.dilation_w);
  const int32_t ph = WindowPad(oh, h, kh, o.stride_h, o.dilation_h);
  const int32_t pw = WindowPad(ow, w, kw, o.stride_w, o.dilation_w);
  const float in_scale = 0.04f;
  const int64_t in_zp = type == DType::kInt8 ? -9 : 128;
  auto input = RandomQuantized<T>(static_cast<size_t>(n * h * w * c), seed);
  std::vector<float> w_scales;
  int64_t w_zp = 0;
  std::vector<T> filter;
  if (per_channel) {
    for (int32_t i = 0; i < oc; ++i) w_scales.push_back(0.005f * static_cast<float>(i % 5 + 1));
    filter = RandomQuantized<T>(static_cast<size_t>(kh * kw * oc), seed + 1, -127, 127);
  } else {
    w_scales = {0.01f};
    w_zp = type == DType::kInt8 ? 4 : 120;
    filter = RandomQuantized<T>(static_cast<size_t>(kh * kw * oc), seed + 1);
  }
  std::vector<int32_t> bias;
  for (int16_t v : RandomQuantized<int16_t>(static_cast<size_t>(oc), seed + 2, -500, 500)) bias.push_back(v);

  std::vector<double> pre;
  for (int32_t b = 0; b < n; ++b)
    for (int32_t y = 0; y < oh; ++y)
      for (int32_t x = 0; x < ow; ++x)
        for (int32_t k = 0; k < oc; ++k) {
          const double ws = w_scales[per_channel ? static_cast<size_t>(k) : 0];
          double acc = bias[static_cast<size_t>(k)] * static_cast<double>(in_scale) * ws;
          for (int32_t dy = 0; dy < kh; ++dy)
            for (int32_t dx = 0; dx < kw; ++dx) {
              const int32_t iy = y * o.stride_h - ph + dy * o.dilation_h, ix = x * o.stride_w - pw + dx * o.dilation_w;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const double xv = in_scale * (input[static_cast<size_t>(((b * h + iy) * w + ix) * c + k / multiplier)] - in_zp);
              acc += xv * ws * (filter[static_cast<size_t>((dy * kw + dx) * oc + k)] - w_zp);
            }
          pre.push_back(acc);
        }
  const Quantization out_q = SpanningQuant<T>(pre);
  std::vector<double> expected;
  for (double v : pre) expected.push_back(ApplyActivation(o.activation, v));

  OpHarness harness(OpType::kDepthwiseConv2D, o);
  harness.AddInput(type, in_shape, Bytes(input), Quant({in_scale}, {in_zp}));
  harness.AddConstant(type, {1, kh, kw, oc}, Bytes(filter),
                      Quant(w_scales, std::vector<int64_t>(w_scales.size(), w_zp), 3));
  harness.AddConstant(DType::kInt32, {oc}, Bytes(bias));
  harness.AddOutput(type, {n, oh, ow, oc}, out_q);
  ASSERT_TRUE(harness.Run().ok()) << harness.Prepare().message();
  ExpectWithinOneLsb(harness.OutputAs<T>(0), expected, out_q);
}

TEST(IntegerDepthwiseConv2DTest, HandComputedMultiplier2) {
  // Input channels [2, -4], multiplier 2, filter [1, 2, 3, 4]: output channel c*2+m reads input c:
  // [2*1, 2*2, -4*3, -4*4 + bias 1] = [2, 4, -12, -15] (all scales 1).
  OpHarness h(OpType::kDepthwiseConv2D, DepthwiseConv2DOptions{.padding = Padding::kValid, .depth_multiplier = 2});
  h.AddInput(DType::kInt8, {1, 1, 1, 2}, Bytes(std::vector<int8_t>{2, -4}), Quant({1.0f}, {0}));
  h.AddConstant(DType::kInt8, {1, 1, 1, 4}, Bytes(std::vector<int8_t>{1, 2, 3, 4}), Quant({1, 1, 1, 1}, {0, 0, 0, 0}, 3));
  h.AddConstant(DType::kInt32, {4}, Bytes(std::vector<int32_t>{0, 0, 0, 1}));
  h.AddOutput(DType::kInt8, {1, 1, 1, 4}, Quant({1.0f}, {0}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{2, 4, -12, -15}));
}

TEST(IntegerDepthwiseConv2DTest, Int8PerChannelSame) {
  CheckAgainstFloat<int8_t>({1, 6, 7, 4}, 1, 3, 3, {.padding = Padding::kSame}, true, 21);
}

TEST(IntegerDepthwiseConv2DTest, Int8MultiplierStrideDilationRelu6) {
  DepthwiseConv2DOptions o{.padding = Padding::kSame, .stride_w = 2, .stride_h = 2, .depth_multiplier = 3,
                           .activation = Activation::kRelu6, .dilation_w = 2, .dilation_h = 1};
  CheckAgainstFloat<int8_t>({2, 7, 9, 2}, 3, 3, 3, o, true, 22);
}

TEST(IntegerDepthwiseConv2DTest, Uint8PerTensorValidRelu) {
  DepthwiseConv2DOptions o{.padding = Padding::kValid, .stride_w = 1, .stride_h = 2, .activation = Activation::kRelu};
  CheckAgainstFloat<uint8_t>({1, 8, 6, 5}, 1, 3, 2, o, false, 23);
}

TEST(IntegerDepthwiseConv2DTest, RejectsWrongQuantizedDimension) {
  OpHarness h(OpType::kDepthwiseConv2D, DepthwiseConv2DOptions{.padding = Padding::kValid});
  h.AddInput(DType::kInt8, {1, 2, 2, 2}, {}, Quant({1.0f}, {0}));
  h.AddConstant(DType::kInt8, {1, 1, 1, 2}, Bytes(std::vector<int8_t>{1, 2}), Quant({1, 1}, {0, 0}, 0));
  h.AddOutput(DType::kInt8, {1, 2, 2, 2}, Quant({1.0f}, {0}));
  const Status s = h.Prepare();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("dimension 0"), std::string::npos) << s.message();
}

TEST(IntegerDepthwiseConv2DTest, RejectsWrongOutputShape) {
  OpHarness h(OpType::kDepthwiseConv2D, DepthwiseConv2DOptions{.padding = Padding::kValid});
  h.AddInput(DType::kUInt8, {1, 4, 4, 2}, {}, Quant({1.0f}, {0}));
  h.AddConstant(DType::kUInt8, {1, 2, 2, 2}, Bytes(std::vector<uint8_t>(8, 1)), Quant({1.0f}, {0}));
  h.AddOutput(DType::kUInt8, {1, 4, 4, 2}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [1, 4, 4, 2] does not match the computed [1, 3, 3, 2]");
}

}  // namespace
}  // namespace qb::testing
