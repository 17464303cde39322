// RESHAPE and SQUEEZE reference kernels: byte copies of any type into the declared shape, with or
// without RESHAPE's shape tensor (constant or computed), SQUEEZE dims, and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

TEST(ReshapeTest, FloatWithConstantShape) {
  OpHarness h(OpType::kReshape, ReshapeOptions{});
  h.AddInput(DType::kFloat32, {2, 3}, F32(Iota(6)));
  h.AddConstant(DType::kInt32, {2}, I32({3, -1}));
  h.AddOutput(DType::kFloat32, {3, 2});
  EXPECT_EQ(RunFloat(h), Iota(6));
}

TEST(ReshapeTest, Int8WithoutShapeInput) {
  OpHarness h(OpType::kReshape, ReshapeOptions{{4}});
  h.AddInput(DType::kInt8, {1, 2, 2}, Bytes(std::vector<int8_t>{-1, 2, -3, 4}), Quant({0.5f}, {0}));
  h.AddOutput(DType::kInt8, {4}, Quant({0.5f}, {0}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{-1, 2, -3, 4}));
}

TEST(ReshapeTest, ComputedShapeInputIsIgnored) {
  // The shape tensor is an activation whose values are never read (shapes are static).
  OpHarness h(OpType::kReshape, ReshapeOptions{});
  h.AddInput(DType::kFloat32, {1, 4}, F32({1, 2, 3, 4}));
  h.AddInput(DType::kInt32, {2}, I32({99, 99}));
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{1, 2, 3, 4}));
}

TEST(ReshapeTest, RejectsElementCountMismatch) {
  OpHarness h(OpType::kReshape, ReshapeOptions{});
  h.AddInput(DType::kFloat32, {2, 3}, F32(Iota(6)));
  h.AddOutput(DType::kFloat32, {4});
  EXPECT_EQ(PrepareError(h), "output shape [4] has 4 elements but the input [2, 3] has 6");
}

TEST(ReshapeTest, RejectsTypeChange) {
  OpHarness h(OpType::kReshape, ReshapeOptions{});
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddOutput(DType::kInt32, {2});
  EXPECT_EQ(PrepareError(h), "output must be FLOAT32, got INT32");
}

TEST(SqueezeTest, AllUnitDims) {
  OpHarness h(OpType::kSqueeze, SqueezeOptions{});
  h.AddInput(DType::kFloat32, {1, 3, 1, 2}, F32(Iota(6)));
  h.AddOutput(DType::kFloat32, {3, 2});
  EXPECT_EQ(RunFloat(h), Iota(6));
}

TEST(SqueezeTest, NegativeSqueezeDim) {
  OpHarness h(OpType::kSqueeze, SqueezeOptions{{-2}});
  h.AddInput(DType::kInt32, {1, 3, 1, 2}, I32({1, 2, 3, 4, 5, 6}));
  h.AddOutput(DType::kInt32, {1, 3, 2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{1, 2, 3, 4, 5, 6}));
}

TEST(SqueezeTest, RejectsNonUnitDim) {
  OpHarness h(OpType::kSqueeze, SqueezeOptions{{1}});
  h.AddInput(DType::kFloat32, {1, 3}, F32(Iota(3)));
  h.AddOutput(DType::kFloat32, {1});
  EXPECT_EQ(PrepareError(h), "cannot squeeze dimension 1 of [1, 3]: its size is not 1");
}

TEST(SqueezeTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kSqueeze, SqueezeOptions{{0}});
  h.AddInput(DType::kFloat32, {1, 1, 3}, F32(Iota(3)));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(PrepareError(h), "output shape [3] does not match the computed [1, 3]");
}

}  // namespace
}  // namespace qb::testing
