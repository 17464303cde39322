// SOFTMAX reference kernel: hand-computed rows, beta, large logits without overflow, and Prepare errors.
#include <gtest/gtest.h>

#include <cmath>

#include "float_test_util.h"

namespace qb::testing {
namespace {

SoftmaxOptions Beta(float beta) {
  SoftmaxOptions o;
  o.beta = beta;
  return o;
}

TEST(SoftmaxTest, HandComputedRows) {
  // Row [1 2 3]: e^-2, e^-1, 1 over their sum; row [0 0 0]: 1/3 each.
  OpHarness h(OpType::kSoftmax, Beta(1.0f));
  h.AddInput(DType::kFloat32, {2, 3}, F32({1, 2, 3, 0, 0, 0}));
  h.AddOutput(DType::kFloat32, {2, 3});
  const double sum = std::exp(-2.0) + std::exp(-1.0) + 1.0;
  ExpectAllNear(RunFloat(h),
                {static_cast<float>(std::exp(-2.0) / sum), static_cast<float>(std::exp(-1.0) / sum),
                 static_cast<float>(1.0 / sum), 1.0f / 3, 1.0f / 3, 1.0f / 3},
                1e-6f);
}

TEST(SoftmaxTest, Beta) {
  // beta 2 on [0, ln(3) / 2]: exp(2 x) = 1 and 3 -> 0.25, 0.75.
  OpHarness h(OpType::kSoftmax, Beta(2.0f));
  h.AddInput(DType::kFloat32, {1, 2}, F32({0, static_cast<float>(0.5 * std::log(3.0))}));
  h.AddOutput(DType::kFloat32, {1, 2});
  ExpectAllNear(RunFloat(h), {0.25f, 0.75f}, 1e-6f);
}

TEST(SoftmaxTest, LargeLogitsAreStable) {
  OpHarness h(OpType::kSoftmax, Beta(1.0f));
  h.AddInput(DType::kFloat32, {1, 1, 3}, F32({1000, 1000, -1000}));
  h.AddOutput(DType::kFloat32, {1, 1, 3});
  ExpectAllNear(RunFloat(h), {0.5f, 0.5f, 0.0f}, 1e-7f);
}

TEST(SoftmaxTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kSoftmax, Beta(1.0f));
  h.AddInput(DType::kFloat32, {1, 3}, F32({1, 2, 3}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(PrepareError(h), "output shape [3] does not match the computed [1, 3]");
}

TEST(SoftmaxTest, RejectsScalar) {
  OpHarness h(OpType::kSoftmax, Beta(1.0f));
  h.AddInput(DType::kFloat32, {}, F32({1}));
  h.AddOutput(DType::kFloat32, {});
  EXPECT_EQ(PrepareError(h), "input must have rank 1 to 8, got []");
}

}  // namespace
}  // namespace qb::testing
