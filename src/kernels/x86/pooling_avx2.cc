// pooling_avx2.h. The per-channel expressions are the reference's, as vector instructions with the same
// result for every input, NaN included: std::max(acc, v) = (acc < v) ? v : acc = vmaxps(v, acc);
// std::max(x, lo) = vmaxps(lo, x); std::min(y, hi) = (hi < y) ? hi : y = vminps(hi, y); the sum in tap
// order and one IEEE division (vdivps).
#include "kernels/x86/pooling_avx2.h"

#include <immintrin.h>

#include <limits>

namespace qb {
namespace {

constexpr int32_t kBlock = 32;  // 4 vectors of 8 channels

template <bool kMax>
void PoolPixel(const float* const* taps, int32_t tap_count, int32_t channels, float lo, float hi, float* out) {
  const float init = kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
  const __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
  const __m256 divisor = _mm256_set1_ps(static_cast<float>(tap_count));
  auto finish = [&](__m256 acc) {
    if (!kMax) acc = tap_count > 0 ? _mm256_div_ps(acc, divisor) : _mm256_setzero_ps();
    return _mm256_min_ps(vhi, _mm256_max_ps(vlo, acc));
  };
  int32_t c = 0;
  for (; c + kBlock <= channels; c += kBlock) {
    __m256 a0 = _mm256_set1_ps(init), a1 = a0, a2 = a0, a3 = a0;
    for (int32_t t = 0; t < tap_count; ++t) {
      const float* p = taps[t] + c;
      const __m256 v0 = _mm256_loadu_ps(p), v1 = _mm256_loadu_ps(p + 8), v2 = _mm256_loadu_ps(p + 16),
                   v3 = _mm256_loadu_ps(p + 24);
      if (kMax) {
        a0 = _mm256_max_ps(v0, a0);
        a1 = _mm256_max_ps(v1, a1);
        a2 = _mm256_max_ps(v2, a2);
        a3 = _mm256_max_ps(v3, a3);
      } else {
        a0 = _mm256_add_ps(a0, v0);
        a1 = _mm256_add_ps(a1, v1);
        a2 = _mm256_add_ps(a2, v2);
        a3 = _mm256_add_ps(a3, v3);
      }
    }
    _mm256_storeu_ps(out + c, finish(a0));
    _mm256_storeu_ps(out + c + 8, finish(a1));
    _mm256_storeu_ps(out + c + 16, finish(a2));
    _mm256_storeu_ps(out + c + 24, finish(a3));
  }
  for (; c + 8 <= channels; c += 8) {
    __m256 a = _mm256_set1_ps(init);
    for (int32_t t = 0; t < tap_count; ++t) {
      const __m256 v = _mm256_loadu_ps(taps[t] + c);
      a = kMax ? _mm256_max_ps(v, a) : _mm256_add_ps(a, v);
    }
    _mm256_storeu_ps(out + c, finish(a));
  }
  for (; c < channels; ++c) {
    float a = init;
    for (int32_t t = 0; t < tap_count; ++t) {
      const float v = taps[t][c];
      a = kMax ? (a < v ? v : a) : a + v;
    }
    if (!kMax) a = tap_count > 0 ? a / static_cast<float>(tap_count) : 0.0f;
    a = a < lo ? lo : a;
    out[c] = hi < a ? hi : a;
  }
}

}  // namespace

void maxpool_pixel_f32_avx2(const float* const* taps, int32_t tap_count, int32_t channels, float lo, float hi,
                            float* out) {
  PoolPixel<true>(taps, tap_count, channels, lo, hi, out);
}

void avgpool_pixel_f32_avx2(const float* const* taps, int32_t tap_count, int32_t channels, float lo, float hi,
                            float* out) {
  PoolPixel<false>(taps, tap_count, channels, lo, hi, out);
}

}  // namespace qb
