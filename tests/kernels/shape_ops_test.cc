// SHAPE, PACK and STRIDED_SLICE reference kernels: hand-computed cases for each option (out_type, axis,
// masks, negative strides, offset, computed bounds) and Prepare errors.
#include <gtest/gtest.h>

#include "float_test_util.h"

namespace qb::testing {
namespace {

TEST(ShapeTest, Int32) {
  OpHarness h(OpType::kShape, ShapeOptions{});
  h.AddInput(DType::kFloat32, {1, 2, 3}, F32(Iota(6)));
  h.AddOutput(DType::kInt32, {3});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{1, 2, 3}));
}

TEST(ShapeTest, Int64OfInt8Input) {
  OpHarness h(OpType::kShape, ShapeOptions{DType::kInt64});
  h.AddInput(DType::kInt8, {4, 5}, Bytes(std::vector<int8_t>(20, 0)), Quant({1.0f}, {0}));
  h.AddOutput(DType::kInt64, {2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int64_t>(0), (std::vector<int64_t>{4, 5}));
}

TEST(ShapeTest, RejectsOutputTypeMismatch) {
  OpHarness h(OpType::kShape, ShapeOptions{DType::kInt64});
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddOutput(DType::kInt32, {1});
  EXPECT_EQ(PrepareError(h), "output must be INT64, got INT32");
}

PackOptions Pack(int32_t count, int32_t axis) {
  PackOptions o;
  o.values_count = count;
  o.axis = axis;
  return o;
}

TEST(PackTest, Axis0) {
  OpHarness h(OpType::kPack, Pack(2, 0));
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddInput(DType::kFloat32, {2}, F32({3, 4}));
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{1, 2, 3, 4}));
}

TEST(PackTest, NegativeAxisInterleaves) {
  // axis -1 of rank-1 inputs is axis 1: [[1 3 5], [2 4 6]].
  OpHarness h(OpType::kPack, Pack(3, -1));
  h.AddInput(DType::kInt32, {2}, I32({1, 2}));
  h.AddInput(DType::kInt32, {2}, I32({3, 4}));
  h.AddInput(DType::kInt32, {2}, I32({5, 6}));
  h.AddOutput(DType::kInt32, {2, 3});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{1, 3, 5, 2, 4, 6}));
}

TEST(PackTest, Scalars) {
  // The usual shape-building case: SHAPE element, then PACK of scalars.
  OpHarness h(OpType::kPack, Pack(2, 0));
  h.AddInput(DType::kInt32, {}, I32({1}));
  h.AddConstant(DType::kInt32, {}, I32({-1}));
  h.AddOutput(DType::kInt32, {2});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{1, -1}));
}

TEST(PackTest, RejectsValuesCountMismatch) {
  OpHarness h(OpType::kPack, Pack(3, 0));
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddInput(DType::kFloat32, {2}, F32({3, 4}));
  h.AddOutput(DType::kFloat32, {3, 2});
  EXPECT_EQ(PrepareError(h), "values_count is 3 but the op has 2 inputs");
}

TEST(PackTest, RejectsShapeMismatch) {
  OpHarness h(OpType::kPack, Pack(2, 0));
  h.AddInput(DType::kFloat32, {2}, F32({1, 2}));
  h.AddInput(DType::kFloat32, {1}, F32({3}));
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(PrepareError(h), "input 1 has shape [1], input 0 [2]: packed tensors must have one shape");
}

StridedSliceOptions Slice(int32_t begin_mask = 0, int32_t end_mask = 0, int32_t shrink = 0, bool offset = false) {
  StridedSliceOptions o;
  o.begin_mask = begin_mask;
  o.end_mask = end_mask;
  o.shrink_axis_mask = shrink;
  o.offset = offset;
  return o;
}

// Input [3, 4] holding 0..11 (row r = 4r .. 4r+3).
void AddMatrix(OpHarness& h) { h.AddInput(DType::kFloat32, {3, 4}, F32(Iota(12))); }

void AddBounds(OpHarness& h, std::vector<int32_t> begin, std::vector<int32_t> end, std::vector<int32_t> strides,
               bool constant = true) {
  const int32_t n = static_cast<int32_t>(begin.size());
  for (auto* values : {&begin, &end, &strides}) {
    if (constant) {
      h.AddConstant(DType::kInt32, {n}, I32(*values));
    } else {
      h.AddInput(DType::kInt32, {n}, I32(*values));
    }
  }
}

TEST(StridedSliceTest, RowsAndStridedColumns) {
  // Rows 1..2, columns 0, 2: [4 6; 8 10].
  OpHarness h(OpType::kStridedSlice, Slice());
  AddMatrix(h);
  AddBounds(h, {1, 0}, {3, 4}, {1, 2});
  h.AddOutput(DType::kFloat32, {2, 2});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{4, 6, 8, 10}));
}

