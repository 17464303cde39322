// AVERAGE_POOL_2D and MAX_POOL_2D reference kernels: hand-computed VALID and SAME windows (padding not
// counted in the average), fused activation, batch/channels, and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

Pool2DOptions Options(Padding padding, int32_t filter, int32_t stride, Activation activation = Activation::kNone) {
  Pool2DOptions o;
  o.padding = padding;
  o.filter_h = o.filter_w = filter;
  o.stride_h = o.stride_w = stride;
  o.activation = activation;
  return o;
}

std::vector<float> Pool(OpType type, const Pool2DOptions& options, const Shape& in_shape, const std::vector<float>& in,
                        const Shape& out_shape) {
  OpHarness h(type, options);
  h.AddInput(DType::kFloat32, in_shape, F32(in));
  h.AddOutput(DType::kFloat32, out_shape);
  return RunFloat(h);
}

TEST(Pool2DTest, AverageValid) {
  // [1 2 3; 4 5 6; 7 8 9], 2x2 stride 1: (1+2+4+5)/4 = 3, 4, 6, 7.
  EXPECT_EQ(Pool(OpType::kAveragePool2D, Options(Padding::kValid, 2, 1), {1, 3, 3, 1}, Iota(9, 1), {1, 2, 2, 1}),
            (std::vector<float>{3, 4, 6, 7}));
}

TEST(Pool2DTest, AverageSameIgnoresPadding) {
  // 2x2 stride 2 SAME on 3x3: out 2x2, one padded row/column after. Edge windows average only real
  // elements: (1+2+4+5)/4 = 3, (3+6)/2 = 4.5, (7+8)/2 = 7.5, 9/1 = 9.
  EXPECT_EQ(Pool(OpType::kAveragePool2D, Options(Padding::kSame, 2, 2), {1, 3, 3, 1}, Iota(9, 1), {1, 2, 2, 1}),
            (std::vector<float>{3, 4.5f, 7.5f, 9}));
}

TEST(Pool2DTest, MaxSame) {
  // Same windows as above, negated input: maxima -1, -3, -7, -9 (padding never wins over negatives).
  std::vector<float> in = Iota(9, 1);
  for (float& v : in) v = -v;
  EXPECT_EQ(Pool(OpType::kMaxPool2D, Options(Padding::kSame, 2, 2), {1, 3, 3, 1}, in, {1, 2, 2, 1}),
            (std::vector<float>{-1, -3, -7, -9}));
}

TEST(Pool2DTest, MaxValidChannelsAndBatch) {
  // Two images of 2x2x2; one 2x2 window per image: per-channel maxima.
  EXPECT_EQ(Pool(OpType::kMaxPool2D, Options(Padding::kValid, 2, 2), {2, 2, 2, 2},
                 {1, -1, 5, -2, 3, -3, 2, -4, 0, 9, 0, 8, 0, 7, 1, 6}, {2, 1, 1, 2}),
            (std::vector<float>{5, -1, 1, 9}));
}

TEST(Pool2DTest, FusedActivation) {
  EXPECT_EQ(Pool(OpType::kMaxPool2D, Options(Padding::kValid, 1, 1, Activation::kRelu6), {1, 1, 3, 1}, {-2, 3, 9},
                 {1, 1, 3, 1}),
            (std::vector<float>{0, 3, 6}));
  EXPECT_EQ(Pool(OpType::kAveragePool2D, Options(Padding::kValid, 1, 1, Activation::kReluN1To1), {1, 1, 3, 1},
                 {-2, 0.5f, 9}, {1, 1, 3, 1}),
            (std::vector<float>{-1, 0.5f, 1}));
}

TEST(Pool2DTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kAveragePool2D, Options(Padding::kSame, 2, 2));
  h.AddInput(DType::kFloat32, {1, 3, 3, 1}, F32(Iota(9)));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "output shape [1, 1, 1, 1] does not match the computed [1, 2, 2, 1]");
}

TEST(Pool2DTest, RejectsWrongRank) {
  OpHarness h(OpType::kMaxPool2D, Options(Padding::kValid, 1, 1));
  h.AddInput(DType::kFloat32, {3, 3, 1}, F32(Iota(9)));
  h.AddOutput(DType::kFloat32, {3, 3, 1});
  EXPECT_EQ(PrepareError(h), "input must be rank 4, got [3, 3, 1]");
}

TEST(Pool2DTest, RejectsZeroFilter) {
  OpHarness h(OpType::kMaxPool2D, Options(Padding::kValid, 0, 1));
  h.AddInput(DType::kFloat32, {1, 3, 3, 1}, F32(Iota(9)));
  h.AddOutput(DType::kFloat32, {1, 3, 3, 1});
  EXPECT_EQ(PrepareError(h), "height: kernel size must be positive, got 0");
}

TEST(Pool2DTest, RejectsWindowLargerThanInputWithValid) {
  OpHarness h(OpType::kAveragePool2D, Options(Padding::kValid, 4, 1));
  h.AddInput(DType::kFloat32, {1, 3, 3, 1}, F32(Iota(9)));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "height: the window (effective size 4) is larger than the input (3) with VALID padding");
}

TEST(Pool2DTest, RejectsUnsupportedActivation) {
  OpHarness h(OpType::kMaxPool2D, Options(Padding::kValid, 1, 1, Activation::kSignBit));
  h.AddInput(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "fused activation SIGN_BIT is not supported");
}

}  // namespace
}  // namespace qb::testing
