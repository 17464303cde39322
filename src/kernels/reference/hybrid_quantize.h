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
// A 7-bit variant exists for one purpose: the oneDNN hybrid kernels capped below AVX-512 VNNI, whose
// u8 x s8 instruction (vpmaddubsw) saturates pairs of products in int16 on full-range u8 data but is
// exact on 7-bit data. It is the same scheme on the range [-64, 63] (255 -> 127, -128 -> -64 above), and
// the reference kernels take it as a parameter so that those kernels can be compared bit for bit.
//
// Accumulation and output, per output element and channel c, with s[c] = input_scale * filter_scale[c]:
//   acc[c] = sum over taps of (q - zero_point) * w     (int32; padded taps contribute 0)
//   out[c] = activation((float(acc[c]) + bias[c] / s[c]) * s[c])   with a bias whose bias[c] / s[c] is
//                                                                   finite and s[c] normal ("folded")
//   out[c] = activation(float(acc[c]) * s[c] + bias[c])              with any other bias
//   out[c] = activation(float(acc[c]) * s[c])                        without a bias
// evaluated in exactly that float order. The folded form is the bias in accumulator units, added before
// the scale: it is what oneDNN's int8 primitives compute with their own bias and a run-time scale (one
// post-op instead of two, 20-40% of a memory-bound layer); it differs from TensorFlow Lite's
// acc * s + bias by float rounding only (about one unit in the last place). A channel with filter scale
// 0 outputs activation(bias[c]). The per-image constants live in HybridOutputTerms.
#pragma once

#include <algorithm>
#include <cmath>
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

// The width of the quantized input: 8 bits (quantbench's hybrid semantics) or 7 (see above).
enum class HybridInputBits { k8, k7 };

struct HybridInputRange {
  int32_t min, max;  // q in [min, max]: [-128, 127] for 8 bits, [-64, 63] for 7
};
inline HybridInputRange InputRangeOf(HybridInputBits bits) {
  return bits == HybridInputBits::k8 ? HybridInputRange{-128, 127} : HybridInputRange{-64, 63};
}

// The scale and zero point of an image whose values span [lo, hi] (lo <= 0 <= hi), as above.
QuantizedImage HybridInputParameters(float lo, float hi, HybridInputBits bits = HybridInputBits::k8);

// q = clamp(nearbyint(x * inverse_scale) + zero_point) of one value, as above.
inline int32_t QuantizeHybridValue(float x, float inverse_scale, int32_t zero_point, HybridInputRange range) {
  const float rounded = std::fmin(std::fmax(std::nearbyint(x * inverse_scale), -512.0f), 512.0f);
  return std::clamp(static_cast<int32_t>(rounded) + zero_point, range.min, range.max);
}

// Quantizes n floats from x into q with the scheme above: HybridValueRangeOf, HybridInputParameters, then
// QuantizeHybridValues (or every q = 0 when hi == lo).
QuantizedImage QuantizeImageAsymmetric(const float* x, size_t n, int8_t* q,
                                       HybridInputBits bits = HybridInputBits::k8);

// Its two passes, for kernels that run them over parts of an image (on several threads, or with SIMD):
// the range lo = min(0, min x), hi = max(0, max x) of n values, NaN ignored (it never compares below or
// above); the range of a whole image is the Merge of its parts' in any order.
struct HybridValueRange {
  float lo = 0.0f, hi = 0.0f;
};
HybridValueRange HybridValueRangeOf(const float* x, size_t n);
inline HybridValueRange Merge(HybridValueRange a, HybridValueRange b) {
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}
// q[i] = QuantizeHybridValue(x[i]) for n values of an image quantized with `image` (its hi != lo).
void QuantizeHybridValues(const float* x, size_t n, const QuantizedImage& image, HybridInputBits bits, int8_t* q);

// The weights of a CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED op: FLOAT32 (a float op), or constant
// symmetric INT8 (a hybrid op) with its scale expanded to one per output channel.
struct FilterInfo {
  bool hybrid = false;
  std::vector<float> channel_scales;  // hybrid only: `channels` entries
  // hybrid only: every channel with scale 0 has only 0 weights (so its accumulator is always 0), as
  // every converter writes them.
  bool zero_scale_channels_are_empty = true;
};

// Validates a filter tensor. `channel_dim` is the output-channel dimension of the filter,
// `channels` its size.
Result<FilterInfo> PrepareFilter(const RuntimeTensor& filter, int32_t channel_dim, int32_t channels);

// The epilogue above for one image (or one fully connected row): Set once per image, then Apply per
// output element. Sized once (no allocation per inference).
class HybridOutputTerms {
 public:
  HybridOutputTerms() = default;
  explicit HybridOutputTerms(size_t channels)
      : scale_(channels), bias_in_acc_(channels), bias_(channels), folded_(channels) {}

  // Computes s[c], bias[c] / s[c] and the form of every channel; `bias` may be nullptr.
  void Set(float input_scale, const std::vector<float>& filter_scales, const float* bias);
  float Apply(int32_t acc, size_t c) const {
    return folded_[c] ? (static_cast<float>(acc) + bias_in_acc_[c]) * scale_[c]
                      : static_cast<float>(acc) * scale_[c] + bias_[c];
  }

  bool all_folded() const { return all_folded_; }
  bool folded(size_t c) const { return folded_[c] != 0; }
  float scale(size_t c) const { return scale_[c]; }
  float bias_in_accumulator_units(size_t c) const { return bias_in_acc_[c]; }  // 0 when not folded
  float unfolded_bias(size_t c) const { return bias_[c]; }                      // 0 when folded
  const float* scales() const { return scale_.data(); }                          // for vector loops
  const float* biases_in_accumulator_units() const { return bias_in_acc_.data(); }

 private:
  std::vector<float> scale_, bias_in_acc_, bias_;
  std::vector<uint8_t> folded_;
  bool all_folded_ = true;
};

}  // namespace qb
