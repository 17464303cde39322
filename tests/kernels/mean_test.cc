// MEAN reference kernel: spatial mean with and without keep_dims, negative and duplicate axes, INT64 axes,
// all axes, and Prepare errors (non-constant axes, out-of-range axis, output shape).
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

ReducerOptions KeepDims(bool keep) {
  ReducerOptions o;
  o.keep_dims = keep;
  return o;
}

// Input [1, 2, 2, 2]: channel 0 = 1, 2, 3, 4 (mean 2.5), channel 1 = 10, 20, 30, 40 (mean 25).
const std::vector<float> kImage{1, 10, 2, 20, 3, 30, 4, 40};

TEST(MeanTest, SpatialKeepDims) {
  OpHarness h(OpType::kMean, KeepDims(true));
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32(kImage));
  h.AddConstant(DType::kInt32, {2}, I32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{2.5f, 25}));
}

TEST(MeanTest, SpatialDropDims) {
  OpHarness h(OpType::kMean, KeepDims(false));
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32(kImage));
  h.AddConstant(DType::kInt32, {2}, I32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{2.5f, 25}));
}

TEST(MeanTest, NegativeAndDuplicateAxes) {
  // -3 is axis 1, -2 is axis 2; the duplicate 1 changes nothing.
  OpHarness h(OpType::kMean, KeepDims(false));
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32(kImage));
  h.AddConstant(DType::kInt32, {3}, I32({-3, 1, -2}));
  h.AddOutput(DType::kFloat32, {1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{2.5f, 25}));
}

TEST(MeanTest, LastAxisInt64Axes) {
  // Pairs (1, 10) -> 5.5, (2, 20) -> 11, (3, 30) -> 16.5, (4, 40) -> 22.
  OpHarness h(OpType::kMean, KeepDims(true));
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32(kImage));
  h.AddConstant(DType::kInt64, {1}, Bytes(std::vector<int64_t>{-1}));
  h.AddOutput(DType::kFloat32, {1, 2, 2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{5.5f, 11, 16.5f, 22}));
}

TEST(MeanTest, MiddleAxis) {
  // [2, 3]: mean over axis 0 -> (1+4)/2, (2+5)/2, (3+6)/2.
  OpHarness h(OpType::kMean, KeepDims(false));
  h.AddInput(DType::kFloat32, {2, 3}, F32(Iota(6, 1)));
  h.AddConstant(DType::kInt32, {1}, I32({0}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{2.5f, 3.5f, 4.5f}));
}

TEST(MeanTest, AllAxesToScalar) {
  OpHarness h(OpType::kMean, KeepDims(false));
  h.AddInput(DType::kFloat32, {2, 2}, F32({1, 2, 3, 6}));
  h.AddConstant(DType::kInt32, {2}, I32({0, 1}));
  h.AddOutput(DType::kFloat32, {});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{3}));
}

TEST(MeanTest, RejectsNonConstantAxes) {
  OpHarness h(OpType::kMean, KeepDims(true));
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32(kImage));
  h.AddInput(DType::kInt32, {2}, I32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(PrepareError(h), "axes (input 1) must be a constant tensor");
}

TEST(MeanTest, RejectsAxisOutOfRange) {
  OpHarness h(OpType::kMean, KeepDims(true));
  h.AddInput(DType::kFloat32, {2, 2}, F32(Iota(4)));
  h.AddConstant(DType::kInt32, {1}, I32({2}));
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(PrepareError(h), "axis 2 is out of range for rank 2");
}

TEST(MeanTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kMean, KeepDims(false));
  h.AddInput(DType::kFloat32, {1, 2, 2, 2}, F32(kImage));
  h.AddConstant(DType::kInt32, {2}, I32({1, 2}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  EXPECT_EQ(PrepareError(h), "output shape [1, 1, 1, 2] does not match the computed [1, 2]");
}

TEST(MeanTest, RejectsFloatAxes) {
  OpHarness h(OpType::kMean, KeepDims(false));
  h.AddInput(DType::kFloat32, {2, 2}, F32(Iota(4)));
  h.AddConstant(DType::kFloat32, {1}, F32({1}));
  h.AddOutput(DType::kFloat32, {2});
  EXPECT_EQ(PrepareError(h), "axes (input 1) must be INT32 or INT64, got FLOAT32");
}

}  // namespace
}  // namespace qb::testing
