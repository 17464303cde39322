// The two passes of the reference input quantizer in AVX2 (every x86-64 ISA cap), value for value: the
// same min/max (NaN ignored as std::min/std::max ignore it when it comes second), the same rounding
// (vcvtps2dq in the current mode = nearbyint), clamps with the same results (ScaleEight and the byte packing
// where the scale allows it, QuantizeEight elsewhere). 32 values per step: four 8-lane int32 vectors packed to
// 32 bytes; the tail uses the scalar formula.
#include "kernels/x86/hybrid_input_quantizer_avx2.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>

namespace qb {
namespace {

// Any scale: 8 values to int32 u = clamp(nearbyint(x * inverse) + zero_point, min, max) - base. Clamping
// x * inverse to [min - base - offset, max - base - offset] before rounding gives the same integer (the bounds
// are integers and rounding is monotonic), so the clamp happens in float, the rounding is vcvtps2dq's (the
// current mode = nearbyint) and the offset (zero_point - base) is added to the int32 after it: one
// instruction fewer than rounding in float first. NaN gives the lower bound (vmaxps returns its second operand for NaN), as the
// reference's clamp does; every magnitude the float clamp cuts saturates in the reference too.
inline __m256i QuantizeEight(const float* x, __m256 inverse, __m256 lower, __m256 upper, __m256i offset) {
  const __m256 scaled = _mm256_mul_ps(_mm256_loadu_ps(x), inverse);
  const __m256 clamped = _mm256_min_ps(_mm256_max_ps(scaled, lower), upper);
  return _mm256_add_epi32(_mm256_cvtps_epi32(clamped), offset);
}

// 8 values to int32 nearbyint(x * inverse) + offset, unclamped: for values whose products fit int32 (below);
// the byte packing does their clamp.
inline __m256i ScaleEight(const float* x, __m256 inverse, __m256i offset) {
  return _mm256_add_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x), inverse)), offset);
}

// Four int32 vectors of u = q - base to 32 bytes in order, saturated to [0, 255].
inline __m256i PackBytes(__m256i a, __m256i b, __m256i c, __m256i d) {
  const __m256i unshuffle = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  return _mm256_permutevar8x32_epi32(_mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d)),
                                     unshuffle);
}

// Whether the values of an image quantized with `scale` need no clamp before the float -> int32 conversion.
// They lie in the image's [lo, hi] and scale = (hi - lo) / 255 (or 127), so |x / scale| stays within 256 (a
// few float roundings above 255) whenever the scale is a normal number; an infinite scale (hi - lo overflowed)
// makes every product 0 or NaN. Only a zero or subnormal scale (an image spanning less than ~1e-36) can push a
// product past int32, where vcvtps2dq gives INT_MIN for +huge too.
inline bool ScaledValuesFitInt32(float scale) { return std::isnormal(scale) || std::isinf(scale); }

}  // namespace

HybridValueRange HybridValueRangeAvx2(const float* x, size_t n) {
  __m256 vlo[4], vhi[4];
  for (int k = 0; k < 4; ++k) vlo[k] = vhi[k] = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    for (int k = 0; k < 4; ++k) {
      const __m256 v = _mm256_loadu_ps(x + i + 8 * k);
      vlo[k] = _mm256_min_ps(v, vlo[k]);
      vhi[k] = _mm256_max_ps(v, vhi[k]);
    }
  }
  alignas(32) float los[32], his[32];
  for (int k = 0; k < 4; ++k) {
    _mm256_store_ps(los + 8 * k, vlo[k]);
    _mm256_store_ps(his + 8 * k, vhi[k]);
  }
  float l = 0.0f, h = 0.0f;
  for (int k = 0; k < 32; ++k) {
    l = std::min(l, los[k]);
    h = std::max(h, his[k]);
  }
  for (; i < n; ++i) {
    l = std::min(l, x[i]);
    h = std::max(h, x[i]);
  }
  return {l, h};
}

void QuantizeToBytesAvx2(const float* x, size_t n, const QuantizedImage& params, HybridInputRange range,
                         QuantizedByte form, uint8_t* u) {
  // Unsigned: u = q - range.min. Signed: u = q + 128 in [0, 255], whose top bit flipped is q's byte.
  const int32_t base = form == QuantizedByte::kUnsigned ? range.min : -128;
  const uint8_t flip = form == QuantizedByte::kUnsigned ? 0 : 0x80;
  const float inverse_scale = 1.0f / params.scale;
  const __m256 inverse = _mm256_set1_ps(inverse_scale);
  const int32_t offset = params.zero_point - base;
  const __m256i offset_vector = _mm256_set1_epi32(offset);
  const __m256i flip_bytes = _mm256_set1_epi8(static_cast<char>(flip));
  size_t i = 0;
  if (ScaledValuesFitInt32(params.scale)) {
    // The clamp to [range.min, range.max] on the bytes (1.3x faster than in float, 56x56x256 values): the
    // packing saturates to [0, 255], u's range for 8 bits (NaN's INT_MIN to 0, the lower bound, as in the
    // reference); 7 bits clamp the bytes once more.
    const bool full_range = range.min - base == 0 && range.max - base == 255;
    const __m256i low = _mm256_set1_epi8(static_cast<char>(range.min - base));
    const __m256i high = _mm256_set1_epi8(static_cast<char>(range.max - base));
    for (; i + 32 <= n; i += 32) {
      __m256i bytes = PackBytes(ScaleEight(x + i, inverse, offset_vector),
                                ScaleEight(x + i + 8, inverse, offset_vector),
                                ScaleEight(x + i + 16, inverse, offset_vector),
                                ScaleEight(x + i + 24, inverse, offset_vector));
      if (!full_range) bytes = _mm256_min_epu8(_mm256_max_epu8(bytes, low), high);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(u + i), _mm256_xor_si256(bytes, flip_bytes));
    }
  } else {
    const __m256 lower = _mm256_set1_ps(static_cast<float>(range.min - base - offset));
    const __m256 upper = _mm256_set1_ps(static_cast<float>(range.max - base - offset));
    for (; i + 32 <= n; i += 32) {
      const __m256i bytes = PackBytes(QuantizeEight(x + i, inverse, lower, upper, offset_vector),
                                      QuantizeEight(x + i + 8, inverse, lower, upper, offset_vector),
                                      QuantizeEight(x + i + 16, inverse, lower, upper, offset_vector),
                                      QuantizeEight(x + i + 24, inverse, lower, upper, offset_vector));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(u + i), _mm256_xor_si256(bytes, flip_bytes));
    }
  }
  for (; i < n; ++i) {
    u[i] = static_cast<uint8_t>((QuantizeHybridValue(x[i], inverse_scale, params.zero_point, range) - base) ^ flip);
  }
}

}  // namespace qb
