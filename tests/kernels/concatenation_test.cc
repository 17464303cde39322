// CONCATENATION reference kernel: float along the last (negative) axis, INT32/INT64 along axis 0, three
// inputs in the middle of a rank-4 tensor, fused activation, and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

ConcatenationOptions Options(int32_t axis, Activation activation = Activation::kNone) {
  ConcatenationOptions o;
  o.axis = axis;
  o.activation = activation;
  return o;
}

TEST(ConcatenationTest, NegativeAxis) {
  // [1, 2, 2] ++ [1, 2, 1] along -1: rows [1 2 | 5], [3 4 | 6].
  OpHarness h(OpType::kConcatenation, Options(-1));
  h.AddInput(DType::kFloat32, {1, 2, 2}, F32({1, 2, 3, 4}));
  h.AddInput(DType::kFloat32, {1, 2, 1}, F32({5, 6}));
  h.AddOutput(DType::kFloat32, {1, 2, 3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{1, 2, 5, 3, 4, 6}));
}

TEST(ConcatenationTest, ThreeInputsMiddleAxis) {
  // Rank 4, axis 1: per batch, the rows of input 0, then 1, then 2.
  OpHarness h(OpType::kConcatenation, Options(1));
  h.AddInput(DType::kFloat32, {2, 1, 1, 2}, F32({1, 2, 3, 4}));
  h.AddInput(DType::kFloat32, {2, 2, 1, 2}, F32({10, 11, 12, 13, 14, 15, 16, 17}));
  h.AddInput(DType::kFloat32, {2, 1, 1, 2}, F32({20, 21, 22, 23}));
  h.AddOutput(DType::kFloat32, {2, 4, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{1, 2, 10, 11, 12, 13, 20, 21, 3, 4, 14, 15, 16, 17, 22, 23}));
}

TEST(ConcatenationTest, Int32Axis0) {
  OpHarness h(OpType::kConcatenation, Options(0));
  h.AddInput(DType::kInt32, {1, 2}, I32({1, 2}));
  h.AddInput(DType::kInt32, {2, 2}, I32({3, 4, 5, 6}));
  h.AddOutput(DType::kInt32, {3, 2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{1, 2, 3, 4, 5, 6}));
}

TEST(ConcatenationTest, Int64) {
  OpHarness h(OpType::kConcatenation, Options(-1));
  h.AddInput(DType::kInt64, {1}, Bytes(std::vector<int64_t>{int64_t{1} << 40}));
  h.AddInput(DType::kInt64, {1}, Bytes(std::vector<int64_t>{-7}));
  h.AddOutput(DType::kInt64, {2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int64_t>(0), (std::vector<int64_t>{int64_t{1} << 40, -7}));
}

TEST(ConcatenationTest, FusedRelu) {
  OpHarness h(OpType::kConcatenation, Options(0, Activation::kRelu));
  h.AddInput(DType::kFloat32, {2}, F32({-1, 2}));
  h.AddInput(DType::kFloat32, {1}, F32({-3}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 2, 0}));
}

TEST(ConcatenationTest, RejectsMismatchingDimensions) {
  OpHarness h(OpType::kConcatenation, Options(1));
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddInput(DType::kFloat32, {2, 1}, F32({3, 4}));
  h.AddOutput(DType::kFloat32, {1, 3});
  EXPECT_EQ(PrepareError(h), "input 1 has shape [2, 1], which does not match input 0's [1, 2] outside axis 1");
}

TEST(ConcatenationTest, RejectsAxisOutOfRange) {
  OpHarness h(OpType::kConcatenation, Options(-3));
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 2});
  EXPECT_EQ(PrepareError(h), "axis -3 is out of range for rank 2");
}

TEST(ConcatenationTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kConcatenation, Options(0));
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddInput(DType::kFloat32, {2}, F32({3, 4}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(PrepareError(h), "output shape [3] does not match the computed [4]");
}

TEST(ConcatenationTest, RejectsActivationOnIntegers) {
  OpHarness h(OpType::kConcatenation, Options(0, Activation::kRelu));
  h.AddInput(DType::kInt32, {1}, I32({1}));
  h.AddOutput(DType::kInt32, {1});
  EXPECT_EQ(PrepareError(h), "fused activation RELU needs FLOAT32, got INT32");
}

}  // namespace
}  // namespace qb::testing
