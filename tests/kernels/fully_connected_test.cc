// FULLY_CONNECTED reference kernel: hand-computed float cases (bias, keep_num_dims, activation), hybrid
// per-tensor and per-channel weights (exact integer case and against float), and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

// The folded hybrid epilogue of hybrid_quantize.h: (acc + bias / s) * s.
float Folded(int32_t acc, float s, float bias) { return (static_cast<float>(acc) + bias / s) * s; }

FullyConnectedOptions Options(Activation activation = Activation::kNone, bool keep_num_dims = false) {
  FullyConnectedOptions o;
  o.activation = activation;
  o.keep_num_dims = keep_num_dims;
  return o;
}

TEST(FullyConnectedTest, HandComputed) {
  // rows [1 2 3], [4 5 6]; weights [1 0 -1], [0.5 0.5 0.5]; bias [10, 0]:
  // row 0: 1 - 3 + 10 = 8, 3; row 1: 4 - 6 + 10 = 8, 7.5.
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {2, 3}, F32({1, 2, 3, 4, 5, 6}));
  h.AddConstant(DType::kFloat32, {2, 3}, F32({1, 0, -1, 0.5f, 0.5f, 0.5f}));
  h.AddConstant(DType::kFloat32, {2}, F32({10, 0}));
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{8, 3, 8, 7.5f}));
}

TEST(FullyConnectedTest, FlattensLeadingDimensionsWithoutBias) {
  // Input [1, 2, 2, 1] is 4 values = 2 rows of K = 2; weights [[1, 1]] sum each row.
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 2, 2, 1}, F32({1, 2, 3, 4}));
  h.AddConstant(DType::kFloat32, {1, 2}, F32({1, 1}));
  h.AddOmittedInput();
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{3, 7}));
}

TEST(FullyConnectedTest, KeepNumDims) {
  OpHarness h(OpType::kFullyConnected, Options(Activation::kNone, true));
  h.AddInput(DType::kFloat32, {1, 2, 3}, F32({1, 2, 3, 4, 5, 6}));
  h.AddConstant(DType::kFloat32, {2, 3}, F32({1, 0, -1, 0.5f, 0.5f, 0.5f}));
  h.AddOutput(DType::kFloat32, {1, 2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{-2, 3, -2, 7.5f}));
}

TEST(FullyConnectedTest, Relu6) {
  OpHarness h(OpType::kFullyConnected, Options(Activation::kRelu6));
  h.AddInput(DType::kFloat32, {1, 2}, F32({2, 3}));
  h.AddConstant(DType::kFloat32, {3, 2}, F32({1, 1, -1, 0, 0.5f, 0.5f}));
  h.AddOutput(DType::kFloat32, {1, 3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{5, 0, 2.5f}));
}

TEST(FullyConnectedTest, HybridExactIntegerSemantics) {
  // Row x = [-0.51, 0, 0.123, 2.04]: q - zp = [-51, 0, 12, 204] (HybridQuantizeTest.HandComputed).
  // Channel 0 w = [1 2 3 4]: acc = -51 + 36 + 816 = 801; channel 1 w = [-1 0 1 0]: acc = 51 + 12 = 63.
  // out[c] = (float(acc) + bias[c] / s[c]) * s[c], s[c] = scale * w_scale[c], w_scale = [0.5, 0.25],
  // bias = [0.1, -0.2] (the folded form of hybrid_quantize.h).
  const float scale = (2.04f - -0.51f) / 255.0f;
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 4}, F32({-0.51f, 0.0f, 0.123f, 2.04f}));
  h.AddConstant(DType::kInt8, {2, 4}, Bytes(std::vector<int8_t>{1, 2, 3, 4, -1, 0, 1, 0}),
                Quant({0.5f, 0.25f}, {0, 0}));
  h.AddConstant(DType::kFloat32, {2}, F32({0.1f, -0.2f}));
  h.AddOutput(DType::kFloat32, {1, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{Folded(801, scale * 0.5f, 0.1f), Folded(63, scale * 0.25f, -0.2f)}));
  EXPECT_EQ(h.kernel().ScratchBytes(), 4u);
}

TEST(FullyConnectedTest, HybridQuantizesEachRow) {
  // Row 0 is all zeros (scale 1, zero point 0: output = bias); row 1 is the hand-computed row above.
  const float scale = (2.04f - -0.51f) / 255.0f;
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {2, 4}, F32({0, 0, 0, 0, -0.51f, 0.0f, 0.123f, 2.04f}));
  h.AddConstant(DType::kInt8, {1, 4}, Bytes(std::vector<int8_t>{1, 2, 3, 4}), Quant({0.5f}, {0}));
  h.AddConstant(DType::kFloat32, {1}, F32({0.1f}));
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{0.1f, Folded(801, scale * 0.5f, 0.1f)}));
}

