// ADD and MUL reference kernels: same-shape, NumPy broadcasting (scalar, middle axis, rank 5), INT32,
// fused activations, and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

TEST(AddTest, SameShape) {
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kFloat32, {2, 2}, F32({1, 2, 3, 4}));
  h.AddInput(DType::kFloat32, {2, 2}, F32({10, 20, 30, 40}));
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{11, 22, 33, 44}));
}

TEST(AddTest, BroadcastBothSides) {
  // a [2, 1, 3] = [[1 2 3]], [[4 5 6]]; b [2, 1] = [10], [20]; out[i][j][k] = a[i][0][k] + b[j][0].
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kFloat32, {2, 1, 3}, F32({1, 2, 3, 4, 5, 6}));
  h.AddInput(DType::kFloat32, {2, 1}, F32({10, 20}));
  h.AddOutput(DType::kFloat32, {2, 2, 3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26}));
}

TEST(AddTest, Rank5Broadcast) {
  // a [1, 2, 1, 1, 2], b [2, 1, 1, 1, 1]: out[i][j][0][0][k] = a[j][k] + b[i].
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kFloat32, {1, 2, 1, 1, 2}, F32({1, 2, 3, 4}));
  h.AddInput(DType::kFloat32, {2, 1, 1, 1, 1}, F32({100, 200}));
  h.AddOutput(DType::kFloat32, {2, 2, 1, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{101, 102, 103, 104, 201, 202, 203, 204}));
}

TEST(AddTest, Relu6) {
  AddOptions options;
  options.activation = Activation::kRelu6;
  OpHarness h(OpType::kAdd, options);
  h.AddInput(DType::kFloat32, {3}, F32({-5, 2, 5}));
  h.AddInput(DType::kFloat32, {1}, F32({1}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 3, 6}));
}

TEST(AddTest, Int32WithRelu) {
  AddOptions options;
  options.activation = Activation::kRelu;
  OpHarness h(OpType::kAdd, options);
  h.AddInput(DType::kInt32, {3}, I32({-5, 2, 2147483647}));
  h.AddInput(DType::kInt32, {3}, I32({1, 1, 0}));
  h.AddOutput(DType::kInt32, {3});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{0, 3, 2147483647}));
}

TEST(AddTest, RejectsIncompatibleShapes) {
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kFloat32, {2, 3}, F32(Iota(6)));
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddOutput(DType::kFloat32, {2, 3});
  EXPECT_EQ(PrepareError(h), "input shapes [2, 3] and [2] cannot be broadcast together");
}

TEST(AddTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kFloat32, {2, 1}, F32({1, 2}));
  h.AddInput(DType::kFloat32, {3}, F32({1, 2, 3}));
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(PrepareError(h), "output shape [2, 1] does not match the computed [2, 3]");
}

TEST(AddTest, RejectsMixedTypes) {
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kFloat32, {1}, F32({1}));
  h.AddInput(DType::kInt32, {1}, I32({1}));
  h.AddOutput(DType::kFloat32, {1});
  EXPECT_EQ(PrepareError(h), "input 1 must be FLOAT32, got INT32");
}

TEST(AddTest, RejectsUnsupportedActivation) {
  AddOptions options;
  options.activation = Activation::kTanh;
  OpHarness h(OpType::kAdd, options);
  h.AddInput(DType::kFloat32, {1}, F32({1}));
  h.AddInput(DType::kFloat32, {1}, F32({1}));
  h.AddOutput(DType::kFloat32, {1});
  EXPECT_EQ(PrepareError(h), "fused activation TANH is not supported");
}

TEST(MulTest, ScalarBroadcast) {
  // b is a rank-0 scalar.
  OpHarness h(OpType::kMul, MulOptions{});
  h.AddInput(DType::kFloat32, {1, 2, 2}, F32({1, -2, 3, 0.5f}));
  h.AddInput(DType::kFloat32, {}, F32({4}));
  h.AddOutput(DType::kFloat32, {1, 2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{4, -8, 12, 2}));
}

TEST(MulTest, ChannelBroadcastWithReluN1To1) {
  MulOptions options;
  options.activation = Activation::kReluN1To1;
  OpHarness h(OpType::kMul, options);
  h.AddInput(DType::kFloat32, {1, 2, 2}, F32({1, 2, 3, 4}));
  h.AddInput(DType::kFloat32, {2}, F32({0.25f, -1}));
  h.AddOutput(DType::kFloat32, {1, 2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0.25f, -1, 0.75f, -1}));
}

TEST(MulTest, Int32) {
  OpHarness h(OpType::kMul, MulOptions{});
  h.AddInput(DType::kInt32, {2}, I32({3, -4}));
  h.AddInput(DType::kInt32, {2, 1}, I32({2, 10}));
  h.AddOutput(DType::kInt32, {2, 2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{6, -8, 30, -40}));
}

TEST(MulTest, RejectsRank6) {
  OpHarness h(OpType::kMul, MulOptions{});
  h.AddInput(DType::kFloat32, {1, 1, 1, 1, 1, 1}, F32({1}));
  h.AddInput(DType::kFloat32, {1}, F32({1}));
  h.AddOutput(DType::kFloat32, {1, 1, 1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "input 0 must have rank 0 to 5, got [1, 1, 1, 1, 1, 1]");
}

}  // namespace
}  // namespace qb::testing
