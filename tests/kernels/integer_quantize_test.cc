// QUANTIZE: FLOAT32 to UINT8/INT8/INT16 (per tensor and per channel) with rounding half away from zero,
// and requantization between integer types.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

TEST(IntegerQuantizeTest, FloatToInt8RoundsHalfAwayFromZero) {
  // scale 0.5, zero point 1: 0.25 -> 0.5 -> 1 -> 2; -0.25 -> -1 -> 0; 1.25 -> 2.5 -> 3 -> 4; 100 -> 127.
  OpHarness h(OpType::kQuantize, QuantizeOptions{});
  h.AddInput(DType::kFloat32, {5}, Bytes(std::vector<float>{0.25f, -0.25f, 1.25f, 100.0f, -100.0f}));
  h.AddOutput(DType::kInt8, {5}, Quant({0.5f}, {1}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{2, 0, 4, 127, -128}));
}

TEST(IntegerQuantizeTest, FloatToUint8AndInt16) {
  OpHarness u(OpType::kQuantize, QuantizeOptions{});
  u.AddInput(DType::kFloat32, {3}, Bytes(std::vector<float>{-1.0f, 0.0f, 1.0f}));
  u.AddOutput(DType::kUInt8, {3}, Quant({1.0f / 128}, {128}));
  ASSERT_TRUE(u.Run().ok());
  EXPECT_EQ(u.OutputAs<uint8_t>(0), (std::vector<uint8_t>{0, 128, 255}));

  OpHarness s(OpType::kQuantize, QuantizeOptions{});
  s.AddInput(DType::kFloat32, {3}, Bytes(std::vector<float>{-2.0f, 0.5f, 1.0f}));
  s.AddOutput(DType::kInt16, {3}, Quant({1.0f / 32768}, {0}));
  ASSERT_TRUE(s.Run().ok());
  EXPECT_EQ(s.OutputAs<int16_t>(0), (std::vector<int16_t>{-32768, 16384, 32767}));
}

TEST(IntegerQuantizeTest, FloatToInt8PerChannel) {
  // Channels along dimension 1 with scales [1, 0.5]: [[1, 1], [2, 2]] -> [[1, 2], [2, 4]].
  OpHarness h(OpType::kQuantize, QuantizeOptions{});
  h.AddInput(DType::kFloat32, {2, 2}, Bytes(std::vector<float>{1, 1, 2, 2}));
  h.AddOutput(DType::kInt8, {2, 2}, Quant({1.0f, 0.5f}, {0, 0}, 1));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{1, 2, 2, 4}));
}

TEST(IntegerQuantizeTest, Int8ToUint8SameScaleShiftsBy128) {
  std::vector<int8_t> input;
  for (int v = -128; v <= 127; ++v) input.push_back(static_cast<int8_t>(v));
  OpHarness h(OpType::kQuantize, QuantizeOptions{});
  h.AddInput(DType::kInt8, {256}, Bytes(input), Quant({0.3f}, {-5}));
  h.AddOutput(DType::kUInt8, {256}, Quant({0.3f}, {123}));
  ASSERT_TRUE(h.Run().ok());
  const auto out = h.OutputAs<uint8_t>(0);
  for (int i = 0; i < 256; ++i) EXPECT_EQ(out[static_cast<size_t>(i)], i) << i;
}

TEST(IntegerQuantizeTest, RequantizeMatchesFloat) {
  std::vector<uint8_t> input;
  for (int v = 0; v <= 255; ++v) input.push_back(static_cast<uint8_t>(v));
  const Quantization qi = Quant({0.07f}, {100}), qo = Quant({0.05f}, {-20});
  OpHarness h(OpType::kQuantize, QuantizeOptions{});
  h.AddInput(DType::kUInt8, {256}, Bytes(input), qi);
  h.AddOutput(DType::kInt8, {256}, qo);
  ASSERT_TRUE(h.Run().ok());
  ExpectWithinOneLsb(h.OutputAs<int8_t>(0), Dequantize(input, qi.scale[0], qi.zero_point[0]), qo);
}

TEST(IntegerQuantizeTest, RejectsFloatOutput) {
  OpHarness h(OpType::kQuantize, QuantizeOptions{});
  h.AddInput(DType::kFloat32, {2}, {});
  h.AddOutput(DType::kFloat32, {2});
  EXPECT_EQ(h.Prepare().message(), "QUANTIZE to FLOAT32 is not supported (UINT8, INT8 or INT16)");
}

TEST(IntegerQuantizeTest, RejectsMissingOutputScale) {
  OpHarness h(OpType::kQuantize, QuantizeOptions{});
  h.AddInput(DType::kFloat32, {2}, {});
  h.AddOutput(DType::kInt8, {2});
  EXPECT_FALSE(h.Prepare().ok());
}

}  // namespace
}  // namespace qb::testing
