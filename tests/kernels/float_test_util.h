// Helpers of the float and hybrid reference kernel tests: float vectors, element-wise comparison with a
// tolerance, and the message of a failing Prepare.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "../support/op_harness.h"
#include "core/seeded_input.h"

namespace qb::testing {

inline std::vector<uint8_t> F32(const std::vector<float>& values) { return Bytes(values); }
inline std::vector<uint8_t> I32(const std::vector<int32_t>& values) { return Bytes(values); }

// Runs the op and returns output 0 as floats; fails the test when Run fails.
inline std::vector<float> RunFloat(OpHarness& h) {
  const Status status = h.Run();
  EXPECT_TRUE(status.ok()) << status.message();
  return status.ok() ? h.OutputAs<float>(0) : std::vector<float>{};
}

// The message of a Prepare that must fail ("" and a test failure when it succeeds).
inline std::string PrepareError(OpHarness& h) {
  const Status status = h.Prepare();
  EXPECT_FALSE(status.ok()) << "Prepare unexpectedly succeeded";
  return status.message();
}

inline void ExpectAllNear(const std::vector<float>& actual, const std::vector<float>& expected, float tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], tolerance) << "at element " << i;
  }
}

// Every element bit for bit (-0, NaN payloads and all); stops at the first that differs.
inline void ExpectBitIdentical(const std::vector<float>& actual, const std::vector<float>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    ASSERT_EQ(std::bit_cast<uint32_t>(actual[i]), std::bit_cast<uint32_t>(expected[i]))
        << "element " << i << ": " << actual[i] << " vs reference " << expected[i];
  }
}

inline std::vector<float> Iota(size_t count, float start = 0.0f) {
  std::vector<float> values(count);
  for (size_t i = 0; i < count; ++i) values[i] = start + static_cast<float>(i);
  return values;
}

// Options of CONV_2D or DEPTHWISE_CONV_2D (Conv2DOptions, DepthwiseConv2DOptions) with one stride and one
// dilation for both axes.
template <typename ConvOptions>
ConvOptions SquareConvOptions(Padding padding, int32_t stride = 1, int32_t dilation = 1,
                              Activation activation = Activation::kNone) {
  return ConvOptions{.padding = padding, .stride_w = stride, .stride_h = stride, .activation = activation,
                     .dilation_w = dilation, .dilation_h = dilation};
}

// Seeded INT8 weights in [-127, 127] and their real values scale[c] * q, where c is the output channel of
// an element: the outermost dimension, or the innermost one when `channel_last` (DEPTHWISE_CONV_2D).
struct HybridWeights {
  std::vector<int8_t> q;
  std::vector<float> real;
};
inline HybridWeights RandomHybridWeights(size_t count, const std::vector<float>& scales, bool channel_last,
                                         uint32_t seed) {
  SeededInput gen(seed);
  HybridWeights w;
  const size_t channels = scales.size();
  for (size_t i = 0; i < count; ++i) {
    const auto q = static_cast<int8_t>(std::lround(gen.Next(-127.0, 127.0)));
    const size_t c = channels == 1 ? 0 : (channel_last ? i % channels : i / (count / channels));
    w.q.push_back(q);
    w.real.push_back(scales[c] * static_cast<float>(q));
  }
  return w;
}

}  // namespace qb::testing
