// SOFTMAX of UINT8 and INT8 tensors: output quantization 1/256, hand-computed values, a float comparison
// (within 1 LSB), beta, and the output-quantization check.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

TEST(IntegerSoftmaxTest, EqualInputsSplitEvenly) {
  // Two equal logits: p = 0.5 -> 0.5 * 256 - 128 = 0 (INT8); four: 0.25 * 256 = 64 (UINT8).
  OpHarness h(OpType::kSoftmax, SoftmaxOptions{});
  h.AddInput(DType::kInt8, {1, 2}, Bytes(std::vector<int8_t>{9, 9}), Quant({0.1f}, {0}));
  h.AddOutput(DType::kInt8, {1, 2}, Quant({1.0f / 256}, {-128}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{0, 0}));

  OpHarness u(OpType::kSoftmax, SoftmaxOptions{});
  u.AddInput(DType::kUInt8, {4}, Bytes(std::vector<uint8_t>{3, 3, 3, 3}), Quant({0.1f}, {0}));
  u.AddOutput(DType::kUInt8, {4}, Quant({1.0f / 256}, {0}));
  ASSERT_TRUE(u.Run().ok());
  EXPECT_EQ(u.OutputAs<uint8_t>(0), (std::vector<uint8_t>{64, 64, 64, 64}));
}

template <typename T>
void CheckAgainstFloat(float beta, uint32_t seed) {
  const DType type = TypeOf<T>();
  const Quantization qi = Quant({0.08f}, {type == DType::kInt8 ? 0 : 128});
  const Quantization qo = Quant({1.0f / 256}, {type == DType::kInt8 ? -128 : 0});
  const int rows = 6, depth = 10;
  auto input = RandomQuantized<T>(rows * depth, seed);
  const auto real = Dequantize(input, qi.scale[0], qi.zero_point[0]);
  std::vector<double> expected;
  for (int r = 0; r < rows; ++r) {
    double max = real[static_cast<size_t>(r * depth)], sum = 0;
    for (int i = 0; i < depth; ++i) max = std::max(max, real[static_cast<size_t>(r * depth + i)]);
    for (int i = 0; i < depth; ++i) sum += std::exp(beta * (real[static_cast<size_t>(r * depth + i)] - max));
    for (int i = 0; i < depth; ++i) expected.push_back(std::exp(beta * (real[static_cast<size_t>(r * depth + i)] - max)) / sum);
  }
  OpHarness h(OpType::kSoftmax, SoftmaxOptions{.beta = beta});
  h.AddInput(type, {rows, depth}, Bytes(input), qi);
  h.AddOutput(type, {rows, depth}, qo);
  ASSERT_TRUE(h.Run().ok()) << h.Prepare().message();
  ExpectWithinOneLsb(h.OutputAs<T>(0), expected, qo);
}

TEST(IntegerSoftmaxTest, Int8MatchesFloat) { CheckAgainstFloat<int8_t>(1.0f, 81); }
TEST(IntegerSoftmaxTest, Uint8WithBetaMatchesFloat) { CheckAgainstFloat<uint8_t>(0.5f, 82); }

TEST(IntegerSoftmaxTest, RejectsOutputQuantization) {
  OpHarness h(OpType::kSoftmax, SoftmaxOptions{});
  h.AddInput(DType::kInt8, {1, 4}, {}, Quant({0.1f}, {0}));
  h.AddOutput(DType::kInt8, {1, 4}, Quant({1.0f / 256}, {0}));
  const Status s = h.Prepare();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("zero point -128"), std::string::npos) << s.message();
}

TEST(IntegerSoftmaxTest, Int16IsNotSupported) {
  OpHarness h(OpType::kSoftmax, SoftmaxOptions{});
  h.AddInput(DType::kInt16, {1, 4}, {}, Quant({0.1f}, {0}));
  h.AddOutput(DType::kInt16, {1, 4}, Quant({1.0f / 32768}, {0}));
  EXPECT_EQ(h.Prepare().message(), "SOFTMAX with INT16 input is not supported");
}

}  // namespace
}  // namespace qb::testing