void CheckHybridAgainstFloat(const std::vector<float>& scales, uint32_t seed) {
  // K = 64 inputs in [-1, 1], |w| <= 0.5: error <= 64 * 0.5 / 255 ~ 0.126 worst case.
  const int32_t rows = 3, depth = 64, channels = static_cast<int32_t>(std::max<size_t>(scales.size(), 5));
  const auto input = SeededInput(seed).Fill(rows * depth);
  const HybridWeights w = RandomHybridWeights(static_cast<size_t>(channels * depth), scales, false, seed + 1);
  auto run = [&](bool hybrid) {
    OpHarness h(OpType::kFullyConnected, Options(Activation::kRelu));
    h.AddInput(DType::kFloat32, {rows, depth}, F32(input));
    if (hybrid) {
      h.AddConstant(DType::kInt8, {channels, depth}, Bytes(w.q),
                    Quant(scales, std::vector<int64_t>(scales.size(), 0)));
    } else {
      h.AddConstant(DType::kFloat32, {channels, depth}, F32(w.real));
    }
    h.AddOmittedInput();
    h.AddOutput(DType::kFloat32, {rows, channels});
    return RunFloat(h);
  };
  ExpectAllNear(run(true), run(false), 0.13f);
}

TEST(FullyConnectedTest, HybridPerTensorMatchesFloat) { CheckHybridAgainstFloat({0.5f / 127}, 31); }

TEST(FullyConnectedTest, HybridPerChannelMatchesFloat) {
  CheckHybridAgainstFloat({0.5f / 127, 0.1f / 127, 0.2f / 127, 0.3f / 127, 0.4f / 127}, 32);
}

TEST(FullyConnectedTest, RejectsShuffledWeights) {
  auto options = Options();
  options.weights_format = 1;
  OpHarness h(OpType::kFullyConnected, options);
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddConstant(DType::kFloat32, {1, 2}, F32({1, 1}));
  h.AddOutput(DType::kFloat32, {1, 1});
  EXPECT_EQ(PrepareError(h), "weights_format 1 is not supported (only DEFAULT)");
}

TEST(FullyConnectedTest, RejectsIndivisibleInput) {
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 5}, F32(Iota(5)));
  h.AddConstant(DType::kFloat32, {1, 2}, F32({1, 1}));
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(PrepareError(h), "input [1, 5] has 5 elements, not a multiple of the weights' depth 2");
}

TEST(FullyConnectedTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 2, 3}, F32(Iota(6)));
  h.AddConstant(DType::kFloat32, {4, 3}, F32(Iota(12)));
  h.AddOutput(DType::kFloat32, {1, 2, 4});
  EXPECT_EQ(PrepareError(h), "output shape [1, 2, 4] does not match the computed [2, 4]");
}

TEST(FullyConnectedTest, RejectsWrongWeightsRank) {
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddConstant(DType::kFloat32, {1, 1, 2}, F32({1, 1}));
  h.AddOutput(DType::kFloat32, {1, 1});
  EXPECT_EQ(PrepareError(h), "weights must be rank 2, got [1, 1, 2]");
}

TEST(FullyConnectedTest, HybridRejectsNonConstantWeights) {
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddInput(DType::kInt8, {1, 2}, Bytes(std::vector<int8_t>{1, 1}), Quant({1.0f}, {0}));
  h.AddOutput(DType::kFloat32, {1, 1});
  EXPECT_EQ(PrepareError(h), "INT8 filter of a hybrid op must be a constant tensor");
}

TEST(FullyConnectedTest, HybridRejectsWrongScaleCount) {
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddConstant(DType::kInt8, {3, 2}, Bytes(std::vector<int8_t>{1, 1, 1, 1, 1, 1}), Quant({1.0f, 2.0f}, {0, 0}));
  h.AddOutput(DType::kFloat32, {1, 3});
  EXPECT_EQ(PrepareError(h), "INT8 filter needs 1 or 3 scales, got 2");
}

TEST(FullyConnectedTest, RejectsInt16Weights) {
  OpHarness h(OpType::kFullyConnected, Options());
  h.AddInput(DType::kFloat32, {1, 2}, F32({1, 2}));
  h.AddConstant(DType::kInt16, {1, 2}, Bytes(std::vector<int16_t>{1, 1}), Quant({1.0f}, {0}));
  h.AddOutput(DType::kFloat32, {1, 1});
  EXPECT_EQ(PrepareError(h), "filter must be FLOAT32 or INT8 (hybrid), got INT16");
}

}  // namespace
}  // namespace qb::testing
