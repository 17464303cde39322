// qgemm_folded_store_avx2: the folded epilogue of a tile (qgemm_microkernels.h), 8 channels per AVX vector
// and a last 4 per SSE vector, for x86-64 CPUs with AVX2 (this file alone is compiled with -mavx2).
// max(min, x) and min(max, y) return their second operand on ties and NaN, as std::max(x, min) and
// std::min(y, max) do.
#include <immintrin.h>

#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb {

void qgemm_folded_store_avx2(const int32_t* acc, int32_t stride, const QGemmFoldedOutput& out, int32_t n0,
                             int32_t channels) {
  const __m256 lo = _mm256_set1_ps(out.min), hi = _mm256_set1_ps(out.max);
  for (int32_t m = 0; m < out.rows; ++m) {
    const int32_t* row = acc + m * stride;
    const float* biases = out.biases[m] + n0;
    const float* scales = out.scales[m] + n0;
    const int32_t* sums = out.channel_sums + n0;
    float* y = out.outputs[m] + n0;
    const float* residual = out.residuals[m] == nullptr ? nullptr : out.residuals[m] + n0;
    const __m256i zero_point = _mm256_set1_epi32(out.zero_points[m]);
    int32_t j = 0;
    for (; j + 8 <= channels; j += 8) {
      const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + j));
      const __m256i sum = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(sums + j));
      const __m256i exact = _mm256_sub_epi32(raw, _mm256_mullo_epi32(zero_point, sum));
      const __m256 biased = _mm256_add_ps(_mm256_cvtepi32_ps(exact), _mm256_loadu_ps(biases + j));
      __m256 scaled = _mm256_mul_ps(biased, _mm256_loadu_ps(scales + j));
      if (residual != nullptr) scaled = _mm256_add_ps(scaled, _mm256_loadu_ps(residual + j));
      _mm256_storeu_ps(y + j, _mm256_min_ps(hi, _mm256_max_ps(lo, scaled)));
    }
    if (j < channels) {  // 4 left
      const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + j));
      const __m128i sum = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sums + j));
      const __m128i exact = _mm_sub_epi32(raw, _mm_mullo_epi32(_mm256_castsi256_si128(zero_point), sum));
      const __m128 biased = _mm_add_ps(_mm_cvtepi32_ps(exact), _mm_loadu_ps(biases + j));
      __m128 scaled = _mm_mul_ps(biased, _mm_loadu_ps(scales + j));
      if (residual != nullptr) scaled = _mm_add_ps(scaled, _mm_loadu_ps(residual + j));
      _mm_storeu_ps(y + j, _mm_min_ps(_mm256_castps256_ps128(hi), _mm_max_ps(_mm256_castps256_ps128(lo), scaled)));
    }
  }
}

}  // namespace qb
