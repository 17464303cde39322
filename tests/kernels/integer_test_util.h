// Helpers of the integer kernel tests: seeded quantized data, dequantize/quantize in float, an output
// quantization that spans a float result, and a within-1-LSB comparison.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/seeded_input.h"
#include "../support/op_harness.h"

namespace qb::testing {

// Random values over T's whole range (or [lo, hi]).
template <typename T>
std::vector<T> RandomQuantized(size_t count, uint32_t seed, int lo = std::numeric_limits<T>::min(),
                               int hi = std::numeric_limits<T>::max()) {
  SeededInput gen(seed);
  std::vector<T> values(count);
  for (auto& v : values) {
    v = static_cast<T>(std::clamp(static_cast<int>(std::floor(gen.Next(lo, hi + 1.0))), lo, hi));
  }
  return values;
}

template <typename T>
std::vector<double> Dequantize(const std::vector<T>& q, double scale, int64_t zero_point) {
  std::vector<double> real(q.size());
  for (size_t i = 0; i < q.size(); ++i) real[i] = scale * (static_cast<double>(q[i]) - zero_point);
  return real;
}

// round-half-away-from-zero quantization of one value, clamped to T.
template <typename T>
T QuantizeOne(double real, double scale, int64_t zero_point) {
  const double q = std::round(real / scale) + static_cast<double>(zero_point);
  return static_cast<T>(std::clamp<double>(q, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

template <typename T>
std::vector<T> QuantizeAll(const std::vector<double>& real, double scale, int64_t zero_point) {
  std::vector<T> q(real.size());
  for (size_t i = 0; i < real.size(); ++i) q[i] = QuantizeOne<T>(real[i], scale, zero_point);
  return q;
}

// A per-tensor quantization of T whose range covers [min(values), max(values)] and 0.
template <typename T>
Quantization SpanningQuant(const std::vector<double>& values) {
  double lo = 0.0, hi = 0.0;
  for (double v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  const double qmin = std::numeric_limits<T>::min(), qmax = std::numeric_limits<T>::max();
  const double scale = std::max(hi - lo, 1e-3) / (qmax - qmin);
  const auto zero_point = static_cast<int64_t>(std::clamp(std::round(qmin - lo / scale), qmin, qmax));
  return Quant({static_cast<float>(scale)}, {zero_point});
}

// Quantizes `expected` with `quant` and checks each output is within 1 LSB; returns how many differ.
template <typename T>
int ExpectWithinOneLsb(const std::vector<T>& actual, const std::vector<double>& expected, const Quantization& quant) {
  EXPECT_EQ(actual.size(), expected.size());
  int differing = 0;
  for (size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
    const int want = QuantizeOne<T>(expected[i], quant.scale[0], quant.zero_point[0]);
    EXPECT_LE(std::abs(static_cast<int>(actual[i]) - want), 1) << "at " << i << ": real " << expected[i];
    differing += actual[i] != want;
  }
  return differing;
}

// A fused activation applied in float.
inline double ApplyActivation(Activation activation, double v) {
  switch (activation) {
    case Activation::kRelu: return std::max(v, 0.0);
    case Activation::kRelu6: return std::clamp(v, 0.0, 6.0);
    case Activation::kReluN1To1: return std::clamp(v, -1.0, 1.0);
    default: return v;
  }
}

// TensorFlow Lite's output size of a window, and the padding before it.
inline int32_t WindowOut(Padding padding, int32_t in, int32_t k, int32_t stride, int32_t dilation = 1) {
  const int32_t eff = (k - 1) * dilation + 1;
  return padding == Padding::kSame ? (in + stride - 1) / stride : (in - eff) / stride + 1;
}
inline int32_t WindowPad(int32_t out, int32_t in, int32_t k, int32_t stride, int32_t dilation = 1) {
  return std::max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0) / 2;
}

template <typename T>
constexpr DType TypeOf() {
  return std::is_same_v<T, int8_t> ? DType::kInt8 : DType::kUInt8;
}

}  // namespace qb::testing
