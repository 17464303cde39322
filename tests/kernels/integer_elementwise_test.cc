// ADD and MUL on UINT8 and INT8 activations: hand-computed values, broadcasting, fused activations and a
// float comparison.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

TEST(IntegerElementwiseTest, AddHandComputed) {
  // a = [2, 4] * 0.5 = [1, 2]; b = [4, -8] * 0.25 = [1, -2]; sum [2, 0] -> / 0.5 - 10 = [-6, -10].
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kInt8, {2}, Bytes(std::vector<int8_t>{2, 4}), Quant({0.5f}, {0}));
  h.AddInput(DType::kInt8, {2}, Bytes(std::vector<int8_t>{4, -8}), Quant({0.25f}, {0}));
  h.AddOutput(DType::kInt8, {2}, Quant({0.5f}, {-10}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{-6, -10}));
}

TEST(IntegerElementwiseTest, MulHandComputed) {
  // a = [2, 0] * 0.5 = [1, 0]; b = ([136, 136] - 130) * 0.5 = [3, 3]; product [3, 0] -> / 0.25 + 30 = [42, 30].
  OpHarness h(OpType::kMul, MulOptions{});
  h.AddInput(DType::kUInt8, {2}, Bytes(std::vector<uint8_t>{2, 0}), Quant({0.5f}, {0}));
  h.AddInput(DType::kUInt8, {2}, Bytes(std::vector<uint8_t>{136, 136}), Quant({0.5f}, {130}));
  h.AddOutput(DType::kUInt8, {2}, Quant({0.25f}, {30}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), (std::vector<uint8_t>{42, 30}));
}

TEST(IntegerElementwiseTest, AddBroadcastsAndClampsRelu) {
  // [2, 1, 2] + [3, 1] -> [2, 3, 2]; scale 1, zero point 0; RELU clamps negatives to 0.
  OpHarness h(OpType::kAdd, AddOptions{.activation = Activation::kRelu});
  h.AddInput(DType::kInt8, {2, 1, 2}, Bytes(std::vector<int8_t>{1, 2, 10, 20}), Quant({1.0f}, {0}));
  h.AddInput(DType::kInt8, {3, 1}, Bytes(std::vector<int8_t>{0, -5, -15}), Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt8, {2, 3, 2}, Quant({1.0f}, {0}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{1, 2, 0, 0, 0, 0, 10, 20, 5, 15, 0, 5}));
}

template <typename T>
void CheckAgainstFloat(OpType type, Shape a_shape, Shape b_shape, Shape out_shape, Activation act, uint32_t seed) {
  const DType dtype = TypeOf<T>();
  const Quantization qa = Quant({0.03f}, {dtype == DType::kInt8 ? 5 : 120});
  const Quantization qb = Quant({0.07f}, {dtype == DType::kInt8 ? -20 : 140});
  auto a = RandomQuantized<T>(static_cast<size_t>(ElementCount(a_shape)), seed);
  auto b = RandomQuantized<T>(static_cast<size_t>(ElementCount(b_shape)), seed + 1);
  const auto ra = Dequantize(a, qa.scale[0], qa.zero_point[0]);
  const auto rb = Dequantize(b, qb.scale[0], qb.zero_point[0]);
  // Broadcast by right-aligned index arithmetic over the output shape.
  const size_t rank = out_shape.size();
  auto offset = [&](const Shape& s, int64_t flat) {
    int64_t result = 0, stride = 1;
    for (size_t i = 0; i < rank; ++i) {
      const size_t d = rank - 1 - i;
      const int64_t coord = flat % out_shape[d];
      flat /= out_shape[d];
      if (i < s.size()) {
        const int32_t dim = s[s.size() - 1 - i];
        result += (dim == 1 ? 0 : coord) * stride;
        stride *= dim;
      }
    }
    return static_cast<size_t>(result);
  };
  std::vector<double> pre;
  for (int64_t i = 0; i < ElementCount(out_shape); ++i) {
    const double x = ra[offset(a_shape, i)], y = rb[offset(b_shape, i)];
    pre.push_back(type == OpType::kAdd ? x + y : x * y);
  }
  const Quantization qo = SpanningQuant<T>(pre);
  std::vector<double> expected;
  for (double v : pre) expected.push_back(ApplyActivation(act, v));
  OpHarness h(type, type == OpType::kAdd ? OpOptions(AddOptions{.activation = act}) : OpOptions(MulOptions{.activation = act}));
  h.AddInput(dtype, a_shape, Bytes(a), qa);
  h.AddInput(dtype, b_shape, Bytes(b), qb);
  h.AddOutput(dtype, out_shape, qo);
  ASSERT_TRUE(h.Run().ok()) << h.Prepare().message();
  ExpectWithinOneLsb(h.OutputAs<T>(0), expected, qo);
}

TEST(IntegerElementwiseTest, AddMatchesFloatInt8) {
  CheckAgainstFloat<int8_t>(OpType::kAdd, {2, 3, 4, 5}, {2, 3, 4, 5}, {2, 3, 4, 5}, Activation::kNone, 51);
}
TEST(IntegerElementwiseTest, AddBroadcastRank5Uint8Relu6) {
  CheckAgainstFloat<uint8_t>(OpType::kAdd, {2, 1, 3, 1, 4}, {5, 1, 1, 4}, {2, 5, 3, 1, 4}, Activation::kRelu6, 52);
}
TEST(IntegerElementwiseTest, MulMatchesFloatUint8) {
  CheckAgainstFloat<uint8_t>(OpType::kMul, {3, 7}, {3, 7}, {3, 7}, Activation::kNone, 53);
}
TEST(IntegerElementwiseTest, MulBroadcastScalarInt8Relu) {
  CheckAgainstFloat<int8_t>(OpType::kMul, {2, 4, 4, 3}, {1}, {2, 4, 4, 3}, Activation::kRelu, 54);
}
TEST(IntegerElementwiseTest, MulBroadcastChannelsInt8) {
  CheckAgainstFloat<int8_t>(OpType::kMul, {1, 1, 3}, {2, 5, 1}, {2, 5, 3}, Activation::kNone, 55);
}

TEST(IntegerElementwiseTest, RejectsIncompatibleShapes) {
  OpHarness h(OpType::kAdd, AddOptions{});
  h.AddInput(DType::kInt8, {2, 3}, {}, Quant({1.0f}, {0}));
  h.AddInput(DType::kInt8, {4}, {}, Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt8, {2, 3}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "input shapes [2, 3] and [4] cannot be broadcast");
}

TEST(IntegerElementwiseTest, RejectsMissingOutputQuantization) {
  OpHarness h(OpType::kMul, MulOptions{});
  h.AddInput(DType::kInt8, {2}, {}, Quant({1.0f}, {0}));
  h.AddInput(DType::kInt8, {2}, {}, Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt8, {2});
  EXPECT_EQ(h.Prepare().message(), "output (INT8) has no quantization scale");
}

}  // namespace
}  // namespace qb::testing
