// LOGISTIC, HARD_SWISH, RELU and RELU6 on UINT8 and INT8 tensors: hand-computed values and a float
// comparison over every input value.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

// Runs `type` over all 256 values of T.
template <typename T>
std::vector<T> RunAll(OpType type, const Quantization& qi, const Quantization& qo, std::vector<T>* input) {
  for (int v = std::numeric_limits<T>::min(); v <= std::numeric_limits<T>::max(); ++v) input->push_back(static_cast<T>(v));
  OpHarness h(type);
  h.AddInput(TypeOf<T>(), {16, 16}, Bytes(*input), qi);
  h.AddOutput(TypeOf<T>(), {16, 16}, qo);
  const Status s = h.Run();
  EXPECT_TRUE(s.ok()) << s.message();
  return h.OutputAs<T>(0);
}

template <typename T, typename Fn>
void CheckAgainstFloat(OpType type, const Quantization& qi, const Quantization& qo, Fn fn) {
  std::vector<T> input;
  auto out = RunAll<T>(type, qi, qo, &input);
  std::vector<double> expected;
  for (double x : Dequantize(input, qi.scale[0], qi.zero_point[0])) expected.push_back(fn(x));
  ExpectWithinOneLsb(out, expected, qo);
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double HardSwish(double x) { return x * std::clamp(x + 3.0, 0.0, 6.0) / 6.0; }

TEST(IntegerActivationsTest, LogisticHandComputed) {
  // q = zero point -> x = 0 -> 0.5 -> 0.5 * 256 - 128 = 0; x = 12.7 -> ~1 -> 256 - 128 clamps to 127.
  OpHarness h(OpType::kLogistic);
  h.AddInput(DType::kInt8, {3}, Bytes(std::vector<int8_t>{0, 127, -128}), Quant({0.1f}, {0}));
  h.AddOutput(DType::kInt8, {3}, Quant({1.0f / 256}, {-128}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{0, 127, -128}));
}

TEST(IntegerActivationsTest, LogisticMatchesFloat) {
  CheckAgainstFloat<int8_t>(OpType::kLogistic, Quant({0.06f}, {-3}), Quant({1.0f / 256}, {-128}), Sigmoid);
  CheckAgainstFloat<uint8_t>(OpType::kLogistic, Quant({0.05f}, {128}), Quant({1.0f / 256}, {0}), Sigmoid);
}

TEST(IntegerActivationsTest, HardSwishMatchesFloat) {
  CheckAgainstFloat<int8_t>(OpType::kHardSwish, Quant({0.05f}, {10}), Quant({0.03f}, {-100}), HardSwish);
  CheckAgainstFloat<uint8_t>(OpType::kHardSwish, Quant({0.04f}, {120}), Quant({0.02f}, {20}), HardSwish);
}

TEST(IntegerActivationsTest, ReluHandComputed) {
  // Input scale 0.5 zero point 0, output scale 0.25 zero point -10: x = [-1, 0.5, 3] -> relu [0, 0.5, 3]
  // -> / 0.25 - 10 = [-10, -8, 2].
  OpHarness h(OpType::kRelu);
  h.AddInput(DType::kInt8, {3}, Bytes(std::vector<int8_t>{-2, 1, 6}), Quant({0.5f}, {0}));
  h.AddOutput(DType::kInt8, {3}, Quant({0.25f}, {-10}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{-10, -8, 2}));
}

TEST(IntegerActivationsTest, ReluAndRelu6MatchFloat) {
  auto relu = [](double x) { return std::max(x, 0.0); };
  auto relu6 = [](double x) { return std::clamp(x, 0.0, 6.0); };
  CheckAgainstFloat<int8_t>(OpType::kRelu, Quant({0.07f}, {5}), Quant({0.05f}, {-128}), relu);
  CheckAgainstFloat<uint8_t>(OpType::kRelu, Quant({0.07f}, {128}), Quant({0.04f}, {0}), relu);
  CheckAgainstFloat<int8_t>(OpType::kRelu6, Quant({0.05f}, {0}), Quant({0.03f}, {-128}), relu6);
  CheckAgainstFloat<uint8_t>(OpType::kRelu6, Quant({0.1f}, {100}), Quant({6.0f / 255}, {0}), relu6);
}

TEST(IntegerActivationsTest, RejectsShapeMismatch) {
  OpHarness h(OpType::kHardSwish);
  h.AddInput(DType::kUInt8, {2, 3}, {}, Quant({0.1f}, {0}));
  h.AddOutput(DType::kUInt8, {3, 2}, Quant({0.1f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [3, 2] does not match the computed [2, 3]");
}

}  // namespace
}  // namespace qb::testing
