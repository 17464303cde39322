// CONCATENATION of UINT8 and INT8 tensors: plain copies, negative axes and requantization of inputs whose
// quantization differs from the output's.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

TEST(IntegerConcatenationTest, CopiesAlongAxisAndRequantizes) {
  // Input 1 (scale 0.5, zero point 1) into the output (scale 0.25, zero point 0):
  // 5 -> (5 - 1) * 0.5 = 2 -> 8; -3 -> -2 -> -8; 127 -> 63 -> 252 -> clamped to 127.
  OpHarness h(OpType::kConcatenation, ConcatenationOptions{.axis = -1});
  h.AddInput(DType::kInt8, {3, 1}, Bytes(std::vector<int8_t>{10, 20, 30}), Quant({0.25f}, {0}));
  h.AddInput(DType::kInt8, {3, 1}, Bytes(std::vector<int8_t>{5, -3, 127}), Quant({0.5f}, {1}));
  h.AddOutput(DType::kInt8, {3, 2}, Quant({0.25f}, {0}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{10, 8, 20, -8, 30, 127}));
}

TEST(IntegerConcatenationTest, RequantizationMatchesFloat) {
  const Quantization q0 = Quant({0.1f}, {128}), q1 = Quant({0.037f}, {3}), qo = Quant({0.08f}, {120});
  auto a = RandomQuantized<uint8_t>(2 * 3 * 4, 61);
  auto b = RandomQuantized<uint8_t>(2 * 2 * 4, 62);
  OpHarness h(OpType::kConcatenation, ConcatenationOptions{.axis = 1});
  h.AddInput(DType::kUInt8, {2, 3, 4}, Bytes(a), q0);
  h.AddInput(DType::kUInt8, {2, 2, 4}, Bytes(b), q1);
  h.AddOutput(DType::kUInt8, {2, 5, 4}, qo);
  ASSERT_TRUE(h.Run().ok());
  const auto ra = Dequantize(a, q0.scale[0], q0.zero_point[0]);
  const auto rb = Dequantize(b, q1.scale[0], q1.zero_point[0]);
  std::vector<double> expected;
  for (int outer = 0; outer < 2; ++outer) {
    expected.insert(expected.end(), ra.begin() + outer * 12, ra.begin() + outer * 12 + 12);
    expected.insert(expected.end(), rb.begin() + outer * 8, rb.begin() + outer * 8 + 8);
  }
  ExpectWithinOneLsb(h.OutputAs<uint8_t>(0), expected, qo);
}

TEST(IntegerConcatenationTest, ThreeInputsAxis0Uint8) {
  OpHarness h(OpType::kConcatenation, ConcatenationOptions{.axis = 0});
  const Quantization q = Quant({1.0f}, {7});
  h.AddInput(DType::kUInt8, {1, 2}, Bytes(std::vector<uint8_t>{1, 2}), q);
  h.AddInput(DType::kUInt8, {2, 2}, Bytes(std::vector<uint8_t>{3, 4, 5, 6}), q);
  h.AddInput(DType::kUInt8, {1, 2}, Bytes(std::vector<uint8_t>{7, 8}), q);
  h.AddOutput(DType::kUInt8, {4, 2}, q);
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(IntegerConcatenationTest, RejectsMismatchedShapes) {
  OpHarness h(OpType::kConcatenation, ConcatenationOptions{.axis = 1});
  h.AddInput(DType::kInt8, {2, 3}, {}, Quant({1.0f}, {0}));
  h.AddInput(DType::kInt8, {3, 3}, {}, Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt8, {2, 6}, Quant({1.0f}, {0}));
  EXPECT_FALSE(h.Prepare().ok());
}

TEST(IntegerConcatenationTest, RejectsWrongOutputShape) {
  OpHarness h(OpType::kConcatenation, ConcatenationOptions{.axis = 1});
  h.AddInput(DType::kInt8, {2, 3}, {}, Quant({1.0f}, {0}));
  h.AddInput(DType::kInt8, {2, 1}, {}, Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt8, {2, 3}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [2, 3] does not match the computed [2, 4]");
}

}  // namespace
}  // namespace qb::testing
