// PAD reference kernel: zero padding of FLOAT32 and INT32 with INT32 or INT64 paddings, and Prepare
// errors (non-constant or negative paddings, wrong paddings shape, output shape).
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

TEST(PadTest, SpatialFloat) {
  // [1, 2, 2, 1] = [1 2; 3 4], one row before and after, one column after:
  // [0 0 0; 1 2 0; 3 4 0; 0 0 0].
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kFloat32, {1, 2, 2, 1}, F32({1, 2, 3, 4}));
  h.AddConstant(DType::kInt32, {4, 2}, I32({0, 0, 1, 1, 0, 1, 0, 0}));
  h.AddOutput(DType::kFloat32, {1, 4, 3, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0}));
}

TEST(PadTest, LastAxisInt32WithInt64Paddings) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kInt32, {2, 1}, I32({7, 8}));
  h.AddConstant(DType::kInt64, {2, 2}, Bytes(std::vector<int64_t>{0, 0, 2, 1}));
  h.AddOutput(DType::kInt32, {2, 4});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{0, 0, 7, 0, 0, 0, 8, 0}));
}

TEST(PadTest, Rank1) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddConstant(DType::kInt32, {1, 2}, I32({1, 0}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 1, 2}));
}

TEST(PadTest, RejectsNonConstantPaddings) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddInput(DType::kInt32, {1, 2}, I32({1, 0}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(PrepareError(h), "paddings (input 1) must be a constant tensor");
}

TEST(PadTest, RejectsNegativePaddings) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddConstant(DType::kInt32, {1, 2}, I32({-1, 0}));
  h.AddOutput(DType::kFloat32, {1});
  EXPECT_EQ(PrepareError(h), "paddings of axis 0 must be non-negative, got [-1, 0]");
}

TEST(PadTest, RejectsWrongPaddingsShape) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddConstant(DType::kInt32, {1, 2}, I32({1, 0}));
  h.AddOutput(DType::kFloat32, {1, 3});
  EXPECT_EQ(PrepareError(h), "paddings must have shape [2, 2], got [1, 2]");
}

TEST(PadTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddConstant(DType::kInt32, {1, 2}, I32({1, 1}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(PrepareError(h), "output shape [3] does not match the computed [4]");
}

}  // namespace
}  // namespace qb::testing
