// RELU, RELU6, LOGISTIC and HARD_SWISH reference kernels on hand-computed values, and Prepare errors.
#include <gtest/gtest.h>

#include <cmath>

#include "float_test_util.h"

namespace qb::testing {
namespace {

const std::vector<float> kInput{-4, -1, 0, 0.5f, 3, 7};

std::vector<float> Apply(OpType type) {
  OpHarness h(type);
  h.AddInput(DType::kFloat32, {2, 3}, F32(kInput));
  h.AddOutput(DType::kFloat32, {2, 3});
  return RunFloat(h);
}

TEST(ReluTest, HandComputed) { EXPECT_EQ(Apply(OpType::kRelu), (std::vector<float>{0, 0, 0, 0.5f, 3, 7})); }

TEST(Relu6Test, HandComputed) { EXPECT_EQ(Apply(OpType::kRelu6), (std::vector<float>{0, 0, 0, 0.5f, 3, 6})); }

TEST(LogisticTest, HandComputed) {
  std::vector<float> expected;
  for (float x : kInput) expected.push_back(static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x)))));
  ExpectAllNear(Apply(OpType::kLogistic), expected, 1e-6f);
}

TEST(LogisticTest, Saturates) {
  OpHarness h(OpType::kLogistic);
  h.AddInput(DType::kFloat32, {2}, F32({-200, 200}));
  h.AddOutput(DType::kFloat32, {2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 1}));
}

TEST(HardSwishTest, HandComputed) {
  // x * relu6(x + 3) / 6: -4 -> 0, -1 -> -1 * 2 / 6, 0 -> 0, 0.5 -> 0.5 * 3.5 / 6, 3 -> 3, 7 -> 7.
  ExpectAllNear(Apply(OpType::kHardSwish), {0, -1.0f / 3, 0, 0.5f * 3.5f / 6, 3, 7}, 1e-6f);
}

TEST(ReluTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kRelu);
  h.AddInput(DType::kFloat32, {2, 3}, F32(kInput));
  h.AddOutput(DType::kFloat32, {6});
  EXPECT_EQ(PrepareError(h), "output shape [6] does not match the computed [2, 3]");
}

TEST(HardSwishTest, RejectsInt32) {
  OpHarness h(OpType::kHardSwish);
  h.AddInput(DType::kInt32, {1}, I32({1}));
  h.AddOutput(DType::kInt32, {1});
  EXPECT_EQ(PrepareError(h), "HARD_SWISH with INT32 input is not supported");
}

}  // namespace
}  // namespace qb::testing
