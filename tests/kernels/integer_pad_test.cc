// PAD of UINT8 and INT8 tensors: padded positions hold the zero point; INT32 and INT64 paddings.
#include <gtest/gtest.h>

#include "integer_test_util.h"

namespace qb::testing {
namespace {

TEST(IntegerPadTest, PadsWithZeroPoint) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kInt8, {1, 2}, Bytes(std::vector<int8_t>{7, 8}), Quant({0.5f}, {-5}));
  h.AddConstant(DType::kInt32, {2, 2}, Bytes(std::vector<int32_t>{0, 0, 1, 2}));
  h.AddOutput(DType::kInt8, {1, 5}, Quant({0.5f}, {-5}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int8_t>(0), (std::vector<int8_t>{-5, 7, 8, -5, -5}));
}

TEST(IntegerPadTest, Rank4Int64Paddings) {
  // [1, 2, 2, 1] padded by 1 on each side of height and width -> [1, 4, 4, 1] with zero point 128 around.
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kUInt8, {1, 2, 2, 1}, Bytes(std::vector<uint8_t>{1, 2, 3, 4}), Quant({0.1f}, {128}));
  h.AddConstant(DType::kInt64, {4, 2}, Bytes(std::vector<int64_t>{0, 0, 1, 1, 1, 1, 0, 0}));
  h.AddOutput(DType::kUInt8, {1, 4, 4, 1}, Quant({0.1f}, {128}));
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), (std::vector<uint8_t>{128, 128, 128, 128, 128, 1, 2, 128,  //
                                                         128, 3, 4, 128, 128, 128, 128, 128}));
}

TEST(IntegerPadTest, RejectsWrongOutputShape) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kInt8, {2, 2}, {}, Quant({0.5f}, {0}));
  h.AddConstant(DType::kInt32, {2, 2}, Bytes(std::vector<int32_t>{1, 0, 0, 1}));
  h.AddOutput(DType::kInt8, {2, 2}, Quant({0.5f}, {0}));
  EXPECT_EQ(h.Prepare().message(), "output shape [2, 2] does not match the computed [3, 3]");
}

TEST(IntegerPadTest, RejectsNonConstantPaddings) {
  OpHarness h(OpType::kPad, PadOptions{});
  h.AddInput(DType::kInt8, {2, 2}, {}, Quant({0.5f}, {0}));
  h.AddInput(DType::kInt32, {2, 2}, Bytes(std::vector<int32_t>{1, 0, 0, 1}));
  h.AddOutput(DType::kInt8, {3, 3}, Quant({0.5f}, {0}));
  EXPECT_FALSE(h.Prepare().ok());
}

}  // namespace
}  // namespace qb::testing
