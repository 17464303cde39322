// AVX2 FMA peak loop (fma_peak.h): 12 ymm accumulators, 8 float lanes each.
#include <immintrin.h>

#include "fma_peak.h"

namespace qb::bench {

int64_t FmaPeakAvx2(int64_t iterations, float* sink) {
  __m256 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm256_set1_ps(0.001f * static_cast<float>(i));
  const __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(0.0001f);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < 12; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  }
  __m256 sum = acc[0];
  for (int i = 1; i < 12; ++i) sum = _mm256_add_ps(sum, acc[i]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, sum);
  for (float v : lanes) *sink += v;
  return iterations * 12 * 8 * 2;
}

}  // namespace qb::bench
