// DEQUANTIZE reference kernel: INT8 per tensor, UINT8 and INT8 per channel, INT16, FLOAT16 (normal,
// subnormal, zero signs, infinities, NaN), and Prepare errors.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "float_test_util.h"

namespace qb::testing {
namespace {

TEST(DequantizeTest, Int8PerTensor) {
  // real = 0.5 * (q + 1): -1 -> 0, 0 -> 0.5, 3 -> 2, -128 -> -63.5.
  OpHarness h(OpType::kDequantize);
  h.AddConstant(DType::kInt8, {4}, Bytes(std::vector<int8_t>{-1, 0, 3, -128}), Quant({0.5f}, {-1}));
  h.AddOutput(DType::kFloat32, {4});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0, 0.5f, 2, -63.5f}));
}

TEST(DequantizeTest, UInt8PerChannelInnerAxis) {
  // [2, 2] along dimension 1: column 0 scale 1 zero point 128, column 1 scale 0.25 zero point 0.
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kUInt8, {2, 2}, Bytes(std::vector<uint8_t>{130, 8, 0, 255}), Quant({1.0f, 0.25f}, {128, 0}, 1));
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{2, 2, -128, 63.75f}));
}

TEST(DequantizeTest, Int8PerChannelOuterAxis) {
  // A [2, 1, 1, 2] filter with scales per output channel (dimension 0), zero points omitted.
  OpHarness h(OpType::kDequantize);
  Quantization q = Quant({0.5f, 2.0f}, {}, 0);
  h.AddConstant(DType::kInt8, {2, 1, 1, 2}, Bytes(std::vector<int8_t>{1, -2, 3, -4}), q);
  h.AddOutput(DType::kFloat32, {2, 1, 1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0.5f, -1, 6, -8}));
}

TEST(DequantizeTest, Int16) {
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kInt16, {3}, Bytes(std::vector<int16_t>{-32768, 0, 32767}), Quant({1.0f / 32768}, {0}));
  h.AddOutput(DType::kFloat32, {3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{-1, 0, 32767.0f / 32768}));
}

TEST(DequantizeTest, Float16) {
  // 0x3C00 = 1, 0xC000 = -2, 0x3555 ~ 1/3, 0x7BFF = 65504 (largest), 0x0400 = 2^-14 (smallest normal),
  // 0x0001 = 2^-24 (smallest subnormal), 0x03FF = 1023 * 2^-24 (largest subnormal), 0x8000 = -0,
  // 0x7C00 = inf, 0xFC00 = -inf.
  const std::vector<uint16_t> half{0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0400, 0x0001, 0x03FF, 0x8000, 0x7C00, 0xFC00};
  OpHarness h(OpType::kDequantize);
  h.AddConstant(DType::kFloat16, {10}, Bytes(half));
  h.AddOutput(DType::kFloat32, {10});
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> expected{1,     -2,    0.333251953125f, 65504, std::ldexp(1.0f, -14), std::ldexp(1.0f, -24),
                                    std::ldexp(1023.0f, -24), -0.0f, inf,   -inf};
  const auto out = RunFloat(h);
  EXPECT_EQ(out, expected);
  ASSERT_EQ(out.size(), 10u);
  EXPECT_TRUE(std::signbit(out[7]));
}

TEST(DequantizeTest, Float16NaN) {
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kFloat16, {2}, Bytes(std::vector<uint16_t>{0x7E00, 0xFC01}));
  h.AddOutput(DType::kFloat32, {2});
  const auto out = RunFloat(h);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
}

TEST(DequantizeTest, RejectsMissingScale) {
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kInt8, {1}, Bytes(std::vector<int8_t>{1}));
  h.AddOutput(DType::kFloat32, {1});
  EXPECT_EQ(PrepareError(h), "INT8 input has no quantization scale");
}

TEST(DequantizeTest, RejectsScalesNotMatchingDimension) {
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kInt8, {2, 3}, Bytes(std::vector<int8_t>(6, 1)), Quant({1.0f, 2.0f}, {0, 0}, 1));
  h.AddOutput(DType::kFloat32, {2, 3});
  EXPECT_EQ(PrepareError(h), "2 per-channel scales do not match dimension 1 of input [2, 3]");
}

TEST(DequantizeTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kInt8, {2}, Bytes(std::vector<int8_t>{1, 2}), Quant({1.0f}, {0}));
  h.AddOutput(DType::kFloat32, {1, 2});
  EXPECT_EQ(PrepareError(h), "output shape [1, 2] does not match the computed [2]");
}

TEST(DequantizeTest, RejectsInt32Input) {
  OpHarness h(OpType::kDequantize);
  h.AddInput(DType::kInt32, {1}, I32({1}));
  h.AddOutput(DType::kFloat32, {1});
  EXPECT_EQ(PrepareError(h), "DEQUANTIZE with INT32 input is not supported");
}

}  // namespace
}  // namespace qb::testing
