// FULLY_CONNECTED on UINT8 and INT8 activations (per-tensor and per-channel weights, optional bias,
// keep_num_dims) against hand-computed values and a float matrix product of the dequantized tensors.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

template <typename T>
void CheckAgainstFloat(Shape in_shape, int32_t units, FullyConnectedOptions o, bool per_channel, bool with_bias,
                       uint32_t seed) {
  const DType type = TypeOf<T>();
  const int32_t depth = in_shape.back();
  const int64_t rows = ElementCount(in_shape) / depth;
  const float in_scale = 0.03f;
  const int64_t in_zp = type == DType::kInt8 ? 10 : 100;
  auto input = RandomQuantized<T>(static_cast<size_t>(rows * depth), seed);
  std::vector<float> w_scales;
  int64_t w_zp = 0;
  std::vector<T> weights;
  if (per_channel) {
    for (int32_t u = 0; u < units; ++u) w_scales.push_back(0.002f * static_cast<float>(u + 1));
    weights = RandomQuantized<T>(static_cast<size_t>(units * depth), seed + 1, -127, 127);
  } else {
    w_scales = {0.004f};
    w_zp = type == DType::kInt8 ? 0 : 140;
    weights = RandomQuantized<T>(static_cast<size_t>(units * depth), seed + 1);
  }
  std::vector<int32_t> bias;
  for (int16_t v : RandomQuantized<int16_t>(static_cast<size_t>(units), seed + 2, -3000, 3000)) bias.push_back(v);

  std::vector<double> pre;
  for (int64_t r = 0; r < rows; ++r)
    for (int32_t u = 0; u < units; ++u) {
      const double ws = w_scales[per_channel ? static_cast<size_t>(u) : 0];
      double acc = with_bias ? bias[static_cast<size_t>(u)] * static_cast<double>(in_scale) * ws : 0.0;
      for (int32_t d = 0; d < depth; ++d) {
        acc += in_scale * (input[static_cast<size_t>(r * depth + d)] - in_zp) * ws *
               (weights[static_cast<size_t>(u * depth + d)] - w_zp);
      }
      pre.push_back(acc);
    }
  const Quantization out_q = SpanningQuant<T>(pre);
  std::vector<double> expected;
  for (double v : pre) expected.push_back(ApplyActivation(o.activation, v));

  Shape out_shape = o.keep_num_dims ? in_shape : Shape{static_cast<int32_t>(rows), units};
  out_shape.back() = units;
  OpHarness harness(OpType::kFullyConnected, o);
  harness.AddInput(type, in_shape, Bytes(input), Quant({in_scale}, {in_zp}));
  harness.AddConstant(type, {units, depth}, Bytes(weights), Quant(w_scales, std::vector<int64_t>(w_scales.size(), w_zp)));
  if (with_bias) {
    harness.AddConstant(DType::kInt32, {units}, Bytes(bias));
  } else {
    harness.AddOmittedInput();
  }
  harness.AddOutput(type, out_shape, out_q);
  ASSERT_TRUE(harness.Run().ok()) << harness.Prepare().message();
  ExpectWithinOneLsb(harness.OutputAs<T>(0), expected, out_q);
}

TEST(IntegerFullyConnectedTest, HandComputedUint8) {
  // x = ([130, 126, 128] - 128) * 0.5 = [1, -1, 0]; W rows (q - 128) = [1, 2, 3] and [-1, 0, 12];
  // Wx = [-1, -1]; bias [4, 6] * 0.5 = [2, 3]; y = [1, 2] -> / 0.5 + 100 = [102, 104].
  OpHarness h(OpType::kFullyConnected, FullyConnectedOptions{});
  h.AddInput(DType::kUInt8, {1, 3}, Bytes(std::vector<uint8_t>{130, 126, 128}), Quant({0.5f}, {128}));
  h.AddConstant(DType::kUInt8, {2, 3}, Bytes(std::vector<uint8_t>{129, 130, 131, 127, 128, 140}), Quant({1.0f}, {128}));
  h.AddConstant(DType::kInt32, {2}, Bytes(std::vector<int32_t>{4, 6}), Quant({0.5f}, {0}));
  h.AddOutput(DType::kUInt8, {1, 2}, Quant({0.5f}, {100}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), (std::vector<uint8_t>{102, 104}));
}

TEST(IntegerFullyConnectedTest, Int8PerChannelRelu) {
  CheckAgainstFloat<int8_t>({3, 40}, 7, {.activation = Activation::kRelu}, true, true, 31);
}

TEST(IntegerFullyConnectedTest, Int8PerTensorNoBias) {
  CheckAgainstFloat<int8_t>({2, 33}, 5, {}, false, false, 32);
}

TEST(IntegerFullyConnectedTest, Int8KeepNumDims) {
  CheckAgainstFloat<int8_t>({2, 3, 16}, 4, {.keep_num_dims = true}, true, true, 33);
}

TEST(IntegerFullyConnectedTest, Uint8FlattensInput) {
  CheckAgainstFloat<uint8_t>({1, 2, 2, 8}, 6, {.activation = Activation::kRelu6}, false, true, 34);
}

TEST(IntegerFullyConnectedTest, RejectsBiasOfWrongSize) {
  OpHarness h(OpType::kFullyConnected, FullyConnectedOptions{});
  h.AddInput(DType::kInt8, {1, 3}, {}, Quant({1.0f}, {0}));
  h.AddConstant(DType::kInt8, {2, 3}, Bytes(std::vector<int8_t>(6, 1)), Quant({1.0f}, {0}));
  h.AddConstant(DType::kInt32, {3}, Bytes(std::vector<int32_t>(3, 0)));
  h.AddOutput(DType::kInt8, {1, 2}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "bias (input 2) has 3 elements, expected 2");
}

TEST(IntegerFullyConnectedTest, RejectsWrongOutputShape) {
  OpHarness h(OpType::kFullyConnected, FullyConnectedOptions{});
  h.AddInput(DType::kInt8, {2, 3}, {}, Quant({1.0f}, {0}));
  h.AddConstant(DType::kInt8, {4, 3}, Bytes(std::vector<int8_t>(12, 1)), Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt8, {1, 4}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [1, 4] does not match the computed [2, 4]");
}

}  // namespace
}  // namespace qb::testing
