// The two passes of the reference input quantizer in AVX2 (every x86-64 ISA cap), value for value: the
// same min/max (NaN ignored as std::min/std::max ignore it when it comes second), the same rounding
// (vroundps in the current mode = nearbyint), clamps with the same results (QuantizeEight). 32 values per
// step: four 8-lane int32 vectors packed to 32 bytes; the tail uses the scalar formula.
#include "kernels/x86/hybrid_input_quantizer_avx2.h"

#include <immintrin.h>

#include <algorithm>

namespace qb {
namespace {

// 8 values to int32 u = clamp(nearbyint(x * inverse) + zero_point, min, max) - base, computed in float:
// nearbyint(x * inverse) + (zero_point - base) is exact below 2^24, and every larger magnitude saturates
// either way, so clamping to [min - base, max - base] in float equals the reference's [-512, 512] clamp
// followed by the integer clamp; NaN gives min - base in both (vmaxps returns its second operand for NaN).
inline __m256i QuantizeEight(const float* x, __m256 inverse, __m256 offset, __m256 u_min, __m256 u_max) {
  const __m256 scaled = _mm256_mul_ps(_mm256_loadu_ps(x), inverse);
  const __m256 rounded = _mm256_round_ps(scaled, _MM_FROUND_CUR_DIRECTION | _MM_FROUND_NO_EXC);
  const __m256 u = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(rounded, offset), u_min), u_max);
  return _mm256_cvtps_epi32(u);
}

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
  const __m256 offset = _mm256_set1_ps(static_cast<float>(params.zero_point - base));
  const __m256 u_min = _mm256_set1_ps(static_cast<float>(range.min - base));
  const __m256 u_max = _mm256_set1_ps(static_cast<float>(range.max - base));
  const __m256i unshuffle = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  const __m256i flip_bytes = _mm256_set1_epi8(static_cast<char>(flip));
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i a = QuantizeEight(x + i, inverse, offset, u_min, u_max);
    const __m256i b = QuantizeEight(x + i + 8, inverse, offset, u_min, u_max);
    const __m256i c = QuantizeEight(x + i + 16, inverse, offset, u_min, u_max);
    const __m256i d = QuantizeEight(x + i + 24, inverse, offset, u_min, u_max);
    const __m256i bytes = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(u + i),
                        _mm256_xor_si256(_mm256_permutevar8x32_epi32(bytes, unshuffle), flip_bytes));
  }
  for (; i < n; ++i) {
    u[i] = static_cast<uint8_t>((QuantizeHybridValue(x[i], inverse_scale, params.zero_point, range) - base) ^ flip);
  }
}

}  // namespace qb