TEST(StridedSliceTest, NegativeStrideWithMasks) {
  // begin_mask and end_mask on axis 1 with stride -1 reverse every row; axis 0 takes row -1 = 2 to the end.
  OpHarness h(OpType::kStridedSlice, Slice(2, 2));
  AddMatrix(h);
  AddBounds(h, {-1, 0}, {3, 0}, {1, -1});
  h.AddOutput(DType::kFloat32, {1, 4});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{11, 10, 9, 8}));
}

TEST(StridedSliceTest, NegativeStrideClampsBounds) {
  // Axis 0 from 10 (clamped to 2) down to -5 (clamped to -1, exclusive), stride -2: rows 2, 0.
  OpHarness h(OpType::kStridedSlice, Slice());
  AddMatrix(h);
  AddBounds(h, {10, 1}, {-5, 2}, {-2, 1});
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{9, 1}));
}

TEST(StridedSliceTest, ShrinkAxis) {
  // shrink_axis_mask 1: row 1 only, rank drops to 1. The short spec (1 entry) takes axis 1 whole.
  OpHarness h(OpType::kStridedSlice, Slice(0, 0, 1));
  AddMatrix(h);
  AddBounds(h, {1}, {2}, {1});
  h.AddOutput(DType::kFloat32, {4});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{4, 5, 6, 7}));
}

TEST(StridedSliceTest, ShrinkNegativeIndexInt32Input) {
  // The last element of [5, 6, 7], as SHAPE -> STRIDED_SLICE does.
  OpHarness h(OpType::kStridedSlice, Slice(0, 0, 1));
  h.AddInput(DType::kInt32, {3}, I32({5, 6, 7}));
  AddBounds(h, {-1}, {0}, {1});
  h.AddOutput(DType::kInt32, {});
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.OutputAs<int32_t>(0), (std::vector<int32_t>{7}));
}

TEST(StridedSliceTest, Offset) {
  // offset: end = begin + end, so begin [1, 1], end [2, 3] selects rows 1..2, columns 1..3.
  OpHarness h(OpType::kStridedSlice, Slice(0, 0, 0, true));
  AddMatrix(h);
  AddBounds(h, {1, 1}, {2, 3}, {1, 1});
  h.AddOutput(DType::kFloat32, {2, 3});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{5, 6, 7, 9, 10, 11}));
}

TEST(StridedSliceTest, ComputedBoundsAreReadInEval) {
  OpHarness h(OpType::kStridedSlice, Slice());
  AddMatrix(h);
  AddBounds(h, {0, 3}, {3, 4}, {2, 1}, /*constant=*/false);
  h.AddOutput(DType::kFloat32, {2, 1});
  EXPECT_EQ(RunFloat(h), (std::vector<float>{3, 11}));
}

TEST(StridedSliceTest, RejectsEllipsisMask) {
  auto options = Slice();
  options.ellipsis_mask = 1;
  OpHarness h(OpType::kStridedSlice, options);
  AddMatrix(h);
  AddBounds(h, {0}, {1}, {1});
  h.AddOutput(DType::kFloat32, {1, 4});
  EXPECT_EQ(PrepareError(h), "ellipsis_mask 1 is not supported");
}

TEST(StridedSliceTest, RejectsMismatchingOutputShape) {
  OpHarness h(OpType::kStridedSlice, Slice());
  AddMatrix(h);
  AddBounds(h, {1, 0}, {3, 4}, {1, 2});
  h.AddOutput(DType::kFloat32, {2, 4});
  EXPECT_EQ(PrepareError(h), "output shape [2, 4] does not match the computed [2, 2]");
}

TEST(StridedSliceTest, RejectsZeroStride) {
  OpHarness h(OpType::kStridedSlice, Slice());
  AddMatrix(h);
  AddBounds(h, {0}, {1}, {0});
  h.AddOutput(DType::kFloat32, {1, 4});
  EXPECT_EQ(PrepareError(h), "axis 0: stride must not be 0");
}

TEST(StridedSliceTest, RejectsShrinkIndexOutOfRange) {
  OpHarness h(OpType::kStridedSlice, Slice(0, 0, 1));
  AddMatrix(h);
  AddBounds(h, {3}, {4}, {1});
  h.AddOutput(DType::kFloat32, {4});
  EXPECT_EQ(PrepareError(h), "shrunk axis 0: index 3 is out of range [0, 3)");
}

TEST(StridedSliceTest, RejectsWrongOutputRankWithComputedBounds) {
  OpHarness h(OpType::kStridedSlice, Slice(0, 0, 1));
  AddMatrix(h);
  AddBounds(h, {0}, {1}, {1}, /*constant=*/false);
  h.AddOutput(DType::kFloat32, {1, 4});
  EXPECT_EQ(PrepareError(h), "output shape [1, 4] must have rank 1");
}

}  // namespace
}  // namespace qb::testing
