// AVERAGE_POOL_2D and MAX_POOL_2D on UINT8 and INT8 activations: TensorFlow Lite's rounding of the
// average, windows clipped at the border, activation clamps, and a float comparison.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

template <typename T>
std::vector<T> Pool(OpType type, Shape in_shape, const std::vector<T>& input, Pool2DOptions o, Quantization q,
                    Shape out_shape) {
  OpHarness h(type, o);
  h.AddInput(TypeOf<T>(), in_shape, Bytes(input), q);
  h.AddOutput(TypeOf<T>(), out_shape, q);
  const Status s = h.Run();
  EXPECT_TRUE(s.ok()) << s.message();
  return h.OutputAs<T>(0);
}

TEST(IntegerPoolingTest, AverageRoundsHalfAwayFromZero) {
  const Pool2DOptions o{.padding = Padding::kValid, .stride_w = 2, .stride_h = 2, .filter_w = 2, .filter_h = 2};
  // (1 + 2 + 3 + 5) / 4 = 2.75 -> 3; (-11) / 4 = -2.75 -> -3; (1 + 1 + 1 + 3) / 4 = 1.5 -> 2; -1.5 -> -2.
  const Quantization q = Quant({1.0f}, {0});
  EXPECT_EQ(Pool<int8_t>(OpType::kAveragePool2D, {1, 2, 2, 1}, {1, 2, 3, 5}, o, q, {1, 1, 1, 1}), std::vector<int8_t>{3});
  EXPECT_EQ(Pool<int8_t>(OpType::kAveragePool2D, {1, 2, 2, 1}, {-1, -2, -3, -5}, o, q, {1, 1, 1, 1}),
            std::vector<int8_t>{-3});
  EXPECT_EQ(Pool<int8_t>(OpType::kAveragePool2D, {1, 2, 2, 1}, {1, 1, 1, 3}, o, q, {1, 1, 1, 1}), std::vector<int8_t>{2});
  EXPECT_EQ(Pool<int8_t>(OpType::kAveragePool2D, {1, 2, 2, 1}, {-1, -1, -1, -3}, o, q, {1, 1, 1, 1}),
            std::vector<int8_t>{-2});
}

TEST(IntegerPoolingTest, SamePaddingCountsOnlyInsideValues) {
  // 3x3 input, 2x2 window, stride 2, SAME: out 2x2, padding only after. Windows: {1,2,4,5} -> 3,
  // {3,6} -> 4.5 -> 5, {7,8} -> 7.5 -> 8, {9} -> 9.
  const Pool2DOptions o{.padding = Padding::kSame, .stride_w = 2, .stride_h = 2, .filter_w = 2, .filter_h = 2};
  EXPECT_EQ(Pool<uint8_t>(OpType::kAveragePool2D, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, o, Quant({0.1f}, {0}),
                          {1, 2, 2, 1}),
            (std::vector<uint8_t>{3, 5, 8, 9}));
  EXPECT_EQ(Pool<uint8_t>(OpType::kMaxPool2D, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, o, Quant({0.1f}, {0}),
                          {1, 2, 2, 1}),
            (std::vector<uint8_t>{5, 6, 8, 9}));
}

TEST(IntegerPoolingTest, MaxPoolRelu6Clamps) {
  // Scale 0.1, zero point -20: quantized 0 is -20, quantized 6 is 40.
  const Pool2DOptions o{.padding = Padding::kValid, .stride_w = 1, .stride_h = 1, .filter_w = 1, .filter_h = 1,
                        .activation = Activation::kRelu6};
  EXPECT_EQ(Pool<int8_t>(OpType::kMaxPool2D, {1, 1, 4, 1}, {-100, -20, 10, 90}, o, Quant({0.1f}, {-20}), {1, 1, 4, 1}),
            (std::vector<int8_t>{-20, -20, 10, 40}));
}

template <typename T>
void CheckAverageAgainstFloat(uint32_t seed) {
  const Pool2DOptions o{.padding = Padding::kSame, .stride_w = 2, .stride_h = 1, .filter_w = 3, .filter_h = 2};
  const Shape in{2, 5, 7, 3};
  const int32_t oh = WindowOut(o.padding, 5, 2, 1), ow = WindowOut(o.padding, 7, 3, 2);
  const int32_t ph = WindowPad(oh, 5, 2, 1), pw = WindowPad(ow, 7, 3, 2);
  const Quantization q = Quant({0.02f}, {TypeOf<T>() == DType::kInt8 ? -3 : 128});
  auto input = RandomQuantized<T>(static_cast<size_t>(ElementCount(in)), seed);
  const auto real = Dequantize(input, q.scale[0], q.zero_point[0]);
  std::vector<double> expected;
  for (int32_t b = 0; b < 2; ++b)
    for (int32_t y = 0; y < oh; ++y)
      for (int32_t x = 0; x < ow; ++x)
        for (int32_t c = 0; c < 3; ++c) {
          double sum = 0;
          int count = 0;
          for (int32_t iy = y - ph; iy < y - ph + 2; ++iy)
            for (int32_t ix = x * 2 - pw; ix < x * 2 - pw + 3; ++ix) {
              if (iy < 0 || iy >= 5 || ix < 0 || ix >= 7) continue;
              sum += real[static_cast<size_t>(((b * 5 + iy) * 7 + ix) * 3 + c)];
              ++count;
            }
          expected.push_back(sum / count);
        }
  auto out = Pool<T>(OpType::kAveragePool2D, in, input, o, q, {2, oh, ow, 3});
  ExpectWithinOneLsb(out, expected, q);
}

TEST(IntegerPoolingTest, AverageMatchesFloatInt8) { CheckAverageAgainstFloat<int8_t>(41); }
TEST(IntegerPoolingTest, AverageMatchesFloatUint8) { CheckAverageAgainstFloat<uint8_t>(42); }

TEST(IntegerPoolingTest, RejectsDifferentOutputQuantization) {
  OpHarness h(OpType::kMaxPool2D, Pool2DOptions{.padding = Padding::kValid, .filter_w = 2, .filter_h = 2});
  h.AddInput(DType::kInt8, {1, 2, 2, 1}, {}, Quant({0.5f}, {0}));
  h.AddOutput(DType::kInt8, {1, 1, 1, 1}, Quant({0.25f}, {0}));
  EXPECT_FALSE(h.Prepare().ok());
}

TEST(IntegerPoolingTest, RejectsWrongOutputShape) {
  OpHarness h(OpType::kAveragePool2D, Pool2DOptions{.padding = Padding::kValid, .filter_w = 2, .filter_h = 2});
  h.AddInput(DType::kUInt8, {1, 5, 5, 3}, {}, Quant({0.5f}, {0}));
  h.AddOutput(DType::kUInt8, {1, 5, 5, 3}, Quant({0.5f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [1, 5, 5, 3] does not match the computed [1, 4, 4, 3]");
}

}  // namespace
}  // namespace qb::testing
