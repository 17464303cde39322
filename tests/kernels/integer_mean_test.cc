// MEAN of UINT8 and INT8 tensors over constant axes, with and without keep_dims and requantization.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

TEST(IntegerMeanTest, HandComputedKeepDims) {
  // (1 + 2 + 3 + 5) / 4 = 2.75 -> 3 per channel; channel 1: (10 + 10 + 11 + 11) / 4 = 10.5 -> 11.
  OpHarness h(OpType::kMean, ReducerOptions{.keep_dims = true});
  h.AddInput(DType::kUInt8, {1, 2, 2, 2}, Bytes(std::vector<uint8_t>{1, 10, 2, 10, 3, 11, 5, 11}), Quant({0.5f}, {0}));
  h.AddConstant(DType::kInt32, {2}, Bytes(std::vector<int32_t>{1, 2}));
  h.AddOutput(DType::kUInt8, {1, 1, 1, 2}, Quant({0.5f}, {0}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), (std::vector<uint8_t>{3, 11}));
}

template <typename T>
void CheckAgainstFloat(Shape in_shape, std::vector<int32_t> axes, bool keep_dims, Shape out_shape, uint32_t seed) {
  const DType type = TypeOf<T>();
  const Quantization qi = Quant({0.05f}, {type == DType::kInt8 ? -10 : 130});
  const Quantization qo = Quant({0.02f}, {type == DType::kInt8 ? 4 : 125});
  auto input = RandomQuantized<T>(static_cast<size_t>(ElementCount(in_shape)), seed);
  const auto real = Dequantize(input, qi.scale[0], qi.zero_point[0]);
  const int rank = static_cast<int>(in_shape.size());
  std::vector<bool> reduced(static_cast<size_t>(rank), false);
  for (int32_t a : axes) reduced[static_cast<size_t>(a < 0 ? a + rank : a)] = true;
  // Output index of each input element: strides over the kept dimensions only.
  std::vector<double> sums(static_cast<size_t>(ElementCount(out_shape)), 0.0);
  std::vector<int> counts(sums.size(), 0);
  for (int64_t i = 0; i < ElementCount(in_shape); ++i) {
    int64_t rest = i, out = 0, stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t coord = rest % in_shape[static_cast<size_t>(d)];
      rest /= in_shape[static_cast<size_t>(d)];
      if (!reduced[static_cast<size_t>(d)]) {
        out += coord * stride;
        stride *= in_shape[static_cast<size_t>(d)];
      }
    }
    sums[static_cast<size_t>(out)] += real[static_cast<size_t>(i)];
    ++counts[static_cast<size_t>(out)];
  }
  for (size_t o = 0; o < sums.size(); ++o) sums[o] /= counts[o];
  OpHarness h(OpType::kMean, ReducerOptions{.keep_dims = keep_dims});
  h.AddInput(type, in_shape, Bytes(input), qi);
  h.AddConstant(DType::kInt32, {static_cast<int32_t>(axes.size())}, Bytes(axes));
  h.AddOutput(type, out_shape, qo);
  ASSERT_TRUE(h.Run().ok()) << h.Prepare().message();
  ExpectWithinOneLsb(h.OutputAs<T>(0), sums, qo);
}

TEST(IntegerMeanTest, SpatialMeanInt8MatchesFloat) { CheckAgainstFloat<int8_t>({2, 5, 6, 3}, {1, 2}, true, {2, 1, 1, 3}, 71); }
TEST(IntegerMeanTest, NegativeAxisUint8DropsDims) { CheckAgainstFloat<uint8_t>({3, 4, 5}, {-1, 0}, false, {4}, 72); }
TEST(IntegerMeanTest, AllAxesInt8) { CheckAgainstFloat<int8_t>({4, 7}, {0, 1}, false, {}, 73); }

TEST(IntegerMeanTest, RejectsNonConstantAxes) {
  OpHarness h(OpType::kMean, ReducerOptions{});
  h.AddInput(DType::kInt8, {2, 3}, {}, Quant({1.0f}, {0}));
  h.AddInput(DType::kInt32, {1}, Bytes(std::vector<int32_t>{1}));
  h.AddOutput(DType::kInt8, {2}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "axes (input 1) must be a constant tensor");
}

TEST(IntegerMeanTest, RejectsWrongOutputShape) {
  OpHarness h(OpType::kMean, ReducerOptions{.keep_dims = true});
  h.AddInput(DType::kInt8, {2, 3}, {}, Quant({1.0f}, {0}));
  h.AddConstant(DType::kInt32, {1}, Bytes(std::vector<int32_t>{1}));
  h.AddOutput(DType::kInt8, {2}, Quant({1.0f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [2] does not match the computed [2, 1]");
}

}  // namespace
}  // namespace qb::testing
