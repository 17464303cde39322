// The float reference registry: routing by op and input type, and its errors for unsupported types.
#include <gtest/gtest.h>

#include "float_test_util.h"
#include "kernels/reference/reference_kernels.h"

namespace qb::testing {
namespace {

TEST(FloatRegistryTest, RejectsInt32Mean) {
  OpHarness h(OpType::kMean, ReducerOptions{});
  h.AddInput(DType::kInt32, {2}, I32({1, 2}));
  h.AddConstant(DType::kInt32, {1}, I32({0}));
  h.AddOutput(DType::kInt32, {});
  EXPECT_EQ(PrepareError(h), "MEAN with INT32 input is not supported");
}

TEST(FloatRegistryTest, RejectsFloat16Conv) {
  OpHarness h(OpType::kConv2D, Conv2DOptions{});
  h.AddInput(DType::kFloat16, {1, 1, 1, 1}, Bytes(std::vector<uint16_t>{0x3C00}));
  h.AddConstant(DType::kFloat32, {1, 1, 1, 1}, F32({1}));
  h.AddOutput(DType::kFloat16, {1, 1, 1, 1});
  EXPECT_EQ(PrepareError(h), "CONV_2D with FLOAT16 input is not supported");
}

TEST(FloatRegistryTest, QuantizeIsNotAFloatKernel) {
  OpHarness h(OpType::kQuantize);
  h.set_factory(CreateFloatReferenceKernel);
  h.AddInput(DType::kFloat32, {1}, F32({1}));
  h.AddOutput(DType::kInt8, {1}, Quant({1.0f}, {0}));
  EXPECT_EQ(PrepareError(h), "QUANTIZE is not supported by the float reference kernels");
}

TEST(FloatRegistryTest, ReportsReferenceImplementation) {
  OpHarness h(OpType::kRelu);
  h.AddInput(DType::kFloat32, {1}, F32({-1}));
  h.AddOutput(DType::kFloat32, {1});
  ASSERT_TRUE(h.Prepare().ok());
  EXPECT_EQ(h.kernel().Implementation(), "reference");
}

TEST(FloatRegistryTest, ShapeOpsAcceptAnyType) {
  OpHarness h(OpType::kReshape);
  h.AddInput(DType::kBool, {2}, Bytes(std::vector<uint8_t>{1, 0}));
  h.AddOutput(DType::kBool, {1, 2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<uint8_t>(0), (std::vector<uint8_t>{1, 0}));
}

}  // namespace
}  // namespace qb::testing
