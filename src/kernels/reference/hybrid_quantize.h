// Hybrid (dynamic-range) execution of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED: float32 input and
// output, constant INT8 weights. This header defines quantbench's hybrid semantics; every optimized hybrid
// kernel (oneDNN, NEON, dotprod) must reproduce the integer accumulations of this reference bit for bit.
//
// Weights: INT8, symmetric (every zero point 0), one scale per tensor or one per output channel
// (quantized_dimension 0 for CONV_2D and FULLY_CONNECTED filters, 3 for DEPTHWISE_CONV_2D).
//
// Input: quantized asymmetrically to INT8 per image (one batch element of a convolution, one row of K
// values of a fully connected layer), with float32 arithmetic throughout:
//   lo = min(0, min x), hi = max(0, max x)
//   if hi == lo (every x is 0, or the image is empty): scale = 1, zero_point = 0, every q = 0
//   else: scale      = (hi - lo) / 255.0f
//         zero_point = clamp(nearbyint(-128.0f - lo / scale), -128, 127)
//         q          = clamp(nearbyint(x * (1.0f / scale)) + zero_point, -128, 127)
// nearbyint rounds half to even (the default rounding mode). The rounded product is first clamped to
// [-512, 512] in float, which changes no result but keeps the float->int conversion defined for huge or
// NaN inputs (NaN becomes -512; NaN inputs give unspecified but defined results).
// Because 0 is inside [lo, hi], x = 0 quantizes exactly to zero_point, so implicit zero padding of a
// convolution contributes 0 to the accumulator.
//
// Accumulation and output, per output element and channel c:
//   acc[c] = sum over taps of (q - zero_point) * w     (int32; padded taps contribute 0)
//   out[c] = activation(float(acc[c]) * (input_scale * filter_scale[c]) + bias[c])
// evaluated in exactly that float order (the bias add is skipped when there is no bias).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "kernels/kernel.h"

namespace qb {

struct QuantizedImage {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// Quantizes n floats from x into q with the scheme above.
QuantizedImage QuantizeImageAsymmetric(const float* x, size_t n, int8_t* q);

// The weights of a CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED op: FLOAT32 (a float op), or constant
// symmetric INT8 (a hybrid op) with its scale expanded to one per output channel.
struct FilterInfo {
  bool hybrid = false;
  std::vector<float> channel_scales;  // hybrid only: `channels` entries
};

// Validates a filter tensor. `channel_dim` is the output-channel dimension of the filter,
// `channels` its size.
Result<FilterInfo> PrepareFilter(const RuntimeTensor& filter, int32_t channel_dim, int32_t channels);

// out = float(acc) * (input_scale * filter_scale) + bias, in that order; bias may be nullptr.
inline float HybridRescale(int32_t acc, float input_scale, float filter_scale, const float* bias, int32_t c) {
  float value = static_cast<float>(acc) * (input_scale * filter_scale);
  if (bias != nullptr) value += bias[c];
  return value;
}

}  // namespace qb
