// qgemm_folded_store_avx2: the folded epilogue of a 4x4 tile (qgemm_microkernels.h), 4 channels per SSE
// vector, for x86-64 CPUs with AVX2 (this file alone is compiled with -mavx2). max(min, x) and
// min(max, y) return their second operand on ties and NaN, as std::max(x, min) and std::min(y, max) do.
#include <immintrin.h>

#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb {

void qgemm_folded_store_avx2(const int32_t acc[kQGemmRows][kQGemmChannels], const QGemmFoldedOutput& out,
                             int32_t n0) {
  static_assert(kQGemmChannels == 4);
  const __m128i sums = _mm_loadu_si128(reinterpret_cast<const __m128i*>(out.channel_sums + n0));
  const __m128 lo = _mm_set1_ps(out.min), hi = _mm_set1_ps(out.max);
  for (int32_t m = 0; m < out.rows; ++m) {
    const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(acc[m]));
    const __m128i exact = _mm_sub_epi32(raw, _mm_mullo_epi32(_mm_set1_epi32(out.zero_points[m]), sums));
    const __m128 biased = _mm_add_ps(_mm_cvtepi32_ps(exact), _mm_loadu_ps(out.biases[m] + n0));
    const __m128 scaled = _mm_mul_ps(biased, _mm_loadu_ps(out.scales[m] + n0));
    _mm_storeu_ps(out.outputs[m] + n0, _mm_min_ps(hi, _mm_max_ps(lo, scaled)));
  }
}

}  // namespace qb
